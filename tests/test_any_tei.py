"""Third-party TEI published as an edition (issue 18, part 2): one test per behaviour, web and print.

Fast: the web page and the print XHTML are read back; the third-party files are those of
../shared/third-party-tei/ (skipped, saying why, when they are absent).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from tei.render.html import render_html
from tei.render.pdf import PdfOptions, TeiSource, tei_to_xhtml
from tei.xmlsafe import parse_xml
from tests.conftest import ROOT

THIRD_PARTY = ROOT.parent / "shared" / "third-party-tei"
TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI = {"tei": TEI_NS}
XHTML = {"h": "http://www.w3.org/1999/xhtml"}


def tei_document(body: str, header: str = "", text_attributes: str = "") -> bytes:
    """A minimal TEI document: a title, `header` in its fileDesc's place, `body` in its text."""
    return (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
            f"<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>{header}"
            f"</teiHeader><text{text_attributes}><body>{body}</body></text></TEI>").encode()


def web_page(data: bytes) -> etree._Element:
    return etree.fromstring(render_html(parse_xml(data)).encode())


def print_page(data: bytes) -> html.HtmlElement:
    source = TeiSource(Path("made.xml"), data, parse_xml(data))
    return html.fromstring(tei_to_xhtml([source], PdfOptions(), "document"))


# ---------------------------------------------------------------- many notes

MIXED_NOTES = ('<p>a<note>first</note> b<note n="7">seventh</note> c<note n="x">ex</note>'
               " d<note>last</note></p>")


def test_notes_without_a_number_follow_the_highest_number_on_the_web():
    page = web_page(tei_document(MIXED_NOTES))
    assert page.xpath("//h:button[@class='note-marker']/text()", namespaces=XHTML) == ["8", "7", "x", "9"]
    assert page.xpath("//h:ol[@class='notes']/h:li/@id", namespaces=XHTML) == [
        "note-8", "note-7", "note-x", "note-9"]


def test_notes_without_a_number_follow_the_highest_number_in_print():
    page = print_page(tei_document(MIXED_NOTES))
    assert page.xpath("//span[contains(@class, 'footnote')]/@data-mark") == ["8", "7", "x", "9"]


def test_ten_thousand_notes_are_numbered_one_to_ten_thousand():
    from benchmarks.notes import MANY_NOTES, notes_document

    page = web_page(notes_document(MANY_NOTES))
    numbers = page.xpath("//h:button[@class='note-marker']/text()", namespaces=XHTML)
    assert numbers == [str(n) for n in range(1, MANY_NOTES + 1)]
