"""The web edition: pages, index, search index and downloads, checked without a browser."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from tei.cli import main
from tei.render.html import INDEX_PAGES, WebRenderer, build_site
from tei.render.search import numbered_by_reading_order
from tei.xmlsafe import parse_xml

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "tests" / "data" / "features.xml"
THIRD_PARTY = ROOT.parent / "shared" / "third-party-tei"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="session")
def renderer() -> WebRenderer:
    """The stylesheets, compiled once for the whole session."""
    return WebRenderer()


@pytest.fixture(scope="session")
def tei_dir(tmp_path_factory, seed_tei) -> Path:
    """The encoder's TEI of every seed, plus the hand-written reference document."""
    folder = tmp_path_factory.mktemp("tei")
    for stem, data in seed_tei.items():
        (folder / f"{stem}.xml").write_bytes(data)
    (folder / "features.xml").write_bytes(FEATURES.read_bytes())
    return folder


@pytest.fixture(scope="session")
def site(tmp_path_factory, tei_dir, renderer) -> Path:
    out = tmp_path_factory.mktemp("build") / "web"
    report = build_site([tei_dir], out, renderer=renderer)
    assert report.errors == []
    return out


@pytest.fixture(scope="session")
def third_party_site(tmp_path_factory, renderer) -> Path:
    if not THIRD_PARTY.is_dir():
        pytest.skip(f"no third-party TEI files at {THIRD_PARTY}")
    out = tmp_path_factory.mktemp("third-party") / "web"
    report = build_site([THIRD_PARTY], out, renderer=renderer)
    assert report.errors == []
    return out


def page(site: Path, stem: str) -> etree._Element:
    return etree.parse(str(site / f"{stem}.html")).getroot()


def html_text(root: etree._Element) -> str:
    body = root.find("h:body", XHTML)
    return "".join(body.itertext())


def tei_body_texts(path: Path) -> list[str]:
    """Every text node of the TEI text (notes included), whitespace normalised."""
    text = parse_xml(path).getroot().find(f"{{{TEI_NS}}}text")
    nodes = (" ".join(node.split()) for node in text.itertext())
    return [node for node in nodes if node]


def visible_chars(text: str) -> Counter:
    return Counter(char for char in text if not char.isspace())


def assert_text_covered(tei_path: Path, html_path: Path) -> None:
    """Every text node of the TEI is in the page: as text, or as the address of a link (a
    register's identifiers are links named by their kind, "gnd")."""
    root = etree.parse(str(html_path)).getroot()
    links = " ".join(root.xpath("//h:body//h:a/@href", namespaces=XHTML))
    rendered = " ".join(f"{html_text(root)} {links}".split())
    missing = [node for node in tei_body_texts(tei_path) if node not in rendered]
    assert missing == [], f"{html_path.name}: TEI text missing from the page: {missing[:5]}"
    wanted = visible_chars("".join(tei_body_texts(tei_path)))
    short = wanted - visible_chars(rendered)
    assert not short, f"{html_path.name}: characters fewer times in the page: {dict(short)}"


# --- the command -------------------------------------------------------------------------

def test_tei_web_writes_pages_index_search_and_downloads(tmp_path, capsys):
    out = tmp_path / "web"
    assert main(["web", str(FEATURES), "-o", str(out)]) == 0
    for name in ("features.html", "index.html", "pagefind/shards.json", "tei/features.xml",
                 "text/features.txt", "assets/edition.css", "assets/edition.js",
                 "assets/fonts/NotoSerif-Regular-latin.woff2"):
        assert (out / name).is_file(), name
    assert (out / "tei" / "features.xml").read_bytes() == FEATURES.read_bytes()
    assert "wrote 1 document pages" in capsys.readouterr().out


def test_tei_web_reports_ill_formed_tei_with_its_position_and_builds_the_rest(tmp_path, capsys):
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <text>\n</TEI>\n')
    assert main(["web", str(bad), str(FEATURES), "-o", str(tmp_path / "web")]) == 1
    assert re.search(r"bad\.xml:3:\d+: error", capsys.readouterr().err)
    assert (tmp_path / "web" / "features.html").is_file()


