"""Benchmark: validating documents with thousands of problems stays linear in their size.

    .venv/bin/python benchmarks/validate_problems.py

The issue's reproducer: the TEI of `'Text ' + '~~~~' * N` (one empty `del` per `~~~~`, each a
`not-empty` problem), and the same count of empty deletions written straight into the edition's
minimal document, so the row does not depend on what the encoder makes of `~~~~`. Prints the
median of 5 in-process checks (schemas compiled beforehand), the time per KB, and its ratio to the
lxml parse of the same bytes measured in the same run: linear time keeps both flat as N grows.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

import tei  # noqa: E402
from tei.validate import get_validator  # noqa: E402
from tei.xmlsafe import parse_xml  # noqa: E402

RUNS = 5
SIZES = (1000, 2000, 4000, 8000)
MINIMAL = (ROOT / "tests" / "invalid" / "passing" / "minimal.xml").read_text(encoding="utf-8")


def encoded(count: int) -> bytes:
    return etree.tostring(tei.encode("Text " + "~~~~" * count, name="tildes.txt"), encoding="utf-8")


def written(count: int) -> bytes:
    paragraph = "<p>Text " + '<del rend="strikethrough"/>' * count + "</p>\n"
    return MINIMAL.replace("<closer>", paragraph + "<closer>", 1).encode("utf-8")


def median_seconds(run) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def row(label: str, count: int, data: bytes) -> str:
    validator = get_validator()
    problems = validator.check_bytes(data, "doc.xml").problems
    check = median_seconds(lambda: validator.check_bytes(data, "doc.xml"))
    parse = median_seconds(lambda: parse_xml(data))
    kb = len(data) / 1024
    return (f"| {label} | {count:,} | {kb:.0f} | {len(problems)} | {check * 1000:.1f} | "
            f"{check * 1000 / kb:.3f} | {parse * 1000:.2f} | {check / parse:.0f}× |")


def main() -> int:
    print("| document | N | KB | problems listed | check ms | ms per KB | lxml parse ms | ratio to parse |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, make in (("TEI of 'Text ' + '~~~~' × N", encoded), ("N empty del written", written)):
        for count in SIZES:
            print(row(label, count, make(count)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
