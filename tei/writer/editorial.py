"""The editor's layer in the TEI header: what the metadata sidecar and the edition add.

The encoder writes what the source says; this module adds, beside it and never in its place,
what the editors say (`tei.sidecar.Sidecar`) and where the document stands in the edition
(`EditionPlace`: edition title and version, the document's frozen number). Every element the
editors supply carries `resp="#editor"`; the renderers prefer it over the source's own.
Applying it to freshly encoded TEI is the only way in, so re-encoding never loses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from tei.authority import KIND_BY_NAME, Authorities, default_authorities
from tei.conventions import TEI_NS
from tei.errors import Position
from tei.reader.model import Diagnostic, Mark
from tei.sidecar import Sidecar
from tei.writer.alignment import apply_fixes
from tei.writer.entities import EntityUse, declare_entities, entity_element
from tei.writer.inline import XML_ID

EDITOR = "#editor"
Marks = dict[tuple[str, int], list[Mark]]
NS = {"t": TEI_NS}
MACHINE_READ_NOTE = ("The {language} text is machine-read from the scan (OCR) and has not been "
                     "corrected: expect misread letters and words.")
LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "zh": "Chinese", "ko": "Korean", "de": "German"}
# Where each child of these header elements stands, so an added one lands in schema order.
ORDER = {
    "fileDesc": ("titleStmt", "editionStmt", "publicationStmt", "seriesStmt", "notesStmt", "sourceDesc"),
    "titleStmt": ("title", "respStmt"),
    "profileDesc": ("creation", "abstract", "langUsage", "handNotes", "correspDesc"),
}


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


def apply_editorial_layer(root: etree._Element, sidecar: Sidecar, place: EditionPlace,
                          marks: Marks | None = None) -> list[str]:
    """Add the editors' metadata and the edition's facts to an encoded TEI document; returns
    the xml:ids of the editors' alignment fixes that name no paragraph. `marks` holds the names and
    dates the recogniser found in the editors' texts (`tei.reader.recognise.marks_in_texts`)."""
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


def tei(tag: str, attrib: dict[str, str] | None = None, text: str | None = None,
        parent: etree._Element | None = None) -> etree._Element:
    """A TEI element for a parsed tree (the encoder's writer builds its own, `tei.writer.tree`)."""
    element = etree.Element(_t(tag), attrib) if parent is None else etree.SubElement(parent, _t(tag), attrib)
    if text is not None:
        element.text = text
    return element


def _place(parent: etree._Element, element: etree._Element) -> etree._Element:
    """Insert `element` into `parent` after the siblings that come before it in schema order."""
    order = ORDER.get(etree.QName(parent).localname, ())
    name = etree.QName(element).localname
    rank = order.index(name) if name in order else len(order)
    index = 0
    for index_, child in enumerate(parent):
        child_name = etree.QName(child).localname
        if child_name in order and order.index(child_name) <= rank:
            index = index_ + 1
    depth = sum(1 for _ in parent.iterancestors()) + 1
    etree.indent(element, space="  ", level=depth)
    parent.insert(index, element)
    before = parent[index - 1] if index else None
    element.tail = (before.tail if before is not None else parent.text) or ""
    if before is not None:
        before.tail = "\n" + "  " * depth
    elif len(parent) == 1:
        parent.text, element.tail = "\n" + "  " * depth, "\n" + "  " * (depth - 1)
    return element


def _declare_editor(title_stmt: etree._Element, sidecar: Sidecar, place: EditionPlace) -> None:
    name = sidecar.editor or ", ".join(place.editors) or "the editors of the edition"
    stmt = tei("respStmt")
    tei("resp", text="editorial metadata (title, date, people, summary, notes)", parent=stmt)
    tei("persName" if sidecar.editor or place.editors else "name", {XML_ID: "editor"}, name, parent=stmt)
    _place(title_stmt, stmt)


def _edition_stmt(file_desc: etree._Element, place: EditionPlace) -> None:
    if place.version:
        stmt = tei("editionStmt")
        tei("edition", {"n": place.version}, f"Version {place.version}", parent=stmt)
        _place(file_desc, stmt)


def _series_stmt(file_desc: etree._Element, place: EditionPlace) -> None:
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

    def element(self, tag: str, attrib: dict[str, str], key: tuple[str, int], text: str) -> etree._Element:
        element = tei(tag, attrib)
        position, use = 0, EntityUse()
        for mark in self.marks.get(key, []):
            _append_text(element, text[position:mark.start])
            name, attributes = entity_element(mark.node, use)
            tei(name, attributes, text[mark.start:mark.end], parent=element)
            position = mark.end
        _append_text(element, text[position:])
        return element