def test_tei_web_refuses_a_missing_input(tmp_path, capsys):
    assert main(["web", str(tmp_path / "nothing.xml"), "-o", str(tmp_path / "web")]) == 2
    assert "nothing.xml: error: no such file" in capsys.readouterr().err


def test_two_inputs_of_one_name_each_keep_their_own_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "features.xml").write_bytes(FEATURES.read_bytes())
    report = build_site([FEATURES, tmp_path / "a" / "features.xml"], tmp_path / "web")
    pages = sorted(p.name for p in (tmp_path / "web").glob("features-*.html"))
    assert (report.errors, len(pages), len(set(pages))) == ([], 2, 2)


def test_a_page_does_not_depend_on_the_documents_rendered_before_it(tei_dir):
    fresh, used = WebRenderer(), WebRenderer()
    trees = {path.stem: parse_xml(path) for path in sorted(tei_dir.glob("*.xml"))}
    for stem, tree in trees.items():
        used.render(tree, stem)
    for stem, tree in trees.items():
        assert fresh.render(tree, stem).page == used.render(tree, stem).page, stem


def test_the_same_tei_gives_the_same_bytes(tmp_path, tei_dir, renderer):
    first, second = tmp_path / "one", tmp_path / "two"
    build_site([tei_dir], first, renderer=renderer)
    build_site([tei_dir], second, renderer=WebRenderer())
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert len(files) == len([p for p in second.rglob("*") if p.is_file()])
    for name in files:
        if not numbered_by_reading_order(name):
            assert (first / name).read_bytes() == (second / name).read_bytes(), name


# --- pages are sound ---------------------------------------------------------------------

def test_every_page_is_well_formed_xhtml(site):
    for path in sorted(site.glob("*.html")):
        root = etree.parse(str(path)).getroot()
        assert root.tag == "{http://www.w3.org/1999/xhtml}html", path.name
        assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_every_character_of_every_tei_body_appears_in_its_page(site, tei_dir):
    for tei_path in sorted(tei_dir.glob("*.xml")):
        assert_text_covered(tei_path, site / f"{tei_path.stem}.html")


def test_every_internal_link_and_anchor_resolves(site):
    for path in sorted(site.glob("*.html")):
        assert_links_resolve(site, path)


def test_ids_are_unique_and_every_id_reference_names_one(site):
    for path in sorted(site.glob("*.html")):
        root = etree.parse(str(path)).getroot()
        ids = root.xpath("//@id")
        assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"
        refs = root.xpath("//@popovertarget | //@for | //@aria-labelledby | //@data-copy")
        assert {ref for value in refs for ref in value.split()} <= set(ids), path.name


def unicode_range(text: str) -> set[int]:
    """The code points of a CSS unicode-range ("U+0000-00A0, U+00A7")."""
    points = set()
    for part in text.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points |= set(range(int(first, 16), int(last or first, 16) + 1))
    return points


def test_each_font_file_holds_only_the_characters_its_unicode_range_sends_to_it():
    """A face's files (edition.css) share no character, and each file has the characters its range
    names, and no others: an English page fetches the `latin` files only (test_search_browser)."""
    from fontTools.ttLib import TTFont

    assets = ROOT / "xslt" / "html" / "assets"
    faces: dict[tuple[str, str], set[int]] = {}
    rules = re.findall(r"@font-face \{[^}]*?font-style: (\w+); font-weight: (\d+);[^}]*?url\(\"([^\"]+)\"\)"
                       r"[^}]*?unicode-range: ([^;]+);", (assets / "edition.css").read_text(encoding="utf-8"))
    assert len(rules) == 12
    for style, weight, url, text in rules:
        points = unicode_range(text)
        assert not points & faces.get((style, weight), set()), url
        faces[(style, weight)] = faces.get((style, weight), set()) | points
        held = set(TTFont(assets / url).getBestCmap())
        assert held and held <= points, url
        if url.endswith("-latin.woff2"):
            assert set(range(0x20, 0x7F)) <= held, url


