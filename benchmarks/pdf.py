"""Benchmark of the print engine: Typst against WeasyPrint on the same volume, whole processes.

    .venv/bin/python benchmarks/pdf.py [--runs 3] [--synthetic 200] [--only-notes]

Needs the `bench` extra (WeasyPrint, the baseline). Two volumes: the seeds (the encoder's TEI)
and a synthetic volume of `--synthetic` documents (benchmarks/corpus.py transcriptions,
encoded). Each run starts one fresh Python process per engine and times it from start to
exit: reading and parsing the TEI, the print XSLT (the same XHTML for both), then either the
product's path (`tei.render.pdf.render_volume`: Typst with xslt/print/edition.typ, PDF/A-3a +
PDF/UA-1) or the baseline (WeasyPrint laying out that XHTML with benchmarks/pdf_baseline.css,
the print stylesheet it used before Typst, writing tagged PDF/A-3b with the TEI attached). The
two alternate which runs first. Prints medians of wall-clock and of CPU seconds (user + system,
all threads: on a shared machine the steadier figure), pages and pages per second of each
engine (each counts its own PDF's pages), and the ratios.

Then, Typst only and in this process (after a warm-up), one document with few notes and one
with many (benchmarks/notes.py): CPU milliseconds of the print XSLT and of Typst, and per note.
Printing is linear in the number of notes when the per-note figures are close.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.notes import FEW_NOTES, MANY_NOTES  # noqa: E402

ENGINES = ("typst", "weasyprint")
BASELINE_CSS = Path(__file__).resolve().parent / "pdf_baseline.css"


# ---------------------------------------------------------------- the child processes

def typst_volume(tei_dir: Path) -> bytes:
    from tei.render.pdf import PdfOptions, load_tei, render_volume

    sources = [load_tei(path) for path in sorted(tei_dir.glob("*.xml"))]
    return render_volume(sources, PdfOptions(title="Benchmark volume"))


def weasyprint_volume(tei_dir: Path) -> bytes:
    from lxml import etree
    from weasyprint import HTML, Attachment

    from tei.render.pdf import PdfOptions, load_tei, tei_to_xhtml

    options = PdfOptions(title="Benchmark volume")
    sources = [load_tei(path) for path in sorted(tei_dir.glob("*.xml"))]
    page = etree.fromstring(tei_to_xhtml(sources, options, "volume").encode())
    head = page.find("{http://www.w3.org/1999/xhtml}head")
    etree.SubElement(head, "link", rel="stylesheet", href=BASELINE_CSS.name)
    style = etree.SubElement(head, "style")
    style.text = (f"@page {{ size: {options.page_size}; }} "
                  f'@page :left {{ @top-center {{ content: "{options.title}" }} }}')
    attachments = [Attachment(file_obj=io.BytesIO(source.data), name=source.path.name,
                              relationship="Source") for source in sources]
    document = HTML(string=etree.tostring(page, encoding="unicode"),
                    base_url=BASELINE_CSS.parent.as_uri() + "/").render()
    return document.write_pdf(pdf_variant="pdf/a-3b", pdf_tags=True, attachments=attachments)


def child(engine: str, tei_dir: Path, out: Path) -> int:
    import logging
    import warnings

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")  # WeasyPrint's unclosed colour profile, not ours to fix
    make = typst_volume if engine == "typst" else weasyprint_volume
    out.write_bytes(make(tei_dir))
    return 0


# ---------------------------------------------------------------- the parent

@dataclass(frozen=True)
class Row:
    name: str
    documents: int
    pages: dict[str, int]
    seconds: dict[str, float]  # median wall-clock seconds of the whole process
    cpu: dict[str, float]  # median CPU seconds (user + system) of the whole process

    def rate(self, engine: str, clock: dict[str, float]) -> float:
        return self.pages[engine] / clock[engine]

    def cells(self) -> list[str]:
        cells = [self.name, str(self.documents)]
        for engine in ENGINES:
            cells += [str(self.pages[engine]), f"{self.seconds[engine]:.2f}", f"{self.cpu[engine]:.2f}",
                      f"{self.rate(engine, self.seconds):.1f}"]
        return cells + [f"{self.rate('typst', clock) / self.rate('weasyprint', clock):.1f}×"
                        for clock in (self.seconds, self.cpu)]


HEADERS = ["volume", "docs", "Typst pages", "Typst wall s", "Typst CPU s", "Typst pages/s",
           "WeasyPrint pages", "WeasyPrint wall s", "WeasyPrint CPU s", "WeasyPrint pages/s",
           "ratio pages/s (wall)", "ratio pages/CPU s"]


def write_tei(folder: Path, documents: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, data in documents.items():
        (folder / f"{name}.xml").write_bytes(data)
    return folder


def seed_documents() -> dict[str, bytes]:
    from tei.api import encode_document

    return {path.stem: encode_document(path.read_text(encoding="utf-8"), path.name).tei
            for path in sorted((ROOT / "seeds").glob("*.txt"))}


def synthetic_documents(count: int) -> dict[str, bytes]:
    from benchmarks.corpus import document
    from tei.api import encode_document

    return {f"doc-{n:05d}": encode_document(document(n), f"doc-{n:05d}.txt").tei
            for n in range(count)}


def run_engine(engine: str, tei_dir: Path, out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, all threads) of one whole child process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, "--child", engine, str(tei_dir), str(out)])
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the {engine} process failed with status {process.returncode}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def measure(name: str, tei_dir: Path, runs: int, scratch: Path) -> Row:
    from pypdf import PdfReader

    times: dict[str, list[tuple[float, float]]] = {engine: [] for engine in ENGINES}
    outputs = {engine: scratch / f"{name}-{engine}.pdf" for engine in ENGINES}
    for run in range(runs):
        # Alternate which goes first, so that neither gains from the other's warm page cache.
        for engine in ENGINES if run % 2 == 0 else ENGINES[::-1]:
            times[engine].append(run_engine(engine, tei_dir, outputs[engine]))
    pages = {engine: len(PdfReader(outputs[engine]).pages) for engine in ENGINES}
    return Row(name, len(list(tei_dir.glob("*.xml"))), pages,
               {engine: statistics.median(wall for wall, _ in values) for engine, values in times.items()},
               {engine: statistics.median(cpu for _, cpu in values) for engine, values in times.items()})


def print_table(rows: list[Row]) -> None:
    table = [HEADERS] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    for number, line in enumerate(table):
        print("| " + " | ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True)) + " |")
        if number == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")


def notes_row(count: int, runs: int, scratch: Path) -> tuple:
    """(notes, pages, XSLT CPU ms, Typst CPU ms, total CPU ms per note): medians, in process."""
    from pypdf import PdfReader

    from benchmarks.notes import notes_document
    from tei.render.pdf import PdfOptions, load_tei, tei_to_xhtml, xhtml_to_pdf

    path = scratch / f"notes-{count}.xml"
    path.write_bytes(notes_document(count))
    source, options = load_tei(path), PdfOptions()
    xslt, typst = [], []
    for _ in range(runs + 1):  # the first is the warm-up
        start = time.process_time()
        xhtml = tei_to_xhtml([source], options, "document")
        middle = time.process_time()
        pdf = xhtml_to_pdf(xhtml, [source], options)
        xslt.append(middle - start)
        typst.append(time.process_time() - middle)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    xslt_ms, typst_ms = statistics.median(xslt[1:]) * 1000, statistics.median(typst[1:]) * 1000
    return count, pages, xslt_ms, typst_ms, (xslt_ms + typst_ms) / count


def print_notes_table(rows: list[tuple]) -> None:
    few_per_note = rows[0][4]
    print("\n| document | notes | pages | XSLT CPU ms | Typst CPU ms | CPU ms per note "
          "| ratio to the few-notes document |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for count, pages, xslt_ms, typst_ms, per_note in rows:
        print(f"| notes-{count} | {count:,} | {pages} | {xslt_ms:.0f} | {typst_ms:.0f} | {per_note:.3f} "
              f"| {per_note / few_per_note:.2f}× |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per volume and engine (median)")
    parser.add_argument("--synthetic", type=int, default=200, help="documents in the large volume")
    parser.add_argument("--only-notes", action="store_true",
                        help="only the few-notes and many-notes documents (Typst), not the engine comparison")
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "TEI_DIR", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        engine, tei_dir, out = args.child
        return child(engine, Path(tei_dir), Path(out))
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as folder:
        scratch = Path(folder)
        volumes = [("seeds", write_tei(scratch / "seeds", seed_documents()))]
        if args.synthetic and not args.only_notes:
            volumes.append((f"synthetic-{args.synthetic}",
                            write_tei(scratch / "synthetic", synthetic_documents(args.synthetic))))
        rows = [] if args.only_notes else [measure(name, tei_dir, args.runs, scratch) for name, tei_dir in volumes]
        notes = [notes_row(count, args.runs, scratch) for count in (FEW_NOTES, MANY_NOTES)]
    if rows:
        print(f"median of {args.runs} runs, whole processes (start, TEI, XSLT, layout, PDF written)")
        print_table(rows)
    print_notes_table(notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
