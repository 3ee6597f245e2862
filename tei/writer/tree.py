"""The writer's element tree, written out as text: the encoder's TEI without an lxml element per node.

Building some ninety lxml elements per document one call at a time cost the encoder more than
anything else it does, because every element is a C object reached from Python. The writer
builds these plain objects instead, with lxml's names for the few operations it needs (`set`,
`get`, `text`, `tail`, `len`, indexing, `insert`, `index`, `iter`), and `to_bytes` writes them
in one pass, escaping as libxml2 does, so the bytes are those lxml would give. An element does
not point back to its parent: without cycles a tree is freed as soon as it is written, and the
garbage collector never has to walk the thousands of elements of a pathological paragraph.
The editorial layer (`tei.writer.editorial`) adds the editors' metadata to this tree before it is
written, with `indent` doing what lxml's `etree.indent` does; the validators and the renderers
parse the bytes with lxml.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from tei.conventions import TEI_NS, XML_NS

_TEI = f"{{{TEI_NS}}}"
_XML = f"{{{XML_NS}}}"
DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
# What libxml2 (and so lxml) refuses in text: control characters, U+FFFE, U+FFFF. Looked for in the
# UTF-8 bytes: no byte of a longer character is below 0x80, and U+FFFE and U+FFFF are these three
# bytes wherever they appear, so deleting the control bytes and two substring searches (all in C,
# 5 µs for 8 KB) say exactly what a regular expression over the text said in 27 µs.
_CONTROL_BYTES = bytes(code for code in range(0x20) if chr(code) not in "\t\n\r")
_NONCHARACTERS = ("\ufffe".encode(), "\uffff".encode())


# An element's attributes as given: a dict, or (name, value) pairs in order.
Attributes = Mapping[str, str] | Iterable[tuple[str, str]]


class Element:
    """One TEI element: a tag in lxml's `{namespace}name` spelling, attributes in the order set."""

    __slots__ = ("tag", "attrib", "text", "tail", "children")

    def __init__(self, tag: str, attrib: Attributes | None = None, parent: Element | None = None) -> None:
        self.tag = tag
        self.attrib = dict(attrib) if attrib else {}
        self.text: str | None = None
        self.tail: str | None = None
        self.children: list[Element] = []
        if parent is not None:
            parent.children.append(self)

    def __len__(self) -> int:
        return len(self.children)

    def __getitem__(self, index: int) -> Element:
        return self.children[index]

    def __iter__(self) -> Iterator[Element]:
        return iter(self.children)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)

    def set(self, name: str, value: str) -> None:
        self.attrib[name] = value

    def append(self, child: Element) -> None:
        self.children.append(child)

    def insert(self, index: int, child: Element) -> None:
        self.children.insert(index, child)

    def index(self, child: Element) -> int:
        return self.children.index(child)

    def remove(self, child: Element) -> None:
        self.children.remove(child)

    def find(self, tag: str) -> Element | None:
        """The first child with this tag."""
        return next((child for child in self.children if child.tag == tag), None)

    def itertext(self) -> Iterator[str]:
        """The text inside the element, piece by piece in document order (its own tail left out)."""
        if self.text:
            yield self.text
        for child in self.children:
            yield from child.itertext()
            if child.tail:
                yield child.tail

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and all inside it in document order (only those with `tag` when given)."""
        stack = [self]
        pop, extend = stack.pop, stack.extend
        while stack:
            element = pop()
            if tag is None or element.tag == tag:
                yield element
            if element.children:   # most elements have none: no reversed iterator made for them
                extend(reversed(element.children))


def indent(element: Element, level: int = 0, space: str = "  ") -> None:
    """Indent the elements inside `element`, which stands at depth `level`, exactly as lxml's
    `etree.indent(element, space, level=level)` does: every text and tail inside that is empty or
    white space (str.isspace) becomes a line break and the indentation of what follows it."""
    if element.children:
        _indent_children(element, 1, ["\n" + space * level, "\n" + space * (level + 1)], space)


def _indent_children(element: Element, level: int, indentations: list[str], space: str) -> None:
    if len(indentations) <= level:
        indentations.append(indentations[-1] + space)
    if not element.text or element.text.isspace():
        element.text = indentations[level]
    last = element.children[-1]
    for child in element.children:
        if child.children:
            _indent_children(child, level + 1, indentations, space)
        if not child.tail or child.tail.isspace():
            child.tail = indentations[level - 1] if child is last else indentations[level]


def to_bytes(root: Element) -> bytes:
    """The document as lxml writes it with an XML declaration, in UTF-8, and a final line end.

    Raises ValueError, as lxml does, for a character XML cannot hold (the reader refuses them in
    a transcription; this keeps a file name or a header field from slipping one through).
    """
    parts = [DECLARATION]
    _write(root, parts.append, f' xmlns="{TEI_NS}"')
    parts.append("\n")
    data = "".join(parts).encode("utf-8")
    if len(data.translate(None, _CONTROL_BYTES)) != len(data) or any(map(data.__contains__, _NONCHARACTERS)):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return data


def _write(element: Element, append, namespace: str = "") -> None:
    """Append the element's markup and text, and its tail (the one hot loop of the serialiser). Each tag's
    `<name` and `</name>`, and each attribute's ` name="`, are made once per process (`_Markup`)."""
    markup = _MARKUP.get(element.tag) or _Markup.of(element.tag)
    start = markup.opening + namespace if namespace else markup.opening
    if element.attrib:
        start += "".join([(_ATTRIBUTE_OPENINGS.get(key) or _attribute_opening(key)) + _escape_attribute(value) + '"'
                          for key, value in element.attrib.items()])
    text, children = element.text, element.children
    if text is None and not children:
        append(start + "/>")
    else:
        append(start + ">")
        if text:
            append(_escape_text(text) if "&" in text or "<" in text or ">" in text or "\r" in text else text)
        for child in children:
            _write(child, append)
        append(markup.closing)
    tail = element.tail
    if tail:
        append(_escape_text(tail) if "&" in tail or "<" in tail or ">" in tail or "\r" in tail else tail)


class _Markup:
    """A tag's `<name` and `</name>` as written (a TEI element's name without its namespace)."""

    __slots__ = ("opening", "closing")

    def __init__(self, name: str) -> None:
        self.opening, self.closing = "<" + name, "</" + name + ">"

    @staticmethod
    def of(tag: str) -> _Markup:
        _MARKUP[tag] = markup = _Markup(tag[len(_TEI):] if tag.startswith(_TEI) else tag)
        return markup


def _attribute_opening(key: str) -> str:
    _ATTRIBUTE_OPENINGS[key] = opening = f' {"xml:" + key[len(_XML):] if key.startswith(_XML) else key}="'
    return opening


_MARKUP: dict[str, _Markup] = {}
_ATTRIBUTE_OPENINGS: dict[str, str] = {}


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _escape_attribute(value: str) -> str:
    if not ("&" in value or "<" in value or ">" in value or '"' in value or "\n" in value or "\r" in value
            or "\t" in value):   # most values: a few quick scans, no copies
        return value
    return _escape_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
