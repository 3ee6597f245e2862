"""The editor's layer in the TEI header: what the metadata sidecar and the edition add.

The encoder writes what the source says; this module adds, beside it and never in its place,
what the editors say (`tei.sidecar.Sidecar`) and where the document stands in the edition
(`EditionPlace`: edition title and version, the document's frozen number). Every element the
editors supply carries `resp="#editor"`; the renderers prefer it over the source's own.
Applying it to freshly encoded TEI is the only way in, so re-encoding never loses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tei.authority import KIND_BY_NAME, Authorities, default_authorities, listed_prefixes
from tei.conventions import TEI_NS
from tei.errors import Position
from tei.reader.model import Diagnostic, Mark
from tei.sidecar import Sidecar
from tei.writer.alignment import GROUP, NOTE, TEXT, apply_fixes
from tei.writer.entities import EntityUse, declare_entities, entity_element
from tei.writer.inline import XML_ID, XML_LANG, append_text, tei
from tei.writer.tree import Element, indent

EDITOR = "#editor"
Marks = dict[tuple[str, int], list[Mark]]
MACHINE_READ_NOTE = ("The {language} text is machine-read from the scan (OCR) and has not been "
                     "corrected: expect misread letters and words.")
LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "zh": "Chinese", "ko": "Korean", "de": "German"}
# Where each child of these header elements stands, so an added one lands in schema order, and the
# depth of those children in the document (the writer's header has this shape, always).
ORDER = {
    "fileDesc": ("titleStmt", "editionStmt", "publicationStmt", "seriesStmt", "notesStmt", "sourceDesc"),
    "titleStmt": ("title", "respStmt"),
    "profileDesc": ("creation", "abstract", "langUsage", "handNotes", "correspDesc"),
}
DEPTH = {"fileDesc": 3, "titleStmt": 4, "profileDesc": 3}
_LOCAL = len(TEI_NS) + 2   # a TEI tag is "{namespace}name"
XML_SPACE = " \t\r\n"   # what XPath's normalize-space() removes
TITLE, DATE, CREATION = (f"{{{TEI_NS}}}{name}" for name in ("title", "date", "creation"))


@dataclass(frozen=True)
class EditionPlace:
    """What the build knows of a document's place in the edition, not of its source."""

    title: str = ""
    version: str = ""
    number: str = ""
    editors: tuple[str, ...] = ()
    url: str = ""            # the document's page in the published edition, when base_url is known
    authorities: Authorities | None = None   # the edition's lists the sidecar's names point into (default: bundled)

    def lists(self) -> Authorities:
        return self.authorities or default_authorities()


def apply_editorial_layer(root: Element, sidecar: Sidecar, place: EditionPlace,
                          marks: Marks | None = None) -> list[str]:
    """Add the editors' metadata and the edition's facts to an encoded TEI document (the writer's
    tree, before it is written); returns the xml:ids of the editors' alignment fixes that name no
    paragraph. `marks` holds the names and dates the recogniser found in the editors' texts
    (`tei.reader.recognise.marks_in_texts`)."""
    unknown = apply_fixes(root, sidecar.alignment)
    header = root.find(_t("teiHeader"))
    file_desc = header.find(_t("fileDesc"))
    if not sidecar.is_empty:
        _declare_editor(file_desc.find(_t("titleStmt")), sidecar, place)
    _edition_stmt(file_desc, place)
    _series_stmt(file_desc, place)
    marked = _Marked(marks or {})
    _title(file_desc.find(_t("titleStmt")), sidecar, marked)
    _notes(file_desc, root, sidecar, marked)
    _archive(file_desc.find(_t("sourceDesc")), sidecar, marked)
    _summary(header, sidecar, marked)
    _correspondence(header, sidecar, place.lists())
    declare_entities(root)  # the prefixes of the editors' names too
    return unknown


def _t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _local(element: Element) -> str:
    return element.tag[_LOCAL:]


