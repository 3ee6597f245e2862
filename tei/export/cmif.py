"""The `cmif` export: the edition's letters and telegrams for correspSearch, in the Correspondence
Metadata Interchange Format (CMIF, TEI Correspondence SIG; documented at
github.com/TEI-Correspondence-SIG/CMIF), written to web/cmif.xml so that it is published with the
web edition, where correspSearch fetches it.

One `correspDesc` per document whose header names a sender or an addressee: who sent it (persName,
or orgName for an institution), from where and when; who received it; each name with its authority
identifier when the header gives one (`@ref` with a URI, or a pointer into the document's
listPerson, listOrg or listPlace whose entry has one). The file's own header says what correspSearch
requires: title, editor, publisher, the CC-BY 4.0 licence of the metadata, a timestamp, the file's
address and the edition as a bibliographic source. `schemas/cmif.sch` checks those rules.
"""

from __future__ import annotations

from lxml import etree

from tei.names import DocumentOutputs, EditionExports

TEI = "http://www.tei-c.org/ns/1.0"
CMIF_LICENCE = ("This file is licensed under the terms of the Creative Commons License CC-BY 4.0",
                "https://creativecommons.org/licenses/by/4.0/")
UNKNOWN = "Unknown"          # CMIF's word for a sender or addressee the source does not name
EDITION_SOURCE = "edition"   # the xml:id of the edition's bibl, which every correspDesc cites


class CmifError(ValueError):
    """edition.toml lacks what correspSearch needs; the message names the key."""


def _element(parent, name: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI}}}{name}", {k: v for k, v in attributes.items() if v})
    element.text = text or None
    return element


def is_correspondence(record: dict) -> bool:
    """A letter or telegram: its header names who sent it or who received it."""
    return bool(record["senders"] or record["addressees"])


def cmif_file(edition, published: str, documents: list[tuple[str, dict]]) -> bytes:
    """The CMIF file for the documents (name, record) that are correspondence, in the order given."""
    if not edition.base_url:
        raise CmifError("edition.base_url is empty; correspSearch fetches the CMIF file from its address "
                        "and links every letter to its page: give the web edition's address")
    if not published:
        raise CmifError("edition.published is empty and SOURCE_DATE_EPOCH is not set; the CMIF file needs "
                        "the date it was last updated (YYYY-MM-DD)")
    timestamp = f"{published}T00:00:00Z"
    root = etree.Element(f"{{{TEI}}}TEI", nsmap={None: TEI})
    header = _element(root, "teiHeader")
    _file_desc(_element(header, "fileDesc"), edition, timestamp)
    profile = _element(header, "profileDesc")
    for name, record in documents:
        if is_correspondence(record):
            _corresp_desc(profile, DocumentOutputs(name).citation_url(edition.base_url), record)
    _element(_element(_element(root, "text"), "body"), "p")
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _file_desc(file_desc, edition, timestamp: str) -> None:
    title_stmt = _element(file_desc, "titleStmt")
    _element(title_stmt, "title", f"Letters and telegrams of: {edition.title}")
    for editor in edition.editors:
        _element(title_stmt, "editor", editor)
    publication = _element(file_desc, "publicationStmt")
    publisher = edition.publisher or ", ".join(edition.editors)
    _element(_element(publication, "publisher"), "ref", publisher, target=edition.base_url)
    address = edition.base_url.rstrip("/") + "/" + EditionExports.CMIF.removeprefix("web/")
    _element(publication, "idno", address, type="url")
    _element(publication, "date", when=timestamp)
    _element(_element(publication, "availability"), "licence", CMIF_LICENCE[0], target=CMIF_LICENCE[1])
    bibl = _element(_element(file_desc, "sourceDesc"), "bibl", type="online", **{
        "{http://www.w3.org/XML/1998/namespace}id": EDITION_SOURCE})
    bibl.text = f"{edition.title}" + (f", edited by {', '.join(edition.editors)}" if edition.editors else "") + ". "
    _element(bibl, "ref", edition.base_url, target=edition.base_url)


def _corresp_desc(profile, url: str, record: dict) -> None:
    desc = _element(profile, "correspDesc", ref=url, source=f"#{EDITION_SOURCE}")
    sent = _element(desc, "correspAction", type="sent")
    _names(sent, record["senders"])
    _places(sent, record["sentPlaces"])
    if record["sentDate"]:
        _element(sent, "date", **record["sentDate"])
    received = _element(desc, "correspAction", type="received")
    _names(received, record["addressees"])
    _places(received, record["receivedPlaces"])


def _names(action, people: list[dict]) -> None:
    for person in people or [{"name": UNKNOWN, "kind": "persName", "uris": []}]:
        kind = "orgName" if person["kind"] == "orgName" else "persName"
        _element(action, kind, person["name"], ref=" ".join(person["uris"][:1]))


def _places(action, places: list[dict]) -> None:
    for place in places:
        _element(action, "placeName", place["name"], ref=" ".join(place["uris"][:1]))


def cmif_export(edition, build_date: str, documents: list[tuple[str, dict]]):
    """web/cmif.xml and what schemas/cmif.sch finds wrong in it; a missing key of edition.toml instead."""
    from tei.errors import Position
    from tei.pipeline.model import Diagnostic
    from tei.resources import data_dir
    from tei.validate.schematron import Schematron
    from tei.xmlsafe import parse_xml

    try:
        cmif = cmif_file(edition, edition.published or build_date, documents)
    except CmifError as err:
        return [], [Diagnostic("error", "export-cmif", str(err), Position("edition.toml", 1, 1), layer="export")]
    rules = Schematron([data_dir("schemas") / "cmif.sch"])
    problems = [Diagnostic("error", failure.rule_id, failure.message,
                           Position(EditionExports.CMIF, failure.element.sourceline or 1, 1), layer="schematron")
                for failure in rules.check(parse_xml(cmif, EditionExports.CMIF))]
    return [(EditionExports.CMIF, cmif)], problems
