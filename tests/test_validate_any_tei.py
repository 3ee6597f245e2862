"""`tei validate --schema tei_all.rng` gives jing's verdict on third-party TEI and on copies of it
broken one rule at a time; --schema takes RELAX NG, XML Schema and Schematron, and the Schematron
an ODD embeds in its RELAX NG."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tei.cli import main
from tei.validate import Options, get_validator
from tei.validate.schematron import Schematron
from tests.conftest import ROOT, TEI_ALL

THIRD_PARTY = ROOT.parent / "shared" / "third-party-tei"
TEI = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI}}}"
JING_PROBLEM = re.compile(r"^(?P<path>/.+?):(?P<line>\d+):(?P<column>\d+): (?P<kind>error|fatal): ", re.MULTILINE)

pytestmark = pytest.mark.slow


def needs(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            pytest.skip(f"{path} is not here")


@pytest.fixture(scope="module")
def tei_all_validator():
    needs(TEI_ALL)
    return get_validator(Options(schemas=(TEI_ALL,)))


def jing_invalid(files: list[Path]) -> set[str]:
    """The files jing finds invalid (or not well-formed), all checked in one run."""
    if not shutil.which("jing"):
        pytest.skip("jing is not installed")
    done = subprocess.run(["jing", str(TEI_ALL), *map(str, files)], capture_output=True, text=True, check=False)
    return {match["path"] for match in JING_PROBLEM.finditer(done.stdout + done.stderr)}


def _first(tree: etree._ElementTree, name: str) -> etree._Element:
    return next(tree.iter(T + name))


def _line(tree: etree._ElementTree) -> etree._Element:
    """The first verse line or paragraph of the text."""
    return tree.xpath("(//tei:body//tei:l | //tei:body//tei:p)[1]", namespaces={"tei": TEI})[0]


def _add_element_not_allowed(tree):
    _line(tree).append(etree.Element(T + "titleStmt"))


def _add_unknown_element(tree):
    _line(tree).append(etree.Element(T + "nonsense"))


def _add_attribute_not_allowed(tree):
    _line(tree).set("colour", "red")


def _give_attribute_a_bad_value(tree):
    _line(tree).set("cert", "fairly sure")


def _give_a_date_that_does_not_exist(tree):
    _first(tree, "publicationStmt").append(etree.Element(T + "date", when="1830-02-30"))


def _remove_required_child(tree):
    title_stmt = _first(tree, "titleStmt")
    for title in title_stmt.findall(T + "title"):
        title_stmt.remove(title)


def _remove_required_attribute(tree):
    languages = etree.SubElement(_first(tree, "profileDesc"), T + "langUsage")
    etree.SubElement(languages, T + "language").text = "Russian"      # without its required @ident


def _put_text_where_none_is_allowed(tree):
    _first(tree, "teiHeader").text = "stray words"


def _put_element_in_another_namespace(tree):
    _line(tree).tag = "{http://example.org/not-tei}l"


def _swap_header_and_text(tree):
    root = tree.getroot()
    root.append(_first(tree, "teiHeader"))


def _rename_the_root(tree):
    tree.getroot().tag = T + "TEIcorpus"


def _empty_the_body(tree):
    body = _first(tree, "body")
    for child in list(body):
        body.remove(child)


BREAKS = [
    _add_element_not_allowed, _add_unknown_element, _add_attribute_not_allowed, _give_attribute_a_bad_value,
    _give_a_date_that_does_not_exist, _remove_required_child, _remove_required_attribute,
    _put_text_where_none_is_allowed, _put_element_in_another_namespace, _swap_header_and_text, _rename_the_root,
    _empty_the_body,
]
VALID_SOURCES = ["rusdracor__pushkin-pir-vo-vremja-chumy.xml", "pta__pta0001.pta030.pta-grc1.xml"]


def broken_copies(folder: Path) -> list[Path]:
    copies = []
    for source in VALID_SOURCES:
        for breaking in BREAKS:
            tree = etree.parse(str(THIRD_PARTY / source))
            breaking(tree)
            path = folder / f"{breaking.__name__.strip('_')}--{source}"
            tree.write(str(path), encoding="UTF-8", xml_declaration=True)
            copies.append(path)
    (folder / "not-well-formed.xml").write_bytes((THIRD_PARTY / VALID_SOURCES[0]).read_bytes()[:5000])
    (folder / "duplicate-id.xml").write_bytes(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        b"<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"
        b'<text><body><p xml:id="a">x</p><p xml:id="a">y</p></body></text></TEI>')
    return [*copies, folder / "duplicate-id.xml", folder / "not-well-formed.xml"]   # jing stops at a fatal error


def test_tei_all_gives_jings_verdict_on_every_third_party_file(tei_all_validator):
    needs(THIRD_PARTY)
    files = sorted(THIRD_PARTY.glob("*.xml"))
    invalid_for_jing = jing_invalid(files)
    verdicts = {str(path): tei_all_validator.check(path).valid for path in files}
    assert {path for path, valid in verdicts.items() if not valid} == invalid_for_jing
    assert 0 < len(invalid_for_jing) < len(files)       # both verdicts occur


def test_tei_all_gives_jings_verdict_on_copies_broken_one_rule_at_a_time(tei_all_validator, tmp_path):
    needs(THIRD_PARTY)
    copies = broken_copies(tmp_path)
    invalid_for_jing = jing_invalid(copies)
    invalid_for_us = {str(path) for path in copies if not tei_all_validator.check(path).valid}
    assert invalid_for_us == invalid_for_jing
    assert len(invalid_for_jing) == len(copies)          # every break is a real error for jing


def test_a_reported_problem_names_the_broken_element_and_its_line(tei_all_validator, tmp_path):
    needs(THIRD_PARTY)
    tree = etree.parse(str(THIRD_PARTY / VALID_SOURCES[0]))
    _add_attribute_not_allowed(tree)
    path = tmp_path / "broken.xml"
    tree.write(str(path), encoding="UTF-8")
    line = _line(etree.parse(str(path))).sourceline
    [found] = tei_all_validator.check(path).problems
    assert (found.line, found.rule, found.layer) == (line, "rng-attribute-not-allowed", "tei_all.rng")
    assert "colour" in found.message


def test_xincludes_not_expanded_are_checked_as_their_fallback(tei_all_validator):
    needs(THIRD_PARTY)
    result = tei_all_validator.check(THIRD_PARTY / "isicily__ISic000668.xml")
    assert result.valid
    assert [p.rule for p in result.problems] == ["xinclude-not-expanded"] * 2
    assert all(p.severity == "warning" and "fallback" in p.message for p in result.problems)


# ---------------------------------------------------------------- each kind of schema file

DOCUMENT = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>
<text><body><p n="1">one</p>
<p n="x">two</p></body></text></TEI>"""

