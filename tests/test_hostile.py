"""The hostile gallery: each case of tests/hostile/ (and the generated ones below) through every command.

TEI cases go through `tei validate`, `tei source`, `tei web` and `tei pdf`; transcriptions through
`tei build` (encode, validate, web, PDF). Whatever the case, a command ends with its exit status,
never a traceback, and an error is one line `path: error: …`; every page is well-formed XHTML that
runs nothing of the document's and links only to http, https, mailto or relative addresses; no PDF
links anywhere else; nothing from outside the case (/etc/passwd) reaches an output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from tei.cli import main
from tests.hostile_checks import command_problems, pdf_problems, pdf_text, site_problems

pytestmark = pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014.icc:ResourceWarning")

GALLERY = Path(__file__).parent / "hostile"
MINIMAL = (Path(__file__).parent / "invalid" / "passing" / "minimal.xml").read_text(encoding="utf-8")
PASSWD = "root:x:0:0"

# Exit statuses that are not 0, by case and command; an invalid or refused file is status 1.
REFUSED = {"validate": 1, "source": 1, "web": 1, "pdf": 1}
NOT_STATUS_0 = {
    "doctype-external-entity.xml": REFUSED,
    "entity-bomb.xml": REFUSED,
    "deep-nesting.xml": REFUSED,
    "huge-text-node.xml": REFUSED,
    "html-injection.xml": {"validate": 1},
    "script-licence.xml": {"validate": 1},
    "script-link-targets.xml": {"validate": 1},
    "script-source-url.xml": {"validate": 1},
    "xinclude.xml": {"validate": 1},
    "many-problems.xml": {"validate": 1},
    "citation-injection.xml": {"validate": 1},
    "date-before-the-common-era.xml": {"validate": 1},
    "date-with-a-time.xml": {"validate": 1},
    "class-injection.xml": {"validate": 1},
    "huge-blank.xml": {"source": 1},   # a transcription cannot hold 10^20 spaces; one line says so
    "nested-to-print.xml": {"validate": 1},
    "nested-too-deep-to-print.xml": {"validate": 1, "pdf": 1},
    "many-attributes.xml": {"validate": 1},
    "long-names.xml": {"validate": 1},
    "network-path-source.xml": {"validate": 1},
}


def deep_nesting() -> bytes:
    """10,000 nested elements: over libxml2's depth limit, refused by the safe parser."""
    return MINIMAL.replace("<closer>", "<p>" + "<hi>" * 10_000 + "x" + "</hi>" * 10_000 + "</p><closer>").encode()


def nested(depth: int) -> bytes:
    """A paragraph of `depth` nested highlights."""
    paragraph = "<p>" + '<hi rend="italic">' * depth + "x" + "</hi>" * depth + "</p>"
    return MINIMAL.replace("<closer>", paragraph + "<closer>").encode()


def many_attributes() -> bytes:
    """10,000 attributes on a paragraph: libxml2 reads them; Saxon's parser stopped at 200, and the
    page and the PDF failed with Saxon's own lines on stderr."""
    attributes = " ".join(f'a{number}="x"' for number in range(10_000))
    return MINIMAL.replace("<closer>", f"<p {attributes}>Many attributes.</p><closer>").encode()


def long_names() -> bytes:
    """An attribute and an element with names of 1,500 characters (Saxon's parser stopped at 1,000)."""
    element = "b" * 1500
    return MINIMAL.replace("<closer>", f'<p {"a" * 1500}="x">A <{element}>long</{element}> name.</p><closer>').encode()


def huge_text_node() -> bytes:
    """An 11 MB text node: over libxml2's limit for one text node, refused by the safe parser."""
    return MINIMAL.replace("<closer>", "<p>" + "x" * 11_000_000 + "</p><closer>").encode()


def many_problems() -> bytes:
    """4,000 empty deletions on one line (issue: validation once took 40 s for 8,000)."""
    return MINIMAL.replace("<closer>", "<p>Text " + '<del rend="strikethrough"/>' * 4000 + "</p><closer>").encode()


def tildes() -> bytes:
    """The TEI of this is the quadratic-validation reproducer: one empty deletion per `~~~~`."""
    return ("Text " + "~~~~" * 8000 + "\n").encode()


