"""The teiHeader: what the source's header says, and what the encoding did — nothing invented."""

from __future__ import annotations

import re

from tei import __version__
from tei.conventions import ALL, XML_NS
from tei.reader.header import web_addresses
from tei.reader.model import Document, Header
from tei.writer.inline import XML_ID, append_text, tei
from tei.writer.tree import Element

CORRESPONDENCE = re.compile(
    r"^(?:Telegram|Cable|Letter|Ciphered telegram|Note) from (?:Cde\. )?(?P<sender>.+?)"
    r"(?: from (?P<place>[A-Z][a-z]+))?(?: to (?:the )?(?P<addressee>.+?))?(?: concerning .*)?$"
)
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "ru-Latn": "Russian in Latin transliteration"}
# The rows whose words are a reading of the handwritten version: their documents declare its witnesses.
VARIANT_ROWS = frozenset(convention.name for convention in ALL if convention.variant)
# The language each row's words are in, where the row says (`*vystupili*`: ru-Latn).
ROW_LANGUAGES = {convention.name: convention.lang for convention in ALL if convention.lang}


def write_header(parent: Element, document: Document, used: set[str]) -> Element:
    header = tei("teiHeader", parent=parent)
    _file_desc(header, document, used)
    _encoding_desc(header, used)
    _profile_desc(header, document, used)
    if document.header_source:
        _source_header(header, document)
    _revision_desc(header, document)
    return header


def _source_header(parent: Element, document: Document) -> None:
    """The header block as the transcription writes it: the fields above are read from it, and
    `tei source` writes it back from here, styling, line breaks and unknown fields included."""
    bom = "\ufeff" if document.byte_order_mark else ""
    tei("xenoData", {"type": "source-header"}, bom + document.header_source, parent=parent)


def _file_desc(parent: Element, document: Document, used: set[str]) -> None:
    file_desc = tei("fileDesc", parent=parent)
    _title_stmt(file_desc, document)
    _publication_stmt(file_desc, document.header)
    notes = _notes_stmt(file_desc, document)
    if not len(notes):
        file_desc.remove(notes)
    _source_desc(file_desc, document, used)


def _title_stmt(parent: Element, document: Document) -> None:
    h = document.header
    stmt = tei("titleStmt", parent=parent)
    if h.title:
        tei("title", text=h.title, parent=stmt)
    else:
        tei("title", {"type": "desc"}, f"Untitled fragment (source file {document.source_name})", parent=stmt)
    translator = tei("respStmt", parent=stmt)
    tei("resp", text="translation", parent=translator)
    tei("persName" if h.translator else "name", {XML_ID: "translator"}, h.translator or None, parent=translator)
    if not h.translator:
        translator[0].text = "translation (the translator is not named in the source)"
    encoder = tei("respStmt", parent=stmt)
    tei("resp", text="TEI encoding", parent=encoder)
    tei("name", {XML_ID: "encoder"}, f"tei-edition {__version__}", parent=encoder)


def _publication_stmt(parent: Element, h: Header) -> None:
    stmt = tei("publicationStmt", parent=parent)
    if "Wilson Center Digital Archive" in " ".join(h.citation):
        tei("distributor", text="Wilson Center Digital Archive", parent=stmt)
    else:
        tei("p", text="Not published: encoded from a transcription.", parent=stmt)
        return
    if h.url:
        tei("idno", {"type": "URI"}, h.url, parent=stmt)
    availability = tei("availability", {"status": "unknown"}, parent=stmt)
    tei("p", text="The source does not state a licence.", parent=availability)


def _notes_stmt(parent: Element, document: Document) -> Element:
    h = document.header
    notes = tei("notesStmt", parent=parent)
    for paragraph in h.credits:
        tei("note", {"type": "credits"}, paragraph, parent=notes)
    if h.original_language:
        tei("note", {"type": "original-language"}, h.original_language, parent=notes)
    if h.contents:
        note = tei("note", {"type": "contents"}, parent=notes)
        items = tei("list", parent=note)
        for item in h.contents:
            tei("item", text=item, parent=items)
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


def _source_desc(parent: Element, document: Document, used: set[str]) -> None:
    h = document.header
    desc = tei("sourceDesc", parent=parent)
    _bibl(desc, document)
    # The schema's archive reference is a repository and at least its fond; anything less stays
    # in the citation's text.
    if h.repository and any(kind == "fond" for kind, _ in h.archive_ids):
        ms = tei("msDesc", parent=desc)
        ident = tei("msIdentifier", parent=ms)
        if h.repository:
            tei("repository", text=h.repository, parent=ident)
        for kind, value in h.archive_ids:
            tei("idno", {"type": kind}, value, parent=ident)
    if used & VARIANT_ROWS:
        witnesses = tei("listWit", parent=desc)
        tei("witness", {XML_ID: "wit-typescript"}, "The typescript translated here.", parent=witnesses)
        tei(
            "witness",
            {XML_ID: "wit-handwritten"},
            "The handwritten version of the document, as reported by the translator.",
            parent=witnesses,
        )


