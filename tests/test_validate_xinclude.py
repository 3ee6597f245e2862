"""`tei validate --xinclude`: includes are expanded from the document's folder and below, never
from elsewhere; each hostile include (a path out of the folder, a URL, an absolute path, a link
out, a loop, a fan-out) is one clear line and an exit status, and a problem inside an included
file is reported at that file's own path and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tei.cli import main
from tei.validate import Options, get_validator
from tei.validate.xinclude import MAX_INCLUSIONS

XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
HEADER = ('<teiHeader xmlns="http://www.tei-c.org/ns/1.0" xml:id="hdr"><fileDesc>'
          '<titleStmt><title>Included title</title></titleStmt>'
          '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>')
SCHEMA = b"""<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0">
  <start><element name="TEI"><ref name="any"/></element></start>
  <define name="any"><zeroOrMore><choice><attribute><anyName/></attribute><text/>
    <element><anyName><except><name>nonsense</name></except></anyName><ref name="any"/></element>
  </choice></zeroOrMore></define>
</grammar>"""


def volume(*includes: str) -> str:
    body = "\n".join(includes)
    text = '<text><body><p corresp="#hdr">x</p></body></text>'
    return f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XI}>\n{body}\n{text}</TEI>'


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def check(path: Path, xinclude: bool = True):
    return get_validator(Options(integrity=True, xinclude=xinclude)).check(path)


def test_an_included_header_is_checked_with_the_document(tmp_path):
    write(tmp_path, {"vol.xml": volume('<xi:include href="parts/header.xml"/>'), "parts/header.xml": HEADER})
    result = check(tmp_path / "vol.xml")
    assert result.valid and not result.problems, result.problems     # #hdr resolves into the included header
    without = check(tmp_path / "vol.xml", xinclude=False)
    assert {p.rule for p in without.problems} == {"xinclude-not-expanded", "pointer-unresolved"}


def test_a_problem_inside_an_included_file_names_that_file_and_its_line(tmp_path, capsys):
    write(tmp_path, {"vol.xml": volume('<xi:include href="parts/header.xml"/>'),
                     "parts/header.xml": "<!-- header -->\n" + HEADER.replace("<p/></sourceDesc>",
                                                                              "<p/>\n<nonsense/></sourceDesc>"),
                     "schema.rng": SCHEMA.decode()})
    status = main(["validate", "--xinclude", "--schema", str(tmp_path / "schema.rng"), str(tmp_path / "vol.xml")])
    out = capsys.readouterr().out
    assert status == 1
    [line] = out.splitlines()           # libxml2 names the included teiHeader (line 2) that holds <nonsense/>
    assert line.startswith(f"{tmp_path / 'parts' / 'header.xml'}:2:1: error: [rng-element-not-allowed]"), out


def test_text_and_an_xpointer_to_an_id_are_included(tmp_path):
    write(tmp_path, {"vol.xml": volume('<xi:include href="hdr.xml" xpointer="hdr"/>',
                                       '<!-- <xi:include href="note.txt" parse="text"/> -->'),
                     "hdr.xml": f'<wrapper xmlns="http://www.tei-c.org/ns/1.0">{HEADER}</wrapper>'})
    result = check(tmp_path / "vol.xml")
    assert result.valid, result.problems


def test_a_missing_file_falls_back_or_is_an_error(tmp_path):
    write(tmp_path, {"a.xml": volume(HEADER, '<xi:include href="gone.xml"><xi:fallback><p>none</p></xi:fallback>'
                                             '</xi:include>'),
                     "b.xml": volume(HEADER, '<xi:include href="gone.xml"/>')})
    [warning] = check(tmp_path / "a.xml").problems
    assert (warning.severity, warning.rule) == ("warning", "xinclude-failed")
    assert "its fallback is used" in warning.message
    [error] = check(tmp_path / "b.xml").problems
    assert (error.severity, error.rule, error.line) == ("error", "xinclude-failed", 3)
    assert "no such file" in error.message


HOSTILE = {
    "../../etc/passwd": "leads outside the document's folder",
    "../secret.xml": "leads outside the document's folder",
    "%2e%2e/secret.xml": "leads outside the document's folder",
    "inner/../../secret.xml": "leads outside the document's folder",
    "file:///etc/passwd": "a URL is never fetched",
    "http://127.0.0.1:9/x.xml": "a URL is never fetched",
    "https://example.org/header.xml": "a URL is never fetched",
    "/etc/passwd": "an absolute path",
    "link-out.xml": "leads outside the document's folder",
}


@pytest.mark.parametrize(("href", "says"), HOSTILE.items(), ids=list(HOSTILE))
@pytest.mark.parametrize("parse", ["xml", "text"])
def test_a_hostile_include_is_refused_in_one_line_and_fails_the_file(tmp_path, capsys, href, says, parse):
    folder = tmp_path / "docs"
    write(tmp_path, {"secret.xml": "<secret>do not read</secret>",
                     "docs/vol.xml": volume(HEADER, f'<xi:include href="{href}" parse="{parse}"/>')})
    (folder / "link-out.xml").symlink_to(tmp_path / "secret.xml")
    assert main(["validate", "--xinclude", "--integrity", str(folder / "vol.xml")]) == 1
    captured = capsys.readouterr()
    [line] = [line for line in captured.out.splitlines() if "error" in line]
    assert f"{folder / 'vol.xml'}:3:1: error: [xinclude-refused] " in line and says in line, line
    assert "do not read" not in captured.out + captured.err and "root:" not in captured.out


def test_a_refused_include_with_a_fallback_is_a_warning(tmp_path):
    write(tmp_path, {"docs/vol.xml": volume(HEADER, '<xi:include href="../../etc/passwd" parse="text">'
                                                    '<xi:fallback>kept</xi:fallback></xi:include>')})
    result = check(tmp_path / "docs" / "vol.xml")
    [found] = result.problems
    assert result.valid and found.severity == "warning" and "outside the document's folder" in found.message


@pytest.mark.parametrize("files", [
    {"a.xml": volume('<xi:include href="a.xml"/>')},
    {"a.xml": volume('<xi:include href="b.xml"/>'), "b.xml": f'<div xmlns="http://www.tei-c.org/ns/1.0" {XI}>'
                                                              '<xi:include href="a.xml"><xi:fallback/></xi:include>'
                                                              "</div>"},
], ids=["itself", "a-b-a"])
def test_an_include_loop_is_an_error_even_with_a_fallback(tmp_path, files):
    write(tmp_path, files)
    result = check(tmp_path / "a.xml")
    loops = [p for p in result.problems if "include loop" in p.message]
    assert loops and loops[0].severity == "error" and not result.valid
    assert "a.xml → " in loops[0].message


def test_a_fan_out_stops_at_the_limit_in_one_line(tmp_path):
    fan = "".join('<xi:include href="next.xml"/>' for _ in range(10))
    files = {"a.xml": volume(HEADER, fan.replace("next.xml", "l1.xml"))}
    for level in range(1, 6):                         # 10^5 inclusions asked for
        includes = fan.replace("next.xml", f"l{level + 1}.xml")
        files[f"l{level}.xml"] = f'<ab xmlns="http://www.tei-c.org/ns/1.0" {XI}>{includes}</ab>'
    files["l6.xml"] = '<ab xmlns="http://www.tei-c.org/ns/1.0">leaf</ab>'
    write(tmp_path, files)
    result = check(tmp_path / "a.xml")
    [limit] = [p for p in result.problems if p.rule == "xinclude-limit"]
    assert f"more than {MAX_INCLUSIONS} inclusions" in limit.message and not result.valid


def test_an_included_file_that_is_not_well_formed_or_has_a_doctype_is_named(tmp_path):
    write(tmp_path, {"a.xml": volume(HEADER, '<xi:include href="broken.xml"/>'),
                     "b.xml": volume(HEADER, '<xi:include href="dtd.xml"/>'),
                     "broken.xml": "<ab>\n<unclosed></ab>",
                     "dtd.xml": '<!DOCTYPE ab [<!ENTITY x SYSTEM "file:///etc/passwd">]><ab>&x;</ab>'})
    [broken] = check(tmp_path / "a.xml").problems
    assert f"{tmp_path / 'broken.xml'}:2:" in broken.message and broken.severity == "error"
    [dtd] = check(tmp_path / "b.xml").problems
    assert f"{tmp_path / 'dtd.xml'}:1:1" in dtd.message and "DOCTYPE" in dtd.message


def test_xinclude_needs_a_schema_or_integrity(capsys):
    assert main(["validate", "--xinclude", os.devnull]) == 2
    assert "--xinclude goes with --schema or --integrity" in capsys.readouterr().err
