"""Third-party TEI published as an edition (issue 18, part 2): one test per behaviour, web and print.

Fast: the web page and the print XHTML are read back; the third-party files are those of
../shared/third-party-tei/ (skipped, saying why, when they are absent).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html

from tei.pipeline.stages import document_facts
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


# ---------------------------------------------------------------- a document without text

SOURCEDOC = ROOT / "tests" / "data" / "sourcedoc.xml"


def test_a_page_transcribed_as_sourcedoc_is_a_line_by_line_page_on_the_web():
    page = web_page(SOURCEDOC.read_bytes())
    surface = page.xpath("//h:section[contains(@class, 'surface')]", namespaces=XHTML)[0]
    assert surface.xpath("string(h:h3)", namespaces=XHTML) == "Page 1r"
    zones = surface.xpath("h:div[contains(@class, 'zone')]/h:p[@class='zone-label']/text()", namespaces=XHTML)
    assert zones == ["main", "margin", "signature"]
    lines = surface.xpath(".//h:div[contains(@class, 'tei-line')]", namespaces=XHTML)
    assert [line.xpath("string(h:span[@class='line-number'])", namespaces=XHTML) for line in lines] == [
        "1", "2", "3", "4", "5", "6"]
    assert " ".join(lines[1].xpath("string(h:span[@class='line-text'])", namespaces=XHTML).split()) == (
        "ich sende Ihnen heute morgen das Manuskript")


def test_changes_on_a_sourcedoc_page_name_their_hands():
    page = web_page(SOURCEDOC.read_bytes())
    hands = {element.get("class").split()[0]: element.get("data-hand")
             for element in page.xpath("//h:div[contains(@class, 'source-doc')]//*[@data-hand]", namespaces=XHTML)}
    assert hands == {"tei-del": "h ink", "tei-add": "h pencil", "tei-mod": "h pencil", "tei-metamark": "h pencil"}


def test_a_sourcedoc_page_prints_its_lines_with_their_numbers():
    page = print_page(SOURCEDOC.read_bytes())
    lines = page.xpath("//p[contains(@class, 'source-line')]")
    assert [line.xpath("string(span[@class='line-number'])") for line in lines] == ["1", "2", "3", "4", "5", "6"]
    assert page.xpath("string(//section[contains(@class, 'source-doc')]/h3)") == "The document as written (German)"
    hands = [hand.text for hand in page.xpath("//article//span[@class='hand']")]
    assert hands == ["h ink", "h pencil", "h pencil", "h pencil"]


def test_a_tei_with_neither_text_nor_sourcedoc_still_renders():
    data = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Header only</title></titleStmt>'
            "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader></TEI>").encode()
    assert web_page(data).xpath("string(//h:h1)", namespaces=XHTML) == "Header only"
    assert print_page(data).xpath("string(//h2[@class='document-title'])") == "Header only"


def test_a_tei_without_a_file_description_has_empty_facts_for_the_lists_not_a_crash():
    assert document_facts(f'<TEI xmlns="{TEI_NS}"><teiHeader/><text/></TEI>'.encode(), "bare.xml") == (
        ("date", ""), ("lists", ""), ("title", ""))


def test_the_facts_of_any_tei_are_its_title_first_source_date_and_kinds_of_name():
    names = '<p><persName ref="person:a">A</persName> <placeName ref="https://x.org/p">P</placeName></p>'
    data = tei_document(names).replace(b"<sourceDesc><p/>", b'<sourceDesc><p><date/><date when="1950-06-25"/></p>')
    assert document_facts(data, "made.xml") == (("date", "1950-06-25"), ("lists", "person"), ("title", "T"))


# ---------------------------------------------------------------- titles, authors, languages

def third_party(name: str) -> bytes:
    path = THIRD_PARTY / name
    if not path.is_file():
        pytest.skip(f"the third-party TEI files are not at {THIRD_PARTY}")
    return path.read_bytes()


def test_a_letter_is_titled_by_its_own_title_not_the_series():
    page = web_page(third_party("schnitzler__L03785.xml"))
    assert page.xpath("string(//h:h1)", namespaces=XHTML) == "Arthur Schnitzler an Stefan Zweig, 18.\u00a03.\u00a01913"


@pytest.mark.parametrize(("name", "author"), [
    ("rusdracor__pushkin-pir-vo-vremja-chumy.xml", "Александр Сергеевич Пушкин (Alexander Pushkin)"),
    ("rusdracor__turgenev-mesjats-v-derevne.xml", "Иван Сергеевич Тургенев (Ivan Turgenev)")])
def test_the_author_is_named_on_the_page_and_in_the_citation(name, author):
    page = web_page(third_party(name))
    assert author in page.xpath("string(//h:p[@class='doc-number'])", namespaces=XHTML)
    assert page.xpath("//h:meta[@name='citation_author']/@content", namespaces=XHTML) == [author]
    assert author in print_page(third_party(name)).xpath("string(//p[@class='document-authors'])")


@pytest.mark.parametrize(("name", "languages"), [
    ("pta__pta0001.pta030.pta-grc1.xml", "Ancient Greek"),
    ("isicily__ISic000668.xml", "Ancient Greek, English"),
    ("schnitzler__L03785.xml", "German")])
def test_the_languages_are_those_of_the_text(name, languages):
    page = web_page(third_party(name))
    field = page.xpath("//h:div[@class='field'][h:dt='Languages']/h:dd", namespaces=XHTML)
    assert field[0].text == languages


def test_the_index_speaks_of_the_edition_it_indexes(tmp_path):
    from tei.cli import main

    assert main(["web", str(SOURCEDOC), "-o", str(tmp_path)]) == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Wilson" not in index and "Russian" not in index
    assert "<title>Digital edition</title>" in index and "Words to find (in German)" in index


# ---------------------------------------------------------------- every word, no warnings

THIRD_PARTY_FILES = sorted(THIRD_PARTY.glob("*.xml")) if THIRD_PARTY.is_dir() else []
ANY_TEI = [*THIRD_PARTY_FILES, SOURCEDOC]


def visible_characters(texts) -> Counter:
    return Counter(char for text in texts for char in text if not char.isspace())


def tei_text_characters(data: bytes, leave_out: str = "") -> Counter:
    """The characters of a TEI document's text and sourceDoc, notes and apparatus included."""
    root = parse_xml(data).getroot()
    return visible_characters(root.xpath(f"(tei:text | tei:sourceDoc)//text(){leave_out}", namespaces=TEI))