def _bibl(parent: Element, document: Document) -> None:
    h = document.header
    if not h.citation:
        bibl = tei("bibl", {"type": "fragment"}, parent=parent)
        tei("note", text=f"A fragment without a citation, from the source file {document.source_name}.", parent=bibl)
        return
    bibl = tei("bibl", {"type": "citation"}, parent=parent)
    for number, paragraph in enumerate(h.citation):
        if number:
            append_text(bibl, " ")
        _marked_citation(bibl, paragraph, h)


def _marked_citation(bibl: Element, text: str, h: Header) -> None:
    """The citation as printed, with its title, date, translator and URL marked up."""
    marks = []  # (start, end, tag, attributes): the element holds text[start:end]
    title = re.search(r'^"(?P<t>[^"]+)"', text)
    if title:
        marks.append((title.start("t"), title.end("t"), "title", None))
    if h.date_text and h.date_text in text:
        start = text.index(h.date_text)
        marks.append((start, start + len(h.date_text), "date", {"when": h.date_iso}))
    if h.translator and h.translator in text:
        start = text.rindex(h.translator)
        marks.append((start, start + len(h.translator), "persName", {"ref": "#translator"}))
    for url in web_addresses(text):
        marks.append((url.start("url"), url.end("url"), "ref", {"target": url.group("url")}))
    position = 0
    for start, end, tag, attributes in sorted(marks, key=lambda m: m[0]):
        if start < position:
            continue
        append_text(bibl, text[position:start])
        tei(tag, attributes, text[start:end], parent=bibl)
        position = end
    append_text(bibl, text[position:])


def _encoding_desc(parent: Element, used: set[str]) -> None:
    desc = tei("encodingDesc", parent=parent)
    decl = tei("editorialDecl", parent=desc)
    tei(
        "p",
        text="Encoded by tei-edition from a plain-text transcription. Every "
        "character of the source is kept; the translator's editorial signs "
        "are encoded as markup (see the project's encoding documentation).",
        parent=decl,
    )
    descriptions = [c for c in ALL if c.label and c.name in used]
    if descriptions:
        signs = tei("p", text="Signs found in this document: ", parent=decl)
        for number, convention in enumerate(descriptions):
            if number:
                append_text(signs, "; ")
            tei("code", text=convention.open.strip() + "…" + convention.close, parent=signs)
            append_text(signs, f" {convention.description}")
        append_text(signs, ".")
    if used & VARIANT_ROWS:
        tei("variantEncoding", {"method": "parallel-segmentation", "location": "internal"}, parent=desc)


def _profile_desc(parent: Element, document: Document, used: set[str]) -> None:
    h = document.header
    profile = tei("profileDesc", parent=parent)
    if h.date_text:
        creation = tei("creation", parent=profile)
        tei("date", {"when": h.date_iso}, h.date_text, parent=creation)
    if h.summary:
        abstract = tei("abstract", parent=profile)
        for paragraph in h.summary:
            tei("p", text=paragraph, parent=abstract)
    _lang_usage(profile, document, used)
    _hand_notes(profile)
    _corresp_desc(profile, h)


def _lang_usage(parent: Element, document: Document, used: set[str]) -> None:
    usage = tei("langUsage", parent=parent)
    signs = {ROW_LANGUAGES[name] for name in used & ROW_LANGUAGES.keys()}
    codes = sorted({part.lang for part in document.parts} | signs)
    for code in codes:
        tei("language", {"ident": code}, LANGUAGE_NAMES.get(code, code), parent=usage)


def _hand_notes(parent: Element) -> None:
    notes = tei("handNotes", parent=parent)
    tei(
        "handNote",
        {XML_ID: "hand-typescript", "script": "typewritten"},
        "The typescript of the document.",
        parent=notes,
    )
    tei("handNote", {XML_ID: "hand-1"}, "An unidentified hand: handwritten passages and insertions.", parent=notes)


def _corresp_desc(parent: Element, h: Header) -> None:
    match = CORRESPONDENCE.match(h.title)
    if not match:
        return
    desc = tei("correspDesc", parent=parent)
    sent = tei("correspAction", {"type": "sent"}, parent=desc)
    tei("persName", text=match.group("sender"), parent=sent)
    if match.group("place"):
        tei("placeName", text=match.group("place"), parent=sent)
    if h.date_iso:
        tei("date", {"when": h.date_iso}, h.date_text, parent=sent)
    if match.group("addressee"):
        received = tei("correspAction", {"type": "received"}, parent=desc)
        tei("orgName", text=match.group("addressee"), parent=received)


def _revision_desc(parent: Element, document: Document) -> None:
    desc = tei("revisionDesc", parent=parent)
    change = tei("change", {"who": "#encoder"}, "Encoded from ", parent=desc)
    tei("ref", {"target": document.source_name}, document.source_name, parent=change)
    change[-1].tail = ", SHA-256 "
    tei("idno", {"type": "sha256"}, document.source_sha256, parent=change)
    change[-1].tail = "."


XML_LANG = f"{{{XML_NS}}}lang"
