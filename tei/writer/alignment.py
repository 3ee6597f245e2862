"""Original ‖ translation links in the TEI: `p/@corresp` from the aligner, or from the editors.

The aligner (`tei.reader.align`) pairs the paragraphs of the original and of the translation
by their lengths and shared anchors. Here its links become `corresp` on both sides (several
targets for a 1–2 or 2–1 link), and an editor's fix from the metadata sidecar replaces the
links of the paragraphs it names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tei.conventions import TEI_NS
from tei.reader.align import align
from tei.sidecar import AlignmentFix
from tei.writer.tree import Element

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEXT, GROUP, P, NOTE = (f"{{{TEI_NS}}}{name}" for name in ("text", "group", "p", "note"))


@dataclass(frozen=True)
class AlignedRow:
    """One link as xml:ids, with its confidence (1.0 for an editor's fix)."""

    original: tuple[str, ...]
    translation: tuple[str, ...]
    confidence: float
    by_editor: bool = False

    def __str__(self) -> str:
        left = " + ".join(self.original) or "(nothing)"
        right = " + ".join(self.translation) or "(nothing)"
        kind = f"{len(self.original)}–{len(self.translation)}"
        return f"{left} ‖ {right}  {kind}  " + ("editor" if self.by_editor else f"confidence {self.confidence:.2f}")


# The functions below walk either tree: the writer's (`tei.writer.tree`), as the encoder aligns,
# or a parsed one (lxml), as the editors' fixes are applied; a child whose tag is no string is
# a comment or a processing instruction of a parsed tree.

def texts(root: Element) -> Iterator[Element]:
    """The document's texts in order: the root's, and those of its group (where the writer puts them),
    found without walking the paragraphs."""
    for text in root:
        if text.tag == TEXT:
            yield text
            for group in text:
                if group.tag == GROUP:
                    yield from (inner for inner in group if inner.tag == TEXT)


def paragraphs(root: Element, role: str) -> list[Element]:
    """The aligned paragraphs of the original ("transcription") or the translation, in order:
    those with an xml:id that are not inside a note."""
    found: list[Element] = []
    for text in texts(root):
        if text.get("type") == role:
            stack = list(reversed(text))
            while stack:
                element = stack.pop()
                if element.tag == NOTE or not isinstance(element.tag, str):
                    continue
                if element.tag == P and element.get(XML_ID) is not None:
                    found.append(element)
                stack.extend(reversed(element))
    return found


def _text(paragraph: Element) -> str:
    """The paragraph's words outside its notes, with white space collapsed."""
    kept: list[str] = []
    _words(paragraph, kept)
    return " ".join("".join(kept).split())


def _words(element: Element, kept: list[str]) -> None:
    if element.text:
        kept.append(element.text)
    for child in element:
        if child.tag != NOTE and isinstance(child.tag, str):
            _words(child, kept)
        if child.tail:
            kept.append(child.tail)


def align_texts(root: Element) -> list[AlignedRow]:
    """Link the original's paragraphs with the translation's (`corresp`); the rows, in order."""
    if not {"transcription", "translation"} <= {text.get("type") for text in texts(root)}:
        return []   # one text: nothing to align, and no paragraph to look at
    original, translation = paragraphs(root, "transcription"), paragraphs(root, "translation")
    if not original or not translation:
        return []
    links = align([_text(p) for p in original], [_text(p) for p in translation])
    rows = [AlignedRow(tuple(original[i].get(XML_ID) for i in link.original),
                       tuple(translation[j].get(XML_ID) for j in link.translation), link.confidence)
            for link in links]
    _write_links(original + translation, rows)
    return rows


def apply_fixes(root: Element, fixes: tuple[AlignmentFix, ...]) -> list[str]:
    """The editors' links replace the aligner's for the paragraphs they name; unknown ids are
    returned (for a warning), never guessed at."""
    if not fixes:
        return []
    paras = {p.get(XML_ID): p for role in ("transcription", "translation") for p in paragraphs(root, role)}
    unknown = [ident for fix in fixes for ident in (*fix.original, *fix.translation) if ident not in paras]
    usable = [fix for fix in fixes if not set(fix.original + fix.translation) - set(paras)]
    for ident in {ident for fix in usable for ident in (*fix.original, *fix.translation)}:
        _unlink(paras, paras[ident])
    _write_links(list(paras.values()), [AlignedRow(fix.original, fix.translation, 1.0, True) for fix in usable])
    return unknown


def _unlink(paras: dict[str, Element], paragraph: Element) -> None:
    """Remove a paragraph's links, and its partners' links back to it."""
    for target in (paragraph.get("corresp") or "").split():
        partner = paras.get(target.lstrip("#"))
        if partner is not None:
            kept = [t for t in partner.get("corresp", "").split() if t != f"#{paragraph.get(XML_ID)}"]
            _set_corresp(partner, kept)
    paragraph.attrib.pop("corresp", None)


def _write_links(paras: list[Element], rows: list[AlignedRow]) -> None:
    by_id = {p.get(XML_ID): p for p in paras}
    for row in rows:
        for left, right in ((row.original, row.translation), (row.translation, row.original)):
            for ident in left:
                _set_corresp(by_id[ident], [f"#{other}" for other in right])


def _set_corresp(paragraph: Element, targets: list[str]) -> None:
    if targets:
        paragraph.set("corresp", " ".join(targets))
    else:
        paragraph.attrib.pop("corresp", None)
