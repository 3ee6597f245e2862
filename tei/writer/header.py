"""The teiHeader: what the source's header says, and what the encoding did — nothing invented."""

from __future__ import annotations

import re

from lxml import etree

from tei import __version__
from tei.conventions import LABELLED, XML_NS
from tei.reader.model import Document, Header
from tei.writer.inline import XML_ID, append_text, tei

CORRESPONDENCE = re.compile(
    r"^(?:Telegram|Cable|Letter|Ciphered telegram|Note) from (?:Cde\. )?(?P<sender>.+?)"
    r"(?: from (?P<place>[A-Z][a-z]+))?(?: to (?:the )?(?P<addressee>.+?))?(?: concerning .*)?$"
)
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "ru-Latn": "Russian in Latin transliteration"}


def write_header(document: Document, used: set[str]) -> etree._Element:
    header = tei("teiHeader")
    header.append(_file_desc(document, used))
    header.append(_encoding_desc(used))
    header.append(_profile_desc(document, used))
    header.append(_revision_desc(document))
    return header


def _file_desc(document: Document, used: set[str]) -> etree._Element:
    file_desc = tei("fileDesc")
    file_desc.append(_title_stmt(document))
    file_desc.append(_publication_stmt(document.header))
    notes = _notes_stmt(document)
    if len(notes):
        file_desc.append(notes)
    file_desc.append(_source_desc(document, used))
    return file_desc


def _title_stmt(document: Document) -> etree._Element:
    h = document.header
    stmt = tei("titleStmt")
    if h.title:
        tei("title", text=h.title, parent=stmt)
    else:
        tei("title", {"type": "desc"}, f"Untitled fragment (source file {document.source_name})", parent=stmt)
    translator = tei("respStmt")
    tei("resp", text="translation", parent=translator)
    tei("persName" if h.translator else "name", {XML_ID: "translator"}, h.translator or None, parent=translator)
    if not h.translator:
        translator[0].text = "translation (the translator is not named in the source)"
    stmt.append(translator)
    encoder = tei("respStmt")
    tei("resp", text="TEI encoding", parent=encoder)
    tei("name", {XML_ID: "encoder"}, f"tei-edition {__version__}", parent=encoder)
    stmt.append(encoder)
    return stmt


def _publication_stmt(h: Header) -> etree._Element:
    stmt = tei("publicationStmt")
    if "Wilson Center Digital Archive" in " ".join(h.citation):
        tei("distributor", text="Wilson Center Digital Archive", parent=stmt)
    else:
        tei("p", text="Not published: encoded from a transcription.", parent=stmt)
        return stmt
    if h.url:
        tei("idno", {"type": "URI"}, h.url, parent=stmt)
    availability = tei("availability", {"status": "unknown"})
    tei("p", text="The source does not state a licence.", parent=availability)
    stmt.append(availability)
    return stmt


def _notes_stmt(document: Document) -> etree._Element:
    h = document.header
    notes = tei("notesStmt")
    for paragraph in h.credits:
        tei("note", {"type": "credits"}, paragraph, parent=notes)
    if h.original_language:
        tei("note", {"type": "original-language"}, h.original_language, parent=notes)
    if h.contents:
        note = tei("note", {"type": "contents"})
        items = tei("list")
        for item in h.contents:
            tei("item", text=item, parent=items)
        note.append(items)
        notes.append(note)
    for field in h.other_fields:
        for paragraph in field.paragraphs:
            tei("note", {"type": "header-field", "n": field.label}, paragraph, parent=notes)
    if document.is_fragment:
        tei(
            "note",
            {"type": "fragment"},
            "The transcription has no header: it is a fragment of an archival file. "
            "Its title, date and archival reference are not stated in the source.",
            parent=notes,
        )
    return notes


def _source_desc(document: Document, used: set[str]) -> etree._Element:
    h = document.header
    desc = tei("sourceDesc")
    desc.append(_bibl(document))
    if h.repository or h.archive_ids:
        ms = tei("msDesc")
        ident = tei("msIdentifier")
        if h.repository:
            tei("repository", text=h.repository, parent=ident)
        for kind, value in h.archive_ids:
            tei("idno", {"type": kind}, value, parent=ident)
        ms.append(ident)
        desc.append(ms)
    if used & {"in-handwritten-version", "deleted-in-handwritten-version", "inserted-by-hand-in-handwritten-version"}:
        witnesses = tei("listWit")
        tei("witness", {XML_ID: "wit-typescript"}, "The typescript translated here.", parent=witnesses)
        tei(
            "witness",
            {XML_ID: "wit-handwritten"},
            "The handwritten version of the document, as reported by the translator.",
            parent=witnesses,
        )
        desc.append(witnesses)
    return desc


