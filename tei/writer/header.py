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
    r"(?: from (?P<place>[A-Z][a-z]+))?(?: to (?:the )?(?P<addressee>.+?))?(?: concerning .*)?$")
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
        stmt.append(tei("title", text=h.title))
    else:
        stmt.append(tei("title", {"type": "desc"},
                        f"Untitled fragment (source file {document.source_name})"))
    translator = tei("respStmt")
    translator.append(tei("resp", text="translation"))
    translator.append(tei("persName" if h.translator else "name", {XML_ID: "translator"},
                          h.translator or None))
    if not h.translator:
        translator[0].text = "translation (the translator is not named in the source)"
    stmt.append(translator)
    encoder = tei("respStmt")
    encoder.append(tei("resp", text="TEI encoding"))
    encoder.append(tei("name", {XML_ID: "encoder"}, f"tei-edition {__version__}"))
    stmt.append(encoder)
    return stmt


def _publication_stmt(h: Header) -> etree._Element:
    stmt = tei("publicationStmt")
    if "Wilson Center Digital Archive" in " ".join(h.citation):
        stmt.append(tei("distributor", text="Wilson Center Digital Archive"))
    else:
        stmt.append(tei("p", text="Not published: encoded from a transcription."))
        return stmt
    if h.url:
        stmt.append(tei("idno", {"type": "URI"}, h.url))
    availability = tei("availability", {"status": "unknown"})
    availability.append(tei("p", text="The source does not state a licence."))
    stmt.append(availability)
    return stmt


def _notes_stmt(document: Document) -> etree._Element:
    h = document.header
    notes = tei("notesStmt")
    for paragraph in h.credits:
        notes.append(tei("note", {"type": "credits"}, paragraph))
    if h.original_language:
        notes.append(tei("note", {"type": "original-language"}, h.original_language))
    if h.contents:
        note = tei("note", {"type": "contents"})
        items = tei("list")
        for item in h.contents:
            items.append(tei("item", text=item))
        note.append(items)
        notes.append(note)
    for field in h.other_fields:
        for paragraph in field.paragraphs:
            notes.append(tei("note", {"type": "header-field", "n": field.label}, paragraph))
    if document.is_fragment:
        notes.append(tei("note", {"type": "fragment"},
                         "The transcription has no header: it is a fragment of an archival file. "
                         "Its title, date and archival reference are not stated in the source."))
    return notes


def _source_desc(document: Document, used: set[str]) -> etree._Element:
    h = document.header
    desc = tei("sourceDesc")
    desc.append(_bibl(document))
    if h.repository or h.archive_ids:
        ms = tei("msDesc")
        ident = tei("msIdentifier")
        if h.repository:
            ident.append(tei("repository", text=h.repository))
        for kind, value in h.archive_ids:
            ident.append(tei("idno", {"type": kind}, value))
        ms.append(ident)
        desc.append(ms)
    if used & {"in-handwritten-version", "deleted-in-handwritten-version",
               "inserted-by-hand-in-handwritten-version"}:
        witnesses = tei("listWit")
        witnesses.append(tei("witness", {XML_ID: "wit-typescript"}, "The typescript translated here."))
        witnesses.append(tei("witness", {XML_ID: "wit-handwritten"},
                             "The handwritten version of the document, as reported by the translator."))
        desc.append(witnesses)
    return desc


def _bibl(document: Document) -> etree._Element:
    h = document.header
    if not h.citation:
        bibl = tei("bibl", {"type": "fragment"})
        bibl.append(tei("note", text=f"A fragment without a citation, from the source file "
                                      f"{document.source_name}."))
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
        marks.append((start, start + len(h.translator),
                      tei("persName", {"ref": "#translator"}, h.translator)))
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
    decl.append(tei("p", text="Encoded by tei-edition from a plain-text transcription. Every "
                              "character of the source is kept; the translator's editorial signs "
                              "are encoded as markup (see the project's encoding documentation)."))
    descriptions = [c for c in LABELLED if c.name in used]
    if descriptions:
        signs = tei("p", text="Signs found in this document: ")
        for number, convention in enumerate(descriptions):
            if number:
                append_text(signs, "; ")
            signs.append(tei("code", text=convention.open.strip() + "…" + convention.close))
            append_text(signs, f" {convention.description}")
        append_text(signs, ".")
        decl.append(signs)
    desc.append(decl)
    if used & {"in-handwritten-version", "deleted-in-handwritten-version",
               "inserted-by-hand-in-handwritten-version"}:
        desc.append(tei("variantEncoding", {"method": "parallel-segmentation", "location": "internal"}))
    return desc


def _profile_desc(document: Document, used: set[str]) -> etree._Element:
    h = document.header
    profile = tei("profileDesc")
    if h.date_text:
        creation = tei("creation")
        creation.append(tei("date", {"when": h.date_iso}, h.date_text))
        profile.append(creation)
    if h.summary:
        abstract = tei("abstract")
        for paragraph in h.summary:
            abstract.append(tei("p", text=paragraph))
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
        usage.append(tei("language", {"ident": code}, LANGUAGE_NAMES.get(code, code)))
    return usage


def _hand_notes(used: set[str]) -> etree._Element:
    notes = tei("handNotes")
    notes.append(tei("handNote", {XML_ID: "hand-typescript", "script": "typewritten"},
                     "The typescript of the document."))
    notes.append(tei("handNote", {XML_ID: "hand-1"},
                     "An unidentified hand: handwritten passages and insertions."))
    return notes


def _corresp_desc(h: Header) -> etree._Element | None:
    match = CORRESPONDENCE.match(h.title)
    if not match:
        return None
    desc = tei("correspDesc")
    sent = tei("correspAction", {"type": "sent"})
    sent.append(tei("persName", text=match.group("sender")))
    if match.group("place"):
        sent.append(tei("placeName", text=match.group("place")))
    if h.date_iso:
        sent.append(tei("date", {"when": h.date_iso}, h.date_text))
    desc.append(sent)
    if match.group("addressee"):
        received = tei("correspAction", {"type": "received"})
        received.append(tei("orgName", text=match.group("addressee")))
        desc.append(received)
    return desc


def _revision_desc(document: Document) -> etree._Element:
    desc = tei("revisionDesc")
    change = tei("change", {"who": "#encoder"}, "Encoded from ")
    change.append(tei("ref", {"target": document.source_name}, document.source_name))
    change[-1].tail = ", SHA-256 "
    change.append(tei("idno", {"type": "sha256"}, document.source_sha256))
    change[-1].tail = "."
    desc.append(change)
    return desc


XML_LANG = f"{{{XML_NS}}}lang"