def test_pages_make_no_external_requests(site):
    css = (site / "assets" / "edition.css").read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    assert "@import" not in css
    for path in sorted(site.glob("*.html")):
        root = etree.parse(str(path)).getroot()
        loaded = root.xpath("//h:script/@src | //h:link/@href | //h:img/@src", namespaces=XHTML)
        assert all(not re.match(r"(https?:)?//", url) for url in loaded), path.name


def assert_links_resolve(site: Path, path: Path) -> None:
    ids_of: dict[Path, set[str]] = {}
    root = etree.parse(str(path)).getroot()
    for href in root.xpath("//h:a/@href | //h:link/@href | //h:script/@src", namespaces=XHTML):
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            continue
        target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
        assert target.is_file(), f"{path.name}: broken link {href}"
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html":
            if target not in ids_of:
                ids_of[target] = set(etree.parse(str(target)).getroot().xpath("//@id"))
            assert fragment in ids_of[target], f"{path.name}: no anchor for {href}"


# --- what a document page shows ------------------------------------------------------------

def test_metadata_panel_shows_date_people_archive_translator_source_licence(site):
    panel = page(site, "features").xpath("//h:details[@class='metadata']", namespaces=XHTML)[0]
    text = " ".join("".join(panel.itertext()).split())
    for expected in ("September 23, 1956", "A. Mikoyan", "CPSU Central Committee",
                     "GARF, Fond 5446, Opis 98c, Delo 718, Listy 3-6", "Gary Goldberg",
                     "https://wilson-center.drivingcreative.com/document/999999",
                     "The source does not state a licence.", "Russian, English"):
        assert expected in text


def test_how_to_cite_has_the_citation_and_a_copy_button(site):
    root = page(site, "features")
    citation = root.xpath("//*[@id='citation']")[0]
    assert citation.text.startswith("A. Mikoyan to CPSU Central Committee, “Telegram from A. Mikoyan")
    assert "Archival source: GARF, Fond 5446, Opis 98c, Delo 718, Listy 3-6; translated by" in citation.text
    assert root.xpath("//h:button[@data-copy='citation']", namespaces=XHTML)


def test_a_fragment_without_translator_is_cited_without_one(site):
    fragments = [path for path in site.glob("0*.html")
                 if "Untitled fragment" in path.read_text(encoding="utf-8")]
    assert fragments, "the seeds hold a headerless fragment"
    for path in fragments:
        citation = etree.parse(str(path)).getroot().xpath("//*[@id='citation']")[0].text
        assert "translated by" not in citation and not citation.endswith(", .")
        assert "Archival source: not stated in the transcription." in citation


def test_citation_carries_the_published_address_when_given(tmp_path):
    from tei.render.html import WebOptions

    build_site([FEATURES], tmp_path, WebOptions(base_url="https://example.org/ed/"))
    root = page(tmp_path, "features")
    citation = root.xpath("//*[@id='citation']")[0].text
    assert "September 23, 1956. https://example.org/ed/features.html. Archival source:" in citation
    assert root.xpath("string(//h:meta[@name='citation_public_url']/@content)", namespaces=XHTML) \
        == "https://example.org/ed/features.html"


def test_every_page_carries_highwire_and_dublin_core_metadata(site):
    for path in sorted(site.glob("*.html")):
        if path.name == "index.html" or path.name in INDEX_PAGES:
            continue
        root = etree.parse(str(path)).getroot()
        meta = {m.get("name"): m.get("content") for m in root.xpath("//h:head/h:meta[@name]", namespaces=XHTML)}
        title = root.xpath("string(//h:h1)", namespaces=XHTML)
        assert meta["citation_title"] == title == meta["DC.title"], path.name
        assert meta["DC.type"] == "Text"
    features = {m.get("name"): m.get("content") for m in page(site, "features").xpath(
        "//h:head/h:meta[@name]", namespaces=XHTML)}
    assert (features["citation_author"], features["citation_date"]) == ("A. Mikoyan", "1956/09/23")
    assert features["DC.source"] == "GARF, Fond 5446, Opis 98c, Delo 718, Listy 3-6"