def brackets() -> bytes:
    """The super-linear-encoding reproducer: 25,000 brackets that never close (50 KB)."""
    return ("Para " + "[x" * 25_000 + " end.\n").encode()


GENERATED: dict[str, Callable[[], bytes]] = {
    "deep-nesting.xml": deep_nesting,
    # Printed since the print template renders a level of nesting with one call, not three (it
    # stopped at 22 levels); past about 60, Typst's limits, one line says so.
    "nested-to-print.xml": lambda: nested(50),
    "nested-too-deep-to-print.xml": lambda: nested(120),
    "many-attributes.xml": many_attributes,
    "long-names.xml": long_names,
    "huge-text-node.xml": huge_text_node,
    "many-problems.xml": many_problems,
    "tildes.txt": tildes,
    "brackets.txt": brackets,
}
TEI_CASES = sorted([path.name for path in GALLERY.glob("*.xml")] + [n for n in GENERATED if n.endswith(".xml")])
TRANSCRIPTIONS = sorted([path.name for path in GALLERY.glob("*.txt")] + [n for n in GENERATED if n.endswith(".txt")])


def case_file(name: str, folder: Path) -> Path:
    path = folder / name
    path.write_bytes(GENERATED[name]() if name in GENERATED else (GALLERY / name).read_bytes())
    return path


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def tei_case_params() -> list:
    return [pytest.param(name, command) for name in TEI_CASES for command in ("validate", "source", "web", "pdf")]


@pytest.mark.parametrize(("name", "command"), tei_case_params())
def test_each_tei_case_through_each_command(name, command, tmp_path, capsys):
    path = case_file(name, tmp_path)
    output = tmp_path / "out"
    argv = [command, str(path)] + (["-o", str(output)] if command in ("web", "pdf") else [])
    status, out, err = run(argv, capsys)
    # `tei validate` lists its problems on stdout, the summary on stderr.
    assert command_problems(status, out + err if command == "validate" else err) == []
    assert status == NOT_STATUS_0.get(name, {}).get(command, 0), err
    assert PASSWD not in out
    if command == "web":
        assert site_problems(output) == []
        assert all(PASSWD not in page.read_text(encoding="utf-8") for page in output.rglob("*.html"))
    if command == "pdf" and status == 0:
        for pdf in sorted(output.glob("*.pdf")):
            assert pdf_problems(pdf) == []
            assert PASSWD not in pdf_text(pdf)


@pytest.mark.parametrize("name", TRANSCRIPTIONS)
def test_each_transcription_through_the_build(name, tmp_path, capsys):
    case_file(name, tmp_path)
    (tmp_path / "edition.toml").write_text(f'[sources]\ninclude = ["{name}"]\n', encoding="utf-8")
    status, _, err = run(["build", "--quiet", "-j", "1", "--config", str(tmp_path / "edition.toml")], capsys)
    assert command_problems(status, err) == []
    assert status == 0, err
    build = tmp_path / "build"
    assert site_problems(build / "web") == []
    for pdf in sorted((build / "pdf").glob("*.pdf")):
        assert pdf_problems(pdf) == []
    json.loads((build / "report.json").read_text(encoding="utf-8"))


def test_typst_code_in_a_tei_file_prints_as_text(tmp_path, capsys):
    status, _, err = run(["pdf", str(GALLERY / "typst-code.xml"), "-o", str(tmp_path), "--no-volume"], capsys)
    assert status == 0, err
    text = pdf_text(tmp_path / "typst-code.pdf")
    for literal in ('#read("/etc/passwd")', '#import "@preview/cetz:0.2.0": *', '#include "/etc/passwd"',
                    "$x$", "\\\\ and \\ at the end \\"):
        assert literal in text


def test_typst_code_in_a_transcription_prints_as_text(tmp_path, capsys):
    case_file("typst-code.txt", tmp_path)
    (tmp_path / "edition.toml").write_text('[sources]\ninclude = ["typst-code.txt"]\n', encoding="utf-8")
    assert run(["build", "--quiet", "-j", "1", "--config", str(tmp_path / "edition.toml")], capsys)[0] == 0
    text = pdf_text(tmp_path / "build" / "pdf" / "typst-code.pdf")
    assert '#read("/etc/passwd")' in text and "$x$" in text and PASSWD not in text