def _append_text(element: etree._Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _title(title_stmt: etree._Element, sidecar: Sidecar, marked: _Marked) -> None:
    if sidecar.title:
        _place(title_stmt, marked.element("title", {"type": "main", "resp": EDITOR}, ("title", 0), sidecar.title))


def _notes(file_desc: etree._Element, root: etree._Element, sidecar: Sidecar, marked: _Marked) -> None:
    _add_notes(file_desc, [marked.element("note", {"type": "editorial", "resp": EDITOR}, ("notes", number), text)
                           for number, text in enumerate(sidecar.notes)])
    record_machine_read(root, sidecar)


def _add_notes(file_desc: etree._Element, notes: list[etree._Element]) -> None:
    if not notes:
        return
    stmt = file_desc.find(_t("notesStmt"))
    if stmt is None:
        stmt = _place(file_desc, tei("notesStmt"))
    for note in notes:
        stmt.append(note)
    etree.indent(stmt, space="  ", level=3)


def record_machine_read(root: etree._Element, sidecar: Sidecar | None = None) -> None:
    """Say in the header which texts are machine-read (OCR): the original when the archive's
    Contents list offers an "Original Scan" for it (the encoder's finding), and every text whose
    language the editors name in the sidecar, with the scan's address when they give it.
    Never guessed from the text itself."""
    sidecar = sidecar or Sidecar()
    texts = root.findall(f".//{_t('text')}[@type]") or root.findall(_t("text"))
    contents = " ".join(root.xpath("//t:notesStmt/t:note[@type='contents']//text()", namespaces=NS))
    chosen = [text for text in texts
              if text.get("type") == "transcription" and "Original Scan" in contents
              or _language(text) in sidecar.machine_read]
    new = []
    for text in chosen:
        noted = _noted(root, text)
        if noted is None:
            new.append(_machine_read_note(text, sidecar))
        elif sidecar.scan_url and noted.find(_t("ref")) is None:
            _link_scan(noted, sidecar.scan_url)
    _add_notes(root.find(f"{_t('teiHeader')}/{_t('fileDesc')}"), new)


def _noted(root: etree._Element, text: etree._Element) -> etree._Element | None:
    target = f"#{text.get(XML_ID)}"
    found = root.xpath("//t:note[@type='machine-read'][@target=$target]", target=target, namespaces=NS)
    return found[0] if found else None


def _language(text: etree._Element) -> str:
    lang = text.get("{http://www.w3.org/XML/1998/namespace}lang", "")
    return lang or next((a.get("{http://www.w3.org/XML/1998/namespace}lang") for a in text.iterancestors()
                         if a.get("{http://www.w3.org/XML/1998/namespace}lang")), "")


def _machine_read_note(text: etree._Element, sidecar: Sidecar) -> etree._Element:
    language = LANGUAGE_NAMES.get(_language(text), _language(text) or "original")
    attributes = {"type": "machine-read", "resp": EDITOR if _language(text) in sidecar.machine_read
                  else "#encoder"}
    if text.get(XML_ID):
        attributes["target"] = f"#{text.get(XML_ID)}"
    note = tei("note", attributes, MACHINE_READ_NOTE.format(language=language))
    if sidecar.scan_url:
        _link_scan(note, sidecar.scan_url)
    return note


def _link_scan(note: etree._Element, url: str) -> None:
    note.text += " The scan: "
    tei("ref", {"target": url}, url, parent=note).tail = "."


def _archive(source_desc: etree._Element, sidecar: Sidecar, marked: _Marked) -> None:
    if sidecar.archive:
        bibl = marked.element("bibl", {"type": "archive", "resp": EDITOR}, ("archive", 0), sidecar.archive)
        source_desc.insert(0, bibl)
        etree.indent(source_desc, space="  ", level=3)


def _summary(header: etree._Element, sidecar: Sidecar, marked: _Marked) -> None:
    if sidecar.summary_paragraphs:
        abstract = tei("abstract", {"resp": EDITOR})
        for number, paragraph in enumerate(sidecar.summary_paragraphs):
            abstract.append(marked.element("p", {}, ("summary", number), paragraph))
        _place(_profile_desc(header), abstract)


def _profile_desc(header: etree._Element) -> etree._Element:
    found = header.find(_t("profileDesc"))
    if found is None:
        found = tei("profileDesc")
        header.insert(list(header).index(header.find(_t("fileDesc"))) + 1
                      + (header.find(_t("encodingDesc")) is not None), found)
    return found


def _correspondence(header: etree._Element, sidecar: Sidecar, lists: Authorities) -> None:
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
    etree.indent(desc, space="  ", level=3)


def _sent_action(sidecar: Sidecar, lists: Authorities) -> etree._Element | None:
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


def _correspondent(name: str, action: etree._Element, lists: Authorities) -> None:
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


def missing_metadata(root: etree._Element, source: str, sidecar: str) -> list[Diagnostic]:
    """Warnings for a document that has no title or no date, from its source or its editors."""
    found = {
        "title": root.xpath("//t:titleStmt/t:title[not(@type = 'desc')][normalize-space()]", namespaces=NS),
        "date": root.xpath("//t:teiHeader//t:date[@when]", namespaces=NS),
    }
    where = Position(source, 1, 1)
    return [Diagnostic("warning", f"missing-{field}",
                       f"the document has no {field}: the source states none and {sidecar} gives none "
                       f"(add {field} = \"…\" there)", where)
            for field, nodes in found.items() if not nodes]
