"""The layout TEI asks for (@rend, @style, @rendition), on the web and on paper, and the words of
third-party TEI that must neither run together nor vanish (page, print, plain text, search): a word
split by a break (break="no"), a highlighted phrase's styles (hi @rend), a heading whose title the
editors delete, and ids given once.

xslt/common/layout.xsl decides; a letterhead of the Schnitzler letters is the case in point:
"Dr. Arthur Schnitzler" at the left, the date at the right, the address below, the salutation centred.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from tei.render.html import _default_renderer
from tei.render.pdf import PdfOptions, TeiSource, render_document
from tei.xmlsafe import parse_xml
from tests.test_any_tei import THIRD_PARTY, XHTML, print_page, tei_document, web_page

LETTERHEAD = ('<div><opener><seg><seg rend="left">Dr. Arthur Schnitzler</seg>'
              '<seg rend="right"><date>18. 3. 1913</date>.</seg></seg>'
              '<seg><hi rend="pre-print">Wien XVIII.</hi></seg>'
              '<salute rend="center">Lieber Herr Dr. Zweig.</salute></opener><p>Seien Sie bedankt.</p></div>')


def classes(element) -> list[str]:
    return (element.get("class") or "").split()


def web_classes(page, text: str) -> list[str]:
    """The classes of the innermost element of a web page whose text is `text`."""
    found = page.xpath("//h:main//*[normalize-space() = $text][not(*[normalize-space() = $text])]",
                       namespaces=XHTML, text=text)
    return classes(found[0])


def plain_text(data: bytes) -> str:
    """The web edition's plain-text download of a document, which is also what the search indexes."""
    return " ".join(_default_renderer().render(parse_xml(data), "d").record["text"].split())


def test_a_letterheads_parts_set_left_and_right_share_a_line_on_the_web():
    page = web_page(tei_document(LETTERHEAD))
    assert {"layout-left", "in-row"} <= set(web_classes(page, "Dr. Arthur Schnitzler"))
    assert {"layout-right", "in-row"} <= set(web_classes(page, "18. 3. 1913."))
    assert "layout-center" in web_classes(page, "Lieber Herr Dr. Zweig.")
    # Each line of the opener is a block of its own, never run into the next.
    lines = page.xpath("//h:div[contains(@class, 'tei-opener')]/*", namespaces=XHTML)
    assert [line.tag.split("}")[1] for line in lines] == ["div", "div", "div"]


def test_a_letterheads_lines_print_as_lines_with_their_parts_set_apart():
    page = print_page(tei_document(LETTERHEAD))
    lines = page.xpath("//div[@class='opener']/p")
    assert ["".join(line.itertext()) for line in lines] == [
        "Dr. Arthur Schnitzler18. 3. 1913.", "Wien XVIII.", "Lieber Herr Dr. Zweig."]
    assert [classes(part) for part in lines[0]] == [["tei-seg", "layout-left", "in-row"],
                                                   ["tei-seg", "layout-right", "in-row"]]
    assert "layout-center" in classes(lines[2])


def test_the_lines_of_a_closer_that_keeps_its_words_as_text_print_as_lines():
    page = print_page(tei_document('<div><p>Text.</p><closer>Mit vielen Grüssen, auch von meiner Frau<lb/>'
                                   'Ihr aufrichtig ergebener<lb/><signed>Arthur Schnitzler</signed></closer></div>'))
    (closer,) = page.xpath("//div[@class='closer']")
    assert closer.xpath("br[1]/preceding-sibling::node()[1]")[0].strip().endswith("meiner Frau")
    assert closer.xpath("br[1]/following-sibling::node()[1]")[0].strip() == "Ihr aufrichtig ergebener"


@pytest.mark.slow
def test_the_printed_letterhead_has_its_name_at_the_left_its_date_at_the_right_and_the_salutation_centred():
    data = tei_document(LETTERHEAD)
    pdf = pdfplumber.open(io.BytesIO(render_document(TeiSource(Path("d.xml"), data, parse_xml(data)), PdfOptions())))
    words = {word["text"]: word for word in pdf.pages[0].extract_words()}
    name, date, wien = words["Schnitzler"], words["1913."], words["Wien"]
    body = words["Seien"]
    assert abs(name["top"] - date["top"]) < 1, "the name and the date share a line"
    assert date["x1"] - name["x1"] > 150, "the date stands at the right, apart from the name"
    assert wien["top"] > name["top"] + 5 and abs(wien["x0"] - body["x0"]) < 1
    salute_middle = (words["Lieber"]["x0"] + words["Zweig."]["x1"]) / 2
    text_middle = (body["x0"] + date["x1"]) / 2
    assert abs(salute_middle - text_middle) < 3, "the salutation is centred"


