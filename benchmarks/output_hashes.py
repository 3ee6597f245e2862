"""A hash of everything the encoder gives, to show that a change made for speed changed no output.

    .venv/bin/python benchmarks/output_hashes.py [--each]

Run it on two versions (two checkouts, or before and after a change) and compare the lines: one
hash per group of inputs (the seeds as bytes and as text, every fixture with and without name
recognition, 1,000 synthetic documents, the pathological shapes of benchmarks/encode.py at full
size and small, at the start and the end of a text), and one of all. Each covers the TEI bytes, the
findings, the occurrences of the conventions report, the alignment rows and the names and dates to
review. `--each` prints a line per document too, to find the one that differs.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import document  # noqa: E402
from benchmarks.encode import PATHOLOGICAL, pathological_texts  # noqa: E402
from tei.api import Encoded, encode_document  # noqa: E402
from tests.fixture_format import ALL_FIXTURES, preset_of, read_fixture  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def digest(encoded: Encoded) -> str:
    found = hashlib.sha256(encoded.tei)
    for part in (encoded.diagnostics, encoded.occurrences, encoded.alignment, encoded.review):
        found.update(repr(part).encode())
    return found.hexdigest()


def groups() -> dict[str, list[Encoded]]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    fixtures = [(read_fixture(path)[0], path) for path in ALL_FIXTURES]
    small = [f"Para {shape * 50} end.\n\n{shape * 7}" for shape in (*PATHOLOGICAL, "~~", "**", "*", "[", "]")]
    return {
        "seeds": [encode_document(path.read_bytes(), path.name) for path in seeds],
        "seeds as text": [encode_document(path.read_text(encoding="utf-8"), path.name) for path in seeds],
        "fixtures": [encode_document(text, path.name, preset=preset_of(path)) for text, path in fixtures],
        "fixtures, no names": [encode_document(text, path.name, preset=preset_of(path), names=False)
                               for text, path in fixtures],
        "synthetic": [encode_document(document(n), f"doc{n:05}.txt") for n in range(1000)],
        "pathological": [encode_document(text, "shape.txt") for text in pathological_texts()],
        "pathological, small": [encode_document(text, "shape.txt") for text in small],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", action="store_true", help="a line per document as well")
    args = parser.parse_args(argv)
    everything = hashlib.sha256()
    for name, encoded in groups().items():
        group = hashlib.sha256()
        for one in encoded:
            group.update(digest(one).encode())
            if args.each:
                print(f"  {name} {one.name} {digest(one)[:16]}")
        everything.update(group.digest())
        print(f"{name:20} {len(encoded):5} {group.hexdigest()[:16]}")
    print(f"{'all':20} {'':5} {everything.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
