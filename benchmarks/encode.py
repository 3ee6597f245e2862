"""Encoder throughput against a floor: lxml parsing and serialising the same TEI.

    .venv/bin/python benchmarks/encode.py [--runs 5] [--documents 1000]

Prints documents/s, MB/s (of source text), median ms per document, ms per KB of source, and
the ratio of the encoder's time to the floor's time, for the seeds, a synthetic corpus, and
"pathological" inputs: 50 KB paragraphs made of one delimiter repeated ('Para ' + '[x' * 25000
+ ' end.' and its kin). Pairing is linear, so a pathological KB must cost at most 2x a synthetic
KB; the last line says whether it does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402

from benchmarks.corpus import document  # noqa: E402
from tei.api import encode_document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _median_seconds(work, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


PATHOLOGICAL_REPEATS = 25_000  # 50 KB of a two-character shape
PATHOLOGICAL = ("[x", "[[", "x]", "~~x", "*x", "[handwritten: ", "<del>", "[x]", "[SIC]")


def pathological_texts(repeats: int = PATHOLOGICAL_REPEATS) -> list[str]:
    """One paragraph per shape: delimiters that never pair, nest deeply, or pair thousands of times."""
    return ["Para " + shape * repeats + " end." for shape in PATHOLOGICAL]


def measure(name: str, texts: list[str], runs: int) -> dict:
    outputs = [encode_document(text, f"doc{i}.txt").tei for i, text in enumerate(texts)]
    encoder = _median_seconds(lambda: [encode_document(t, "doc.txt") for t in texts], runs)
    floor = _median_seconds(lambda: [etree.tostring(etree.fromstring(o)) for o in outputs], runs)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    return {"corpus": name, "documents": len(texts), "MB": megabytes,
            "docs/s": len(texts) / encoder, "MB/s": megabytes / encoder,
            "ms/doc": 1000 * encoder / len(texts), "floor ms/doc": 1000 * floor / len(texts),
            "ms/KB": encoder / megabytes, "ratio": encoder / floor}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args(argv)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    synthetic = [document(n) for n in range(args.documents)]
    rows = [measure("seeds", seeds, args.runs), measure("synthetic", synthetic, args.runs),
            measure("pathological", pathological_texts(), args.runs)]
    columns = list(rows[0])
    print(f"median of {args.runs} runs; floor = lxml fromstring + tostring of the same TEI output")
    print(" | ".join(f"{c:>12}" for c in columns))
    for row in rows:
        print(" | ".join(f"{v:>12.3f}" if isinstance(v, float) else f"{v!s:>12}" for v in row.values()))
    per_kb = rows[2]["ms/KB"] / rows[1]["ms/KB"]
    print(f"pathological / synthetic time per KB: {per_kb:.2f}x (goal: at most 2x) "
          f"{'ok' if per_kb <= 2 else 'OVER THE GOAL'}")
    print_command_rows(synthetic, args.runs)


FLOOR_PROCESS = """
import sys
from pathlib import Path
from lxml import etree
out = Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(Path(sys.argv[1]).glob("*.xml")):
    (out / path.name).write_bytes(etree.tostring(etree.parse(str(path))))
"""


def measure_command(texts: list[str], runs: int, jobs: str = "") -> dict:
    """`tei encode FOLDER` as a whole process against a whole process that only parses and
    serialises the same TEI with lxml (one process, files in and out), alternating."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        sources, tei = Path(scratch, "sources"), Path(scratch, "tei")
        sources.mkdir()
        for number, text in enumerate(texts):
            (sources / f"doc{number:05}.txt").write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "tei", "encode", "-q", str(sources), "-o", str(tei)]
        command += ["-j", jobs] if jobs else []
        quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(command, **quiet)
        floor_command = [sys.executable, "-c", FLOOR_PROCESS, str(tei), str(Path(scratch, "floor"))]
        encode_runs, floor_runs = [], []
        for _ in range(runs):
            encode_runs.append(_median_seconds(lambda: subprocess.run(command, **quiet), 1))
            floor_runs.append(_median_seconds(lambda: subprocess.run(floor_command, **quiet), 1))
    encode, floor = statistics.median(encode_runs), statistics.median(floor_runs)
    return {"measurement": f"tei encode FOLDER -j {jobs or 'default'}", "documents": len(texts),
            "process s": encode, "floor process s": floor, "ratio": encode / floor}


def print_command_rows(texts: list[str], runs: int) -> None:
    rows = [measure_command(texts, runs), measure_command(texts, runs, "1")]
    print(f"whole processes, median of {runs}; floor = one process parsing and serialising the same TEI files")
    print(" | ".join(f"{c:>14}" for c in rows[0]))
    for row in rows:
        print(" | ".join(f"{v:>14.3f}" if isinstance(v, float) else f"{v!s:>14}" for v in row.values()))


if __name__ == "__main__":
    main()