@pytest.mark.parametrize("attributes, header", [
    ('rend="right"', ""), ('rend="Right"', ""), ('rend="align(right)"', ""), ('rend="pre-print flushright"', ""),
    ('style="font-style: italic; text-align : right"', ""),
    ('rendition="#r"', '<encodingDesc><tagsDecl><rendition xml:id="r" scheme="css">text-align: right;</rendition>'
                       "</tagsDecl></encodingDesc>"),
])
def test_the_forms_of_a_right_alignment_are_recognised(attributes, header):
    data = tei_document(f"<div><closer><dateline {attributes}>Wien</dateline></closer></div>")
    data = data.replace(b"</fileDesc>", f"</fileDesc>{header}".encode())
    assert "layout-right" in web_classes(web_page(data), "Wien")
    assert "layout-right" in classes(print_page(data).xpath("//p[contains(@class, 'dateline')]")[0])


@pytest.mark.parametrize("rend", ["pre-print", "h2", "wobbly(3)", "", "right-ish", "&quot;x&quot; y"])
def test_an_unknown_rend_changes_nothing(rend):
    data = tei_document(f'<div><opener><salute rend="{rend}">Lieber</salute></opener>'
                        f'<p>a <seg rend="{rend}">b</seg> c</p></div>')
    page = web_page(data)
    assert not [name for name in web_classes(page, "Lieber") + web_classes(page, "b") if "layout" in name]
    assert page.xpath("string(//h:p[contains(@class, 'tei-p')])", namespaces=XHTML).split() == ["a", "b", "c", "¶"]


def test_a_seg_set_apart_in_a_paragraph_is_a_line_of_its_own_and_one_kept_inline_stays_in_the_line():
    data = tei_document('<div><opener><seg rend="inline">Wien,</seg> <seg>3. 3.</seg></opener>'
                        '<p>Text <seg rend="block">Zeile</seg> weiter.</p></div>')
    page = web_page(data)
    assert page.xpath("//h:span[contains(@class, 'tei-seg')][. = 'Wien,']", namespaces=XHTML)
    assert page.xpath("//h:div[contains(@class, 'tei-seg')][. = '3. 3.']", namespaces=XHTML)
    assert page.xpath("//h:p//h:span[contains(@class, 'block')][. = 'Zeile']", namespaces=XHTML)
    assert print_page(data).xpath("//div[contains(@class, 'block')][. = 'Zeile']")


def test_no_word_of_a_letterhead_an_address_or_a_closer_vanishes_from_the_plain_text_or_runs_into_the_next():
    data = tei_document(LETTERHEAD.replace("<p>", '<address><addrLine>Herrn</addrLine><addrLine>Dr. A.</addrLine>'
                                                  "</address><p>")
                        + "<closer>Mit Grüssen<lb/>Ihr<lb/><signed>Arthur</signed></closer>")
    assert plain_text(data).endswith(
        "Dr. Arthur Schnitzler 18. 3. 1913. Wien XVIII. Lieber Herr Dr. Zweig. Herrn Dr. A. Seien Sie bedankt."
        " Mit Grüssen Ihr Arthur")


def test_a_plays_title_cast_speakers_and_stage_directions_are_in_the_plain_text():
    data = tei_document('<div><sp><speaker>Шааф</speaker><stage>(Флегматически).</stage><p>Фоземь.</p></sp></div>',
                        text_attributes="").replace(
        b"<body>", "<front><docTitle><titlePart>Месяц в деревне</titlePart><titlePart>Комедия</titlePart>"
                   "</docTitle><castList><castItem>Шааф, немец</castItem></castList></front><body>".encode())
    assert plain_text(data).endswith("Месяц в деревне Комедия Шааф, немец Шааф (Флегматически). Фоземь.")
    printed = print_page(data)
    assert [part.text for part in printed.xpath("//div[contains(@class, 'tei-titlePart')]")] == [
        "Месяц в деревне", "Комедия"]
    assert "block" in classes(printed.xpath("//div[contains(@class, 'tei-titlePart')]")[0])


def test_a_critical_texts_lemmas_are_in_the_plain_text_and_its_readings_are_not():
    data = tei_document('<div><p>ἀρχὴ <app><lem wit="#A">λόγου</lem><rdg wit="#B">λόγων</rdg></app> καὶ</p></div>')
    assert plain_text(data).endswith("ἀρχὴ λόγου καὶ")