def _bibl(document: Document) -> etree._Element:
    h = document.header
    if not h.citation:
        bibl = tei("bibl", {"type": "fragment"})
        tei("note", text=f"A fragment without a citation, from the source file {document.source_name}.", parent=bibl)
        return bibl
    bibl = tei("bibl", {"type": "citation"})
    for number, paragraph in enumerate(h.citation):
        if number:
            append_text(bibl, " ")
        _marked_citation(bibl, paragraph, h)
    return bibl


def _marked_citation(bibl: etree._Element, text: str, h: Header) -> None:
    """The citation as printed, with its title, date, translator and URL marked up."""
    marks = []
    title = re.search(r'^"(?P<t>[^"]+)"', text)
    if title:
        marks.append((title.start("t"), title.end("t"), tei("title", text=title.group("t"))))
    if h.date_text and h.date_text in text:
        start = text.index(h.date_text)
        marks.append((start, start + len(h.date_text), tei("date", {"when": h.date_iso}, h.date_text)))
    if h.translator and h.translator in text:
        start = text.rindex(h.translator)
        marks.append((start, start + len(h.translator), tei("persName", {"ref": "#translator"}, h.translator)))
    for url in re.finditer(r"https?://\S+", text):
        marks.append((url.start(), url.end(), tei("ref", {"target": url.group()}, url.group())))
    position = 0
    for start, end, element in sorted(marks, key=lambda m: m[0]):
        if start < position:
            continue
        append_text(bibl, text[position:start])
        bibl.append(element)
        position = end
    append_text(bibl, text[position:])


def _encoding_desc(used: set[str]) -> etree._Element:
    desc = tei("encodingDesc")
    decl = tei("editorialDecl")
    tei(
        "p",
        text="Encoded by tei-edition from a plain-text transcription. Every "
        "character of the source is kept; the translator's editorial signs "
        "are encoded as markup (see the project's encoding documentation).",
        parent=decl,
    )
    descriptions = [c for c in LABELLED if c.name in used]
    if descriptions:
        signs = tei("p", text="Signs found in this document: ")
        for number, convention in enumerate(descriptions):
            if number:
                append_text(signs, "; ")
            tei("code", text=convention.open.strip() + "…" + convention.close, parent=signs)
            append_text(signs, f" {convention.description}")
        append_text(signs, ".")
        decl.append(signs)
    desc.append(decl)
    if used & {"in-handwritten-version", "deleted-in-handwritten-version", "inserted-by-hand-in-handwritten-version"}:
        tei("variantEncoding", {"method": "parallel-segmentation", "location": "internal"}, parent=desc)
    return desc


def _profile_desc(document: Document, used: set[str]) -> etree._Element:
    h = document.header
    profile = tei("profileDesc")
    if h.date_text:
        creation = tei("creation")
        tei("date", {"when": h.date_iso}, h.date_text, parent=creation)
        profile.append(creation)
    if h.summary:
        abstract = tei("abstract")
        for paragraph in h.summary:
            tei("p", text=paragraph, parent=abstract)
        profile.append(abstract)
    profile.append(_lang_usage(document, used))
    profile.append(_hand_notes(used))
    correspondence = _corresp_desc(h)
    if correspondence is not None:
        profile.append(correspondence)
    return profile


def _lang_usage(document: Document, used: set[str]) -> etree._Element:
    usage = tei("langUsage")
    codes = sorted({part.lang for part in document.parts} | ({"ru-Latn"} if "transliterated" in used else set()))
    for code in codes:
        tei("language", {"ident": code}, LANGUAGE_NAMES.get(code, code), parent=usage)
    return usage


def _hand_notes(used: set[str]) -> etree._Element:
    notes = tei("handNotes")
    tei(
        "handNote",
        {XML_ID: "hand-typescript", "script": "typewritten"},
        "The typescript of the document.",
        parent=notes,
    )
    tei("handNote", {XML_ID: "hand-1"}, "An unidentified hand: handwritten passages and insertions.", parent=notes)
    return notes


def _corresp_desc(h: Header) -> etree._Element | None:
    match = CORRESPONDENCE.match(h.title)
    if not match:
        return None
    desc = tei("correspDesc")
    sent = tei("correspAction", {"type": "sent"})
    tei("persName", text=match.group("sender"), parent=sent)
    if match.group("place"):
        tei("placeName", text=match.group("place"), parent=sent)
    if h.date_iso:
        tei("date", {"when": h.date_iso}, h.date_text, parent=sent)
    desc.append(sent)
    if match.group("addressee"):
        received = tei("correspAction", {"type": "received"})
        tei("orgName", text=match.group("addressee"), parent=received)
        desc.append(received)
    return desc


def _revision_desc(document: Document) -> etree._Element:
    desc = tei("revisionDesc")
    change = tei("change", {"who": "#encoder"}, "Encoded from ")
    tei("ref", {"target": document.source_name}, document.source_name, parent=change)
    change[-1].tail = ", SHA-256 "
    tei("idno", {"type": "sha256"}, document.source_sha256, parent=change)
    change[-1].tail = "."
    desc.append(change)
    return desc


XML_LANG = f"{{{XML_NS}}}lang"
