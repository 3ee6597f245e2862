"""`tei source`: regenerate a transcription's notation from its TEI file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tei.cli import command_parser
from tei.conventions import TEI_NS
from tei.errors import TeiToolkitError, one_line
from tei.fsutil import not_a_file
from tei.render.source import render_source
from tei.xmlsafe import parse_xml

EXAMPLES = """\
examples:
  tei source build/tei/002_3e0987d1e7ed6dfd.xml           print the regenerated transcription
  tei source build/tei/doc.xml > doc.txt                   save it
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = command_parser(
        subparsers, "source",
        "regenerate the transcription from a TEI file",
        "Write the source notation of a TEI file back to standard output.", EXAMPLES)
    parser.add_argument("path", metavar="FILE.xml")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if problem := not_a_file(path):
        print(f"tei source: {one_line(args.path)}: error: {problem}", file=sys.stderr)
        return 2
    try:
        tree = parse_xml(path)
    except OSError as error:
        print(f"tei source: {one_line(args.path)}: error: cannot read it: {error.strerror}", file=sys.stderr)
        return 1
    except TeiToolkitError as error:
        print(f"tei source: {error}", file=sys.stderr)
        return 1
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        print(f"tei source: {one_line(args.path)}:{root.sourceline or 1}:1: error: the root element is {root.tag}, "
              "not TEI, so there is no transcription to write back", file=sys.stderr)
        return 1
    try:
        text = render_source(tree)
    except Exception as error:  # noqa: BLE001 - any TEI may be given; the notation needs the encoder's shapes
        print(f"tei source: {one_line(args.path)}: error: cannot write this TEI back as a transcription: it is not "
              f"shaped as the encoder writes TEI ({type(error).__name__}: {error})", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0
