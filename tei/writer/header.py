"""The teiHeader: what the source's header says, and what the encoding did — nothing invented."""

from __future__ import annotations

import re
from collections.abc import Callable

from tei import __version__
from tei.authority import KIND_BY_NAME
from tei.conventions import ALL, XML_NS
from tei.reader.header import web_addresses
from tei.reader.model import Document, Header, Mark
from tei.writer.entities import EntityUse, entity_writers
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
# Makes an element inside the parent it is given; returns the element the marked text goes into.
Maker = Callable[[Element], Element]
Span = tuple[int, int, Maker]   # text[start:end] goes into what the maker makes


class _Fields:
    """Writes the header's field paragraphs with the names and dates the recogniser marked in them."""

    def __init__(self, header: Header, use: EntityUse) -> None:
        self.header = header
        self.writers = entity_writers(use)

    def spans(self, key: tuple[str, int]) -> list[Span]:
        return [(mark.start, mark.end, self._maker(mark)) for mark in self.header.marks.get(key, [])]

    def write(self, parent: Element, key: tuple[str, int], text: str) -> Element:
        write_spans(parent, text, self.spans(key))
        return parent

    def _maker(self, mark: Mark) -> Maker:
        write = self.writers[mark.node.name]
        return lambda parent: write(mark.node, parent)


def write_spans(parent: Element, text: str, spans: list[Span]) -> None:
    """`text` into `parent` with each span's element around its part: a span inside another goes
    inside it, one that crosses another is left out (its text is kept, unmarked)."""
    _write_range(parent, text, sorted(spans, key=lambda span: (span[0], -span[1])), 0, len(text))


def _write_range(parent: Element, text: str, spans: list[Span], start: int, end: int) -> None:
    position, index = start, 0
    while index < len(spans):
        span_start, span_end, make = spans[index]
        inner, index = [], index + 1
        while index < len(spans) and spans[index][0] < span_end:
            if spans[index][1] <= span_end:
                inner.append(spans[index])
            index += 1
        append_text(parent, text[position:span_start])
        _write_range(make(parent), text, inner, span_start, span_end)
        position = span_end
    append_text(parent, text[position:end])


def write_header(parent: Element, document: Document, used: set[str], use: EntityUse | None = None) -> Element:
    """The teiHeader; the names and dates marked in its fields note in `use` what they need declared."""
    header = tei("teiHeader", parent=parent)
    fields = _Fields(document.header, use or EntityUse())
    _file_desc(header, document, used, fields)
    _encoding_desc(header, used)
    _profile_desc(header, document, used, fields)
    if document.header_source:
        _source_header(header, document)
    _revision_desc(header, document)
    return header


def _source_header(parent: Element, document: Document) -> None:
    """The header block as the transcription writes it: the fields above are read from it, and
    `tei source` writes it back from here, styling, line breaks and unknown fields included."""
    bom = "\ufeff" if document.byte_order_mark else ""
    tei("xenoData", {"type": "source-header"}, bom + document.header_source, parent=parent)


def _file_desc(parent: Element, document: Document, used: set[str], fields: _Fields) -> None:
    file_desc = tei("fileDesc", parent=parent)
    _title_stmt(file_desc, document, fields)
    _publication_stmt(file_desc, document.header)
    notes = _notes_stmt(file_desc, document, fields)
    if not len(notes):
        file_desc.remove(notes)
    _source_desc(file_desc, document, used, fields)


def _title_stmt(parent: Element, document: Document, fields: _Fields) -> None:
    h = document.header
    stmt = tei("titleStmt", parent=parent)
    if h.title:
        fields.write(tei("title", parent=stmt), ("title", 0), h.title)
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


def _notes_stmt(parent: Element, document: Document, fields: _Fields) -> Element:
    h = document.header
    notes = tei("notesStmt", parent=parent)
    for number, paragraph in enumerate(h.credits):
        fields.write(tei("note", {"type": "credits"}, parent=notes), ("credits", number), paragraph)
    if h.original_language:
        tei("note", {"type": "original-language"}, h.original_language, parent=notes)
    if h.contents:
        note = tei("note", {"type": "contents"}, parent=notes)
        items = tei("list", parent=note)
        for item in h.contents:
            tei("item", text=item, parent=items)
    others = [(field.label, paragraph) for field in h.other_fields for paragraph in field.paragraphs]
    for number, (label, paragraph) in enumerate(others):
        fields.write(tei("note", {"type": "header-field", "n": label}, parent=notes), ("field", number), paragraph)
    if document.is_fragment:
        tei(
            "note",
            {"type": "fragment"},
            "The transcription has no header: it is a fragment of an archival file. "
            "Its title, date and archival reference are not stated in the source.",
            parent=notes,
        )
    return notes


