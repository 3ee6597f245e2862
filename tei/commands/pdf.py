"""`tei pdf`: TEI files → one PDF per document and the volume edition.pdf (PDF/A-3a + PDF/UA-1)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath

from tei.cli import command_parser, doctype_argument, edition_argument, edition_config, jobs_argument, positive_count
from tei.errors import one_line

EXAMPLES = """\
examples:
  tei pdf build/tei                          every *.xml in build/tei → build/pdf/
  tei pdf build/tei/*.xml -o out/pdf --page-size letter
  tei pdf build/tei --title "Korea, 1956" --editor "A. Editor" --licence "CC BY 4.0"
  SOURCE_DATE_EPOCH=1700000000 tei pdf build/tei   date the PDFs (same bytes on every run)
  tei pdf build/tei --documents-per-volume 300     edition-1.pdf, edition-2.pdf … of 300 documents
  tei pdf build/tei -j 1                     one process (default: one per CPU)

Each PDF is PDF/A-3a and PDF/UA-1, tagged, typeset by Typst, with its TEI source
attached. Without SOURCE_DATE_EPOCH the PDFs carry 1 January 1970 in their metadata
(PDF/A requires a date) and print none.
exit status: 0 all printed, 1 some documents had errors (the others are printed) or an
output could not be written, 2 usage error
"""


def register(subparsers) -> None:
    from tei.render.pdf import DEFAULT_TITLE, DOCUMENTS_PER_VOLUME, PAGE_SIZES

    parser = command_parser(
        subparsers, "pdf",
        "print the edition: one PDF per TEI document and the volume edition.pdf",
        __doc__, EXAMPLES)
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
    parser.add_argument("--documents-per-volume", type=positive_count, default=DOCUMENTS_PER_VOLUME,
                        metavar="N", help="cut the volume into edition-1.pdf, edition-2.pdf … of at most "
                                          f"N documents (default: {DOCUMENTS_PER_VOLUME})")
    edition_argument(parser, "its authority lists (the volume's indices)")
    doctype_argument(parser)
    jobs_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tei.commands.stage import command_inputs, run_reported, shown_diagnostics
    from tei.pipeline.config import EditionInfo
    from tei.pipeline.single import print_pdfs

    config = edition_config("tei pdf", args)
    if config is None:
        return 2
    inputs = command_inputs("tei pdf", args.inputs, "*.xml", args.output,
                            none_found="no TEI files found in the inputs given")
    if inputs is None:
        return 2
    edition = EditionInfo(args.title, tuple(args.editor), args.publisher, args.licence)
    volume_size = None if args.no_volume else args.documents_per_volume
    report = run_reported("tei pdf", lambda: print_pdfs(inputs.files, args.output, edition, args.page_size,
                                                        jobs=args.jobs, documents_per_volume=volume_size,
                                                        allow_doctype=args.allow_doctype,
                                                        authorities=config.authorities))
    if isinstance(report, int):
        return report
    for line in inputs.skipped + shown_diagnostics(report):
        print(line, file=sys.stderr)
    for name in sorted(result.name for result in report.results if not result.failed):
        print(f"wrote {one_line(str(args.output / (name + '.pdf')))}")
    for name in report.shared_outputs:
        print(f"wrote {one_line(str(args.output / PurePosixPath(name).name))}")
    return report.exit_status
