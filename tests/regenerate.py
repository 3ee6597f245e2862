"""Regenerate the reviewed expectations: golden TEI per seed and the convention fixtures.

    .venv/bin/python tests/regenerate.py

Review `git diff tests/` before committing: these files are the encoder's specification.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tei.api import encode_document  # noqa: E402
from tests.fixture_format import ALL_FIXTURES, SEPARATOR, body_fragment, preset_of, read_fixture  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> None:
    for seed in sorted((HERE.parent / "seeds").glob("*.txt")):
        encoded = encode_document(seed.read_text(encoding="utf-8"), str(seed.relative_to(HERE.parent)))
        (HERE / "golden" / f"{seed.stem}.xml").write_bytes(encoded.tei)
    for fixture in ALL_FIXTURES:
        source, _ = read_fixture(fixture)
        with fixture.open("w", encoding="utf-8", newline="") as file:
            file.write(source.removesuffix("\n") + SEPARATOR + body_fragment(source, preset_of(fixture)) + "\n")


if __name__ == "__main__":
    main()
