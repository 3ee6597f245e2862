"""TEI → the transcription's own notation: a renderer like the HTML and PDF ones.

It reads the conventions table backwards, so a sign added there is written back
without a change here. `normalise_layout` is the documented comparison that the
round-trip tests use: it touches white space and header styling only.
"""

from __future__ import annotations

import re

from lxml import etree

from tei.conventions import ALL, TEI_NS, XML_NS, Convention
from tei.reader.header import URL, find_header, unstyled

T = f"{{{TEI_NS}}}"
XML_LANG = f"{{{XML_NS}}}lang"
SIGNATURE_ATTRIBUTES = ("type", "subtype", "rend", "reason")
FILLER_TEXT = {"box": "□", "tab": "\t", "underscore": "\\_"}
LABELLED_ELEMENTS = {"add", "note", "stamp", "app", "rdg"}


def _signature(tag: str, attributes: dict[str, str], lang: str | None) -> tuple:
    return tag, tuple(sorted((k, v) for k, v in attributes.items() if k in SIGNATURE_ATTRIBUTES)), lang


SIMPLE = {_signature(c.element, c.attrs, c.lang): c for c in ALL
          if not c.variant and c.element not in ("supplied", "ex", "sic", "gap", "space")}
VARIANTS = {c.variant: c for c in ALL if c.variant}


def render_source(tree: etree._ElementTree | etree._Element) -> str:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    header = _header(root)
    body = "\n\n".join(_text_blocks(text) for text in _leaf_texts(root))
    return (header + "\n\n" + body if header else body) + "\n"


# --- header ----------------------------------------------------------------------------------

def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.find(path, {"t": TEI_NS})
    return found


def _all_text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _header(root: etree._Element) -> str:
    bibl = _first(root, ".//t:sourceDesc/t:bibl[@type='citation']")
    if bibl is None:
        return ""
    fields = []
    date = _first(root, ".//t:profileDesc/t:creation/t:date")
    title = _first(root, ".//t:titleStmt/t:title")
    fields += [f"**{_all_text(e)}**" for e in (date, title) if e is not None and _all_text(e)]
    fields += ["**Citation:**", _all_text(bibl)]
    summary = root.findall(".//t:profileDesc/t:abstract/t:p", {"t": TEI_NS})
    if summary:
        fields += ["**Summary:**"] + [_all_text(p) for p in summary]
    for kind, label in (("credits", "Credits"), ("original-language", "Original Language")):
        notes = root.findall(f".//t:notesStmt/t:note[@type='{kind}']", {"t": TEI_NS})
        if notes:
            fields += [f"**{label}:**"] + [_all_text(n) for n in notes]
    for note in root.findall(".//t:notesStmt/t:note[@type='header-field']", {"t": TEI_NS}):
        fields += [f"**{note.get('n')}:**", _all_text(note)]
    items = root.findall(".//t:notesStmt/t:note[@type='contents']//t:item", {"t": TEI_NS})
    if items:
        fields += ["**Contents:**", "\n".join(_all_text(i) for i in items)]
    return "\n\n".join(fields)


# --- blocks ----------------------------------------------------------------------------------

def _leaf_texts(root: etree._Element) -> list[etree._Element]:
    return [t for t in root.iter(f"{T}text") if t.find(f"{T}group") is None]


def _text_blocks(text: etree._Element) -> str:
    pieces: list[tuple[bool, str]] = []        # (joined to the previous piece, source text)
    for div in text.iter(f"{T}div"):
        for child in div:
            if isinstance(child.tag, str):
                _block(child, pieces)
    out = ""
    for index, (joined, piece) in enumerate(pieces):
        out += ("" if index == 0 else "\n" if joined else "\n\n") + piece
    return out