@pytest.mark.parametrize("path", ANY_TEI, ids=lambda path: path.name)
def test_every_character_of_the_text_is_printed(path):
    data = path.read_bytes()
    body = print_page(data).xpath("//article")[0]
    # Paper prints the editors' correction of an error, not the error, and the spelling of the
    # source, not its regularisation (README, Print edition).
    short = (tei_text_characters(data, "[not(ancestor::*[self::tei:sic/parent::tei:choice[tei:corr]"
                                       " or self::tei:reg/parent::tei:choice[tei:orig]])]")
             - visible_characters([*body.itertext(), *body.xpath(".//@href")]))
    assert not short, f"characters fewer times in the print XHTML: {dict(short)}"


@pytest.mark.parametrize("path", ANY_TEI, ids=lambda path: path.name)
def test_the_stylesheets_find_no_ambiguous_rule(path, capfd):
    data = path.read_bytes()
    web_page(data)
    print_page(data)
    warnings = capfd.readouterr().err
    assert "XTDE0540" not in warnings and "Ambiguous rule" not in warnings, warnings[:2000]


def test_every_character_of_a_sourcedoc_page_is_on_the_web():
    data = SOURCEDOC.read_bytes()
    body = web_page(data).xpath("//h:main", namespaces=XHTML)[0]
    assert not tei_text_characters(data) - visible_characters(body.itertext())


# ---------------------------------------------------------------- registers

REGISTER = """<back><listPerson><head>People</head>
  <person xml:id="p1"><persName><surname>Zweig</surname><forename>Stefan</forename></persName>
    <birth><date when="1881-11-28">1881-11-28</date><placeName>Wien</placeName></birth>
    <idno type="URL" subtype="gnd">https://d-nb.info/gnd/118637479</idno>
    <idno type="URL" subtype="bad">javascript:alert(1)</idno></person>
  <person xml:id="p2"><persName>Olga</persName><sex value="female"/></person>
</listPerson></back>"""


