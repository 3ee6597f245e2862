"""The table of conventions in `docs/encoding.md`, generated from the ODD's examples.

Each `exemplum` in an `elementSpec` of `schemas/edition.odd` gives one row: the element, the
convention's prose (first `p`), the source notation (the `code` of the second `p`) and the TEI
(the `egXML`). The table sits between two marker lines in the Markdown file; `tei schemas build
--docs FILE` rewrites it, `--check` reports it stale.
"""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path

from lxml import etree

from tei.errors import TeiToolkitError
from tei.xmlsafe import parse_xml

TEI = "{http://www.tei-c.org/ns/1.0}"
EXAMPLES_NS = "http://www.tei-c.org/ns/Examples"
BEGIN = "<!-- conventions table: generated from schemas/edition.odd by `tei schemas build --docs`; do not edit -->"
END = "<!-- end of the conventions table -->"


def conventions_table(odd: Path) -> str:
    """The Markdown table, one row per example in the ODD, in the ODD's order."""
    tree = parse_xml(odd.read_bytes(), path=str(odd))
    rows = ["| element | convention | source | TEI |", "|---|---|---|---|"]
    for exemplum in tree.iter(f"{TEI}exemplum"):
        element = exemplum.getparent().get("ident")
        prose, source = exemplum.findall(f"{TEI}p")[:2]
        cells = [f"`{element}`", _cell(prose.xpath("string()")), _code(source.findtext(f"{TEI}code") or ""),
                 _code(_one_line(example_xml(exemplum)))]
        rows.append(f"| {' | '.join(cells)} |")
    return "\n".join(rows) + "\n"


def example_xml(exemplum: etree._Element) -> str:
    """The `egXML`'s content as the TEI it stands for, without the Examples namespace."""
    egxml = exemplum.find(f"{{{EXAMPLES_NS}}}egXML")
    parts = [etree.tostring(_without_namespaces(child), encoding="unicode", with_tail=False) for child in egxml]
    return "\n".join(parts).replace(f' xmlns="{EXAMPLES_NS}"', "")


def _without_namespaces(element: etree._Element) -> etree._Element:
    """A copy without the ODD's own namespace declarations (`sch`), which the example does not use."""
    copy = deepcopy(element)
    etree.cleanup_namespaces(copy)
    return copy


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _one_line(xml: str) -> str:
    """The TEI on one line: its indentation is the fixture's layout, not content."""
    return " ".join(line.strip() for line in xml.splitlines())


def _code(text: str) -> str:
    """One table cell of code: line breaks shown as ⏎, pipes escaped, backticks fenced."""
    flat = text.replace("\n", " ⏎ ").replace("|", "\\|")
    fence = "``" if "`" in flat else "`"
    return f"{fence}{flat}{fence}" if flat.strip() else ""


def with_table(markdown: str, table: str, path: Path) -> str:
    """The Markdown text with the section between the markers replaced by the table."""
    pattern = re.compile(re.escape(BEGIN) + r"\n.*?" + re.escape(END), re.S)
    if not pattern.search(markdown):
        raise TeiToolkitError(f"{path}: no conventions table markers ({BEGIN!r} … {END!r})")
    return pattern.sub(lambda _: f"{BEGIN}\n{table}{END}", markdown, count=1)