def _block(element: etree._Element, pieces: list[tuple[bool, str]]) -> None:
    name = etree.QName(element).localname
    if name in ("opener", "closer"):
        joined = False
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if etree.QName(child).localname == "lb":
                joined = True
                continue
            pieces.append((joined, _heading_mark(child) + inline(child)))
            joined = False
    elif name == "list":
        compact = "compact" in element.get("rend", "").split()
        dash = "- " if "dash" in element.get("rend", "").split() else ""
        for number, item in enumerate(element.iter(f"{T}item")):
            pieces.append((compact and number > 0, f"{dash}{item.get('n', '')} {inline(item)}"))
    elif name in ("pb", "div"):  # a section is a division of its own, visited after this one
        return
    elif name == "note":
        pieces.append((False, _inline_element(element)))
    else:
        joined = element.get("rend") == "same-block"
        pieces.append((joined, _heading_mark(element) + inline(element)))


def _heading_mark(element: etree._Element) -> str:
    level = re.fullmatch(r"h([1-6])", element.get("rend", ""))
    return "#" * int(level.group(1)) + " " if level else ""


# --- inline ----------------------------------------------------------------------------------

def inline(element: etree._Element) -> str:
    """The source notation of an element's content (its own delimiters excluded)."""
    out = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            out.append(_inline_element(child))
        out.append(child.tail or "")
    return "".join(out)


def _inline_element(element: etree._Element) -> str:
    name = etree.QName(element).localname
    handler = _HANDLERS.get(name)
    if handler:
        return handler(element)
    if name == "seg" and element.get("type") == "handwritten":
        return _chained(element, SIMPLE[_signature("seg", {"type": "handwritten"}, None)])
    convention = SIMPLE.get(_signature(name, dict(element.attrib), element.get(XML_LANG)))
    if convention is None:
        return inline(element)
    return convention.open + inline(element) + convention.close


def _chained(element: etree._Element, convention: Convention) -> str:
    part = element.get("part")
    opening = convention.open if part in (None, "I") else ""
    closing = convention.close if part in (None, "F") else ""
    return opening + inline(element) + closing


def _supplied(element: etree._Element) -> str:
    rend = element.get("rend")
    double = rend == "double-brackets" or (rend != "single-brackets" and _inside_label(element))
    return f"[[{inline(element)}]]" if double else f"[{inline(element)}]"


def _inside_label(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        name = etree.QName(ancestor).localname
        if name in LABELLED_ELEMENTS or (name == "seg" and ancestor.get("type") in
                                          ("handwritten", "unclassified")):
            return True
    return False


def _variant(element: etree._Element) -> str:
    convention = VARIANTS[element.get("type")]
    reading = element.find(f"{T}rdg")
    content = reading if convention.element == "rdg" else reading.find(f"{T}{convention.element}")
    return convention.open + inline(content) + convention.close


def _space(element: etree._Element) -> str:
    return FILLER_TEXT.get(element.get("rend"), " ") * int(element.get("quantity", "1"))


_HANDLERS = {
    "lb": lambda e: "\n",
    "space": _space,
    "gap": lambda e: "[" + _all_text(e.find(f"{T}desc")) + "]",
    "sic": lambda e: inline(e) + " [SIC]",
    "expan": inline,
    "ex": lambda e: "[" + inline(e) + "]",
    "supplied": _supplied,
    "app": _variant,
    "pb": lambda e: "",
}


# --- comparison ------------------------------------------------------------------------------

def normalise_layout(text: str) -> str:
    """The documented round-trip normalisation: layout only, never a letter.

    Header: Markdown emphasis, heading marks, URL angle brackets and line breaks are
    dropped and white space is folded. Body: line ends become LF; spaces at the start
    and end of lines, white-space-only lines and runs of blank lines are layout.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    span = find_header(text)
    header = URL.sub(lambda m: m.group("url"), unstyled(text[: span.end])) if span.end else ""
    lines = [line.strip(" \u00a0").rstrip() for line in text[span.end:].split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return (" ".join(header.split()) + "\n\n" + body) if header else body