def _place(parent: Element, element: Element) -> Element:
    """Insert `element` into `parent` after the siblings that come before it in schema order."""
    order = ORDER.get(_local(parent), ())
    name = _local(element)
    rank = order.index(name) if name in order else len(order)
    index = 0
    for index_, child in enumerate(parent):
        child_name = _local(child)
        if child_name in order and order.index(child_name) <= rank:
            index = index_ + 1
    depth = DEPTH[_local(parent)]
    indent(element, level=depth)
    parent.insert(index, element)
    before = parent[index - 1] if index else None
    element.tail = (before.tail if before is not None else parent.text) or ""
    if before is not None:
        before.tail = "\n" + "  " * depth
    elif len(parent) == 1:
        parent.text, element.tail = "\n" + "  " * depth, "\n" + "  " * (depth - 1)
    return element


def _declare_editor(title_stmt: Element, sidecar: Sidecar, place: EditionPlace) -> None:
    name = sidecar.editor or ", ".join(place.editors) or "the editors of the edition"
    stmt = tei("respStmt")
    tei("resp", text="editorial metadata (title, date, people, summary, notes)", parent=stmt)
    tei("persName" if sidecar.editor or place.editors else "name", {XML_ID: "editor"}, name, parent=stmt)
    _place(title_stmt, stmt)


def _edition_stmt(file_desc: Element, place: EditionPlace) -> None:
    if place.version:
        stmt = tei("editionStmt")
        tei("edition", {"n": place.version}, f"Version {place.version}", parent=stmt)
        _place(file_desc, stmt)


def _series_stmt(file_desc: Element, place: EditionPlace) -> None:
    if place.title or place.number:
        stmt = tei("seriesStmt")
        tei("title", text=place.title or "The edition", parent=stmt)
        for editor in place.editors:
            tei("editor", text=editor, parent=stmt)
        if place.url:
            tei("idno", {"type": "URI"}, place.url, parent=stmt)
        if place.number:
            tei("biblScope", {"unit": "document", "n": place.number}, f"Document {place.number}", parent=stmt)
        _place(file_desc, stmt)


class _Marked:
    """Makes the editors' texts as elements, with the names and dates marked in them."""

    def __init__(self, marks: Marks) -> None:
        self.marks = marks

    def element(self, tag: str, attrib: dict[str, str], key: tuple[str, int], text: str) -> Element:
        element = tei(tag, attrib)
        position, use = 0, EntityUse()
        for mark in self.marks.get(key, []):
            append_text(element, text[position:mark.start])
            name, attributes = entity_element(mark.node, use)
            tei(name, attributes, text[mark.start:mark.end], parent=element)
            position = mark.end
        append_text(element, text[position:])
        return element


def _title(title_stmt: Element, sidecar: Sidecar, marked: _Marked) -> None:
    if sidecar.title:
        _place(title_stmt, marked.element("title", {"type": "main", "resp": EDITOR}, ("title", 0), sidecar.title))


def _notes(file_desc: Element, root: Element, sidecar: Sidecar, marked: _Marked) -> None:
    _add_notes(file_desc, [marked.element("note", {"type": "editorial", "resp": EDITOR}, ("notes", number), text)
                           for number, text in enumerate(sidecar.notes)])
    record_machine_read(root, sidecar)


def _add_notes(file_desc: Element, notes: list[Element]) -> None:
    if not notes:
        return
    stmt = file_desc.find(_t("notesStmt"))
    if stmt is None:
        stmt = _place(file_desc, tei("notesStmt"))
    for note in notes:
        stmt.append(note)
    indent(stmt, level=3)


def record_machine_read(root: Element, sidecar: Sidecar | None = None) -> None:
    """Say in the header which texts are machine-read (OCR): the original when the archive's
    Contents list offers an "Original Scan" for it (the encoder's finding), and every text whose
    language the editors name in the sidecar, with the scan's address when they give it.
    Never guessed from the text itself."""
    sidecar = sidecar or Sidecar()
    scanned = "Original Scan" in _contents(root)
    chosen = [(text, language) for text, language in _texts(root)
              if text.get("type") == "transcription" and scanned or language in sidecar.machine_read]
    new = []
    for text, language in chosen:
        noted = _noted(root, text)
        if noted is None:
            new.append(_machine_read_note(text, language, sidecar))
        elif sidecar.scan_url and noted.find(_t("ref")) is None:
            _link_scan(noted, sidecar.scan_url)
    _add_notes(root.find(_t("teiHeader")).find(_t("fileDesc")), new)


