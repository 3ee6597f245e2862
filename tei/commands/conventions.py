"""`tei conventions`: the table of editorial signs, for people (text) and scripts (JSON).

No stylesheet reads it: the editions' legends explain TEI elements in readers' words
(`xslt/common/signs.xsl`), whichever encoder made them, so the transcription's notation
stays in one place, `tei/conventions.py`.
"""

from __future__ import annotations

import argparse
import json

from tei.cli import command_parser
from tei.conventions import ALL, BLOCKS
from tei.fsutil import atomic_write

EXAMPLES = """\
examples:
  tei conventions                                   the table, one sign per line
  tei conventions --format json                     for scripts
  tei conventions --format json -o conventions.json write it to a file
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = command_parser(
        subparsers, "conventions",
        "list the editorial conventions the encoder recognises",
        "Print the table of editorial conventions (source sign → TEI).", EXAMPLES)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(run=run)


def as_records() -> list[dict[str, str]]:
    records = [{"name": c.name, "kind": "inline", "shape": str(c.shape), "open": c.open, "close": c.close,
                "element": c.element, "attributes": " ".join(f"{k}={v}" for k, v in c.attributes),
                "variant": c.variant or "", "description": c.description, "example": c.example}
               for c in ALL]
    records += [{"name": b.name, "kind": "block", "shape": "block", "open": "", "close": "", "element": b.element,
                 "attributes": " ".join(f"{k}={v}" for k, v in b.attributes.items()),
                 "variant": "", "description": b.description, "example": b.example}
                for b in BLOCKS]
    return records


def as_text() -> str:
    rows = [(r["name"], r["example"],
             r["element"] + (f" [{r['attributes']}]" if r["attributes"] else ""))
            for r in as_records()]
    width = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{a:<{width[0]}}  {b:<{width[1]}}  {c}" for a, b, c in rows) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.format == "json":
        output = (json.dumps(as_records(), ensure_ascii=False, indent=2) + "\n").encode()
    else:
        output = as_text().encode()
    if args.output:
        atomic_write(args.output, output)
    else:
        print(output.decode(), end="")
    return 0
