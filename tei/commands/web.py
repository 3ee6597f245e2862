"""`tei web`: TEI documents → a static web edition (pages, index, search, downloads)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tei.errors import TeiToolkitError

EXAMPLES = """\
examples:
  tei web build/tei                      every *.xml in build/tei into build/web/
  tei web doc.xml other.xml -o site      two documents into site/
  tei web build/tei --base-url https://example.org/edition/
                                         citations carry the published address

Open build/web/index.html in a browser, or copy the folder to any static host.
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "web",
        help="publish TEI documents as a static, searchable web edition",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("tei", nargs="+", type=Path, metavar="TEI",
                        help="TEI files, or folders of *.xml files")
    parser.add_argument("-o", "--output", type=Path, default=Path("build/web"), metavar="DIR",
                        help="the site's folder (default: build/web)")
    parser.add_argument("--title", metavar="TEXT", help="the edition's name on every page")
    parser.add_argument("--base-url", default="", metavar="URL",
                        help="where the site will be published, for citations")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tei.render.html import WebOptions, build_site

    options = WebOptions(base_url=args.base_url)
    if args.title:
        options = WebOptions(edition_title=args.title, base_url=args.base_url)
    missing = [path for path in args.tei if not path.exists()]
    if missing:
        print(f"tei web: {missing[0]}: error: no such file or folder", file=sys.stderr)
        return 2
    try:
        report = build_site(args.tei, args.output, options)
    except TeiToolkitError as err:
        print(f"tei web: {err}", file=sys.stderr)
        return 1
    for error in report.errors:
        print(f"tei web: {error}", file=sys.stderr)
    print(f"tei web: wrote {len(report.pages) - 1} document pages and the index to "
          f"{report.out_dir}/index.html")
    return 1 if report.errors else 0
