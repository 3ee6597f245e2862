"""Document model → TEI tree (`tei.writer.tree`) and bytes (pretty-printed where it changes no text)."""

from __future__ import annotations

import re
from itertools import groupby

from tei.conventions import BLOCKS, BY_NAME, LIST_DASH, TEI_NS
from tei.errors import Position
from tei.reader.model import Block, Document, Node, TextPart
from tei.writer.entities import declare_entities
from tei.writer.header import write_header
from tei.writer.inline import XML_ID, XML_LANG, InlineWriter, collect_chains, tei
from tei.writer.tree import Element

# The block table names each block's element; a block moved to the back is a paragraph there.
BLOCK_ELEMENTS = {block.name: (block.element, block.attributes) for block in BLOCKS}
NOTE_CONVENTIONS = frozenset(name for name, c in BY_NAME.items() if c.element == "note" and not c.variant)
GROUPS = {"opener": "opener", "closer": "closer"}
# Elements whose content is only elements: safe to indent without changing any text.
STRUCTURAL = {
    "TEI",
    "teiHeader",
    "fileDesc",
    "titleStmt",
    "respStmt",
    "publicationStmt",
    "availability",
    "notesStmt",
    "sourceDesc",
    "msDesc",
    "msIdentifier",
    "listWit",
    "encodingDesc",
    "profileDesc",
    "creation",
    "abstract",
    "langUsage",
    "handNotes",
    "correspDesc",
    "correspAction",
    "revisionDesc",
    "text",
    "group",
    "body",
    "back",
    "div",
    "opener",
    "closer",
    "list",
    "editorialDecl",
    "listPrefixDef",
    "prefixDef",
}
# What a closer must follow in a division (TEI's model.common and sections), as lxml spells them.
_TEXT_BLOCK_TAGS = frozenset(f"{{{TEI_NS}}}{name}" for name in ("p", "list", "quote", "div"))
# The same names as the tree spells them, so that indenting compares tags without parsing them.
_STRUCTURAL_TAGS = frozenset(f"{{{TEI_NS}}}{name}" for name in STRUCTURAL)


def _convention_names(document: Document) -> set[str]:
    return {occurrence.convention for occurrence in document.occurrences}


def write_document(document: Document, origins: list | None = None) -> Element:
    """The TEI of a document, as the root of the writer's tree (`tei.writer.tree.to_bytes` writes it);
    `origins`, if given, receives (element, source position) for every block element and every
    sign written, so that findings on the TEI can name the transcription's place."""
    used = _convention_names(document)
    root = tei("TEI", {XML_ID: _document_id(document), XML_LANG: "en"})
    chains: dict = {}
    for part in document.parts:
        for block in part.blocks:
            collect_chains(block.content, chains)
    signs: list | None = [] if origins is not None else None
    writer = _BodyWriter(InlineWriter(chains, signs), document)
    write_header(root, document, used, writer.inline.entity_use)
    if len(document.parts) == 1:
        writer.text(root, document.parts[0])
    else:
        outer = tei("text", {XML_LANG: "mul"}, parent=root)
        group = tei("group", parent=outer)
        for part in document.parts:
            writer.text(group, part, ident=f"text-{part.lang}")
    declare_entities(root, writer.inline.entity_use)
    if document.ending != "\n":
        *_, last_division = root.iter(f"{{{TEI_NS}}}div")
        vertical_space(last_division, document.ending)
    _indent(root, 0)
    if origins is not None:
        origins.extend(writer.origins)
        origins.extend((element, document.position(offset)) for element, offset in signs)
    return root


def vertical_space(parent: Element, separator: str, before: Element | None = None) -> None:
    """Record a separator between blocks as it stood: its line breaks, and any other white space."""
    space = tei("space", {"dim": "vertical", "unit": "lines", "quantity": str(separator.count("\n"))})
    if separator.strip("\n"):
        tei("desc", text=separator, parent=space)
    if before is None:
        parent.append(space)
    else:
        parent.insert(parent.index(before), space)


def _document_id(document: Document) -> str:
    number = re.search(r"/document/(\d+)", document.header.url)
    if number:
        return f"wcda-{number.group(1)}"
    return "doc-" + re.sub(r"[^A-Za-z0-9_.-]", "-", document.name)


