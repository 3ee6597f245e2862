"""The encoder's public functions, tying reader and writer together."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from tei.reader.model import Diagnostic, Document, Occurrence
from tei.reader.parse import read
from tei.writer.document import serialize, write_document


@dataclass(frozen=True)
class Encoded:
    """One encoded document: its TEI bytes, and what the reader noticed on the way."""

    name: str
    tei: bytes
    diagnostics: tuple[Diagnostic, ...]
    occurrences: tuple[Occurrence, ...]


def encode(source: str | bytes, name: str = "document.txt", encoding: str = "utf-8") -> etree._ElementTree:
    """Encode a transcription (its text, or its bytes in `encoding`) as a TEI tree."""
    return write_document(read(source, name, encoding))


def encode_document(source: str | bytes, name: str = "document.txt", encoding: str = "utf-8") -> Encoded:
    """Encode a transcription and keep its diagnostics and conventions report.

    Bytes are what the command line and `tei build` pass: the TEI's SHA-256 is then the file's.
    """
    document: Document = read(source, name, encoding)
    return Encoded(name, serialize(write_document(document)),
                   tuple(document.diagnostics), tuple(document.occurrences))


def to_source(tree: etree._ElementTree | etree._Element) -> str:
    """Regenerate the transcription's notation from a TEI tree (the proof nothing was lost)."""
    from tei.render.source import render_source

    return render_source(tree)
