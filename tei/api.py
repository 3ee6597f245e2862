"""The encoder's public functions, tying reader and writer together."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from lxml import etree

from tei.conventions import DEFAULT_PRESET
from tei.reader.entities import NameIndex
from tei.reader.model import Diagnostic, Document, Occurrence
from tei.reader.parse import read
from tei.writer.alignment import AlignedRow, align_texts
from tei.writer.document import write_document
from tei.writer.editorial import record_machine_read
from tei.writer.tree import Element, to_bytes


@dataclass(frozen=True)
class Encoded:
    """One encoded document: its TEI bytes, and what the reader noticed on the way."""

    name: str
    tei: bytes
    diagnostics: tuple[Diagnostic, ...]
    occurrences: tuple[Occurrence, ...]
    alignment: tuple[AlignedRow, ...] = ()     # original ‖ translation rows (tei.reader.align)
    review: tuple[Diagnostic, ...] = ()        # names and dates the recogniser could not decide


def encode(source: str | bytes, name: str = "document.txt", encoding: str = "utf-8",
           preset: str = DEFAULT_PRESET, names: bool | NameIndex = True) -> etree._ElementTree:
    """Encode a transcription (its text, or its bytes in `encoding`) as a TEI tree.

    `preset` names the conventions the transcription follows (`tei.conventions.PRESETS`);
    `names` the authority lists names are recognised from (True: the toolkit's, False: none).
    """
    from tei.xmlsafe import parse_xml

    return parse_xml(encode_document(source, name, encoding, preset, names).tei, name)


def encode_document(source: str | bytes, name: str = "document.txt", encoding: str = "utf-8",
                    preset: str = DEFAULT_PRESET, names: bool | NameIndex = True,
                    layer: Callable[[Element], None] | None = None) -> Encoded:
    """Encode a transcription and keep its diagnostics, conventions report and alignment.

    Bytes are what the command line and `tei build` pass: the TEI's SHA-256 is then the file's.
    `layer`, if given, changes the TEI tree before it is written: the build adds the editors'
    metadata this way (`tei.writer.editorial`), so the TEI is written once and never parsed again.
    """
    with _no_cycle_collection():
        # The model and the tree are freed as `_encode` returns, before the collector is on again: left
        # alive, they were all walked by the first collection once it was (a thirtieth of a seed's time).
        return _encode(source, name, encoding, preset, names, layer)


def _encode(source: str | bytes, name: str, encoding: str, preset: str, names: bool | NameIndex,
            layer: Callable[[Element], None] | None) -> Encoded:
    document: Document = read(source, name, encoding, preset, names)
    root = write_document(document)
    alignment = tuple(align_texts(root))
    record_machine_read(root)   # the encoder's finding: the Contents list offers the original's scan
    if layer is not None:
        layer(root)
    return Encoded(name, to_bytes(root), tuple(document.diagnostics),
                   tuple(document.occurrences), alignment, tuple(document.review))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while one document is encoded: the reader's model and the
    writer's tree hold no cycles (reference counting frees them), yet the collector walked all their
    objects again and again as they were made, a fifth of the time of a paragraph of 25,000 signs.
    Left as it was found: never enabled here if the caller had it disabled."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def to_source(tree: etree._ElementTree | etree._Element) -> str:
    """Regenerate the transcription's notation from a TEI tree (the proof nothing was lost)."""
    from tei.render.source import render_source

    return render_source(tree)