RNG = b"""<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0"
  datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="TEI"><element name="teiHeader"><empty/></element>
    <element name="text"><element name="body"><oneOrMore><ref name="p"/></oneOrMore></element></element>
  </element></start>
  <define name="p"><element name="p"><attribute name="n"><data type="integer"/></attribute><text/></element>
    <pattern xmlns="http://purl.oclc.org/dsdl/schematron" id="p-not-two">
      <rule context="tei:p"><report id="no-two" test="matches(., '^two$')">a p says two</report></rule>
    </pattern>
  </define>
  <ns xmlns="http://purl.oclc.org/dsdl/schematron" prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
</grammar>"""

XSD = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.tei-c.org/ns/1.0"
  xmlns:tei="http://www.tei-c.org/ns/1.0" elementFormDefault="qualified">
  <xs:element name="TEI"><xs:complexType><xs:sequence>
    <xs:element name="teiHeader"/><xs:element name="text"><xs:complexType><xs:sequence>
      <xs:element name="body"><xs:complexType><xs:sequence>
        <xs:element name="p" maxOccurs="unbounded"><xs:complexType><xs:simpleContent><xs:extension base="xs:string">
          <xs:attribute name="n" type="xs:integer"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
      </xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""

SCH = b"""<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern><rule context="tei:p[@n]">
    <assert id="n-is-number" test="@n castable as xs:integer">n="<value-of select="@n"/>" is not a number</assert>
  </rule></pattern>
</schema>"""