def register_document() -> bytes:
    return tei_document('<p>Ein Brief von <persName ref="#p1">Zweig</persName>.</p>').replace(
        b"</body>", b"</body>" + REGISTER.encode())


def test_a_list_of_persons_is_a_register_with_names_dates_places_and_identifiers():
    page = web_page(register_document())
    register = page.xpath("//h:section[contains(@class, 'register')]", namespaces=XHTML)[0]
    assert register.xpath("string(h:h3)", namespaces=XHTML) == "People"
    entry = register.xpath(".//h:li[@id='p1']", namespaces=XHTML)[0]
    assert entry.xpath("string(h:span[@class='register-name'])", namespaces=XHTML) == "Stefan Zweig"
    assert " ".join(entry.xpath("string(h:span[contains(@class, 'field-birth')])", namespaces=XHTML).split()) == (
        "born 1881-11-28, Wien")
    assert entry.xpath(".//h:a/@href", namespaces=XHTML) == ["https://d-nb.info/gnd/118637479"]
    assert entry.xpath("string(.//h:a)", namespaces=XHTML) == "gnd"
    assert "javascript:alert(1)" in entry.xpath("string()", namespaces=XHTML), "a refused address stays text"


def test_a_name_in_the_text_links_to_its_register_entry():
    page = web_page(register_document())
    link = page.xpath("//h:a[contains(@class, 'register-link')]", namespaces=XHTML)[0]
    assert (link.get("href"), link.text) == ("#p1", "Zweig")


def test_a_register_prints_as_a_compact_list():
    page = print_page(register_document())
    entries = page.xpath("//div[@class='register']/p[@class='register-entry']")
    assert [entry.xpath("string(b)") for entry in entries] == ["Stefan Zweig", "Olga"]
    assert " ".join(entries[0].xpath("string()").split()) == (
        "Stefan Zweig; born 1881-11-28, Wien; gnd; bad javascript:alert(1)")
    assert entries[0].xpath(".//a/@href") == ["https://d-nb.info/gnd/118637479"]


def test_the_persons_of_a_play_are_a_register_on_the_web_and_in_print():
    data = third_party("rusdracor__pushkin-pir-vo-vremja-chumy.xml")
    section = web_page(data).xpath("//h:section[@class='registers-section']", namespaces=XHTML)[0]
    assert section.xpath("string(.//h:li[@id='Meri']/h:span[@class='register-name'])", namespaces=XHTML) == "Мери"
    printed = print_page(data).xpath("//section[contains(@class, 'registers')]//p[@class='register-entry']")
    assert "Мери" in [entry.xpath("string(b)") for entry in printed]


def test_a_pointer_without_words_shows_its_address():
    data = tei_document('<p>Vgl. <ref target="L041663"/> und <ptr target="https://example.org/x"/>.</p>')
    paragraph = web_page(data).xpath("string(//h:p[contains(@class, 'tei-p')])", namespaces=XHTML)
    assert " ".join(paragraph.split()).startswith("Vgl. L041663 und https://example.org/x.")
    printed = print_page(data)
    assert " ".join(printed.xpath("string(//article//p[@class='p'])").split()) == "Vgl. L041663 und https://example.org/x."
    assert printed.xpath("//article//a/@href") == ["https://example.org/x"]


def test_each_line_of_an_address_is_a_printed_line():
    data = tei_document("<div><address><addrLine>Herrn</addrLine><addrLine>Wien</addrLine></address></div>")
    assert [line.text for line in print_page(data).xpath("//p[contains(@class, 'addrLine')]")] == ["Herrn", "Wien"]


def test_a_language_tag_with_a_space_makes_no_id_with_a_space():
    page = web_page(tei_document('<head>Title</head><p>One paragraph.</p>', text_attributes=' xml:lang="en  x"'))
    ids = page.xpath("//@id")
    assert "en-x-head-1" in ids and not [value for value in ids if " " in value]


# ---------------------------------------------------------------- critical apparatus

CRITICAL = ('<div n="3"><p><lb n="1"/>ἀρχὴ <app><lem wit="#A">λόγου</lem><rdg wit="#B #C">λόγων</rdg></app>'
            ' καὶ <app><lem wit="#A #B">τέλος</lem><rdg wit="#C"/></app></p></div>')
