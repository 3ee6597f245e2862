"""`tei source`: regenerate a transcription's notation from its TEI file."""

from __future__ import annotations

import argparse
import sys

from tei.cli import command_parser
from tei.errors import TeiToolkitError
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
    try:
        tree = parse_xml(args.path)
    except (OSError, TeiToolkitError) as error:
        print(f"tei source: {error}", file=sys.stderr)
        return 1
    try:
        text = render_source(tree)
    except Exception as error:  # noqa: BLE001 - any TEI may be given; the notation needs the encoder's shapes
        print(f"tei source: {args.path}: error: cannot write this TEI back as a transcription: it is not "
              f"shaped as the encoder writes TEI ({type(error).__name__}: {error})", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0