@pytest.fixture
def schema_files(tmp_path) -> dict[str, Path]:
    files = {"doc": DOCUMENT, "project.rng": RNG, "project.xsd": XSD, "rules.sch": SCH}
    for name, data in files.items():
        (tmp_path / (name if "." in name else f"{name}.xml")).write_bytes(data)
    return {name: tmp_path / (name if "." in name else f"{name}.xml") for name in files}


@pytest.mark.parametrize(("schema", "rule"), [("project.rng", "rng-value-invalid"), ("project.xsd", "xsd"),
                                              ("rules.sch", "n-is-number")])
def test_each_kind_of_schema_finds_the_bad_number_at_its_line(schema_files, capsys, schema, rule):
    assert main(["validate", str(schema_files["doc"]), "--schema", str(schema_files[schema])]) == 1
    out = capsys.readouterr().out
    assert f"doc.xml:3:1: error: [{rule}]" in out, out


def test_the_schematron_an_odd_embeds_is_checked_only_when_asked(schema_files, capsys):
    rng = str(schema_files["project.rng"])
    main(["validate", str(schema_files["doc"]), "--schema", rng])
    assert "[no-two]" not in capsys.readouterr().out
    main(["validate", str(schema_files["doc"]), "--schema", rng, "--embedded-schematron"])
    assert "doc.xml:3:1: error: [no-two] a p says two" in capsys.readouterr().out


def test_several_schemas_are_all_checked_and_each_is_named_in_json(schema_files, capsys):
    import json

    argv = ["validate", str(schema_files["doc"]), "--format", "json"]
    for name in ("project.rng", "project.xsd", "rules.sch"):
        argv += ["--schema", str(schema_files[name])]
    assert main(argv) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["layers"] == ["wellformed", "project.rng", "project.xsd", "rules.sch"]
    assert {p["layer"] for p in report["files"][0]["problems"]} == {"project.rng", "project.xsd", "rules.sch"}


@pytest.mark.parametrize(("content", "says"), [
    (b"not xml at all", "rules.rng:1:1: error:"),
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'/>", "not a relaxng schema"),
    (b"<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start><ref name='nowhere'/></start></grammar>",
     "does not compile as relaxng"),
])
def test_a_schema_that_is_not_one_is_a_usage_error_in_one_line(tmp_path, capsys, content, says):
    (tmp_path / "rules.rng").write_bytes(content)
    (tmp_path / "doc.xml").write_bytes(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'/>")   # needs no ../shared
    assert main(["validate", str(tmp_path / "doc.xml"), "--schema", str(tmp_path / "rules.rng")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and says in err and "Traceback" not in err, err


@pytest.mark.parametrize("argv", [["--schema", "missing.rng"], ["--schema", "x.dtd"], ["--embedded-schematron"],
                                  ["--integrity", "--xsd"]])
def test_options_that_cannot_work_are_usage_errors(tmp_path, capsys, argv):
    (tmp_path / "x.dtd").write_text("<!ELEMENT a EMPTY>", encoding="utf-8")
    argv = [str(tmp_path / a) if a.endswith((".rng", ".dtd")) else a for a in argv]
    assert main(["validate", str(THIRD_PARTY), *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "error:" in err, err


def test_the_embedded_schematron_of_tei_all_runs_on_third_party_tei(tmp_path):
    needs(TEI_ALL, THIRD_PARTY)
    tree = etree.parse(str(THIRD_PARTY / VALID_SOURCES[0]))
    _first(tree, "body").append(etree.Element(T + "addSpan", spanTo="#nowhere"))
    path = tmp_path / "span.xml"
    tree.write(str(path), encoding="UTF-8")
    embedded = Schematron.from_tree(etree.parse(str(TEI_ALL)), TEI_ALL)      # the grammar is not compiled
    written = etree.parse(str(path))
    failures = embedded.check(written)
    assert failures and {f.element.sourceline for f in failures} == {_first(written, "addSpan").sourceline}
    assert any("spanTo" in f.message for f in failures), failures