WITNESSES = ('<profileDesc><listWit><witness xml:id="A"><abbr type="siglum">A</abbr> Parisinus gr. 759</witness>'
             '<witness xml:id="B"><abbr type="siglum">B</abbr> Vaticanus</witness>'
             '<witness xml:id="C" n="C">Codex C</witness></listWit></profileDesc>')


def test_a_critical_apparatus_is_a_block_keyed_by_line_with_sigla_on_the_web():
    page = web_page(tei_document(CRITICAL, WITNESSES))
    assert page.xpath("count(//h:button[@class='app-marker'])", namespaces=XHTML) == 0
    calls = page.xpath("//h:a[@class='app-call']/@href", namespaces=XHTML)
    lines = page.xpath("//h:section[@class='apparatus-section']/h:p[@class='apparatus-line']", namespaces=XHTML)
    assert len(calls) == 2 and len(lines) == 1
    assert " ".join(lines[0].xpath("string()").split()) == "3.1 λόγου] λόγων B C | τέλος] om. C"
    assert [f"#{entry}" for entry in lines[0].xpath(".//h:span[@class='apparatus-entry']/@id",
                                                     namespaces=XHTML)] == calls


def test_the_witnesses_are_listed_by_siglum():
    page = web_page(tei_document(CRITICAL, WITNESSES))
    rows = page.xpath("//h:dl[@class='witness-list']/h:div", namespaces=XHTML)
    assert [(row.xpath("string(h:dt)", namespaces=XHTML), " ".join(row.xpath("string(h:dd)", namespaces=XHTML).split()))
            for row in rows] == [("A", "Parisinus gr. 759"), ("B", "Vaticanus"), ("C", "Codex C")]


def test_print_gives_sigla_not_witness_descriptions():
    page = print_page(tei_document(CRITICAL, WITNESSES))
    entries = [" ".join(span.xpath("string()").split()) for span in page.xpath("//span[@class='apparatus']")]
    assert entries == ["λόγου] λόγων B C", "τέλος] om. C"]
    witnesses = page.xpath("//section[contains(@class, 'witnesses')]//p[@class='register-entry']")
    assert [" ".join(entry.xpath("string()").split()) for entry in witnesses] == [
        "A Parisinus gr. 759", "B Vaticanus", "C Codex C"]


BOUNDARIES = ('<p><app><rdg wit="#B"><witStart/></rdg></app>ἀρχὴ <app><rdg wit="#C"><lacunaStart/></rdg></app>'
              'λόγου <app><lem wit="#A">καὶ</lem><rdg wit="#B"/></app> <app><rdg wit="#C"><lacunaEnd/></rdg></app>'
              'τέλος<app><rdg wit="#B"><witEnd/></rdg></app></p>')
BOUNDARY_ENTRIES = ["—] text begins B", "—] lacuna begins C", "καὶ] om. B", "—] lacuna ends C", "—] text ends B"]


def test_where_a_witness_begins_ends_or_breaks_off_is_no_omission_on_the_web():
    page = web_page(tei_document(BOUNDARIES, WITNESSES))
    entries = page.xpath("//h:span[@class='apparatus-entry']", namespaces=XHTML)
    assert [" ".join(entry.xpath("string()").split()) for entry in entries] == BOUNDARY_ENTRIES


def test_where_a_witness_begins_ends_or_breaks_off_is_no_omission_in_print():
    page = print_page(tei_document(BOUNDARIES, WITNESSES))
    entries = [" ".join(span.xpath("string()").split()) for span in page.xpath("//span[@class='apparatus']")]
    assert entries == [entry.removeprefix("—] ") for entry in BOUNDARY_ENTRIES]


def test_the_pta_apparatus_has_no_buttons_and_every_variant_has_its_entry():
    page = web_page(third_party("pta__pta0001.pta001.pta-grcBibex.xml"))
    assert page.xpath("count(//h:button[@class='app-marker'])", namespaces=XHTML) == 0
    calls = page.xpath("//h:a[@class='app-call']", namespaces=XHTML)
    entries = page.xpath("//h:span[@class='apparatus-entry']", namespaces=XHTML)
    assert len(calls) == len(entries) > 400
    assert page.xpath("string(//h:dl[@class='witness-list']/h:div[1]/h:dt)", namespaces=XHTML) == "Pa"


