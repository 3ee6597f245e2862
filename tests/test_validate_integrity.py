"""`tei validate --integrity`: the checks that hold for any TEI — pointers into the file resolve,
dates exist, no xml:id twice — alone or beside --schema, each problem at its file and line."""

from __future__ import annotations

import pytest

from tei.cli import main
from tei.validate import Options, get_validator
from tei.validate.integrity import date_problem

HEADER = ('<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p/></publicationStmt>'
          '<sourceDesc><listWit><witness xml:id="A"/><witness xml:id="B"/></listWit></sourceDesc></fileDesc>'
          '<profileDesc><handNotes><handNote xml:id="h1"/></handNotes></profileDesc></teiHeader>')


def document(body: str) -> bytes:
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}\n<text><body>\n{body}\n</body></text></TEI>'
            ).encode()


def integrity(data: bytes, name: str = "doc.xml"):
    return get_validator(Options(integrity=True)).check_bytes(data, name)


@pytest.mark.parametrize("body", [
    '<p xml:id="p1" corresp="#p2">a</p><p xml:id="p2" next="#p1" prev="#p1">b</p>',
    '<app><rdg wit="#A #B" hand="#h1">x</rdg></app>',
    '<p><ref target="#p3 https://example.org/x other.xml#y">a</ref></p><p xml:id="p3"/>',
    '<p><ptr target="#range(p4,p5)"/><date when="1898-02-28"/><date notBefore="-0044" notAfter="1898-02"/></p>',
])
def test_a_consistent_document_passes(body):
    result = integrity(document(body))
    assert result.valid and not result.problems, result.problems


@pytest.mark.parametrize(("body", "rule", "says"), [
    ('<p corresp="#nowhere">a</p>', "pointer-unresolved", "corresp on p points to #nowhere"),
    ('<p xml:id="p1" next="#p2">a</p>', "pointer-unresolved", "next on p points to #p2"),
    ('<p prev="#p0">a</p>', "pointer-unresolved", "prev on p points to #p0"),
    ('<p><add hand="#h2">a</add></p>', "pointer-unresolved", "(did you mean #h1?)"),
    ('<app><rdg wit="#A #C">a</rdg></app>', "pointer-unresolved", "wit on rdg points to #C"),
    ('<p><persName ref="#nobody">N</persName></p>', "pointer-unresolved", "ref on persName points to #nobody"),
    ('<p><ref target="#gone">a</ref></p>', "pointer-unresolved", "target on ref points to #gone"),
    ('<p><date when="1898-02-29">a</date></p>', "date-invalid", "day 29 does not exist in month 02 of 1898"),
    ('<p><date when="yesterday">a</date></p>', "date-invalid", "expected YYYY, YYYY-MM, YYYY-MM-DD"),
    ('<p><date notAfter="1898-13">a</date></p>', "date-invalid", "there is no month 13"),
    ('<p xml:id="x">a</p><p xml:id="x">b</p>', "duplicate-id", 'xml:id="x" on p is already the id of the p at line'),
])
def test_each_broken_link_or_date_is_one_error_at_its_line(body, rule, says):
    result = integrity(document(body))
    [found] = result.problems
    assert (found.rule, found.line, found.severity, found.layer) == (rule, 3, "error", "integrity")
    assert says in found.message, found.message
    assert not result.valid


@pytest.mark.parametrize(("value", "valid"), [
    ("1898", True), ("1898-02", True), ("2000-02-29", True), ("1900-02-29", False), ("-0044-03-15", True),
    ("1898-02-03T10:20:30Z", True), ("1898-02-03T24:00:00", True), ("1898-02-03T24:30:00", False),
    ("12:00:00+01:00", True), ("--02-29", True), ("--04-31", False), ("---31", True), ("98-1-1", False),
    ("1898-00", False), ("", False),
])
def test_dates_are_w3c_dates_that_exist(value, valid):
    assert (date_problem(value) == "") == valid


def test_integrity_alone_runs_none_of_the_editions_rules(tmp_path, capsys):
    path = tmp_path / "theirs.xml"
    path.write_bytes(document('<p corresp="#gone"><unknownElement/></p>'))
    assert main(["validate", "--integrity", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("error:") == 1 and f"{path}:3:" in out and "[pointer-unresolved]" in out


def test_integrity_beside_a_schema_reports_both(tmp_path, capsys):
    schema = tmp_path / "any.rng"
    schema.write_text('<element xmlns="http://relaxng.org/ns/structure/1.0" name="TEI" '
                      'ns="http://www.tei-c.org/ns/1.0"><empty/></element>', encoding="utf-8")
    path = tmp_path / "theirs.xml"
    path.write_bytes(document('<p corresp="#gone"/>'))
    assert main(["validate", "--integrity", "--schema", str(schema), str(path), "--format", "json"]) == 1
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["layers"] == ["wellformed", "any.rng", "integrity"]
    assert {p["layer"] for p in report["files"][0]["problems"]} == {"any.rng", "integrity"}


def test_a_repeated_xml_id_is_still_refused_by_the_editions_layers(tmp_path, capsys):
    path = tmp_path / "dup.xml"
    path.write_bytes(document('<p xml:id="x">a</p><p xml:id="x">b</p>'))
    assert main(["validate", str(path)]) == 1
    assert "[duplicate-id] ID x already defined" in capsys.readouterr().out