def _contents(root: Element) -> str:
    """The words of the header's Contents notes, one piece of text after another."""
    notes_stmt = root.find(_t("teiHeader")).find(_t("fileDesc")).find(_t("notesStmt"))
    notes = [note for note in notes_stmt if note.tag == NOTE and note.get("type") == "contents"] \
        if notes_stmt is not None else []
    return " ".join(piece for note in notes for piece in note.itertext())


def _texts(root: Element) -> list[tuple[Element, str]]:
    """The texts the machine-read notes may be about, with their language (their own xml:lang, else the
    nearest around them): every text with a @type, else the root's own. The writer writes one text under
    the root, holding a group of texts when the document has two."""
    root_language = root.get(XML_LANG, "")
    outer = [(text, _lang(text, root_language)) for text in root if text.tag == TEXT]
    inner = [(text, _lang(text, _lang(group, language))) for outer_text, language in outer
             for group in outer_text if group.tag == GROUP for text in group if text.tag == TEXT]
    return [(text, language) for text, language in outer + inner if text.get("type") is not None] or outer


def _lang(element: Element, inherited: str) -> str:
    return element.get(XML_LANG, "") or inherited


def _noted(root: Element, text: Element) -> Element | None:
    target = f"#{text.get(XML_ID)}"
    return next((note for note in root.iter(NOTE)
                 if note.get("type") == "machine-read" and note.get("target") == target), None)


def _machine_read_note(text: Element, language: str, sidecar: Sidecar) -> Element:
    name = LANGUAGE_NAMES.get(language, language or "original")
    attributes = {"type": "machine-read", "resp": EDITOR if language in sidecar.machine_read else "#encoder"}
    if text.get(XML_ID):
        attributes["target"] = f"#{text.get(XML_ID)}"
    note = tei("note", attributes, MACHINE_READ_NOTE.format(language=name))
    if sidecar.scan_url:
        _link_scan(note, sidecar.scan_url)
    return note


def _link_scan(note: Element, url: str) -> None:
    note.text += " The scan: "
    tei("ref", {"target": url}, url, parent=note).tail = "."


def _archive(source_desc: Element, sidecar: Sidecar, marked: _Marked) -> None:
    if sidecar.archive:
        bibl = marked.element("bibl", {"type": "archive", "resp": EDITOR}, ("archive", 0), sidecar.archive)
        source_desc.insert(0, bibl)
        indent(source_desc, level=3)


def _summary(header: Element, sidecar: Sidecar, marked: _Marked) -> None:
    if sidecar.summary_paragraphs:
        abstract = tei("abstract", {"resp": EDITOR})
        for number, paragraph in enumerate(sidecar.summary_paragraphs):
            abstract.append(marked.element("p", {}, ("summary", number), paragraph))
        _place(_profile_desc(header), abstract)


def _profile_desc(header: Element) -> Element:
    found = header.find(_t("profileDesc"))
    if found is None:
        found = tei("profileDesc")
        header.insert(list(header).index(header.find(_t("fileDesc"))) + 1
                      + (header.find(_t("encodingDesc")) is not None), found)
    return found


def _correspondence(header: Element, sidecar: Sidecar, lists: Authorities) -> None:
    """The editors' sender, place and date, and recipient, as correspActions of their own."""
    sent = _sent_action(sidecar, lists)
    received = None
    if sidecar.recipient:
        received = tei("correspAction", {"type": "received", "resp": EDITOR})
        _correspondent(sidecar.recipient, received, lists)
    actions = [action for action in (sent, received) if action is not None]
    if not actions:
        return
    profile = _profile_desc(header)
    desc = profile.find(_t("correspDesc"))
    if desc is None:
        desc = _place(profile, tei("correspDesc"))
    for action in actions:
        desc.insert(0, action) if action is sent else desc.append(action)
    indent(desc, level=3)


