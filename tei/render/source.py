"""TEI → the transcription's own notation: a renderer like the HTML and PDF ones.

It reads the conventions table backwards, so a sign added there is written back
without a change here. The header comes back from the verbatim copy the encoder keeps in
teiHeader/xenoData, the layout between blocks from the vertical spaces it records; the
output equals the source after the reader's two normalisations (`tei.reader.source.comparable`).
"""

from __future__ import annotations

from lxml import etree

from tei.conventions import ALL, HEADING_MARKS, LABEL_LINE, LIST_DASH, TEI_NS, XML_NS, Convention, Shape

T = f"{{{TEI_NS}}}"
XML_LANG = f"{{{XML_NS}}}lang"
SIGNATURE_ATTRIBUTES = ("type", "subtype", "rend", "reason")
# Attribute values a row writes only when the source says so: they do not tell rows apart.
OPTIONAL_VALUES = frozenset(pair for c in ALL for pair in c.optional)


def _signature(tag: str, attributes: dict[str, str], lang: str | None) -> tuple:
    kept = ((k, v) for k, v in attributes.items() if k in SIGNATURE_ATTRIBUTES and (k, v) not in OPTIONAL_VALUES)
    return tag, tuple(sorted(kept)), lang


ROWS = {_signature(c.element, c.attrs, c.lang): c for c in ALL if not c.variant}
VARIANTS = {c.variant: c for c in ALL if c.variant}
# The rows whose brackets enclose supplied words in their double form (`[handwritten: [[to]] …]`).
LABELLED_SIGNATURES = frozenset(_signature(c.element, c.attrs, c.lang) for c in ALL
                                if c.shape is Shape.LABELLED and not c.variant) | {
    _signature(c.element, c.attrs, c.lang) for c in ALL if c.name == "unclassified"}


def render_source(tree: etree._ElementTree | etree._Element) -> str:
    """The transcription, character for character (after the reader's two normalisations)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    header = root.find(f"{T}teiHeader/{T}xenoData[@type='source-header']")
    out = [header.text or ""] if header is not None else []
    pending: str | None = None
    first = True
    for event, joined, text in _events(root):
        if event == "space":
            pending = text
            continue
        usual = "" if first and header is None else "\n" if joined else "\n\n"
        out += [usual if pending is None else pending, text]
        pending, first = None, False
    out.append("\n" if pending is None else pending)
    return "".join(out)


# --- blocks ----------------------------------------------------------------------------------

Event = tuple[str, bool, str]  # ("block", joined to the previous, source) or ("space", False, separator)
CONTAINERS = {"body", "back", "div", "opener", "closer"}


def _events(root: etree._Element) -> list[Event]:
    events: list[Event] = []
    for text in root.iter(f"{T}text"):
        if text.find(f"{T}group") is None:
            _walk(text, events)
    return events


def _walk(container: etree._Element, events: list[Event]) -> None:
    joined = False
    for child in container:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name in CONTAINERS:
            _walk(child, events)
        elif name == "lb":
            joined = True
            continue
        elif _is_vertical_space(child):
            events.append(("space", False, _separator(child)))
            continue
        elif name == "list":
            _list(child, events)
        elif name != "pb" and not _is_placeholder(child):
            events.append(("block", joined or child.get("rend") == "same-block",
                           _heading_mark(child) + (_inline_element(child) if name == "note" else inline(child))))
        joined = False


def _list(element: etree._Element, events: list[Event]) -> None:
    rend = element.get("rend", "").split()
    dash = LIST_DASH.mark if LIST_DASH.rend in rend else ""
    for number, item in enumerate(element.iterchildren(f"{T}item")):
        if len(item) and _is_vertical_space(item[0]):  # a list holds items only: the separator opens the item
            events.append(("space", False, _separator(item[0])))
        events.append(("block", "compact" in rend and number > 0, f"{dash}{item.get('n', '')} {inline(item)}"))


def _is_vertical_space(element: etree._Element) -> bool:
    return element.tag == f"{T}space" and element.get("dim") == "vertical"


def _separator(space: etree._Element) -> str:
    desc = space.find(f"{T}desc")
    return desc.text or "" if desc is not None else "\n" * int(space.get("quantity", "0"))


def _is_placeholder(element: etree._Element) -> bool:
    """The empty paragraph written for a text with no block at all: no source made it."""
    return etree.QName(element).localname == "p" and not len(element) and not element.text


HEADING_MARK_OF = {mark.rend: mark.mark for mark in HEADING_MARKS}


def _heading_mark(element: etree._Element) -> str:
    return HEADING_MARK_OF.get(element.get("rend", ""), "")


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
    """An element as the sign of its row in the conventions table, found by its name and attributes."""
    name = etree.QName(element).localname
    handler = _HANDLERS.get(name)
    if handler:
        return handler(element)
    if _is_vertical_space(element):  # written as the separator before the block it opens
        return ""
    convention = ROWS.get(_signature(name, dict(element.attrib), element.get(XML_LANG)))
    if convention is None:
        return _UNKNOWN.get(name, inline)(element)
    return _WRITE_BACK.get(convention.shape, _delimited)(element, convention)


def _delimited(element: etree._Element, convention: Convention) -> str:
    return _opening(element, convention) + inline(element) + (convention.close if element.get("next") is None else "")


def _opening(element: etree._Element, convention: Convention) -> str:
    """The opening delimiter, on the first part of a span only, with the label as it was written."""
    if element.get("prev") is not None:
        return ""
    label = element.get("n") if convention.label_pattern and element.get("n") else convention.label
    if label is None:
        return convention.open
    return f"[{label}:" + ("" if element.get("rend") == LABEL_LINE else " ")


def _described(element: etree._Element, convention: Convention) -> str:
    """A sign whose words stand in `desc` (`[illegible signature]`, `[Omitted here …]`)."""
    opening, closing = convention.brackets
    return opening + (element.findtext(f"{T}desc") or "") + closing


def _filler(element: etree._Element, convention: Convention) -> str:
    return convention.open * int(element.get("quantity", "1"))


def _supplied(element: etree._Element, convention: Convention) -> str:
    rend = element.get("rend")
    double = rend == "double-brackets" or (rend != "single-brackets" and _inside_label(element))
    opening, closing = (convention.open * 2, convention.close * 2) if double else (convention.open, convention.close)
    return opening + inline(element) + closing


def _inside_label(element: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        name = etree.QName(ancestor).localname
        if name == "app" or _signature(name, dict(ancestor.attrib), ancestor.get(XML_LANG)) in LABELLED_SIGNATURES:
            return True
    return False


def _variant(element: etree._Element) -> str:
    convention = VARIANTS[element.get("type")]
    reading = element.find(f"{T}rdg")
    content = reading if convention.element == "rdg" else reading.find(f"{T}{convention.element}")
    return convention.open + inline(content) + convention.close


_HANDLERS = {  # the structure around signs, which is no row of the table
    "app": _variant,
    "choice": lambda e: inline(e.find(f"{T}sic")),  # an OCR correction (tei.writer.entities): the text as written
    "pb": lambda e: "",
}
_WRITE_BACK = {
    Shape.BRACKET: _supplied,
    Shape.SIGN: _described,
    Shape.STATEMENT: _described,
    Shape.AFTER_WORD: lambda element, convention: inline(element) + convention.close,
    Shape.BREAK: lambda element, convention: convention.open,
    Shape.FILLER: _filler,
}
# TEI no row wrote (another encoder's): its words, and blanks for a space.
_UNKNOWN = {"space": lambda e: " " * int(e.get("quantity", "1"))}