def test_each_page_offers_its_citation_as_bibtex_ris_and_csl_json(site):
    for path in sorted(site.glob("*.html")):
        if path.name == "index.html" or path.name in INDEX_PAGES:
            continue
        stem = path.stem
        links = etree.parse(str(path)).getroot().xpath("//h:p[@class='cite-downloads']/h:a/@href", namespaces=XHTML)
        assert links == [f"cite/{stem}.bib", f"cite/{stem}.ris", f"cite/{stem}.json"]
        title = etree.parse(str(path)).getroot().xpath("string(//h:h1)", namespaces=XHTML)
        bibtex = (site / "cite" / f"{stem}.bib").read_text(encoding="utf-8")
        assert bibtex.startswith("@misc{") and "  title = {" in bibtex and bibtex.endswith("}\n")
        ris = (site / "cite" / f"{stem}.ris").read_bytes().decode("utf-8")
        assert ris.startswith("TY  - MANSCPT\r\n") and f"TI  - {title}\r\n" in ris and ris.endswith("ER  - \r\n")
        csl = json.loads((site / "cite" / f"{stem}.json").read_text(encoding="utf-8"))
        assert csl[0]["type"] == "manuscript" and csl[0]["title"] == title
    for name in ("edition.bib", "edition.ris", "edition.json"):
        assert (site / name).is_file()


def test_view_switch_and_texts_switch_are_radio_buttons_with_reading_and_both_checked(site):
    root = page(site, "features")
    checked = root.xpath("//h:input[@type='radio'][@checked]/@id", namespaces=XHTML)
    assert checked == ["view-reading", "texts-both"]
    assert root.xpath("//h:input[@id='view-diplomatic']", namespaces=XHTML)


def test_deletions_additions_supplied_expansions_sic_carry_classes_for_both_views(site):
    root = page(site, "features")
    def classes(xpath):
        return [node.get("class") for node in root.xpath(xpath, namespaces=XHTML)]
    assert "tei-del type-ocr sign-ocr-deletion reading-hidden" in classes("//h:del")
    assert "tei-add sign-addition" in classes("//h:ins")
    assert classes("//h:abbr[.='Central']/h:span") == ["tei-ex diplomatic-hidden"]
    assert "tei-supplied sign-identification" in classes("//h:span[.='[Mao Zedong]']")
    assert classes("//h:span[.='August [SIC]']") == ["tei-sic sign-sic"]


# One row per encoded feature of features.xml: the HTML it becomes (XPath) and its text.
FEATURE_HTML = [
    ("seg type=classification", "//h:div[@class='tei-seg type-classification block']", "Top Secret"),
    ("salute", "//h:div[@class='tei-salute block']", "[to] Moscow [to the] CPSU CC"),
    ("dateline in opener", "//h:div[@id='ru-dateline-1']", "16. IX. 56 г."),
    ("head", "//h:h4[@class='tei-head']", "Телеграммы т. Микояна А.И. из Пекина"),
    ("supplied omitted", "//h:span[@class='tei-supplied sign-supplied']", "[to]"),
    ("add", "//h:ins[@class='tei-add sign-addition']", "at the initiative of Cde. Kim Il Sung"),
    ("lb", "//h:p[@id='p-en-1']/h:br[@class='tei-lb']", ""),
    ("del strikethrough", "//h:del[@class='tei-del sign-deletion reading-hidden']"
     "[not(ancestor::h:span[contains(@class, 'tei-app')])]", "old words"),
    ("gap with desc", "//h:span[@class='tei-gap sign-gap']", "[illegible]"),
    ("stamp", "//h:span[@class='tei-stamp sign-stamp']", "Received"),
    ("foreign", "//h:i[@class='tei-foreign sign-foreign'][@lang='ru-Latn']", "vystupili"),
    ("seg unclassified", "//h:span[@class='tei-seg type-unclassified sign-unclassified']",
     "Marginal mark: X"),
    ("seg unbalanced", "//h:span[@class='tei-seg type-unbalanced sign-unbalanced']", "["),
    ("list item n", "//h:ul[@class='tei-list type-ordered']/h:li[1]/h:span[@class='item-n']", "1."),
    ("space box", "//h:span[@class='tei-space sign-space rend-box'][@style='width:7ch']", ""),
    ("date when", "//h:section[contains(@class, 'texts-section')]//h:time[@datetime='1956-09-23'][@class='tei-date']",
     "23 September 1956"),
    ("closer signed", "//h:div[@class='tei-closer']/h:div[@class='tei-signed block']",
     "A. Mikoyan"),
    ("note after closer", "//h:aside[@class='tei-note type-translator sign-translator-note "
     "note-block']/h:a[@href='#note-4']", "4"),
    ("back stray fragment", "//h:div[@class='tei-div type-stray-fragment']/h:p[@class='tei-p']", "Zab"),
    ("back stray fragment says what it is", "//h:div[@class='tei-div type-stray-fragment']/h:p[@class='div-label']",
     "Stray fragment: words after the end of the document"),
    ("app deleted in handwritten version", "//h:span[contains(@class,'app-deleted')]"
     "//h:del", "reprisals are halted"),
]


