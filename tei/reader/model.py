"""The document model: what the reader understood, before any TEI is written.

Inline content is a small tree of `Node`s named after conventions (not TEI elements);
the TEI writer decides the markup. Names, dates and OCR corrections found by
`tei.reader.recognise` are nodes too (`person`, `organisation`, `place`, `date`, `correction`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from tei.diagnostics import Diagnostic
from tei.errors import Position
from tei.reader.source import SourceText


@dataclass
class Node:
    """An inline convention with its content; `data` holds what the source said about it, `start`
    the offset in the source where its sign begins (-1: a later part of a span, which begins
    with its block)."""

    name: str
    children: list[Node | str] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)
    start: int = -1


Inline = Node | str


class Mark(NamedTuple):
    """A name or date the recogniser found in a header field: `node` (without children) holds
    `text[start:end]` of the field's paragraph."""

    start: int
    end: int
    node: Node


@dataclass
class Block:
    """One block-level unit: a paragraph, a heading, a closer line, a list item, a sheet number."""

    kind: str
    region: str
    content: list[Inline]
    position: Position
    joined: bool = False          # continues the previous unit's source block (single line break)
    rend: str = ""                # source styling, e.g. "h2" for a Markdown heading
    marker: str = ""              # list item marker as written, e.g. "- 1."
    ident: str = ""               # xml:id, set when ids are assigned
    corresp: str = ""             # id of the aligned block in the other text
    line_start: int = 0           # offsets of the block in the source: its first line's start and its end
    end: int = 0
    separator: str = ""           # the source between the previous block (or the header) and this one


@dataclass
class TextPart:
    """The transcription of the original, or the translation."""

    role: str                     # "transcription" | "translation"
    lang: str
    blocks: list[Block]


@dataclass
class HeaderField:
    label: str
    paragraphs: list[str]


@dataclass
class Header:
    """What the source's header block says; every field may be absent."""

    present: bool = False
    date_text: str = ""
    date_iso: str = ""
    title: str = ""
    citation: list[str] = field(default_factory=list)
    url: str = ""
    translator: str = ""
    repository: str = ""
    archive_ids: list[tuple[str, str]] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    original_language: str = ""
    contents: list[str] = field(default_factory=list)
    other_fields: list[HeaderField] = field(default_factory=list)
    # The names and dates in the fields' text, by (field, paragraph number): field is "title",
    # "citation", "summary", "credits" or "field" (the other fields' paragraphs, numbered through).
    marks: dict[tuple[str, int], list[Mark]] = field(default_factory=dict)

    def texts(self) -> list[tuple[tuple[str, int], str]]:
        """Every field paragraph that may name people, bodies, places and dates, with its key in `marks`."""
        others = [paragraph for other in self.other_fields for paragraph in other.paragraphs]
        fields = (("title", [self.title] if self.title else []), ("citation", self.citation),
                  ("summary", self.summary), ("credits", self.credits), ("field", others))
        return [((name, number), text) for name, texts in fields for number, text in enumerate(texts)]


class Occurrence(NamedTuple):
    """One use of a convention, for the conventions report."""

    convention: str
    position: Position
    excerpt: str


@dataclass
class Document:
    name: str
    source_sha256: str
    header: Header
    parts: list[TextPart]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    review: list[Diagnostic] = field(default_factory=list)   # names and dates the recogniser could not decide
    source_name: str = ""
    header_source: str = ""       # the header block as written, Markdown styling and all
    ending: str = "\n"            # the source after the last block
    byte_order_mark: bool = False
    source: SourceText | None = None   # the text read, to name the place of an offset

    def position(self, offset: int) -> Position:
        """The line and column of an offset of the source text."""
        return self.source.position(offset)

    @property
    def is_fragment(self) -> bool:
        return not self.header.present