THIRD_PARTY_WORDS = {
    "schnitzler__L03785.xml": ["Dr. Arthur Schnitzler 18. 3. 1913. Wien XVIII.", "Mit vielen Grüssen"],
    "rusdracor__pushkin-pir-vo-vremja-chumy.xml": ["Улица. Накрытый стол.", "Молодой человек Почтенный председатель!"],
    "pta__pta0001.pta030.pta-grc1.xml": ["εὐηγγελίζοντο", "ἐν ἀμηχανίᾳ", "διαυγὲς"],
}


@pytest.mark.parametrize("name", THIRD_PARTY_WORDS)
def test_a_third_party_texts_lines_speakers_and_lemmas_are_in_its_plain_text(name):
    path = THIRD_PARTY / name
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/third-party-tei)")
    text = plain_text(path.read_bytes())
    assert [words for words in THIRD_PARTY_WORDS[name] if words not in text] == []


# ---------------------------------------------------------------- a word split by a break (break="no")

SPLIT_WORDS = ('<div><p>τοῦ Ἀπόλλ\n      <lb n="3" break="no"/>ωνος καὶ συμ<pb n="2" break="no"/>φορά'
               '<cb break="no"/>ς ἢ\n      <lb n="4"/>καὶ</p></div>')


def test_a_break_inside_a_word_joins_its_parts_in_the_plain_text_and_search():
    assert plain_text(tei_document(SPLIT_WORDS)).endswith("τοῦ Ἀπόλλωνος καὶ συμφοράς ἢ καὶ")


def test_a_break_inside_a_word_leaves_no_gap_in_it_on_the_web_or_in_print():
    data = tei_document(SPLIT_WORDS)
    paragraph = web_page(data).xpath("//h:p[contains(@class, 'tei-p')]", namespaces=XHTML)[0]
    assert "".join(paragraph.itertext()).split()[:4] == ["τοῦ", "Ἀπόλλωνος", "καὶ", "συμ[2]φοράς"]
    sheet = paragraph.xpath("h:span[contains(@class, 'sheet-break')]", namespaces=XHTML)[0]
    assert "in-word" in classes(sheet)
    printed = print_page(data).xpath("//p[contains(., 'Ἀπόλλ')]")[0]
    words = "".join(printed.xpath(".//text()[not(ancestor::span[@class = 'sheet'])]")).split()
    assert words[:4] == ["τοῦ", "Ἀπόλλωνος", "καὶ", "συμφοράς"], "the sheet's number stands in the margin"


@pytest.mark.parametrize("name, words", [("isicily__ISic030278.xml", ["συμφορώτατα", "ἕνεκα"]),
                                          ("pta__pta0001.pta030.pta-grc1.xml", ["σύστημα", "ἡμεῖς"]),
                                          ("pta__pta0001.pta001.pta-grcBibex.xml", ["πληροῦται", "πάντων"])])
def test_the_words_third_party_texts_split_over_lines_and_pages_are_whole_in_their_plain_text(name, words):
    path = THIRD_PARTY / name
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/third-party-tei)")
    assert [word for word in words if word not in plain_text(path.read_bytes())] == []


# ---------------------------------------------------------------- highlighted phrases (hi @rend)

HIGHLIGHTS = ('<div><p>Hier D<hi rend="superscript">r</hi> Paumgartner, Cat<hi rend="Subscript">1</hi>,'
              ' <hi rend="capitals">Harta</hi>, <hi rend="italic bold">ganz</hi> <hi rend="pre-print">so</hi>'
              ' <hi style="vertical-align: super">a</hi></p></div>')
STYLED = {"r": ["superscript"], "1": ["subscript"], "Harta": ["capitals"], "ganz": ["italic", "bold"],
          "so": [], "a": ["superscript"]}


def styles(element) -> list[str]:
    return [name.removeprefix("style-") for name in classes(element) if name.startswith("style-")]


def test_a_highlighted_phrase_has_the_styles_its_rend_or_style_names_on_the_web():
    page = web_page(tei_document(HIGHLIGHTS))
    his = page.xpath("//h:span[contains(@class, 'tei-hi')]", namespaces=XHTML)
    assert {hi.text: styles(hi) for hi in his} == STYLED
    assert "rend-pre-print" in classes(his[4]), "the project's own word stays a class"


def test_a_highlighted_phrase_prints_in_its_styles_and_the_words_around_it_keep_their_spaces():
    page = print_page(tei_document(HIGHLIGHTS))
    his = page.xpath("//span[contains(@class, 'tei-hi')]")
    assert {hi.text: styles(hi) for hi in his} == STYLED
    paragraph = page.xpath("//p[contains(., 'Paumgartner')]")[0]
    assert "".join(paragraph.itertext()).startswith("Hier Dr Paumgartner, Cat1, Harta, ganz so a")


