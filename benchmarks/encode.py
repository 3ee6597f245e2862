"""Encoder throughput against a floor: lxml parsing and serialising the same TEI.

    .venv/bin/python benchmarks/encode.py [--runs 5] [--documents 1000]

Prints documents/s, MB/s (of source text), median ms per document, and the ratio of
the encoder's time to the floor's time, for the seeds and for a synthetic corpus.
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


def measure(name: str, texts: list[str], runs: int) -> dict:
    outputs = [encode_document(text, f"doc{i}.txt").tei for i, text in enumerate(texts)]
    encoder = _median_seconds(lambda: [encode_document(t, "doc.txt") for t in texts], runs)
    floor = _median_seconds(lambda: [etree.tostring(etree.fromstring(o)) for o in outputs], runs)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    return {"corpus": name, "documents": len(texts), "MB": megabytes,
            "docs/s": len(texts) / encoder, "MB/s": megabytes / encoder,
            "ms/doc": 1000 * encoder / len(texts), "floor ms/doc": 1000 * floor / len(texts),
            "ratio": encoder / floor}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args(argv)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    synthetic = [document(n) for n in range(args.documents)]
    rows = [measure("seeds", seeds, args.runs), measure("synthetic", synthetic, args.runs)]
    columns = list(rows[0])
    print(f"median of {args.runs} runs; floor = lxml fromstring + tostring of the same TEI output")
    print(" | ".join(f"{c:>12}" for c in columns))
    for row in rows:
        print(" | ".join(f"{v:>12.3f}" if isinstance(v, float) else f"{v!s:>12}" for v in row.values()))


if __name__ == "__main__":
    main()
