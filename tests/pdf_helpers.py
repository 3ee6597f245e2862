"""Reading printed PDFs back for the print-edition tests: text by role, calls, outline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"

# Type sizes set in xslt/print/print.css: body text is 10–11 pt, footnotes 8.5 pt, footnote
# calls 7 pt, sheet numbers 7.5 pt, running heads 8.5 pt in the top margin.
BODY_MIN_SIZE = 9.6
CALL_MAX_SIZE = 7.2
FOOTNOTE_SIZE = 8.5
TOP_MARGIN = 60.0

NS = {"tei": TEI[1:-1]}
# The printed blocks of a text: paragraphs, headings, list items, opener and closer lines.
BLOCKS_XPATH = " | ".join(
    f"//tei:text//{step}"
    for step in ("tei:p", "tei:head", "tei:item", "tei:ab", "tei:opener/*", "tei:closer/*")
)
LEFT_OUT = {f"{TEI}{name}" for name in ("note", "rdg", "fw")}
NOT_BLOCKS = {f"{TEI}{name}" for name in ("note", "lb", "pb", "fw", "space")}


def letters(text: str) -> str:
    """Only letters and digits, lower case: hyphenation, signs and spacing do not count."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def printed_text(element: etree._Element) -> str:
    """The text of a TEI block as the print edition shows it in the line (notes and variant
    readings go to the foot of the page; a corrected OCR error shows its correction)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        corrected = node.tag == f"{TEI}sic" and node.getparent().find(f"{TEI}corr") is not None
        if node.tag in LEFT_OUT or corrected:
            parts.append(node.tail or "")
            return
        parts.append(node.text or "")
        if node.tag == f"{TEI}gap" and node.find(f"{TEI}desc") is None:
            parts.append(node.get("reason", "gap"))  # print.xsl names the gap
        for child in node:
            walk(child)
        if node.tag == f"{TEI}add" and node.get("hand"):
            parts.append(f" ({node.get('hand').lstrip('#')}) ")  # the hand inline.xsl names after it
        if node.tag == f"{TEI}sic" and node.getparent().tag != f"{TEI}choice":
            parts.append(" sic ")  # the sign print.css adds: "[sic]"
        if node is not element:
            parts.append(node.tail or "")

    walk(element)
    return "".join(parts)


def text_blocks(tree: etree._ElementTree) -> list[etree._Element]:
    """The outermost printed blocks of every text, in reading order."""
    found = tree.xpath(BLOCKS_XPATH, namespaces=NS)
    chosen = {id(element) for element in found}
    return [
        element for element in found
        if element.tag not in NOT_BLOCKS
        and not element.xpath("ancestor::tei:note", namespaces=NS)
        and not any(id(ancestor) in chosen for ancestor in element.iterancestors())
    ]


def body_stream(pdf) -> str:
    """The letters of the running text of a pdfplumber PDF, without notes, calls and heads."""
    return "".join(
        letters("".join(c["text"] for c in page.chars if c["size"] >= BODY_MIN_SIZE))
        for page in pdf.pages
    )


@dataclass(frozen=True)
class FootnoteLine:
    mark: str
    text: str


def footnote_calls(page) -> list[str]:
    """The footnote calls on a page (the small superscript numbers and letters), in order."""
    small = [c for c in page.chars if c["size"] <= CALL_MAX_SIZE and c["top"] > TOP_MARGIN
             and c["text"].isalnum()]  # not the caret of an insertion in a footnote
    small.sort(key=lambda c: (round(c["top"]), c["x0"]))
    calls: list[str] = []
    last = None
    for char in small:
        adjacent = last and abs(char["top"] - last["top"]) < 1 and char["x0"] - last["x1"] < 1
        if adjacent:
            calls[-1] += char["text"]
        else:
            calls.append(char["text"])
        last = char
    return calls


def footnote_lines(page) -> list[str]:
    """The lines of the footnote area of a page (8.5 pt text below the top margin)."""
    lines = page.extract_text_lines(return_chars=True)
    return [
        line["text"] for line in lines
        if line["top"] > TOP_MARGIN
        and all(abs(c["size"] - FOOTNOTE_SIZE) < 0.2 for c in line["chars"][:2])
    ]


def footnote_marks(page) -> list[str]:
    """The marks that start a footnote on this page ("1", "a" …)."""
    marks = []
    for line in footnote_lines(page):
        match = re.match(r"^([0-9]+|[a-z]{1,2}) ", line)
        if match:
            marks.append(match.group(1))
    return marks


def outline_entries(reader) -> list[tuple[str, int]]:
    """(title, 1-based page number) of every top-level bookmark of a pypdf reader."""
    entries = []
    for item in reader.outline:
        if isinstance(item, list):
            continue
        entries.append((item.title, reader.get_destination_page_number(item) + 1))
    return entries
