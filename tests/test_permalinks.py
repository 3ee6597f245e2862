"""Paragraph permalinks: the links Python hands the web stylesheets are the ones the stylesheets'
own rule (ed:permalink, xslt/common/ids.xsl) gives, so pages are the same bytes either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import tei.render.html as html
from tei.render.html import WebRenderer
from tei.render.permalinks import OTHER_SPACE, handed_permalinks, normalize_space, permalink, text_hash
from tei.xmlsafe import parse_allowing_doctype, parse_xml

ROOT = Path(__file__).resolve().parent.parent
THIRD_PARTY = ROOT.parent / "shared" / "third-party-tei"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
HEADER = ("<teiHeader><fileDesc><titleStmt><title>Permalinks</title></titleStmt><publicationStmt>"
          "<p>Published.</p></publicationStmt><sourceDesc><p>Published.</p></sourceDesc></fileDesc></teiHeader>")
# Astral characters, repeats (the same text four times, a head and an item sharing a paragraph's
# text), XML's whitespace and other spaces, "mul" and nested languages, a language with the key's
# separator, empty paragraphs, a note's paragraph inside a paragraph, comments, processing
# instructions, CDATA, character references, and paragraphs outside TEI's namespace.
TRICKY = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:x-other" xml:lang="en">{HEADER}
<text><body>
<head>Repeated text</head>
<p>Repeated   text</p><p>Repeated text</p><p>	Repeated&#13;
text </p><p>Repeated text</p>
<list><item>An item's text</item></list><p>An item's text</p>
<p>𝔄 astral 😀 first: 𝕏𝕐𝕫 and more characters past the forty-eighth one 🜁🜂🜃 end</p>
<p>no-break\u00a0space, em\u2003space, next\u0085line, ideographic\u3000space</p>
<p/><p></p><ab>  </ab>
<p>A <hi>mixed</hi> <hi>paragraph</hi><!-- a comment --><?pi ignored?> with <![CDATA[<CDATA> & text]]> &amp; a
 note<note place="foot"><p>The note's own paragraph.</p></note> inside.</p>
<div xml:lang="mul"><p>Mixed languages</p><p xml:lang="ru">Беседа с послом 𝔄</p>
  <div xml:lang="de"><ab>Ein Absatz</ab><p xml:lang="mul">Mixed languages</p></div></div>
<div xml:lang="en|x"><p>y</p></div><p>x|y</p><div xml:lang=""><p>No language</p></div>
<x:p>Not TEI</x:p><ab>Repeated text</ab><x:ab>Not TEI either</x:ab>
<p>{"Long paragraph with many words. " * 40}</p>
</body></text></TEI>"""


@pytest.fixture(scope="module")
def renderer() -> WebRenderer:
    return WebRenderer()


def render_both(renderer: WebRenderer, tree: etree._ElementTree, monkeypatch) -> tuple[str, str]:
    """The page with the permalinks Python hands over, and the page the stylesheets make alone."""
    handed = renderer.render(tree, "doc").page
    with monkeypatch.context() as patch:
        patch.setattr(html, "handed_permalinks", lambda tree: "")
        alone = renderer.render(tree, "doc").page
    return handed, alone


def permalink_targets(page: str) -> list[str]:
    return etree.fromstring(page.encode()).xpath("//h:span[@class='permalink-target']/@id", namespaces=XHTML)


def test_handed_permalinks_are_the_stylesheets_own_on_tricky_text(renderer, monkeypatch):
    tree = parse_xml(TRICKY.encode())
    handed, alone = render_both(renderer, tree, monkeypatch)
    assert handed == alone
    lines = handed_permalinks(tree).split("\n")
    assert len(lines) == 25, "a line for every element named p or ab, TEI's or not"
    assert lines[21] == lines[23] == "", "the other namespace's p and ab have empty lines"
    # The header's two paragraphs and the note's have no permalink on the page.
    note = permalink("en", "The note's own paragraph.", 0)
    assert permalink_targets(alone) == [line for line in lines[2:] if line and line != note]