# ---------------------------------------------------------------- verse, lines, contents

def test_every_fifth_verse_is_numbered_and_a_split_verse_counts_once():
    page = web_page(third_party("rusdracor__pushkin-pir-vo-vremja-chumy.xml"))
    numbers = page.xpath("//h:span[contains(@class, 'verse-number')]/text()", namespaces=XHTML)
    assert numbers[:4] == ["5", "10", "15", "20"] and numbers == [str(n) for n in range(5, 5 * len(numbers) + 1, 5)]
    verse = page.xpath("//h:div[contains(@class, 'tei-l')][h:span[contains(@class, 'verse-number')]]",
                       namespaces=XHTML)[4]
    assert verse.xpath("string(h:span)", namespaces=XHTML) == "25"
    assert " ".join(verse.xpath("string()").split()).endswith("Мы выпьем в честь его.")


def test_every_fifth_line_of_an_inscription_is_numbered_on_the_web_and_in_print():
    data = third_party("isicily__ISic030278.xml")
    web = web_page(data).xpath("//h:span[contains(@class, 'lb-number')]/text()", namespaces=XHTML)
    printed = print_page(data).xpath("//article//span[@class='line-number']/text()")
    assert web[:5] == printed[:5] == ["5", "10", "15", "20", "25"]


def test_verses_print_with_every_fifth_number():
    page = print_page(tei_document("<lg>" + "".join(f"<l>verse {n}</l>" for n in range(1, 12)) + "</lg>"))
    assert page.xpath("//p[@class='l']/span[@class='line-number']/text()") == ["5", "10"]


def test_a_play_has_a_table_of_contents_of_its_acts():
    page = web_page(third_party("rusdracor__turgenev-mesjats-v-derevne.xml"))
    assert page.xpath("//h:nav[@class='toc']/h:details/@open", namespaces=XHTML) == ["open"], "a long text"
    links = page.xpath("//h:nav[@class='toc']//h:a", namespaces=XHTML)
    assert [link.text for link in links] == ["ДЕЙСТВИЕ ПЕРВОЕ", "ДЕЙСТВИЕ ВТОРОЕ", "ДЕЙСТВИЕ ТРЕТЬЕ",
                                             "ДЕЙСТВИЕ ЧЕТВЕРТОЕ", "ДЕЙСТВИЕ ПЯТОЕ"]
    for link in links:
        target = page.xpath(f"//*[@id='{link.get('href')[1:]}']", namespaces=XHTML)
        assert [element.xpath("string()") for element in target] == [link.text]


def test_contents_nest_scenes_under_their_acts():
    acts = "".join(f'<div><head>Act {a}</head>' + "".join(f"<div><head>Scene {a}.{s}</head><p>x</p></div>"
                                                          for s in (1, 2)) + "</div>" for a in (1, 2))
    toc = web_page(tei_document(acts)).xpath("//h:nav[@class='toc']/h:details/h:ol", namespaces=XHTML)[0]
    assert toc.getparent().get("open") is None, "a short text's contents are folded"
    assert toc.xpath("h:li/h:a/text()", namespaces=XHTML) == ["Act 1", "Act 2"]
    assert toc.xpath("h:li[2]/h:ol/h:li/h:a/text()", namespaces=XHTML) == ["Scene 2.1", "Scene 2.2"]


# ---------------------------------------------------------------- words, fillers

def test_a_correction_inside_a_word_keeps_the_word_on_one_line():
    data = tei_document('<p>Frau Gu<subst><del>ß</del><add hand="#h">z</add></subst>man lacht. <subst><del>a'
                        '</del><add>b</add></subst> c</p>')
    web = web_page(data).xpath("//h:span[contains(@class, 'tei-subst')]/@class", namespaces=XHTML)
    assert web == ["tei-subst within-word", "tei-subst"]
    assert len(print_page(data).xpath("//span[@class='within-word']")) == 1


