"""`--allow-doctype` (validate, web, pdf): a DOCTYPE is read instead of refused; its internal
entities are expanded within libxml2's limits, the external DTD and external entities are never
loaded (a file beside the document stays unread), and one warning line says what was ignored.
Without the option a DOCTYPE is still refused; an entity bomb is refused with it too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei.cli import main
from tests.conftest import ROOT

FEATURES = ROOT / "tests" / "data" / "features.xml"
HOSTILE = ROOT / "tests" / "hostile"
MARKER = "UNREAD-MARKER-TEXT"


def with_doctype(folder: Path) -> Path:
    """features.xml with a DOCTYPE: an internal entity used in the text, an external DTD, an external
    entity naming a file beside it, and an attribute default."""
    (folder / "secret.txt").write_text(MARKER, encoding="utf-8")
    text = FEATURES.read_text(encoding="utf-8")
    declaration, rest = text.split("\n", 1) if text.startswith("<?xml") else ("", text)
    doctype = ('<!DOCTYPE TEI SYSTEM "http://example.org/tei.dtd" [\n'
               '  <!ENTITY who "Cde. Kim Il Sung">\n'
               '  <!ENTITY secret SYSTEM "secret.txt">\n'
               '  <!ATTLIST p rend CDATA "bold">\n]>\n')
    body = rest.replace("</body>", "<p>Signed by &who;. &secret;</p></body>", 1) if "</body>" in rest else rest
    path = folder / "doctype.xml"
    path.write_text(f"{declaration}\n{doctype}{body}", encoding="utf-8")
    return path


def test_a_doctype_is_still_refused_without_the_option(tmp_path, capsys):
    assert main(["validate", str(with_doctype(tmp_path))]) == 1
    assert "[xml-unsafe] refused a document type declaration" in capsys.readouterr().out


def test_validate_expands_internal_entities_and_says_what_it_ignored(tmp_path, capsys):
    path = with_doctype(tmp_path)
    status = main(["validate", "--allow-doctype", "--integrity", str(path)])
    out = capsys.readouterr().out
    assert status == 0, out
    [line] = out.splitlines()
    assert line.startswith(f"{path}:2:1: warning: [doctype-ignored] <!DOCTYPE> read (--allow-doctype): ")
    for said in ("1 internal entity (who) expanded", 'the external DTD "http://example.org/tei.dtd" (never loaded)',
                 "1 external entity (secret) (never read", "1 attribute list (p) (defaults not applied)"):
        assert said in line, line
    assert MARKER not in out


@pytest.mark.parametrize("argv", [["--allow-doctype"], ["--allow-doctype", "--integrity"],
                                  ["--allow-doctype", "--schema", str(ROOT / "schemas" / "edition.rng")]])
def test_an_entity_bomb_is_still_refused_in_one_line(capsys, argv):
    assert main(["validate", *argv, str(HOSTILE / "entity-bomb.xml")]) == 1
    captured = capsys.readouterr()
    [line] = captured.out.splitlines()
    assert "entity-bomb.xml" in line and "amplification" in line and "Traceback" not in captured.err


def test_an_external_entity_is_never_read(capsys):
    assert main(["validate", "--allow-doctype", "--integrity", str(HOSTILE / "doctype-external-entity.xml")]) == 0
    out = capsys.readouterr().out
    assert "1 external entity (secret) (never read; 1 reference(s) left empty)" in out
    assert "root:" not in out


def test_web_reads_the_doctype_with_the_option_and_refuses_it_without(tmp_path, capsys):
    path = with_doctype(tmp_path)
    assert main(["web", str(path), "-o", str(tmp_path / "refused"), "-j", "1"]) == 1
    assert "refused a document type declaration" in capsys.readouterr().err
    assert main(["web", "--allow-doctype", str(path), "-o", str(tmp_path / "site"), "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert err.count("[doctype-ignored]") == 1 and "Traceback" not in err
    page = (tmp_path / "site" / "doctype.html").read_text(encoding="utf-8")
    assert "Signed by Cde. Kim Il Sung." in page and MARKER not in page


def test_web_and_pdf_refuse_an_entity_bomb_in_one_line_with_the_option(tmp_path, capsys):
    for command in ("web", "pdf"):
        out = tmp_path / command
        assert main([command, "--allow-doctype", str(HOSTILE / "entity-bomb.xml"), "-o", str(out), "-j", "1"]) == 1
        err = capsys.readouterr().err
        lines = [line for line in err.splitlines() if "error" in line]
        assert len(lines) == 1 and "amplification" in lines[0] and "Traceback" not in err, err


@pytest.mark.slow
def test_pdf_reads_the_doctype_with_the_option(tmp_path, capsys):
    from pypdf import PdfReader

    path = with_doctype(tmp_path)
    assert main(["pdf", "--allow-doctype", str(path), "-o", str(tmp_path / "pdf"), "--no-volume", "-j", "1"]) == 0
    assert capsys.readouterr().err.count("[doctype-ignored]") == 1
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "pdf" / "doctype.pdf").pages)
    assert "Kim Il Sung" in text and MARKER not in text
