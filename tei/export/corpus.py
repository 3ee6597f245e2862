"""The `corpus` export: the whole edition as one `teiCorpus` file.

Its header comes from edition.toml (title, editors, version, publisher, address, licence), the
documents' records (one `bibl` per source in `sourceDesc`) and the project's ODD (the encoding
description). Each document follows as its own `TEI`, unchanged but for its identifiers: XML
allows an `xml:id` once per file, so every `xml:id` is prefixed with `doc` and the document's
frozen number (`doc4-p-en-1`) and every pointer to it (`#p-en-1` in any attribute) follows.
`documents_of` undoes exactly that, so each document read back equals its own TEI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from tei.licences import licence
from tei.resources import data_dir
from tei.xmlsafe import parse_xml

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_POINTER = re.compile(r"(?<!\S)#(\S+)")


def _element(parent, name: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI}}}{name}", {k: v for k, v in attributes.items() if v})
    element.text = text or None
    return element


def document_prefix(root: etree._Element, position: int) -> str:
    """`doc` and the document's frozen number (its header's biblScope), else its position."""
    number = root.xpath("string(t:teiHeader/t:fileDesc/t:seriesStmt/t:biblScope[@unit = 'document']/@n)",
                        namespaces={"t": TEI})
    return f"doc{number or position}-"


def _rewrite(root: etree._Element, rename) -> None:
    """Rename every xml:id in `root` and every `#id` pointer to one of them, in any attribute."""
    ids = {element.get(XML_ID) for element in root.iter() if element.get(XML_ID)}
    for element in root.iter(etree.Element):
        for name, value in element.attrib.items():
            if name == XML_ID:
                element.set(name, rename(value))
            elif "#" in value:
                element.set(name, _POINTER.sub(lambda m: "#" + rename(m[1]) if m[1] in ids else m[0], value))


def with_prefixed_ids(tei: bytes, path: str, position: int) -> etree._Element:
    """A document's TEI, parsed safely, its identifiers prefixed for the corpus."""
    root = parse_xml(tei, path).getroot()
    prefix = document_prefix(root, position)
    _rewrite(root, lambda value: prefix + value)
    return root


def documents_of(corpus: bytes, path: str = "corpus.xml") -> list[etree._Element]:
    """The documents of a corpus file, each with its own identifiers again (as `tei build` wrote it)."""
    documents = []
    for position, member in enumerate(parse_xml(corpus, path).getroot().iterfind(f"{{{TEI}}}TEI"), start=1):
        prefix = document_prefix(member, position)
        _rewrite(member, lambda value, prefix=prefix: value.removeprefix(prefix))
        documents.append(etree.fromstring(etree.tostring(member)))
    return documents


def corpus_file(edition, records: list[dict], documents: Iterable[etree._Element]) -> bytes:
    """The teiCorpus: the corpus header, then every document in the edition order."""
    root = etree.Element(f"{{{TEI}}}teiCorpus", nsmap={None: TEI})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    root.text = "\n  "
    header = corpus_header(edition, records)
    header.tail = "\n"
    root.append(header)
    for document in documents:
        document.tail = "\n"
        root.append(document)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def corpus_header(edition, records: list[dict]) -> etree._Element:
    """The corpus's teiHeader, from edition.toml, the documents' records and the ODD."""
    header = etree.Element(f"{{{TEI}}}teiHeader")
    file_desc = _element(header, "fileDesc")
    title_stmt = _element(file_desc, "titleStmt")
    _element(title_stmt, "title", edition.title)
    if edition.editors:
        editors = _element(title_stmt, "respStmt")
        _element(editors, "resp", "edited by")
        for name in edition.editors:
            _element(editors, "persName", name)
    if edition.version:
        _element(_element(file_desc, "editionStmt"), "edition", f"Version {edition.version}", n=edition.version)
    _publication(_element(file_desc, "publicationStmt"), edition)
    source_desc = _element(file_desc, "sourceDesc")
    for record in records:
        _source_bibl(source_desc, record)
    if not records:
        _element(source_desc, "bibl", "The edition has no documents yet.")
    _encoding_desc(_element(header, "encodingDesc"))
    etree.indent(header, level=1)
    return header


def _publication(statement: etree._Element, edition) -> None:
    publisher = edition.publisher or ", ".join(edition.editors)
    if not publisher:
        _element(statement, "p", "edition.toml names no publisher and no editors.")
        return
    _element(statement, "publisher", publisher)
    if edition.base_url:
        _element(statement, "idno", edition.base_url, type="URI")
    availability = _element(statement, "availability", status="free")
    known = licence(edition.licence)
    if known:
        _element(availability, "licence", f"{known.name} ({known.spdx})", target=known.url)
    else:
        _element(availability, "licence", edition.licence or "No licence is given in edition.toml.")


def _source_bibl(source_desc: etree._Element, record: dict) -> None:
    """One source: its title, date, archival reference and address, as the document's header gives them."""
    bibl = _element(source_desc, "bibl")
    _element(bibl, "title", record["title"])
    last = bibl[-1]
    if record["date"]:
        last.tail = ", "
        last = _element(bibl, "date", record["dateLabel"] or record["date"], when=record["date"])
    if record["archive"]:
        last.tail = f", {record['archive']}"
    if record["sourceUrl"]:
        last.tail = (last.tail or "") + ". "
        _element(bibl, "idno", record["sourceUrl"], type="URI")


def _encoding_desc(encoding: etree._Element) -> None:
    """The encoding description: the project's ODD, named, and its own account of what it promises."""
    odd = parse_xml(data_dir("schemas") / "edition.odd").getroot()
    title = " ".join(odd.xpath("string(t:teiHeader/t:fileDesc/t:titleStmt/t:title)", namespaces={"t": TEI}).split())
    declaration = _element(encoding, "editorialDecl")
    _element(declaration, "p", f"Every document follows the TEI customisation “{title}” (schemas/edition.odd, "
                               "compiled to schemas/edition.rng and schemas/*.sch).")
    for paragraph in odd.iterfind(f"{{{TEI}}}text/{{{TEI}}}body/{{{TEI}}}div[1]/{{{TEI}}}p"):
        _element(declaration, "p", " ".join("".join(paragraph.itertext()).split()))