def _split_back(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The blocks of the division and those of the back: from the first block after the closer
    that is not exactly one note (a division ends with notes only), everything goes to the back."""
    for index, block in enumerate(blocks):
        if block.region == "back" or (block.region == "trailing" and not _is_one_note(block)):
            return blocks[:index], blocks[index:]
    return blocks, []


def _is_one_note(block: Block) -> bool:
    content = block.content
    return len(content) == 1 and isinstance(content[0], Node) and content[0].name in NOTE_CONVENTIONS


class _BodyWriter:
    """Writes the texts' blocks, with the layout between them where it is not the usual one.

    Usually a block follows the previous one after one blank line ("\n\n"), or after a single
    line break when it continues the same source block and the TEI says so (`lb`, a compact
    list, `rend="same-block"`); the first block of a text without a header starts the file.
    """

    def __init__(self, inline: InlineWriter, document: Document) -> None:
        self.inline = inline
        blocks = [block for part in document.parts for block in part.blocks]
        self.opening = id(blocks[0]) if blocks and not document.header_source else None
        self.byte_order_mark = "\ufeff" if document.byte_order_mark else ""
        self.origins: list[tuple[Element, Position]] = []

    def text(self, parent: Element, part: TextPart, ident: str = "") -> None:
        # Elements are made inside their parents: lxml gives a detached element a document of
        # its own and walks the whole subtree again when it is appended elsewhere.
        attributes = {XML_LANG: part.lang}
        if part.role:
            attributes["type"] = part.role
        if ident:
            attributes[XML_ID] = ident
        text = tei("text", attributes, parent=parent)
        body = tei("body", parent=text)
        div = tei("div", {"type": "document"}, parent=body)
        in_div, back_blocks = _split_back(part.blocks)
        target = div
        for region, blocks in groupby(in_div, lambda b: b.region):
            target = self._region(target, region, list(blocks))
        if not len(div):
            tei("p", parent=div)  # a text with no block at all: the empty paragraph TEI asks for
        if back_blocks:
            back = tei("back", parent=text)
            fragment = tei("div", {"type": "stray-fragment"}, parent=back)
            self._blocks(fragment, back_blocks)

    def _region(self, div: Element, region: str, blocks: list[Block]) -> Element:
        """Write a region's blocks; returns the division later regions go into."""
        if region == "trailing":
            for block in blocks:
                self.inline.write(div, block.content)
                self._separator(block, div, div[-1], joined_is_written=False)
        elif region == "opener":
            for is_head, run in groupby(blocks, lambda b: b.kind == "heading"):
                self._blocks(div if is_head else tei("opener", parent=div), list(run))
        elif region in GROUPS:
            if region == "closer" and not any(child.tag in _TEXT_BLOCK_TAGS for child in div):
                tei("p", parent=div)  # TEI's closer follows a division's text: an empty paragraph stands for it
            self._blocks(tei(GROUPS[region], parent=div), blocks)
        else:
            return self._body(div, blocks)
        return div

    def _body(self, div: Element, blocks: list[Block]) -> Element:
        """A heading after paragraphs opens a section: TEI allows a head only at a division's start."""
        run: list[Block] = []
        for block in blocks:
            if block.kind == "heading" and (run or len(div)):
                self._blocks(div, run)
                div, run = tei("div", {"type": "section"}, parent=div), []
            run.append(block)
        self._blocks(div, run)
        return div

    def _blocks(self, parent: Element, blocks: list[Block]) -> None:
        current_list = None
        for block in blocks:
            if block.kind == "sheet":
                self._separator(block, parent, self._sheet(parent, block))
                current_list = None
                continue
            first, joined_is_written = None, True
            if block.kind == "item":
                previous, current_list = current_list, _list_for(parent, current_list, block)
                target, joined_is_written = current_list, current_list is previous
            else:
                current_list = None
                target = parent
                if block.joined and block.region not in ("back", "trailing"):
                    first = tei("lb", parent=target)
            element = _block_element(block, target)
            self.origins.append((element, block.position))
            if block.kind == "item":  # a list holds items only: the separator opens the item
                self._separator(block, element, None, joined_is_written)
            else:
                self._separator(block, target, first if first is not None else element, joined_is_written)
            self.inline.write(element, block.content)

    def _separator(self, block: Block, parent: Element, before: Element | None,
                   joined_is_written: bool = True) -> None:
        """The separator before a block, in `parent` before the block's first element (or opening `parent`)."""
        separator, usual = block.separator, "\n" if block.joined and joined_is_written else "\n\n"
        if id(block) == self.opening:  # a file without a header: the BOM, if any, is restored here
            separator, usual = self.byte_order_mark + separator, ""
        if separator != usual:
            vertical_space(parent, separator, before)

    def _sheet(self, parent: Element, block: Block) -> Element:
        label = "".join(c for c in block.content if isinstance(c, str))
        number = re.search(r"\d+\w*", label)
        page_break = tei("pb", {"n": number.group() if number else label}, parent=parent)
        fw = tei("fw", {"type": "sheet"}, parent=parent)
        self.inline.write(fw, block.content)
        return page_break


def _block_element(block: Block, parent: Element) -> Element:
    tag, attributes = BLOCK_ELEMENTS["stray-fragment" if block.region in ("back", "trailing") else block.kind]
    element = tei(tag, dict(attributes), parent=parent)
    if block.ident:
        element.set(XML_ID, block.ident)
    if block.corresp:
        element.set("corresp", f"#{block.corresp}")
    if block.rend:
        element.set("rend", block.rend)
    if block.kind == "item":
        element.set("n", block.marker.removeprefix("- "))
    if block.region in ("back", "trailing") and block.joined:
        element.set("rend", "same-block")
    return element


def _list_for(parent: Element, current: Element | None, block: Block) -> Element:
    """The list an item joins: the current one if its dash and line spacing agree, else a new one.

    A list's spacing is known from its second item: "compact" items share a source block,
    "spaced" ones are separated by blank lines.
    """
    dash = LIST_DASH.rend if block.marker.startswith(LIST_DASH.mark) else ""
    spacing = "compact" if block.joined else "spaced"
    if current is not None:
        tokens = current.get("rend", "").split()
        known = next((t for t in tokens if t in ("compact", "spaced")), None)
        if (dash in tokens) == bool(dash) and known in (None, spacing):
            current.set("rend", " ".join(filter(None, [dash, spacing])))
            return current
    current = tei("list", {"type": "ordered"}, parent=parent)
    if dash:
        current.set("rend", dash)
    return current


def _indent(element: Element, level: int) -> None:
    """Indent a STRUCTURAL element and the structural ones inside it; mixed content is left as it is."""
    if not len(element) or (element.text and element.text.strip()):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        if child.tag in _STRUCTURAL_TAGS:  # tested here: a call per leaf would cost more than the test
            _indent(child, level + 1)
        tail = child.tail
        if not (tail and tail.strip()):
            child.tail = pad
    child.tail = "\n" + "  " * level


__all__ = ["write_document", "TEI_NS"]