def test_the_many_problems_case_lists_100_and_counts_the_rest(tmp_path, capsys):
    status, out, _ = run(["validate", str(case_file("many-problems.xml", tmp_path))], capsys)
    assert status == 1 and len(out.splitlines()) == 101
    assert "and 3900 more [not-empty] problems" in out


def test_source_of_a_tei_file_the_encoder_did_not_shape_is_an_error_not_a_traceback(tmp_path, capsys):
    # Found by tests/test_fuzz_commands.py: `tei source` assumed every TEI has the encoder's shapes
    # (here an app without its rdg).
    path = tmp_path / "app-without-rdg.xml"
    start, end = MINIMAL.index("<rdg "), MINIMAL.index("</rdg>") + len("</rdg>")
    path.write_text(MINIMAL[:start] + MINIMAL[end:], encoding="utf-8")
    status, _, err = run(["source", str(path)], capsys)
    assert status == 1 and command_problems(status, err) == []
    assert err.startswith(f"tei source: {path}: error: cannot write this TEI back as a transcription")


def test_a_document_nested_too_deeply_to_print_says_so(tmp_path, capsys):
    status, _, err = run(["pdf", str(case_file("nested-too-deep-to-print.xml", tmp_path)), "-o", str(tmp_path / "out")],
                         capsys)
    assert status == 1
    assert "its elements are nested too deeply to print (maximum " in err


def test_values_with_spaces_are_one_class_word(tmp_path, capsys):
    # Before, <space rend="blank footnote"/> was a footnote call in print and <div type="document
    # vertical-space"> failed the PDF; on the web each word was a class of its own.
    assert run(["web", str(GALLERY / "class-injection.xml"), "-o", str(tmp_path)], capsys)[0] == 0
    root = etree.parse(str(tmp_path / "class-injection.html"))
    classes = [word for value in root.xpath("//@class") for word in value.split()]
    assert "rend-blank-footnote" in classes and "type-document-vertical-space" in classes
    assert not {"footnote", "indexed", "vertical-space", "sheet"} & set(classes)
    assert root.xpath("//*[@class = 'tei-p type-x-reading-hidden']")


@pytest.mark.parametrize(("when", "parts", "ris_date"), [
    ("-0044-03-15", [-44, 3, 15], "-0044/03/15"),
    ("1956-02-29T10:00:00", [1956, 2, 29], "1956/02/29"),
    ("1956-02", [1956, 2], "1956/02"),
    ("1956-xx", [1956], "1956"),
])
def test_a_date_the_encoder_does_not_write_is_cited_as_far_as_it_goes(when, parts, ris_date):
    # Before, a year before the common era or a time of day ended `tei web` for the document:
    # "web crashed: ValueError: invalid literal for int()".
    from tei.citation import document_exports

    fields = {"title": "T", "editionTitle": "", "date": when}
    exports = document_exports(fields, "doc")
    assert json.loads(exports["csl"])[0]["issued"] == {"date-parts": [parts]}
    assert f"\r\nDA  - {ris_date}\r\n" in exports["ris"]


def test_a_citation_field_keeps_to_its_ris_line():
    from tei.citation import document_exports

    ris = document_exports({"title": "T\nUR  - javascript:alert(1)", "editionTitle": "", "date": ""}, "doc")["ris"]
    assert ris.splitlines()[1] == "TI  - T UR  - javascript:alert(1)"


def test_a_bibtex_url_is_the_address_itself():
    # biblatex reads `url` verbatim: before, every seed's URL was written "…/000\_423cda980137f6e9.html",
    # and an address with "%", "&" or "#" got backslashes too.
    from tei.citation import document_exports

    fields = {"title": "T", "editionTitle": "", "date": "", "url": "https://example.org/a_b%20c?x=1&y=2#f{}\\"}
    bibtex = document_exports(fields, "doc")["bibtex"]
    assert "  url = {https://example.org/a_b%20c?x=1&y=2#f%7B%7D%5C},\n" in bibtex
