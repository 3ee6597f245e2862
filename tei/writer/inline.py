"""Inline nodes → TEI elements, driven by the conventions table."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from tei.conventions import BY_NAME, TEI_NS, WIT_HANDWRITTEN, WIT_TYPESCRIPT, XML_NS, Convention
from tei.reader.model import Inline, Node

XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def tei(tag: str, attrib: dict[str, str] | None = None, text: str | None = None) -> etree._Element:
    """A TEI element; once appended under the root it shares the root's default namespace."""
    element = etree.Element(f"{{{TEI_NS}}}{tag}", attrib or {})
    element.text = text
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """Add text after the last child (as its tail) or as the parent's text."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class InlineWriter:
    """Writes inline content; chains and notes are numbered through the whole document."""

    def __init__(self, chain_parts: dict[str, list[Node]]) -> None:
        self.chain_parts = chain_parts
        self.note_count = 0
        self.special: dict[str, Callable[[Node], etree._Element]] = {
            "line-break": lambda node: tei("lb"),
            "illegible": self._gap,
            "sic": lambda node: tei("sic"),
            "expansion": lambda node: tei("expan"),
            "ex": lambda node: tei("ex"),
        }

    def write(self, parent: etree._Element, content: list[Inline]) -> None:
        for item in content:
            if isinstance(item, str):
                append_text(parent, item)
                continue
            element, inner = self._element(item)
            parent.append(element)
            self.write(inner, item.children)

    def _element(self, node: Node) -> tuple[etree._Element, etree._Element]:
        """The element for a node, and the element its children go into."""
        if node.name in self.special:
            element = self.special[node.name](node)
            return element, element
        convention = BY_NAME[node.name]
        if convention.variant:
            return self._variant(convention)
        element = tei(convention.element, convention.attrs)
        self._decorate(element, node, convention)
        return element, element

    def _decorate(self, element: etree._Element, node: Node, convention: Convention) -> None:
        if convention.element == "space":
            element.set("quantity", node.data["quantity"])
        if convention.lang:
            element.set(XML_LANG, convention.lang)
        if convention.element == "note":
            self.note_count += 1
            element.set(XML_ID, f"note-{self.note_count}")
            element.set("n", str(self.note_count))
        if "brackets" in node.data:
            element.set("rend", f"{node.data['brackets']}-brackets")
        if "chain" in node.data and "part" in node.data:
            self._chain(element, node)

    def _chain(self, element: etree._Element, node: Node) -> None:
        parts = self.chain_parts[node.data["chain"]]
        index = next(i for i, part in enumerate(parts) if part is node)
        ident = f"{node.data['chain']}-{index + 1}"
        element.set(XML_ID, ident)
        if index > 0:
            element.set("prev", f"#{node.data['chain']}-{index}")
        if index < len(parts) - 1:
            element.set("next", f"#{node.data['chain']}-{index + 2}")
        element.set("part", node.data["part"])

    def _variant(self, convention: Convention) -> tuple[etree._Element, etree._Element]:
        app = tei("app", {"type": convention.variant})
        app.append(tei("lem", {"wit": WIT_TYPESCRIPT}))
        reading = tei("rdg", {"wit": WIT_HANDWRITTEN})
        app.append(reading)
        if convention.element == "rdg":
            return app, reading
        inner = tei(convention.element, convention.attrs)
        reading.append(inner)
        return app, inner

    @staticmethod
    def _gap(node: Node) -> etree._Element:
        gap = tei("gap", {"reason": "illegible"})
        gap.append(tei("desc", text=node.data["desc"]))
        return gap


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