def _sent_action(sidecar: Sidecar, lists: Authorities) -> Element | None:
    if not (sidecar.sender or sidecar.place or sidecar.date):
        return None
    sent = tei("correspAction", {"type": "sent", "resp": EDITOR})
    if sidecar.sender:
        _correspondent(sidecar.sender, sent, lists)
    if sidecar.place:
        entry = lists.named(sidecar.place)
        tei("placeName", {"ref": entry.ref} if entry and entry.kind == "place" else {}, sidecar.place, parent=sent)
    if sidecar.date:
        tei("date", {"when": sidecar.date, "cert": sidecar.date_cert}, sidecar.date_label or sidecar.date,
            parent=sent)
    return sent


def _correspondent(name: str, action: Element, lists: Authorities) -> None:
    """A sender or recipient: the entry of the authority lists that has this form, with its ref, else a
    persName, or an orgName for a name that says it is a body."""
    entry = lists.named(name)
    if entry is not None and entry.kind in ("person", "organisation"):
        tei(KIND_BY_NAME[entry.kind].name_element, {"ref": entry.ref}, name, parent=action)
    else:
        tei("orgName" if _is_organisation(name) else "persName", text=name, parent=action)


def _is_organisation(name: str) -> bool:
    """A committee, ministry or party is an organisation: "CPSU Central Committee", "MFA"."""
    words = {"committee", "cc", "ministry", "party", "presidium", "politburo", "mfa", "embassy", "government"}
    return any(word.strip(".,").lower() in words for word in name.split())


def unknown_alignment_ids(unknown: list[str], sidecar: str) -> list[Diagnostic]:
    """Warnings for alignment fixes that name no paragraph of the original or translation."""
    return [Diagnostic("warning", "alignment-unknown-id",
                       f"[[alignment]] names {ident!r}, which is no paragraph of the original or the "
                       f"translation; the fix is not applied", Position(sidecar, 1, 1))
            for ident in unknown]


def missing_metadata(root: Element, source: str, sidecar: str) -> list[Diagnostic]:
    """Warnings for a document that has no title or no date, from its source or its editors."""
    header = root.find(_t("teiHeader"))
    title_stmt = header.find(_t("fileDesc")).find(_t("titleStmt"))
    found = {
        "title": any(title.tag == TITLE and title.get("type") != "desc"
                     and "".join(title.itertext()).strip(XML_SPACE) for title in title_stmt),
        "date": any(date.get("when") is not None for date in header.iter(DATE)),
    }
    where = Position(source, 1, 1)
    return [Diagnostic("warning", f"missing-{field}",
                       f"the document has no {field}: the source states none and {sidecar} gives none "
                       f"(add {field} = \"…\" there)", where)
            for field, present in found.items() if not present]


def _descendant(element: Element | None, *names: str) -> Element | None:
    """The first TEI child of that name, of its first child of the next name...; None where one is missing."""
    for name in names:
        element = element.find(_t(name)) if element is not None else None
    return element


def document_year(root: Element) -> str:
    """The year of the first date of the header's creation, for the dates of the editors' texts."""
    for creation in root.find(_t("teiHeader")).iter(CREATION):
        for date in creation:
            if date.tag == DATE and date.get("when") is not None:
                return date.get("when")[:4]
    return ""


def document_facts(root: Element) -> tuple[tuple[str, str], ...]:
    """The title and date the index and the volume's contents list need, and "lists": the kinds of
    authority list (person org place) the document's names point into, which the edition publishes.
    Of the writer's tree or of any TEI document parsed by lxml: a header part it lacks gives an empty fact."""
    file_desc = _descendant(root, "teiHeader", "fileDesc")
    title = _descendant(file_desc, "titleStmt", "title")
    source_desc = _descendant(file_desc, "sourceDesc")
    dates = (date.get("when") for date in source_desc.iter(DATE)) if source_desc is not None else ()
    date = next((when for when in dates if when is not None), "")
    lists = " ".join(listed_prefixes(ref for element in root.iter() if (ref := element.get("ref"))))
    title_words = " ".join("".join(title.itertext()).split()) if title is not None else ""
    return (("date", date), ("lists", lists), ("title", title_words))

