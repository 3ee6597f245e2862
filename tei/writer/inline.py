"""Inline nodes → TEI elements, driven by the conventions table."""

from __future__ import annotations

from tei.conventions import (
    BRACKET_STYLES,
    BY_NAME,
    LABEL_LINE,
    TEI_NS,
    WIT_HANDWRITTEN,
    WIT_TYPESCRIPT,
    XML_NS,
    Convention,
    Shape,
)
from tei.reader.model import Inline, Node
from tei.writer.tree import Attributes, Element

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
SEG = f"{{{TEI_NS}}}seg"
DESCRIBED = (Shape.SIGN, Shape.STATEMENT)


def tei(tag: str, attrib: Attributes | None = None, text: str | None = None,
        parent: Element | None = None) -> Element:
    """A TEI element of the writer's tree (`tei.writer.tree`), made inside `parent` when given; its
    attributes from a dict or from (name, value) pairs such as a convention's `attributes`."""
    element = Element(_QUALIFIED.get(tag) or _qualify(tag), attrib, parent)
    if text is not None:
        element.text = text
    return element


def _qualify(tag: str) -> str:
    _QUALIFIED[tag] = qualified = f"{{{TEI_NS}}}{tag}"
    return qualified


_QUALIFIED: dict[str, str] = {}   # a TEI name in lxml's spelling, made once per name


def append_text(parent: Element, text: str) -> None:
    """Add text after the last child (as its tail) or as the parent's text."""
    if parent.children:
        last = parent.children[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class InlineWriter:
    """Writes inline content; chains and notes are numbered through the whole document."""

    def __init__(self, chain_parts: dict[str, list[Node]], origins: list | None = None) -> None:
        self.chain_parts = chain_parts
        self.note_count = 0
        self.chain_numbers: dict[str, str] = {}
        self.origins = origins   # if given, receives (outermost element, node) for every sign written
        from tei.writer.entities import EntityUse, entity_writers  # here: it builds elements with this module's tei()

        # The recogniser's names, dates and corrections are no signs of the transcription: no row of the table.
        self.entity_use = EntityUse()
        self.recognised = entity_writers(self.entity_use)

    def write(self, parent: Element, content: list[Inline]) -> None:
        for item in content:
            if isinstance(item, str):
                append_text(parent, item)
                continue
            inner = self._element(item, parent)
            if self.origins is not None and item.start >= 0:
                self.origins.append((parent[-1], item.start))
            self.write(inner, item.children)

    def _element(self, node: Node, parent: Element) -> Element:
        """Make the element for a node inside `parent`; returns the element its children go into."""
        recognised = self.recognised.get(node.name)
        if recognised is not None:
            return recognised(node, parent)
        convention = BY_NAME[node.name]
        if convention.variant:
            return self._variant(convention, parent)
        if convention.wrapper:
            return _in_word(node, convention, parent)
        element = tei(convention.element, convention.attributes, parent=parent)
        if convention.shape in DESCRIBED:  # a statement of what is not there: its words describe it
            return tei("desc", parent=element)
        self._decorate(element, node, convention)
        return element

    def _decorate(self, element: Element, node: Node, convention: Convention) -> None:
        if convention.shape is Shape.FILLER:
            element.set("quantity", node.data["quantity"])
        if convention.lang:
            element.set(XML_LANG, convention.lang)
        if convention.element == "note":
            self._number_note(element, node)
        if "label" in node.data:  # the label as written, when it is another spelling of the row's
            element.set("n", node.data["label"])
        if "label-line" in node.data:
            element.set("rend", LABEL_LINE)
        if "brackets" in node.data:
            element.set(*BRACKET_STYLES[node.data["brackets"] == "single"])
        if "chain" in node.data and "part" in node.data:
            self._chain(element, node)

    def _number_note(self, element: Element, node: Node) -> None:
        """Notes are numbered in document order; the later parts of a note over several blocks
        carry the number of its first part."""
        chain = node.data.get("chain") if "part" in node.data else None
        if chain is not None and self.chain_parts[chain][0] is not node:
            element.set("n", self.chain_numbers[chain])
            return
        self.note_count += 1
        element.set(XML_ID, f"note-{self.note_count}")
        element.set("n", str(self.note_count))
        if chain is not None:
            self.chain_numbers[chain] = str(self.note_count)

    def _chain(self, element: Element, node: Node) -> None:
        parts = self.chain_parts[node.data["chain"]]
        index = next(i for i, part in enumerate(parts) if part is node)
        ident = f"{node.data['chain']}-{index + 1}"
        element.set(XML_ID, ident)
        if index > 0:
            element.set("prev", f"#{node.data['chain']}-{index}")
        if index < len(parts) - 1:
            element.set("next", f"#{node.data['chain']}-{index + 2}")
        if element.tag == SEG:  # TEI's part belongs to segment-like elements; next and prev say it elsewhere
            element.set("part", node.data["part"])

    @staticmethod
    def _variant(convention: Convention, parent: Element) -> Element:
        app = tei("app", {"type": convention.variant}, parent=parent)
        tei("lem", {"wit": WIT_TYPESCRIPT}, parent=app)
        reading = tei("rdg", {"wit": WIT_HANDWRITTEN}, parent=app)
        if convention.element == "rdg":
            return reading
        return tei(convention.element, convention.attributes, parent=reading)


def _in_word(node: Node, convention: Convention, parent: Element) -> Element:
    """A sign inside a word (`c[omrade]s`): the wrapper holds the whole word, the row's element the
    bracketed letters."""
    wrapper = tei(convention.wrapper, text=node.data.get("word-before"), parent=parent)
    element = tei(convention.element, convention.attributes, parent=wrapper)
    element.tail = node.data.get("word-after")
    return element


def collect_chains(nodes: list[Inline], chains: dict[str, list[Node]]) -> None:
    """Gather the parts of every chained span in document order (iteratively: no deep recursion)."""
    stack = list(reversed(nodes))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            continue
        if "chain" in item.data and "part" in item.data:
            chains.setdefault(item.data["chain"], []).append(item)
        stack.extend(reversed(item.children))