@pytest.mark.parametrize("feature, xpath, text", FEATURE_HTML, ids=[row[0] for row in FEATURE_HTML])
def test_each_encoded_feature_becomes_its_html(site, feature, xpath, text):
    found = page(site, "features").xpath(xpath, namespaces=XHTML)
    assert found, f"{feature}: nothing matches {xpath}"
    assert " ".join("".join(found[0].itertext()).split()).startswith(text)


def test_a_note_is_a_numbered_button_opening_a_popover_and_a_numbered_list_entry(site):
    root = page(site, "features")
    button = root.xpath("//h:button[@id='ref-note-1']", namespaces=XHTML)[0]
    assert button.text == "1" and button.get("aria-label") == "Translator’s note 1"
    popover = root.xpath(f"//*[@id='{button.get('popovertarget')}']")[0]
    assert popover.get("popover") == "auto"
    assert "We completely disagree" in "".join(popover.itertext())
    item = root.xpath("//h:li[@id='note-1']", namespaces=XHTML)[0]
    assert item.xpath("h:a/@href", namespaces=XHTML) == ["#ref-note-1"]


def test_a_variant_marker_shows_the_reading_and_its_witness(site):
    root = page(site, "features")
    app = root.xpath("//h:span[contains(@class,'app-inserted')]", namespaces=XHTML)[0]
    button = app.xpath("h:button", namespaces=XHTML)[0]
    assert button.get("aria-label") == "Inserted in the handwritten version"
    popover = "".join(root.xpath(f"//*[@id='{button.get('popovertarget')}']")[0].itertext())
    assert "and the CC plenum" in popover and "handwritten version of the document" in popover


def test_split_handwritten_passages_share_one_chain_id(site):
    root = page(site, "features")
    chain = root.xpath("//h:span[@data-chain='hw-2-1']", namespaces=XHTML)
    assert len(chain) == 5
    assert chain[2].get("title") == "Handwritten (hand 1), part 3 of 5"


def test_sheet_breaks_carry_their_label_for_the_margin(site):
    labels = page(site, "features").xpath(
        "//h:div[contains(@class,'sheet-break')]/h:span[@class='sheet-label']", namespaces=XHTML)
    assert [label.text for label in labels] == ["лист 2", "лист 3"]


def test_aligned_paragraphs_share_a_row_side_by_side(site):
    rows = page(site, "features").xpath("//h:div[@class='row aligned']", namespaces=XHTML)
    pairs = [tuple(row.xpath("h:div/h:p/@id", namespaces=XHTML)) for row in rows]
    assert pairs == [("p-ru-1", "p-en-1"), ("p-ru-2", "p-en-2")]


def test_every_paragraph_has_a_permalink_to_its_own_anchor(site):
    for stem in ("features", *(p.stem for p in site.glob("0*.html"))):
        for para in page(site, stem).xpath("//h:main//h:p[@id][contains(@class,'tei-p')]",
                                           namespaces=XHTML):
            if para.xpath("ancestor::h:div[@class='summary']", namespaces=XHTML):
                continue
            links = para.xpath("h:a[@class='permalink']/@href", namespaces=XHTML)
            targets = para.xpath("h:span[@class='permalink-target'][1]/@id", namespaces=XHTML)
            assert links == [f"#{targets[0]}"], (stem, para.get("id"))