def test_the_space_between_two_highlighted_phrases_stays_on_the_web_in_print_and_in_the_plain_text():
    data = tei_document('<div><p><hi rend="italic">Mit</hi> <hi rend="bold">Gruß</hi></p></div>')
    assert web_page(data).xpath("string(//h:p[contains(@class, 'tei-p')])", namespaces=XHTML).split()[:2] == [
        "Mit", "Gruß"]
    assert "".join(print_page(data).xpath("//p[contains(., 'Mit')]")[0].itertext()).split() == ["Mit", "Gruß"]
    assert plain_text(data).endswith("Mit Gruß")


@pytest.mark.slow
def test_a_printed_superscript_is_small_and_raised():
    data = tei_document(HIGHLIGHTS)
    pdf = pdfplumber.open(io.BytesIO(render_document(TeiSource(Path("d.xml"), data, parse_xml(data)), PdfOptions())))
    characters = pdf.pages[0].chars
    letter_d, raised_r = next(characters[at:at + 2] for at in range(len(characters) - 3)
                              if "".join(c["text"] for c in characters[at:at + 4]) == "Dr P")
    assert raised_r["size"] < letter_d["size"] * 0.8
    assert raised_r["bottom"] < letter_d["bottom"] - 1
    assert "HARTA" in pdf.pages[0].extract_text()


# ---------------------------------------------------------------- a title the editors delete

DELETED_TITLE = ('<div><head><title><app><rdg wit="#A"><witStart/></rdg></app><pb n="1r"/>'
                 '<app><lem type="deletion"/><rdg wit="#A #B">Τοῦ <app><lem wit="#A">αὐτοῦ</lem>'
                 '<rdg wit="#B">ἄλλου</rdg></app> ὁμιλία</rdg><rdg wit="#C">Λόγος</rdg></app></title></head>'
                 '<p>ἀρχὴ <app><lem wit="#A"/><rdg wit="#B">καὶ</rdg></app> τέλος</p></div>')


def test_a_heading_whose_title_the_editors_delete_shows_the_witnesses_title_in_brackets_and_its_call():
    page = web_page(tei_document(DELETED_TITLE))
    heading = page.xpath("//h:main//*[contains(@class, 'tei-head')]", namespaces=XHTML)[0]
    assert "[Τοῦ αὐτοῦ ὁμιλία]" in "".join(heading.itertext())
    assert len(heading.xpath(".//h:a[@class = 'app-call']", namespaces=XHTML)) == 2
    paragraph = page.xpath("//h:p[contains(@class, 'tei-p')]", namespaces=XHTML)[0]
    assert "καὶ" not in "".join(paragraph.itertext()), "an omission the editors follow stays out of the text"


def test_a_printed_heading_whose_title_the_editors_delete_shows_the_witnesses_title_in_brackets():
    page = print_page(tei_document(DELETED_TITLE))
    shown = page.xpath("//*[text()[contains(., '[Τοῦ αὐτοῦ ὁμιλία]')]]")
    assert shown and shown[0].xpath("ancestor-or-self::*[self::h2 or self::h3 or self::h4]")
    assert not page.xpath("//p[contains(., 'ἀρχὴ')]/text()[contains(., 'καὶ')]")


# ---------------------------------------------------------------- ids

NESTED_LISTS = ('<div><p>Siehe <ref target="#edd">die Ausgaben</ref>.</p></div>'
                '<div><listBibl><head>Quellen</head><bibl>Handschrift</bibl>'
                '<listBibl xml:id="edd"><head>Ausgaben</head><bibl>Migne</bibl></listBibl>'
                '<listBibl><bibl>Savile</bibl></listBibl></listBibl></div>')


def duplicate_ids(page) -> list[str]:
    ids = page.xpath("//@id")
    return sorted({name for name in ids if ids.count(name) > 1})


def test_a_list_inside_a_list_gives_its_id_once_on_the_web():
    page = web_page(tei_document(NESTED_LISTS))
    assert duplicate_ids(page) == []
    assert page.xpath("//*[@id = 'edd']/@class", namespaces=XHTML)[0].split()[-1] == "register"


@pytest.mark.parametrize("name", sorted(path.name for path in THIRD_PARTY.glob("*.xml")) or ["absent"])
def test_every_id_of_a_third_party_page_is_unique(name):
    path = THIRD_PARTY / name
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/third-party-tei)")
    assert duplicate_ids(web_page(path.read_bytes())) == []
