"""Which place in a transcription produced each element of its TEI, for `tei build`'s validation messages.

The validator positions a problem in the TEI (`tei/doc.xml:46:17`), but editors edit the
transcription, so the build also names the line and column there (`doc.txt:12:5`). This is worked
out only for a document that has problems: its transcription is read and written once more, the
writer noting the source position of each block element and each sign it makes
(`write_document(…, origins)`; a sign begins where its node's `start` offset says), and those
elements are paired, in document order, with the text of the TEI that was validated (the editorial
layer changes the header and attributes only). A problem takes the position of the nearest element,
from the one it points at outwards, that a sign or block made.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from lxml import etree

from tei.conventions import TEI_NS
from tei.diagnostics import Diagnostic
from tei.errors import Position, TeiToolkitError
from tei.validate.report import StartTags


def with_origins(diagnostics: tuple[Diagnostic, ...], doc, tei: bytes) -> tuple[Diagnostic, ...]:
    """The diagnostics, each naming the place in `doc`'s transcription behind the element it concerns
    (none when the document came as TEI: no transcription is behind it)."""
    if not diagnostics or doc.tei_input:
        return diagnostics
    places = _BlockPlaces.of(doc, tei)
    if places is None:
        return diagnostics
    return tuple(replace(d, origin=places.find(d.line, d.column)) for d in diagnostics)


class _BlockPlaces:
    """The validated TEI's elements by start-tag position, and the source position of its blocks and signs."""

    def __init__(self, starts: list[tuple[int, int]], elements: list[etree._Element],
                 places: dict[etree._Element, Position]) -> None:
        self.starts, self.elements, self.places = starts, elements, places

    @classmethod
    def of(cls, doc, tei: bytes) -> _BlockPlaces | None:
        from tei.reader.parse import read
        from tei.writer.document import write_document
        from tei.xmlsafe import parse_xml

        written: list[tuple[etree._Element, Position]] = []
        try:
            made = write_document(read(doc.data, doc.path), written)
            validated = parse_xml(tei)
        except TeiToolkitError:
            return None
        twins = _paired_text_elements(made, validated.getroot())
        if twins is None:
            return None
        places = {twins[element]: Position(at.path, at.line, at.column) for element, at in written}
        tags = StartTags(validated, source=tei)
        located = sorted(((element.sourceline or 1, tags.column(element)), index, element)
                         for index, element in enumerate(validated.getroot().iter(etree.Element)))
        return cls([start for start, _, _ in located], [element for _, _, element in located], places)

    def find(self, line: int, column: int) -> Position | None:
        """The source position of the sign or block behind the element that starts at or before (line, column)."""
        index = bisect_right(self.starts, (line, column)) - 1
        element = self.elements[index] if index >= 0 else None
        while element is not None and element not in self.places:
            element = element.getparent()
        return self.places[element] if element is not None else None


def _paired_text_elements(made, validated: etree._Element) -> dict | None:
    """Each element of the written text (the writer's tree, `tei.writer.tree`) with its twin in the
    validated text; None if they differ."""
    texts = [root.find(f"{{{TEI_NS}}}text") for root in (made, validated)]
    if any(text is None for text in texts):
        return None
    ours, theirs = list(texts[0].iter()), list(texts[1].iter(etree.Element))
    if [element.tag for element in ours] != [element.tag for element in theirs]:
        return None
    return dict(zip(ours, theirs, strict=True))