def test_permalinks_survive_an_inserted_paragraph_and_renumbered_ids(tmp_path, renderer):
    source = FEATURES.read_text(encoding="utf-8")
    build_site([FEATURES], tmp_path / "before", renderer=renderer)
    edited = tmp_path / "features.xml"
    edited.write_text(source.replace('<p xml:id="p-en-1"', '<p xml:id="p-en-0">A new first paragraph.</p>'
                                     '<p xml:id="p-en-1"', 1).replace('xml:id="p-en-2"', 'xml:id="p-en-9"')
                      .replace('"#p-en-2"', '"#p-en-9"'), encoding="utf-8")
    build_site([edited], tmp_path / "after", renderer=renderer)
    def permalinks(folder):
        return page(folder, "features").xpath("//h:a[@class='permalink']/@href", namespaces=XHTML)
    before, after = permalinks(tmp_path / "before"), permalinks(tmp_path / "after")
    assert len(after) == len(before) + 1
    assert set(before) < set(after), "every earlier paragraph keeps its permalink"


def test_one_legend_per_view_lists_the_signs_that_view_shows_in_a_readers_words(site):
    root = page(site, "features")
    def rows(view):
        legend = root.xpath(f"//h:div[contains(@class, 'legend-{view}')]", namespaces=XHTML)[0]
        return {" ".join(dt.xpath("string(.)").split()): " ".join(dd.xpath("string(.)").split())
                for dt, dd in zip(legend.xpath(".//h:dt", namespaces=XHTML),
                                  legend.xpath(".//h:dd", namespaces=XHTML), strict=True)}
    reading, diplomatic = rows("reading"), rows("diplomatic")
    assert "struck" in diplomatic and "struck" not in reading, "deletions only where they are shown"
    assert "added" in diplomatic and diplomatic["added"].startswith("Words added by hand")
    assert reading["[word]"] == diplomatic["[word]"] == "Words the translator added to make the sense clear."
    assert "◇" in reading and "1" in reading, "variant and note markers drawn as in the text"
    assert "лист 2" in diplomatic, "the sheet label as the document writes it"
    assert not any("transcription writes" in meaning or "[handwritten" in meaning
                   for meaning in (*reading.values(), *diplomatic.values()))


def test_downloads_offer_tei_and_text_and_the_pdf_only_when_it_exists(tmp_path, renderer):
    out = tmp_path / "web"
    build_site([FEATURES], out, renderer=renderer)
    links = page(out, "features").xpath("//h:div[@class='downloads']//h:a/@href", namespaces=XHTML)
    assert links == ["tei/features.xml", "text/features.txt"]
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "features.pdf").write_bytes(b"%PDF-1.7\n")
    build_site([FEATURES], out, renderer=renderer)
    links = page(out, "features").xpath("//h:div[@class='downloads']//h:a/@href", namespaces=XHTML)
    assert links[-1] == "../pdf/features.pdf"


def test_plain_text_download_is_the_reading_text_with_notes_at_the_end(site):
    text = (site / "text" / "features.txt").read_text(encoding="utf-8")
    assert "instruction of the Central Committee" in text
    assert "old words" not in text
    assert "[1] Translator’s note: in the handwritten version" in text


# --- index and search ------------------------------------------------------------------------

def test_index_lists_every_document_by_date_with_people_languages_and_archive(site, tei_dir):
    rows = page(site, "index").xpath("//h:table[@id='doc-index']/h:tbody/h:tr", namespaces=XHTML)
    assert len(rows) == len(list(tei_dir.glob("*.xml")))
    dates = [row.xpath("string(h:td[2]/@data-sort)", namespaces=XHTML) for row in rows]
    dated = [date for date in dates if date]
    assert dates == dated + [""] * (len(dates) - len(dated)) and dated == sorted(dated)
    links = [row.xpath("h:td[3]/h:a/@href", namespaces=XHTML) for row in rows]
    features = [row for row, link in zip(rows, links, strict=True) if link == ["features.html"]]
    cells = ["".join(td.itertext()) for td in features[0].xpath("h:td", namespaces=XHTML)]
    assert cells[3:] == ["A. Mikoyan → CPSU Central Committee", "Russian, English",
                         "GARF, Fond 5446, Opis 98c, Delo 718, Listy 3-6"]
    assert rows[0].getparent().getparent().xpath("h:thead//h:button", namespaces=XHTML)


