"""`tei schemas build|fetch`: regenerate the edition's schemas from its ODD; download tei_all."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tei.cli import command_parser

TEI_ALL_URL = "https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"

EXAMPLES = f"""\
examples:
  tei schemas build                 regenerate edition.rng, edition.xsd and *.sch from edition.odd
  tei schemas build --check         exit 1 if the committed files differ from what the ODD gives
  tei schemas build --docs docs/encoding.md
                                    also rewrite that file's tables of conventions and departures from the ODD
  tei schemas build --check --docs docs/encoding.md

The ODD's examples of the conventions are written from tests/fixtures/ (beside the ODD's folder, or
--fixtures DIR) and the conventions table (tei/conventions.py): a row with a fixture needs nothing else.
  tei schemas fetch                 download tei_all.rng from the TEI Consortium into ./tei_all.rng
  tei schemas fetch -o ~/tei/tei_all.rng

tei_all comes from {TEI_ALL_URL}
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = command_parser(
        subparsers, "schemas",
        "regenerate the edition's schemas from its ODD, or download tei_all",
        "Derive RELAX NG, XML Schema and Schematron from the ODD; fetch tei_all.", EXAMPLES)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="generate schemas/*.rng, *.xsd and *.sch from the ODD")
    build.add_argument("--odd", type=Path, default=None, help="the ODD (default: schemas/edition.odd)")
    build.add_argument("-o", "--output", type=Path, default=None, help="folder (default: the ODD's folder)")
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file is stale")
    build.add_argument("--docs", type=Path, default=None,
                       help="a Markdown file whose tables of conventions and departures to regenerate "
                            "(docs/encoding.md)")
    build.add_argument("--fixtures", type=Path, default=None,
                       help="the fixtures the ODD's examples are written from (default: tests/fixtures "
                            "beside the ODD's folder, when there is one)")
    build.set_defaults(run=run_build)
    fetch = actions.add_parser("fetch", help="download the official tei_all.rng (needs internet)")
    fetch.add_argument("-o", "--output", type=Path, default=Path("tei_all.rng"), help="where to save it")
    fetch.add_argument("--url", default=TEI_ALL_URL, help="where to download it from")
    fetch.set_defaults(run=run_fetch)


def run_build(args: argparse.Namespace) -> int:
    from tei.errors import TeiToolkitError, one_line
    from tei.fsutil import atomic_write
    from tei.resources import data_dir
    from tei.validate.odd import generate

    odd = args.odd or data_dir("schemas") / "edition.odd"
    output = args.output or odd.parent
    try:
        written_odd = _odd_with_examples(odd, args.fixtures)
        files = {odd: written_odd}
        files.update({output / name: data for name, data in generate(odd).items()})  # the examples are no schema
        if args.docs:
            files[args.docs] = _documentation(written_odd, odd, args.docs)
    except OSError as err:
        where = f"{one_line(str(err.filename))}: " if err.filename is not None else ""
        print(f"tei schemas build: {where}error: cannot read it: {err.strerror or err}", file=sys.stderr)
        return 2
    except TeiToolkitError as err:
        said = str(err)
        print(f"tei schemas build: {said if ': error: ' in said else 'error: ' + said}", file=sys.stderr)
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


def _odd_with_examples(odd: Path, fixtures: Path | None) -> bytes:
    """The ODD with its examples written from the fixtures and the conventions table (unchanged
    where there are no fixtures, as in an installed toolkit)."""
    from tei.fsutil import read_file
    from tei.validate.odd_exempla import fixture_files, with_exempla

    data = read_file(odd)
    folder = fixtures or odd.resolve().parent.parent / "tests" / "fixtures"
    if fixtures is None and not folder.is_dir():
        return data
    return with_exempla(data.decode("utf-8"), odd, fixture_files(folder)).encode("utf-8")


def _documentation(odd: bytes, odd_path: Path, markdown: Path) -> bytes:
    """The Markdown file with its tables generated from the ODD."""
    from tei.fsutil import read_file
    from tei.validate.odd_docs import documentation
    from tei.xmlsafe import parse_xml

    text = read_file(markdown).decode("utf-8")
    return documentation(text, parse_xml(odd, path=str(odd_path)), markdown).encode("utf-8")


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
