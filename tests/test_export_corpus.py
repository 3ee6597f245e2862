"""The `corpus` export: one teiCorpus holding every document, valid, and readable back unchanged."""

from __future__ import annotations

import pytest
from lxml import etree

from tei.export.corpus import documents_of
from tei.validate import get_validator
from tei.xmlsafe import parse_xml
from tests.export_helpers import built_seeds

T = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    build = built_seeds(tmp_path_factory.mktemp("corpus"), ("tei", "corpus"))
    return build


@pytest.fixture(scope="module")
def corpus(built) -> bytes:
    return (built / "export/corpus/corpus.xml").read_bytes()


def _c14n(root: etree._Element) -> bytes:
    return etree.tostring(root, method="c14n")


def test_the_corpus_holds_every_document_in_the_edition_order(corpus):
    root = etree.fromstring(corpus)      # the plain parser refuses an xml:id used twice
    assert root.tag == "{http://www.tei-c.org/ns/1.0}teiCorpus"
    numbers = root.xpath("t:TEI/t:teiHeader//t:biblScope[@unit = 'document']/@n", namespaces=T)
    assert numbers == ["1", "2", "3", "4", "5"]


def test_every_document_read_back_equals_its_own_tei_after_c14n(built, corpus):
    documents = documents_of(corpus)
    own = {path.name: parse_xml(path.read_bytes(), str(path)).getroot() for path in (built / "tei").glob("*.xml")}
    assert len(documents) == len(own) == 5
    by_number = {root.xpath("string(//t:biblScope/@n)", namespaces=T): _c14n(root) for root in own.values()}
    for document in documents:
        assert _c14n(document) == by_number[document.xpath("string(//t:biblScope/@n)", namespaces=T)]


def test_identifiers_and_pointers_carry_the_document_number(corpus):
    root = etree.fromstring(corpus)
    fourth = root.xpath("t:TEI[t:teiHeader//t:biblScope/@n = '4']", namespaces=T)[0]
    assert fourth.xpath("string(.//t:p[1]/@xml:id)", namespaces=T) == "doc4-p-ru-1"
    assert fourth.xpath("string(.//t:p[1]/@corresp)", namespaces=T) == "#doc4-p-en-1"


def test_the_header_comes_from_edition_toml(corpus):
    header = etree.fromstring(corpus).find("t:teiHeader", T)
    assert header.findtext("t:fileDesc/t:titleStmt/t:title", namespaces=T) == "Korea and the Soviet Union, 1956"
    assert header.xpath("t:fileDesc/t:titleStmt/t:respStmt/t:persName/text()", namespaces=T) == [
        "Ada Editor", "Boris Redaktor"]
    assert header.find("t:fileDesc/t:editionStmt/t:edition", T).get("n") == "1.0"
    licence = header.find("t:fileDesc/t:publicationStmt/t:availability/t:licence", T)
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    assert len(header.findall("t:fileDesc/t:sourceDesc/t:bibl", T)) == 5


def test_the_encoding_description_is_the_odds_own(corpus):
    paragraphs = etree.fromstring(corpus).xpath("t:teiHeader/t:encodingDesc/t:editorialDecl/t:p", namespaces=T)
    text = " ".join("".join(p.itertext()) for p in paragraphs)
    assert "TEI customisation of the tei-edition toolkit" in text
    assert "is also valid against tei_all" in text


def test_the_corpus_is_valid_for_the_edition_schema(corpus):
    result = get_validator().check_bytes(corpus, "corpus.xml")
    assert [str(p) for p in result.problems if p.severity == "error"] == []


@pytest.mark.slow
def test_the_corpus_is_valid_for_tei_all(corpus, tei_all):
    assert tei_all.validate(etree.fromstring(corpus)), str(tei_all.error_log)
