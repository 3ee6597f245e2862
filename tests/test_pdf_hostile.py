"""Hostile text in a TEI file prints as text: nothing of it is ever read as Typst code.

The template reads the stylesheet's XHTML with Typst's `xml()` and places its text as text;
the compiler's root is a build folder holding only that XHTML and the TEI to attach.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tei.render.pdf import PdfOptions, TeiSource, render_document, typesetter
from tei.xmlsafe import parse_xml

pytestmark = pytest.mark.slow

TEI_NS = "http://www.tei-c.org/ns/1.0"
# Each is Typst markup or code that would read a file, load a module, switch to maths,
# close a content block, escape, cite or label, were it ever evaluated.
HOSTILE = ('#read("/etc/passwd")', '#import "@preview/x:1.0.0": *', '#include "other.typ"',
           "$x^2$", "]", "\\\\", "@label", "<label>", "#panic(\"boom\")", "*bold* _em_ `raw`",
           "= Heading", "// comment", "/* open comment")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hostile_document() -> TeiSource:
    paragraphs = "".join(f"<p>Before {_escape(text)} after.</p>" for text in HOSTILE)
    note = f'<p>Called<note type="editorial" n="1">{_escape(HOSTILE[0])}</note> here.</p>'
    title = _escape('#read("/etc/passwd") ] $x$')
    data = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
            "</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>"
            f'</fileDesc></teiHeader><text xml:lang="en"><body>{paragraphs}{note}</body></text></TEI>'
            ).encode()
    return TeiSource(Path("hostile.xml"), data, parse_xml(data))


@pytest.fixture(scope="module")
def printed_text() -> str:
    reader = PdfReader(io.BytesIO(render_document(hostile_document(), PdfOptions())))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("text", HOSTILE)
def test_typst_syntax_in_the_tei_prints_literally(printed_text, text):
    assert f"Before {text} after." in " ".join(printed_text.split())


def test_the_title_and_a_footnote_print_literally(printed_text):
    assert '#read("/etc/passwd") ] $x$' in printed_text
    assert "root:" not in printed_text


def test_the_compiler_reads_nothing_outside_its_build_folder(tmp_path):
    import typst

    (tmp_path / "inside.txt").write_text("inside")
    compiler = typesetter().compiler
    assert compiler.compile(input=b'#read("/inside.txt")', root=str(tmp_path), format="svg")
    with pytest.raises(typst.TypstError, match="file not found"):
        compiler.compile(input=b'#read("/etc/passwd")', root=str(tmp_path), format="svg")
    with pytest.raises(typst.TypstError):
        compiler.compile(input=b'#read("../../../../etc/passwd")', root=str(tmp_path), format="svg")


def test_the_template_uses_no_typst_package_and_evaluates_no_text():
    from tei.resources import data_dir

    template = (data_dir("xslt") / "print" / "edition.typ").read_text(encoding="utf-8")
    assert "@preview" not in template and "eval(" not in template


def test_without_the_edition_fonts_the_build_fails_in_one_line(monkeypatch, tmp_path):
    import tei.render.pdf as pdf
    from tei.render.pdf import PrintError

    monkeypatch.setattr(pdf, "FONT_DIRECTORIES", (tmp_path,))
    monkeypatch.setattr(pdf, "typesetter", pdf.Typesetter)  # a fresh one, without the fonts
    with pytest.raises(PrintError, match=r"^hostile\.xml: error: Typst could not typeset the document: "
                                         r"warning taken as an error: unknown font family: linux libertine o$"):
        render_document(hostile_document(), PdfOptions())


def test_a_tei_named_like_the_print_data_is_printed_and_attached():
    # Before, `tei pdf edition.xhtml` wrote the TEI over the XHTML the template reads, and Typst
    # failed with "cannot access fields on type none".
    source = hostile_document()
    pdf = render_document(TeiSource(Path("edition.xhtml"), source.data, source.tree), PdfOptions())
    reader = PdfReader(io.BytesIO(pdf))
    assert "#read(" in reader.pages[0].extract_text()
    assert reader.attachments["edition.xhtml"] == [source.data]
