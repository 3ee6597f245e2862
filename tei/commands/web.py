"""`tei web`: TEI documents → a static web edition (pages, index, search, downloads)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tei.cli import command_parser, doctype_argument, edition_argument, edition_config, jobs_argument
from tei.errors import one_line

EXAMPLES = """\
examples:
  tei web build/tei                      every *.xml in build/tei into build/web/
  tei web doc.xml other.xml -o site      two documents into site/
  tei web build/tei --base-url https://example.org/edition/
                                         citations carry the published address
  tei web build/tei -j 1                 one process (default: one per CPU)
  tei web letters/ --numbers letters/document-numbers.toml
                                         number the documents once and for all (see below)

Each document has a number in the index: the one its TEI carries (as `tei build` writes it), else the
next in the edition's order; --numbers keeps them in a file, so that a number once given never changes.

Open it with `tei serve build/web` (search needs HTTP), or copy the folder to any static host.
Pages link each document's PDF when every PDF is in the folder beside the site
(build/pdf/NAME.pdf for build/web), as `tei pdf` writes them.
exit status: 0 all pages written, 1 some documents had errors (the others are written), 2 usage error
"""


def register(subparsers) -> None:
    parser = command_parser(
        subparsers, "web",
        "publish TEI documents as a static, searchable web edition",
        __doc__, EXAMPLES)
    parser.add_argument("tei", nargs="+", type=Path, metavar="TEI",
                        help="TEI files, or folders of *.xml files")
    parser.add_argument("-o", "--output", type=Path, default=Path("build/web"), metavar="DIR",
                        help="the site's folder (default: build/web)")
    parser.add_argument("--title", metavar="TEXT", help="the edition's name on every page")
    parser.add_argument("--base-url", default="", metavar="URL",
                        help="where the site will be published, for citations")
    parser.add_argument("--numbers", type=Path, metavar="TOML",
                        help="the documents' numbers, kept from run to run: read, and the new ones added "
                             "(made if missing; the format of tei build's document-numbers.toml)")
    edition_argument(parser, "its authority lists (the index pages and the lists published)")
    doctype_argument(parser)
    jobs_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tei.commands.stage import command_inputs, run_reported, shown_diagnostics
    from tei.pipeline.config import EditionInfo
    from tei.pipeline.single import publish_web

    config = edition_config("tei web", args)
    if config is None:
        return 2
    inputs = command_inputs("tei web", args.tei, "*.xml", args.output,
                            none_found="no TEI files found in the inputs given")
    if inputs is None:
        return 2
    edition = EditionInfo(base_url=args.base_url)
    if args.title:
        edition = EditionInfo(title=args.title, base_url=args.base_url)
    report = run_reported("tei web", lambda: publish_web(inputs.files, args.output, edition, jobs=args.jobs,
                                                                 allow_doctype=args.allow_doctype,
                                                                 authorities=config.authorities,
                                                                 numbers=args.numbers))
    if isinstance(report, int):
        return report
    for line in inputs.skipped + shown_diagnostics(report):
        print(line, file=sys.stderr)
    pages = len(report.results) - len(report.failed)
    print(f"tei web: wrote {pages} document pages and the index to {one_line(str(args.output))}/index.html")
    return report.exit_status
