"""`tei schemas build|fetch`: regenerate the edition's schemas from its ODD; download tei_all."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TEI_ALL_URL = "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"

EXAMPLES = f"""\
examples:
  tei schemas build                 regenerate edition.rng, edition.xsd and *.sch from edition.odd
  tei schemas build --check         exit 1 if the committed files differ from what the ODD gives
  tei schemas build --docs docs/encoding.md
                                    also rewrite that file's table of conventions from the ODD's examples
  tei schemas build --check --docs docs/encoding.md
  tei schemas fetch                 download tei_all.rng from the TEI Consortium into ./tei_all.rng
  tei schemas fetch -o ~/tei/tei_all.rng

tei_all comes from {TEI_ALL_URL}
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schemas",
        help="regenerate the edition's schemas from its ODD, or download tei_all",
        description="Derive RELAX NG, XML Schema and Schematron from the ODD; fetch tei_all.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="generate schemas/*.rng, *.xsd and *.sch from the ODD")
    build.add_argument("--odd", type=Path, default=None, help="the ODD (default: schemas/edition.odd)")
    build.add_argument("-o", "--output", type=Path, default=None, help="folder (default: the ODD's folder)")
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file is stale")
    build.add_argument("--docs", type=Path, default=None,
                       help="a Markdown file whose table of conventions to regenerate (docs/encoding.md)")
    build.set_defaults(run=run_build)
    fetch = actions.add_parser("fetch", help="download the official tei_all.rng (needs internet)")
    fetch.add_argument("-o", "--output", type=Path, default=Path("tei_all.rng"), help="where to save it")
    fetch.add_argument("--url", default=TEI_ALL_URL, help="where to download it from")
    fetch.set_defaults(run=run_fetch)


def run_build(args: argparse.Namespace) -> int:
    from tei.errors import TeiToolkitError
    from tei.fsutil import atomic_write
    from tei.resources import data_dir
    from tei.validate.odd import generate

    odd = args.odd or data_dir("schemas") / "edition.odd"
    output = args.output or odd.parent
    try:
        files = {output / name: data for name, data in generate(odd).items()}
        if args.docs:
            files[args.docs] = _documentation(odd, args.docs)
    except (OSError, TeiToolkitError) as err:
        print(f"tei schemas build: error: {err}", file=sys.stderr)
        return 2
    stale = [path for path, data in files.items() if _read(path) != data]
    if args.check:
        for path in stale:
            print(f"{path}: stale; run `tei schemas build{' --docs ' + str(args.docs) if args.docs else ''}`",
                  file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        atomic_write(path, files[path])
        print(f"wrote {path}")
    return 0


def _documentation(odd: Path, markdown: Path) -> bytes:
    """The Markdown file with its table of conventions generated from the ODD's examples."""
    from tei.validate.odd_docs import conventions_table, with_table

    text = markdown.read_text(encoding="utf-8")
    return with_table(text, conventions_table(odd), markdown).encode("utf-8")


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def run_fetch(args: argparse.Namespace) -> int:
    import urllib.request

    from lxml import etree

    from tei.errors import TeiToolkitError
    from tei.fsutil import atomic_write
    from tei.xmlsafe import parse_xml

    try:
        with urllib.request.urlopen(args.url, timeout=60) as response:  # noqa: S310 (https URL by default)
            data = response.read()
        etree.RelaxNG(parse_xml(data, path=args.url))
    except (OSError, TeiToolkitError, etree.RelaxNGParseError) as err:
        print(f"tei schemas fetch: error: {args.url}: {err}", file=sys.stderr)
        return 1
    atomic_write(args.output, data)
    print(f"wrote {args.output} ({len(data)} bytes) from {args.url}")
    return 0
