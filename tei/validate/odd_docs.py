"""The tables of `docs/encoding.md` generated from the ODD: its conventions and its departures.

The conventions table: each `exemplum` in an `elementSpec` of `schemas/edition.odd` gives one
row: the element, the convention's prose (first `p`), the source notation (the `code` of the
second `p`) and the TEI (the `egXML`). The departures table: the ODD's
`div[@xml:id='departures']/table`, where the encoding departs from the house guide and why.
Each table sits between two marker lines in the Markdown file; `tei schemas build --docs FILE`
rewrites them, `--check` reports them stale.
"""

from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path

from lxml import etree

from tei.errors import TeiToolkitError

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EXAMPLES_NS = "http://www.tei-c.org/ns/Examples"


def markers(table: str) -> tuple[str, str]:
    """The lines that open and close a generated table in the Markdown file."""
    return (f"<!-- {table} table: generated from schemas/edition.odd by `tei schemas build --docs`; do not edit -->",
            f"<!-- end of the {table} table -->")


BEGIN, END = markers("conventions")


def conventions_table(odd: etree._ElementTree) -> str:
    """The Markdown table, one row per example in the ODD, in the ODD's order."""
    rows = ["| element | convention | source | TEI |", "|---|---|---|---|"]
    for exemplum in odd.iter(f"{TEI}exemplum"):
        element = exemplum.getparent().get("ident")
        prose, source = exemplum.findall(f"{TEI}p")[:2]
        cells = [f"`{element}`", _cell(prose.xpath("string()")), _code(source.findtext(f"{TEI}code") or ""),
                 _code(_one_line(example_xml(exemplum)))]
        rows.append(f"| {' | '.join(cells)} |")
    return "\n".join(rows) + "\n"


def departures_table(odd: etree._ElementTree) -> str:
    """The Markdown table of the ODD's departures from the house guide: a label row, then one per departure."""
    table = next((div.find(f"{TEI}table") for div in odd.iter(f"{TEI}div") if div.get(XML_ID) == "departures"), None)
    if table is None:
        raise TeiToolkitError("the ODD has no div xml:id=\"departures\" with a table")
    rows = [[_markdown(cell) for cell in row.iterfind(f"{TEI}cell")] for row in table.iterfind(f"{TEI}row")]
    lines = [f"| {' | '.join(rows[0])} |", "|" + "---|" * len(rows[0])]
    return "\n".join(lines + [f"| {' | '.join(row)} |" for row in rows[1:]]) + "\n"


TABLES = {"conventions": conventions_table, "departures": departures_table}


def documentation(markdown: str, odd: etree._ElementTree, path: Path) -> str:
    """The Markdown text with every generated table written from the ODD."""
    for name, make in TABLES.items():
        markdown = with_table(markdown, name, make(odd), path)
    return markdown


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


def _markdown(cell: etree._Element) -> str:
    """A table cell's words, its `code` in backticks."""
    pieces = [cell.text or ""]
    for child in cell:
        text = child.xpath("string()")
        pieces += [f"`{text}`" if child.tag == f"{TEI}code" else text, child.tail or ""]
    return _cell("".join(pieces))


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


def with_table(markdown: str, name: str, table: str, path: Path) -> str:
    """The Markdown text with the section between the table's markers replaced by the table."""
    begin, end = markers(name)
    pattern = re.compile(re.escape(begin) + r"\n.*?" + re.escape(end), re.S)
    if not pattern.search(markdown):
        raise TeiToolkitError(f"{path}: no {name} table markers ({begin!r} … {end!r})")
    return pattern.sub(lambda _: f"{begin}\n{table}{end}", markdown, count=1)