def test_blank_space_is_left_blank_not_drawn_as_a_box():
    data = tei_document('<div><space dim="vertical" unit="line" quantity="1"/><p>a<space unit="character" '
                        'quantity="5"/>b</p></div>')
    spaces = web_page(data).xpath("//h:span[contains(@class, 'tei-space')]", namespaces=XHTML)
    assert [(space.get("class").endswith("vertical"), space.get("style")) for space in spaces] == [
        (True, "height:1.5em"), (False, "width:5ch")]
    assert all(not space.text for space in spaces)
    legend = web_page(data).xpath("string(//h:span[contains(@class, 'legend-sample sign-space')])", namespaces=XHTML)
    assert "□" not in legend
    assert print_page(data).xpath("count(//article//span[contains(@class, 'sign-space')])") == 1


def test_a_view_leaves_out_the_side_of_a_choice_common_names_and_nothing_that_stands_alone():
    data = tei_document('<p><choice><sic>Kim II</sic><corr>Kim Il</corr></choice> <choice><abbr>Cde.</abbr>'
                        '<expan>Comrade</expan></choice> <choice><orig>olde</orig><reg>old</reg></choice> '
                        '<sic>lone sic</sic> <abbr>lone abbr</abbr> <orig>lone orig</orig> <expan>lone expan</expan> '
                        '<choice><corr>lone corr</corr></choice> <reg>lone reg</reg> <del>struck</del></p>')
    page = web_page(data)

    def hidden(text: str) -> set[str]:
        (element,) = page.xpath(f"(//h:p//*[starts-with(@class, 'tei-')][contains(., '{text}')])[last()]",
                                namespaces=XHTML)
        return {name for name in element.get("class").split() if name.endswith("-hidden")}

    assert hidden("Kim II") == {"reading-hidden"} and hidden("Kim Il") == {"diplomatic-hidden"}
    assert hidden("Cde.") == {"reading-hidden"} and hidden("Comrade") == {"diplomatic-hidden"}
    assert hidden("olde") == {"reading-hidden"} and hidden("old") == {"diplomatic-hidden"}
    assert hidden("struck") == {"reading-hidden"}
    for alone in ("lone sic", "lone abbr", "lone orig", "lone expan", "lone corr", "lone reg"):
        assert hidden(alone) == set(), alone


def test_a_gap_shows_its_description_else_its_reason_else_an_ellipsis_in_brackets():
    data = tei_document('<p>a <gap reason="illegible"><desc>two words</desc></gap> b <gap reason="damage"/> c '
                        '<gap/> d</p>')
    gaps = web_page(data).xpath("//h:p/h:span[contains(@class, 'tei-gap')]", namespaces=XHTML)
    assert ["".join(gap.itertext()) for gap in gaps] == ["[two words]", "[damage]", "[…]"]


# ---------------------------------------------------------------- page images