def test_a_long_index_is_cut_into_pages_with_the_years_to_browse_by(tmp_path, tei_dir, renderer, monkeypatch):
    monkeypatch.setattr("tei.render.listings.DOCUMENT_ROWS", 2)
    out = tmp_path / "web"
    build_site([tei_dir], out, renderer=renderer)
    assert sorted(p.name for p in out.glob("index*.html")) == ["index-2.html", "index-3.html", "index.html"]
    stems, years = [], {}
    for name in ("index", "index-2", "index-3"):
        root = page(out, name)
        rows = root.xpath("//h:table[@id='doc-index']/h:tbody/h:tr", namespaces=XHTML)
        assert len(rows) == 2
        stems += [row.xpath("string(h:td[3]/h:a/@href)", namespaces=XHTML) for row in rows]
        assert bool(root.xpath("//h:section[@id='search']", namespaces=XHTML)) == (name == "index")
        links = root.xpath("//h:nav[@class='browse-years']//h:a", namespaces=XHTML)
        years = {a.text: a.get("href") for a in links}
        for link in root.xpath("//h:nav[@class='index-pages']/h:a/@href", namespaces=XHTML):
            assert (out / link).is_file(), link
    assert sorted(stems) == sorted(f"{p.stem}.html" for p in tei_dir.glob("*.xml"))
    assert sorted(years) == ["1956", "undated"]
    for year, href in years.items():
        target, anchor = href.split("#")
        assert page(out, target.removesuffix(".html")).xpath(f"//*[@id='{anchor}']"), year


def test_the_search_bundle_has_an_index_for_each_language_of_the_texts(site):
    assert json.loads((site / "pagefind" / "shards.json").read_text()) == [
        {"languages": ["en"], "path": "en-1/"}, {"languages": ["ru"], "path": "ru-1/"}]
    texts = {}
    for language in ("en", "ru"):
        entry = json.loads((site / "pagefind" / f"{language}-1" / "pagefind-entry.json").read_text(encoding="utf-8"))
        texts[language] = entry["languages"][language]["page_count"]
    assert texts["en"] > texts["ru"] >= 2


# --- any TEI, not only ours -------------------------------------------------------------------