def _source_desc(parent: Element, document: Document, used: set[str], fields: _Fields) -> None:
    h = document.header
    desc = tei("sourceDesc", parent=parent)
    _bibl(desc, document, fields)
    # The schema's archive reference is a repository and at least its fond; anything less stays
    # in the citation's text.
    if h.repository and any(kind == "fond" for kind, _ in h.archive_ids):
        ms = tei("msDesc", parent=desc)
        ident = tei("msIdentifier", parent=ms)
        if h.repository:
            tei("repository", _repository_ref(h), h.repository, parent=ident)
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


def _repository_ref(h: Header) -> dict[str, str]:
    """The archive's entry, when the citation names it with a form the lists know (`RGANI`)."""
    refs = {mark.node.data["ref"] for (field, number), marks in h.marks.items() if field == "citation"
            for mark in marks if mark.node.name == "organisation"
            and h.citation[number][mark.start:mark.end] == h.repository}
    return {"ref": refs.pop()} if len(refs) == 1 else {}


def _bibl(parent: Element, document: Document, fields: _Fields) -> None:
    h = document.header
    if not h.citation:
        bibl = tei("bibl", {"type": "fragment"}, parent=parent)
        tei("note", text=f"A fragment without a citation, from the source file {document.source_name}.", parent=bibl)
        return
    bibl = tei("bibl", {"type": "citation"}, parent=parent)
    for number, paragraph in enumerate(h.citation):
        if number:
            append_text(bibl, " ")
        _marked_citation(bibl, paragraph, h, fields.spans(("citation", number)))


def _marked_citation(bibl: Element, text: str, h: Header, names: list[Span]) -> None:
    """The citation as printed, with its title, date, translator and URL marked up, and the names and
    dates the recogniser found in the rest and in the title."""
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
    spans = [(start, end, _element_maker(tag, attributes)) for start, end, tag, attributes in marks]
    kept = [name for name in names if not any(start < name[1] and name[0] < end
                                             for start, end, tag, _ in marks if tag != "title")]
    write_spans(bibl, text, spans + kept)


def _element_maker(tag: str, attributes: dict[str, str] | None) -> Maker:
    return lambda parent: tei(tag, attributes, parent=parent)


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


def _profile_desc(parent: Element, document: Document, used: set[str], fields: _Fields) -> None:
    h = document.header
    profile = tei("profileDesc", parent=parent)
    if h.date_text:
        creation = tei("creation", parent=profile)
        tei("date", {"when": h.date_iso}, h.date_text, parent=creation)
    if h.summary:
        abstract = tei("abstract", parent=profile)
        for number, paragraph in enumerate(h.summary):
            fields.write(tei("p", parent=abstract), ("summary", number), paragraph)
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
    _correspondent(sent, h, match, "sender", "persName")
    if match.group("place"):
        _correspondent(sent, h, match, "place", "placeName")
    if h.date_iso:
        tei("date", {"when": h.date_iso}, h.date_text, parent=sent)
    if match.group("addressee"):
        received = tei("correspAction", {"type": "received"}, parent=desc)
        _correspondent(received, h, match, "addressee", "orgName")


def _correspondent(action: Element, h: Header, match: re.Match, group: str, element: str) -> None:
    """A name the title gives to a sender, place or addressee: with the entry the recogniser found for
    exactly these words of the title, else as the title's pattern takes it (`element`)."""
    span = match.span(group)
    mark = next((m for m in h.marks.get(("title", 0), []) if (m.start, m.end) == span and "ref" in m.node.data), None)
    if mark is None:
        tei(element, text=match.group(group), parent=action)
        return
    tei(KIND_BY_NAME[mark.node.name].name_element, {"ref": mark.node.data["ref"]}, match.group(group), parent=action)


def _revision_desc(parent: Element, document: Document) -> None:
    desc = tei("revisionDesc", parent=parent)
    change = tei("change", {"who": "#encoder"}, "Encoded from ", parent=desc)
    tei("ref", {"target": document.source_name}, document.source_name, parent=change)
    change[-1].tail = ", SHA-256 "
    tei("idno", {"type": "sha256"}, document.source_sha256, parent=change)
    change[-1].tail = "."


XML_LANG = f"{{{XML_NS}}}lang"