def png(width: int, height: int) -> bytes:
    """A grey PNG with a darker band every 20 rows, like lines of writing."""
    import struct
    import zlib

    rows = b"".join(b"\x00" + (b"\x60" if (y // 10) % 2 else b"\xe0") * 3 * width for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


FACSIMILE = """<facsimile><surface xml:id="s1" ulx="0" uly="0" lrx="400" lry="300">
  <graphic url="img/page-1.png"/>
  <zone xml:id="z1" ulx="20" uly="20" lrx="380" lry="60"/>
  <zone xml:id="z2" points="20,80 380,80 380,120 20,120"/></surface>
  <surface xml:id="s2"><graphic url="https://images.example.org/page-2.jpg" width="400px" height="300px"/></surface>
  <surface xml:id="s3"><graphic url="javascript:alert(1)"/></surface>
  <surface xml:id="s4"><graphic url="../secret.png"/></surface>
</facsimile>"""


def facsimile_site(tmp_path: Path) -> etree._Element:
    from tei.cli import main

    (tmp_path / "in" / "img").mkdir(parents=True)
    (tmp_path / "in" / "img" / "page-1.png").write_bytes(png(400, 300))
    (tmp_path / "secret.png").write_bytes(png(10, 10))
    data = tei_document('<lg><l facs="#z1">Erste Zeile</l><l facs="#z2">Zweite Zeile</l></lg>').replace(
        b"</teiHeader>", b"</teiHeader>" + FACSIMILE.encode())
    (tmp_path / "in" / "leaf.xml").write_bytes(data)
    assert main(["web", str(tmp_path / "in" / "leaf.xml"), "-o", str(tmp_path / "site")]) == 0
    return etree.parse(str(tmp_path / "site" / "leaf.html")).getroot()


def test_page_images_stand_beside_the_text_with_their_zones(tmp_path):
    page = facsimile_site(tmp_path)
    sources = page.xpath("//h:aside[@class='facsimile']//h:img/@src", namespaces=XHTML)
    assert sources == ["facsimile/leaf/img/page-1.png", "https://images.example.org/page-2.jpg"]
    assert (tmp_path / "site" / "facsimile" / "leaf" / "img" / "page-1.png").read_bytes() == png(400, 300)
    assert not list((tmp_path / "site").rglob("secret.png")), "nothing is copied from outside the TEI's folder"
    svg = page.xpath("//svg:svg", namespaces={"svg": "http://www.w3.org/2000/svg"})[0]
    assert svg.get("viewBox") == "0 0 400 300"
    rects = [(rect.get("id"), rect.get("x"), rect.get("y"), rect.get("width"), rect.get("height"))
             for rect in svg.iterchildren()]
    assert rects == [("facs-z1", "20", "20", "360", "40"), ("facs-z2", "20", "80", "360", "40")]


def test_each_passage_names_the_zone_to_light_up(tmp_path):
    page = facsimile_site(tmp_path)
    lines = page.xpath("//h:div[contains(concat(' ', @class, ' '), ' tei-l ')]", namespaces=XHTML)
    assert [line.get("data-facs") for line in lines] == ["facs-z1", "facs-z2"]
    assert "javascript" not in etree.tostring(page, encoding="unicode")


def test_the_print_legend_shows_a_page_break_as_the_document_numbers_it():
    page = print_page(third_party("pta__pta0001.pta001.pta-grcBibex.xml"))
    assert page.xpath("string(//span[@class='sample-sheet'])") == "p. 329v (in the margin)"


def small_tei(title: str, when: str = "") -> str:
    date = f'<date when="{when}">{when}</date>' if when else ""
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
            f"</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>{date}</p></sourceDesc>"
            f"</fileDesc></teiHeader><text><body><p>{title}</p></body></text></TEI>")


def test_a_folder_of_tei_is_indexed_by_date_undated_last_with_one_anchor_per_year(tmp_path):
    from tei.cli import main

    folder = tmp_path / "tei"
    folder.mkdir()
    for name, title, when in [("a", "Undated first by name", ""), ("b", "Later", "1950-01-02"),
                              ("c", "Also undated", ""), ("d", "Earlier", "1900")]:
        (folder / f"{name}.xml").write_text(small_tei(title, when), encoding="utf-8")
    assert main(["web", str(folder), "-o", str(tmp_path / "site"), "-j", "1"]) == 0
    index = etree.parse(str(tmp_path / "site" / "index.html"))
    rows = index.xpath("//h:table[@id='doc-index']/h:tbody/h:tr", namespaces=XHTML)
    assert [row.xpath("string(h:td[3])", namespaces=XHTML) for row in rows] == [
        "Earlier", "Later", "Also undated", "Undated first by name"]
    anchors = index.xpath("//h:tr/@id", namespaces=XHTML)
    assert anchors == ["year-1900", "year-1950", "year-undated"]


def index_numbers(site: Path) -> list[tuple[str, str]]:
    """(number, title) of every row of the site's index, in its order."""
    index = etree.parse(str(site / "index.html"))
    rows = index.xpath("//h:table[@id='doc-index']/h:tbody/h:tr", namespaces=XHTML)
    return [(row.xpath("string(h:td[1])", namespaces=XHTML), row.xpath("string(h:td[3])", namespaces=XHTML))
            for row in rows]


def tei_folder(folder: Path, documents: list[tuple[str, str, str]]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, title, when in documents:
        (folder / f"{name}.xml").write_text(small_tei(title, when), encoding="utf-8")
    return folder


def test_third_party_documents_are_numbered_in_the_edition_order(tmp_path):
    from tei.cli import main

    folder = tei_folder(tmp_path / "tei", [("a", "Undated", ""), ("b", "Later", "1950"), ("c", "Earlier", "1900")])
    assert main(["web", str(folder), "-o", str(tmp_path / "site"), "-j", "1"]) == 0
    assert index_numbers(tmp_path / "site") == [("1", "Earlier"), ("2", "Later"), ("3", "Undated")]


def test_a_third_party_page_shows_the_number_the_index_gives_it_and_links_its_neighbours(tmp_path):
    from tei.cli import main

    folder = tei_folder(tmp_path / "tei", [("a", "Undated", ""), ("b", "Later", "1950"), ("c", "Earlier", "1900")])
    assert main(["web", str(folder), "-o", str(tmp_path / "site"), "-j", "1"]) == 0
    pages = {name: etree.parse(str(tmp_path / "site" / f"{name}.html")) for name in "abc"}

    def shown(name: str, path: str) -> str:
        return pages[name].xpath(f"string({path})", namespaces=XHTML)

    assert [shown(name, "//h:p[@class='doc-number']").split(" · ")[0] for name in "cba"] == [
        "Document 1", "Document 2", "Document 3"]
    assert shown("b", "//h:a[@rel='prev']/@href") == "c.html" and shown("b", "//h:a[@rel='next']/@href") == "a.html"
    assert shown("c", "//h:a[@rel='prev']/@href") == "" and shown("a", "//h:a[@rel='next']/@href") == ""


def test_tei_pdf_numbers_third_party_documents_as_tei_web_does_and_its_volume_follows_them(tmp_path):
    from tei.cli import main
    from tests.hostile_checks import pdf_text

    folder = tei_folder(tmp_path / "tei", [("a", "Undated", ""), ("b", "Later", "1950"), ("c", "Earlier", "1900")])
    assert main(["pdf", str(folder), "-o", str(tmp_path / "pdf"), "-j", "1"]) == 0
    assert [" ".join(pdf_text(tmp_path / "pdf" / f"{name}.pdf").split()[:3]) for name in "cba"] == [
        "Document 1 Earlier", "Document 2 Later", "Document 3 Undated"]
    volume = pdf_text(tmp_path / "pdf" / "edition.pdf")
    assert volume.index("1. Earlier") < volume.index("2. Later") < volume.index("3. Undated")


def test_a_document_keeps_the_number_its_tei_carries_and_the_others_go_around_it(tmp_path):
    from tei.cli import main

    folder = tei_folder(tmp_path / "tei", [("a", "First", "1900"), ("c", "Last", "1990")])
    numbered = small_tei("Middle", "1950").replace(
        "</titleStmt>", '</titleStmt><publicationStmt><p>x</p></publicationStmt>'
        '<seriesStmt><title>E</title><biblScope unit="document" n="7"/></seriesStmt>', 1).replace(
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc>", "<sourceDesc>", 1)
    (folder / "b.xml").write_text(numbered, encoding="utf-8")
    assert main(["web", str(folder), "-o", str(tmp_path / "site"), "-j", "1"]) == 0
    assert index_numbers(tmp_path / "site") == [("0a", "First"), ("7", "Middle"), ("8", "Last")]


def test_numbers_kept_in_a_file_never_change_when_an_earlier_document_comes(tmp_path):
    from tei.cli import main

    folder = tei_folder(tmp_path / "tei", [("b", "Later", "1950"), ("c", "Latest", "1990")])
    numbers = tmp_path / "document-numbers.toml"
    web = ["web", str(folder), "-o", str(tmp_path / "site"), "-j", "1", "--numbers", str(numbers)]
    assert main(web) == 0
    assert index_numbers(tmp_path / "site") == [("1", "Later"), ("2", "Latest")]
    tei_folder(folder, [("a", "Earliest", "1900")])
    assert main(web) == 0
    assert index_numbers(tmp_path / "site") == [("0a", "Earliest"), ("1", "Later"), ("2", "Latest")]
    assert '"a" = "0a"' in numbers.read_text(encoding="utf-8")


def test_a_numbers_file_that_cannot_be_read_is_one_line_and_exit_status_2(tmp_path, capsys):
    from tei.cli import main

    folder = tei_folder(tmp_path / "tei", [("a", "One", "1900")])
    numbers = tmp_path / "numbers.toml"
    numbers.write_text("[numbers]\na = 3\n", encoding="utf-8")
    assert main(["web", str(folder), "-o", str(tmp_path / "site"), "--numbers", str(numbers)]) == 2
    error = capsys.readouterr().err
    assert error == (f"tei web: {numbers}: error: [numbers] must map document names to numbers as strings\n")
    assert not (tmp_path / "site" / "index.html").exists()