UNKNOWN_ELEMENTS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Elements the encoder never writes</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
</fileDesc></teiHeader><text xml:lang="en"><body>
<sp><speaker>ANNA</speaker><lg><l>First line</l><l>second <w>word</w></l></lg></sp>
<table><row><cell>cell one</cell><cell><persName>Peng</persName></cell></row></table>
<p>Before <floatingText><body><p>nested story</p></body></floatingText> after
<choice><abbr>Cde.</abbr><expan>Comrade</expan></choice>
and <x:odd xmlns:x="urn:x">alien</x:odd>.</p>
<ab>An <subst><del>old</del><add>new</add></subst> word.</ab>
</body></text></TEI>"""


def test_unknown_elements_keep_their_text_in_an_element_named_after_them(tmp_path, renderer):
    source = tmp_path / "unknown.xml"
    source.write_text(UNKNOWN_ELEMENTS, encoding="utf-8")
    report = build_site([source], tmp_path / "web", renderer=renderer)
    assert report.errors == []
    assert_text_covered(source, tmp_path / "web" / "unknown.html")
    root = page(tmp_path / "web", "unknown")
    for name in ("sp", "speaker", "lg", "table", "cell", "persName", "w", "floatingText", "odd"):
        assert root.xpath(f"//*[contains(concat(' ', @class, ' '), ' tei-{name} ')]"), name
    assert not root.xpath("//h:p//h:div | //h:p//h:p", namespaces=XHTML), "block inside a p"


def test_third_party_tei_renders_with_all_its_text(third_party_site):
    for source in sorted(THIRD_PARTY.glob("*.xml")):
        assert_text_covered(source, third_party_site / f"{source.stem}.html")


def test_third_party_pages_are_well_formed_and_their_links_resolve(third_party_site):
    for path in sorted(third_party_site.glob("*.html")):
        assert_links_resolve(third_party_site, path)


def test_render_html_is_the_public_entry_for_one_page():
    import tei

    page_text = tei.render_html(FEATURES, stem="features")
    assert page_text.startswith("<!DOCTYPE html>") and 'id="p-en-1"' in page_text


def test_an_unreadable_input_is_reported_and_the_rest_is_built(tmp_path):
    report = build_site([tmp_path / "gone.xml", FEATURES], tmp_path / "web")
    assert report.errors == [f"{tmp_path / 'gone.xml'}: error: cannot read the file: "
                             "No such file or directory"]
    assert (tmp_path / "web" / "features.html").is_file()


def test_a_tei_file_with_a_doctype_is_refused_before_saxon_sees_it(tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_text('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body>'
                    '</text></TEI>\n')
    report = build_site([evil], tmp_path / "web")
    assert len(report.errors) == 1 and "evil.xml:1:1: error: refused" in report.errors[0]
    assert not (tmp_path / "web" / "evil.html").exists()


def test_each_view_leaves_out_what_common_says(tmp_path, renderer):
    source = tmp_path / "choices.xml"
    source.write_text(UNKNOWN_ELEMENTS.replace(
        "<ab>", "<ab><choice><sic>Kim II Sung</sic><corr>Kim Il Sung</corr></choice> "), "utf-8")
    build_site([source], tmp_path / "web", renderer=renderer)
    root = page(tmp_path / "web", "choices")
    def classes(text):
        return root.xpath(f"//h:span[.='{text}']/@class", namespaces=XHTML)[0].split()
    assert "reading-hidden" in classes("Cde.") and "diplomatic-hidden" in classes("Comrade")
    assert "reading-hidden" in classes("Kim II Sung [SIC]")
    assert "diplomatic-hidden" in classes("⟨Kim Il Sung⟩")


# --- blank lines between blocks ------------------------------------------------------------------

def separator_page(text: str) -> etree._Element:
    """The web page of a transcription whose blocks stand apart by `text`'s own separators."""
    from tei.api import encode_document
    from tei.render.html import render_html

    return etree.fromstring(render_html(encode_document(text, "blank.txt").tei).encode())


def vertical_gaps(root: etree._Element) -> list[str]:
    return root.xpath("//h:main//h:span[contains(@class, 'vertical')]/@style", namespaces=XHTML)


def legend_meanings(root: etree._Element) -> set[str]:
    return {" ".join(dd.xpath("string(.)").split()) for dd in root.xpath("//h:dl[@class='legend']//h:dd",
                                                                       namespaces=XHTML)}


@pytest.mark.parametrize("separator", ["\n \n", "\n\u00a0\n", "\n\t\n"])
def test_a_blank_line_holding_white_space_is_the_usual_gap_between_paragraphs(separator):
    root = separator_page(f"First paragraph.{separator}Second paragraph.\n")
    assert vertical_gaps(root) == []
    assert "Blank space in the document." not in legend_meanings(root)


def test_a_text_ending_without_a_line_break_draws_no_blank_and_no_legend_row():
    root = separator_page("First paragraph.\n\nSecond paragraph.")
    assert vertical_gaps(root) == []
    assert "Blank space in the document." not in legend_meanings(root)


def test_blank_lines_beyond_the_usual_one_are_drawn_one_line_each():
    root = separator_page("First paragraph.\n\n\n\nSecond paragraph.\n")
    assert vertical_gaps(root) == ["height:3em"], "four line breaks: two blank lines more than usual"
    assert "Blank space in the document." in legend_meanings(root)


def test_seed_001s_paragraphs_stand_apart_evenly(site):
    assert vertical_gaps(page(site, "001_3072a39c7fc87f5a")) == []


def test_a_third_party_vertical_space_keeps_its_lines(tmp_path):
    from tei.render.html import render_html

    data = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt>'
            "<p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><div><p>a</p>"
            '<space dim="vertical" unit="line" quantity="1"/><p>b</p></div></body></text></TEI>').encode()
    assert vertical_gaps(etree.fromstring(render_html(data).encode())) == ["height:1.5em"]
