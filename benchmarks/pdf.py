"""Benchmark of the print edition: pages per second, against WeasyPrint alone as the floor.

    .venv/bin/python benchmarks/pdf.py [--runs 3] [--synthetic 200]

Two volumes: the seeds (the encoder's TEI) and a synthetic volume of `--synthetic`
documents (benchmarks/corpus.py transcriptions, encoded by the encoder). For each, every
run times `render_volume` end to end (XSLT 3.0 in saxonche + WeasyPrint layout + PDF/A
writing) and, on its own, the floor: WeasyPrint laying out and writing the very XHTML the
stylesheet made, with the same options (the two alternate which runs first). The XSLT's
cost is the ratio of the two, and is also timed alone (XSLT s). Prints
the medians of the runs; the stylesheet is compiled and WeasyPrint warmed up (fonts,
hyphenation dictionaries) before the first timed run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from tei.render.pdf import (  # noqa: E402
    PdfOptions,
    TeiSource,
    print_stylesheet,
    render_volume,
    tei_to_xhtml,
    xhtml_to_pdf,
)
from tei.xmlsafe import parse_xml  # noqa: E402


@dataclass(frozen=True)
class Row:
    name: str
    documents: int
    pages: int
    pipeline: float  # median seconds, render_volume
    floor: float  # median seconds, WeasyPrint alone on the same XHTML
    xslt: float  # median seconds, the stylesheet alone

    def cells(self) -> list[str]:
        return [self.name, str(self.documents), str(self.pages),
                f"{self.pipeline:.2f}", f"{self.pages / self.pipeline:.2f}",
                f"{self.floor:.2f}", f"{self.pages / self.floor:.2f}",
                f"{self.xslt:.3f}", f"{100 * self.xslt / self.floor:.1f} %",
                f"{self.pipeline / self.floor:.3f}"]


HEADERS = ["volume", "docs", "pages", "tei pdf s", "pages/s", "floor s", "floor pages/s",
           "XSLT s", "XSLT / floor", "ratio to floor"]


def sources_from(documents: dict[str, bytes]) -> list[TeiSource]:
    return [TeiSource(Path(f"{name}.xml"), data, parse_xml(data, name))
            for name, data in documents.items()]


def seed_documents() -> dict[str, bytes]:
    from tei.api import encode_document

    return {path.stem: encode_document(path.read_text(encoding="utf-8"), path.name).tei
            for path in sorted((ROOT / "seeds").glob("*.txt"))}


def synthetic_documents(count: int) -> dict[str, bytes]:
    from benchmarks.corpus import document
    from tei.api import encode_document

    return {f"doc-{n:05d}": encode_document(document(n), f"doc-{n:05d}.txt").tei
            for n in range(count)}


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def measure(name: str, sources: list[TeiSource], runs: int, options: PdfOptions) -> Row:
    pipeline, floor, xslt, pages = [], [], [], 0
    render_volume(sources[:2], options)  # warm up: fonts, hyphenation dictionaries, caches
    seconds, xhtml = timed(tei_to_xhtml, sources, options, "volume")
    for run in range(runs):
        # Alternate which goes first, so that neither gains from the other's warm caches.
        if run % 2:
            floor.append(timed(xhtml_to_pdf, xhtml, sources, options)[0])
        seconds, pdf = timed(render_volume, sources, options)
        pipeline.append(seconds)
        if not run % 2:
            floor.append(timed(xhtml_to_pdf, xhtml, sources, options)[0])
        seconds, xhtml = timed(tei_to_xhtml, sources, options, "volume")
        xslt.append(seconds)
        with tempfile.TemporaryFile() as handle:
            handle.write(pdf)
            pages = len(PdfReader(handle).pages)
    return Row(name, len(sources), pages, statistics.median(pipeline),
               statistics.median(floor), statistics.median(xslt))


def print_table(rows: list[Row]) -> None:
    table = [HEADERS] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    for number, line in enumerate(table):
        print("| " + " | ".join(cell.rjust(width) for cell, width in zip(line, widths,
                                                                         strict=True)) + " |")
        if number == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per volume (median; ≥ 3)")
    parser.add_argument("--synthetic", type=int, default=200, help="documents in the large volume")
    args = parser.parse_args()
    options = PdfOptions(title="Benchmark volume")
    print_stylesheet()  # compiled once per process, before anything is timed
    rows = [measure("seeds", sources_from(seed_documents()), args.runs, options)]
    if args.synthetic:
        synthetic = sources_from(synthetic_documents(args.synthetic))
        rows.append(measure(f"synthetic-{args.synthetic}", synthetic, args.runs, options))
    print(f"median of {args.runs} runs; floor = WeasyPrint alone on the same XHTML "
          "(layout + PDF/A-3b writing)")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
