"""The `cmif` export: a correspSearch CMIF file of the letters and telegrams, checked by schemas/cmif.sch."""

from __future__ import annotations

import pytest
from lxml import etree

from tei.export.cmif import cmif_file
from tei.export.record import document_record
from tei.resources import data_dir
from tei.validate.schematron import Schematron
from tests.export_helpers import REPO, build_seeds, built_seeds

T = {"t": "http://www.tei-c.org/ns/1.0"}
FEATURES = (REPO / "tests" / "data" / "features.xml").read_bytes()
RULES = Schematron([data_dir("schemas") / "cmif.sch"])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    build = built_seeds(tmp_path_factory.mktemp("cmif"), ("tei", "cmif"))
    return build


@pytest.fixture(scope="module")
def cmif(built) -> etree._Element:
    return etree.fromstring((built / "web/cmif.xml").read_bytes())


def _failures(root: etree._Element) -> list[str]:
    return [failure.rule_id for failure in RULES.check(etree.ElementTree(root))]


def test_one_correspdesc_per_letter_or_telegram(cmif):
    letters = cmif.xpath("//t:correspDesc", namespaces=T)
    assert len(letters) == 4          # the fifth seed is a report with no sender or addressee
    assert all(d.get("ref").startswith("https://example.org/edition/") for d in letters)


def test_sender_addressee_place_and_date_come_from_the_headers(cmif):
    letter = cmif.xpath("//t:correspDesc[@ref = 'https://example.org/edition/001_3072a39c7fc87f5a.html']",
                        namespaces=T)[0]
    sent = letter.find("t:correspAction[@type='sent']", T)
    assert sent.findtext("t:persName", namespaces=T) == "A. I. Mikoyan"
    assert sent.findtext("t:placeName", namespaces=T) == "Pyongyang"
    assert sent.find("t:date", T).get("when") == "1956-09-23"
    assert letter.findtext("t:correspAction[@type='received']/t:orgName", namespaces=T) == "CPSU Central Committee"


def test_the_file_passes_the_cmif_rules(cmif):
    assert _failures(cmif) == []


def test_authority_identifiers_are_taken_from_ref_and_from_the_documents_lists():
    tei = FEATURES.replace(b"<persName>A. Mikoyan</persName>",
                           b'<persName ref="https://viaf.org/viaf/1">A. Mikoyan</persName>'
                           b'<placeName ref="#pyongyang">Pyongyang</placeName>', 1)
    tei = tei.replace(b"</teiHeader>", b'</teiHeader><standOff><listPlace><place xml:id="pyongyang">'
                      b'<placeName>Pyongyang</placeName><idno type="URI">https://www.geonames.org/1871859</idno>'
                      b"</place></listPlace></standOff>", 1)
    from tei.pipeline.config import EditionInfo

    edition = EditionInfo(title="E", editors=("A. Editor",), base_url="https://example.org/e/")
    root = etree.fromstring(cmif_file(edition, "2026-11-30", [("doc", document_record(tei, "doc.xml"))]))
    sent = root.find(".//t:correspAction[@type='sent']", T)
    assert sent.find("t:persName", T).get("ref") == "https://viaf.org/viaf/1"
    assert sent.find("t:placeName", T).get("ref") == "https://www.geonames.org/1871859"
    assert _failures(root) == []


BREAKAGES = {
    "cmif-title": lambda r: _drop(r, "//t:titleStmt/t:title"),
    "cmif-editor": lambda r: _drop(r, "//t:titleStmt/t:editor"),
    "cmif-publisher": lambda r: _drop(r, "//t:publicationStmt/t:publisher"),
    "cmif-licence": lambda r: _set(r, "//t:licence", "target", "https://creativecommons.org/licenses/by-nc/4.0/"),
    "cmif-timestamp": lambda r: _set(r, "//t:publicationStmt/t:date", "when", "2026-11-30"),
    "cmif-file-url": lambda r: _set(r, "//t:publicationStmt/t:idno", "type", "URI"),
    "cmif-source": lambda r: _set(r, "//t:sourceDesc/t:bibl", "type", "book"),
    "cmif-sent": lambda r: _drop(r, "(//t:correspAction[@type='sent'])[1]"),
    "cmif-letter-url": lambda r: _set(r, "(//t:correspDesc)[1]", "ref", "letter-1"),
    "cmif-action-type": lambda r: _set(r, "(//t:correspAction)[1]", "type", "forwarded"),
    "cmif-action-children": lambda r: etree.SubElement(r.xpath("(//t:correspAction)[1]", namespaces=T)[0],
                                                       "{http://www.tei-c.org/ns/1.0}note"),
    "cmif-correspondent": lambda r: _drop(r, "(//t:correspAction[@type='received'])[1]/*"),
    "cmif-date-format": lambda r: _set(r, "(//t:correspAction/t:date)[1]", "when", "23.09.1956"),
    "cmif-date-attributes": lambda r: r.xpath("(//t:correspAction/t:date)[1]", namespaces=T)[0].attrib.clear(),
    "cmif-authority": lambda r: _set(r, "(//t:correspAction/t:persName)[1]", "ref", "gnd:118540238"),
}


def _drop(root, path):
    for element in root.xpath(path, namespaces=T):
        element.getparent().remove(element)


def _set(root, path, name, value):
    root.xpath(path, namespaces=T)[0].set(name, value)


def test_every_rule_of_schemas_cmif_sch_has_a_failing_case():
    assert sorted(BREAKAGES) == sorted(RULES.assert_ids)


@pytest.mark.parametrize("rule", sorted(BREAKAGES))
def test_a_broken_cmif_file_is_reported_by_its_rule(cmif, rule):
    broken = etree.fromstring(etree.tostring(cmif))
    BREAKAGES[rule](broken)
    assert rule in _failures(broken)


def test_an_edition_without_an_address_is_one_error_naming_the_key(tmp_path):
    from tests.export_helpers import EDITION_TOML

    toml = EDITION_TOML.replace('base_url = "https://example.org/edition/"', 'base_url = ""')
    _, report = build_seeds(tmp_path, ("tei", "cmif"), toml)
    errors = [str(d) for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1 and "edition.base_url is empty" in errors[0]
