"""`tei pdf`: TEI files → one PDF per document and the volume edition.pdf (PDF/A-3a + PDF/UA-1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tei.errors import TeiToolkitError

EXAMPLES = """\
examples:
  tei pdf build/tei                          every *.xml in build/tei → build/pdf/
  tei pdf build/tei/*.xml -o out/pdf --page-size letter
  tei pdf build/tei --title "Korea, 1956" --editor "A. Editor" --licence "CC BY 4.0"
  SOURCE_DATE_EPOCH=1700000000 tei pdf build/tei   date the PDFs (same bytes on every run)
  tei pdf build/tei --documents-per-volume 300     edition-1.pdf, edition-2.pdf … of 300 documents

Each PDF is PDF/A-3a and PDF/UA-1, tagged, typeset by Typst, with its TEI source
attached. Without SOURCE_DATE_EPOCH the PDFs carry 1 January 1970 in their metadata
(PDF/A requires a date) and print none.
"""


def register(subparsers) -> None:
    from tei.render.pdf import DEFAULT_TITLE, DOCUMENTS_PER_VOLUME, PAGE_SIZES

    parser = subparsers.add_parser(
        "pdf",
        help="print the edition: one PDF per TEI document and the volume edition.pdf",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="TEI", type=Path,
                        help="TEI files, or folders whose *.xml files are printed")
    parser.add_argument("-o", "--output", metavar="DIR", type=Path, default=Path("build/pdf"),
                        help="where the PDFs go (default: build/pdf)")
    parser.add_argument("--page-size", choices=PAGE_SIZES, default="A4",
                        help="paper size (default: A4)")
    parser.add_argument("--title", default=DEFAULT_TITLE, help="the volume's title")
    parser.add_argument("--editor", action="append", default=[], metavar="NAME",
                        help="an editor named on the title page (repeat for several)")
    parser.add_argument("--publisher", default="", help="the publisher on the title page")
    parser.add_argument("--licence", default="", help="the licence on the title page")
    parser.add_argument("--no-volume", action="store_true",
                        help="only the per-document PDFs, no edition.pdf")
    parser.add_argument("--documents-per-volume", type=int, default=DOCUMENTS_PER_VOLUME, metavar="N",
                        help="cut the volume into edition-1.pdf, edition-2.pdf … of at most N documents "
                             f"(default: {DOCUMENTS_PER_VOLUME})")
    parser.set_defaults(run=run)


def tei_files(inputs: list[Path]) -> list[Path]:
    """The files named, and the *.xml files of the folders named, each folder sorted."""
    files: list[Path] = []
    for path in inputs:
        files.extend(sorted(path.glob("*.xml")) if path.is_dir() else [path])
    return files


def run(args: argparse.Namespace) -> int:
    from tei.render.pdf import PdfOptions, VolumeSplit, build_date_from_environment

    try:
        options = PdfOptions(
            title=args.title, editors=tuple(args.editor), publisher=args.publisher,
            licence=args.licence, page_size=args.page_size,
            build_date=build_date_from_environment(),
        )
        split = None if args.no_volume else VolumeSplit(documents=args.documents_per_volume)
    except TeiToolkitError as error:
        print(f"tei pdf: {error}", file=sys.stderr)
        return 2
    files = tei_files(args.inputs)
    if not files:
        print("tei pdf: error: no TEI files found in the inputs given", file=sys.stderr)
        return 2
    return print_edition(files, args.output, options, split)


def print_edition(files: list[Path], out_dir: Path, options, split=None) -> int:
    """Print each file, then the volumes of those that printed (none when `split` is None);
    1 if any failed."""
    from tei.fsutil import atomic_write
    from tei.names import document_names
    from tei.render.pdf import load_tei, render_document, render_volumes

    names = document_names(path.as_posix() for path in files)
    printed, failures = [], 0
    for path in files:
        try:
            source = load_tei(path)
            pdf = out_dir / f"{names[path.as_posix()]}.pdf"
            target = atomic_write(pdf, render_document(source, options))
        except (TeiToolkitError, OSError) as error:
            print(f"tei pdf: {error}", file=sys.stderr)
            failures += 1
            continue
        printed.append(source)
        print(f"wrote {target}")
    if split and printed:
        for name, pdf in render_volumes(printed, [""] * len(printed), options, split):
            print(f"wrote {atomic_write(out_dir / name, pdf)}")
    return 1 if failures else 0