def test_every_repeat_of_a_text_has_a_permalink_of_its_own(renderer, monkeypatch):
    """A head, then four paragraphs of the same text once normalised, then an ab of it: the head takes
    the plain link, the others "-2", "-3" … (a third repeat once took the first one's link again: two
    elements of one id, and a reader citing the third paragraph was sent to the first)."""
    plain = "en-" + format(text_hash("Repeated text"), "x")
    for page in render_both(renderer, parse_xml(TRICKY.encode()), monkeypatch):
        targets = permalink_targets(page)
        assert targets[:4] == [f"{plain}-2", f"{plain}-3", f"{plain}-4", f"{plain}-5"]
        assert targets[-2] == f"{plain}-6", "an ab of the same text is a repeat too"
        ids = etree.fromstring(page.encode()).xpath("//@id")
        assert len(ids) == len(set(ids)), "no two elements of a page share an id"


def test_permalink_parts():
    assert normalize_space(" \t a\r\n b\u00a0 c\u2003 ") == "a b\u00a0 c\u2003", "no other space is XML's"
    assert text_hash("") == 0 and permalink("", "", 0) == "0"
    assert text_hash("😀") == (1000003 + 0x1F600 * 131 + 0x1F600 * 7919) % 4294967291, "one code point, not two"
    assert permalink("ru", "Беседа", 1).startswith("ru-") and permalink("ru", "Беседа", 1).endswith("-2")
    assert permalink("en", "a", 2) == permalink("en", "a", 0) + "-3"


def test_text_without_other_spaces_is_normalised_by_splitting_as_xpath_does():
    other = {chr(point) for point in range(0x110000) if chr(point).isspace()} - set(" \t\n\r")
    assert {char for char in other if OTHER_SPACE.fullmatch(char)} == other, "every space str.split splits at"
    assert not any(OTHER_SPACE.fullmatch(chr(point)) for point in range(0x110000) if chr(point) not in other)
    assert normalize_space(" Беседа\t с\r\n послом ") == "Беседа с послом"
    assert normalize_space("Беседа\u00a0с\u3000послом ") == "Беседа\u00a0с\u3000послом"


def test_a_language_with_a_line_break_or_a_space_is_one_word_of_the_links(renderer, monkeypatch):
    tree = parse_xml(TRICKY.replace('xml:lang="de"', 'xml:lang="d&#10;e"').encode())
    assert any(link.startswith("d-e-") for link in handed_permalinks(tree).split("\n"))
    handed, alone = render_both(renderer, tree, monkeypatch)
    assert handed == alone


def test_expanded_entities_give_the_same_links(renderer, monkeypatch):
    data = ('<!DOCTYPE TEI [<!ENTITY amb "Ambassador 𝔄">]>' + TRICKY.replace("Ein Absatz", "&amb; &amb;"))
    tree, _ = parse_allowing_doctype(data.encode())
    handed, alone = render_both(renderer, tree, monkeypatch)
    assert handed == alone


def test_third_party_tei_gets_the_same_links(renderer, monkeypatch):
    if not THIRD_PARTY.is_dir():
        pytest.skip(f"no third-party TEI files at {THIRD_PARTY}")
    for path in sorted(THIRD_PARTY.glob("*.xml")):
        handed, alone = render_both(renderer, parse_xml(path.read_bytes(), str(path)), monkeypatch)
        assert handed == alone, path.name


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
               .filter(lambda char: char in "\t\n\r" or ord(char) >= 0x20), max_size=80)


def _paragraph(language: str | None, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace("\r", "&#13;")
    return f'<p xml:lang="{language}">{escaped}</p>' if language is not None else f"<p>{escaped}</p>"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([None, "en", "ru", "mul", ""]), TEXT), min_size=1, max_size=6))
def test_any_text_gets_the_stylesheets_link(renderer, monkeypatch, paragraphs):
    body = "".join(_paragraph(language, text) for language, text in paragraphs * 2)
    tree = parse_xml(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text><body>{body}</body></text></TEI>'
                     .encode())
    handed, alone = render_both(renderer, tree, monkeypatch)
    assert handed == alone
