"""Names and dates in the editions: index pages, chronology, links from the text, the document list's
filters, and the print volume's indices with page numbers."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from tei.authority import authorities_json, authority_files, default_authorities
from tests.export_helpers import built_seeds
from tests.test_web import XHTML, page, renderer, site, tei_dir  # noqa: F401  (shared fixtures)
from tests.test_web_browser import browser, open_page  # noqa: F401  (shared fixtures)


def _ids(root: etree._Element) -> set[str]:
    return set(root.xpath("//@id"))


def test_each_kind_has_an_index_page_with_forms_identifiers_and_passages(site) -> None:  # noqa: F811
    persons = page(site, "persons")
    entry = persons.find(".//h:section[@id='kim-il-sung']", XHTML)
    text = " ".join("".join(entry.itertext()).split())
    assert "Kim Il Sung" in text and "Ким Ир Сен" in text
    assert "Kim II Sung (an OCR misreading of Kim Il Sung)" in text
    assert "Wikidata: Q39031 (not yet verified; not linked)" in text
    assert not entry.xpath(".//h:a[contains(@href, 'wikidata')]", namespaces=XHTML)
    documents = entry.xpath(".//h:ul[@class='occurrences']/h:li", namespaces=XHTML)
    assert len(documents) == 5  # every seed names him
    for kind, first in (("organisations", "org"), ("places", "place")):
        assert page(site, kind).find(".//h:section[@class='entity']", XHTML) is not None, first


def test_every_passage_link_of_the_indices_and_the_chronology_resolves(site) -> None:  # noqa: F811
    checked = 0
    for name in ("persons", "organisations", "places", "chronology"):
        for href in page(site, name).xpath("//h:a/@href", namespaces=XHTML):
            target, _, anchor = href.partition("#")
            if anchor and target.endswith(".html") and (site / target).is_file():
                assert anchor in _ids(page(site, target[:-5])), href
                checked += 1
    assert checked > 100


def test_a_name_in_the_text_links_to_its_entry(site) -> None:  # noqa: F811
    links = page(site, "004_e498531131f8b392").xpath("//h:a[contains(@class, 'name-link')]", namespaces=XHTML)
    targets = {link.get("href") for link in links}
    assert {"persons.html#mao-zedong", "persons.html#kim-il-sung", "places.html#beijing",
            "organisations.html#kwp"} <= targets
    assert "persons.html#pak-heon-yeong" in targets  # "Pak [Heon-yeong]": decided by the document


def test_names_of_the_headers_are_indexed_with_links_to_where_the_page_shows_them(site) -> None:  # noqa: F811
    """The archives and institutions named only in the citations and credits, and the people of the
    titles and summaries, link to the document's title, summary or metadata panel."""
    organisations = page(site, "organisations")
    for entry, stem in (("rgani", "000_423cda980137f6e9"), ("garf", "004_e498531131f8b392"),
                        ("nkidp", "000_423cda980137f6e9"), ("leon-levy-foundation", "000_423cda980137f6e9"),
                        ("wilson-center-digital-archive", "002_3e0987d1e7ed6dfd")):
        links = organisations.xpath(f"//h:section[@id='{entry}']//h:a[@class='header-occurrence']/@href",
                                    namespaces=XHTML)
        assert f"{stem}.html#document-metadata" in links, entry
    ivanov = page(site, "persons").xpath("//h:section[@id='ivanov']//h:a[@class='header-occurrence']",
                                         namespaces=XHTML)
    assert {(a.text, a.get("href").split("#")[1]) for a in ivanov} == {("title", "title"), ("summary", "summary"),
                                                                      ("header", "document-metadata")}
    shown = page(site, "000_423cda980137f6e9")
    assert shown.xpath("//h:div[@id='summary']//h:a[@href='persons.html#ivanov']", namespaces=XHTML)
    assert shown.xpath("//h:dl[@id='document-metadata']//h:a[@href='organisations.html#rgani']", namespaces=XHTML)


def test_the_page_title_and_heading_stay_plain_text_with_names_marked_in_the_header(site) -> None:  # noqa: F811
    shown = page(site, "000_423cda980137f6e9")
    title = ("Communist Party of the Soviet Union Central Committee Report on 8 October Conversation between "
             "Ambassador Ivanov and Kim Il Sung")
    assert shown.findtext(".//h:title", namespaces=XHTML).startswith(title)
    heading = shown.find(".//h:h1", XHTML)
    assert heading.text == title and not len(heading)


def test_the_chronology_lists_every_date_in_date_order_and_marks_inferred_years(site) -> None:  # noqa: F811
    rows = page(site, "chronology").xpath("//h:table[@class='chronology']/h:tbody/h:tr", namespaces=XHTML)
    days = [row.find(".//h:time", XHTML).get("datetime") for row in rows]
    assert days == sorted(days) and len(days) >= 21  # the seeds have 21 (tests/data/entities), features.xml more
    inferred = [row for row in rows if row.xpath(".//h:span[@class='inferred']", namespaces=XHTML)]
    assert {row.find(".//h:time", XHTML).get("datetime") for row in inferred} >= {"1956-09-22", "1956-10-08"}
    assert "1956-08-19" in days  # "19 August [SIC]", as the text has it


def test_every_row_of_the_chronology_shows_its_passage_editors_notes_too(tmp_path) -> None:
    """The editors' notes (from the seeds' metadata files) are dated passages like any other."""
    web = built_seeds(tmp_path, ("tei", "web")) / "web"
    rows = etree.parse(str(web / "chronology.html")).xpath("//h:tbody/h:tr", namespaces=XHTML)
    passages = [" ".join(row.xpath("string(h:td[3])", namespaces=XHTML).split()) for row in rows]
    assert all(re.search(r": \S", passage) for passage in passages), [p for p in passages if ": " not in p]
    assert any(passage.endswith('"19 August [SIC]" in the last paragraph is so in the source: the flight was on '
                                '19 September.') for passage in passages)


def test_the_document_list_can_be_filtered_by_person_place_and_year(site) -> None:  # noqa: F811
    index = page(site, "index")
    form = index.find(".//h:form[@id='doc-filter']", XHTML)
    assert {s.get("data-filter") for s in form.iter("{http://www.w3.org/1999/xhtml}select")} == \
        {"person", "place", "year"}
    rows = index.xpath("//h:table[@id='doc-index']/h:tbody/h:tr", namespaces=XHTML)
    with_mao = [row for row in rows if " mao-zedong " in row.get("data-person")]
    assert len(with_mao) == 2  # seeds 003 and 004 name him
    assert {row.get("data-year") for row in rows} == {"1956", ""}  # a headerless seed is undated without its sidecar
    assert form.xpath(".//h:select[@data-filter='year']/h:option/@value", namespaces=XHTML) == ["", "1956"]
    assert index.xpath("//h:nav[@class='indices-nav']/h:a/@href", namespaces=XHTML) == [
        "index.html", "persons.html", "organisations.html", "places.html", "chronology.html"]


def test_the_lists_are_published_beside_the_tei_downloads(site) -> None:  # noqa: F811
    for name, data in authority_files():
        assert (site / name).read_bytes() == data
    assert (site / "tei" / "authorities" / "persons.xml").is_file()


def test_a_verified_identifier_is_a_link_and_an_unverified_one_is_not(renderer, tmp_path) -> None:  # noqa: F811
    from tei.authority import load_authorities

    (tmp_path / "places.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title><respStmt>'
        '<resp>checked</resp><persName xml:id="ae">A. Editor</persName></respStmt></titleStmt></fileDesc>'
        '</teiHeader><text><body><listPlace><place xml:id="moscow"><placeName xml:lang="en">Moscow</placeName>'
        '<idno type="wikidata" resp="#ae" when="2026-11-30">Q649</idno><idno type="geonames">524901</idno>'
        '</place></listPlace></body></text></TEI>', encoding="utf-8")
    lists = load_authorities(tmp_path)
    record = {"stem": "doc", "title": "A document", "number": "1", "dateLabel": "", "date": "",
              "names": [{"ref": "place:moscow", "text": "Moscow", "anchor": "p-1"}], "dates": []}
    renderer._set_string("authorities-json", authorities_json(lists))
    try:
        places = dict(renderer.render_lists([record]))["places.html"]
    finally:
        renderer._set_string("authorities-json", authorities_json(default_authorities()))
    assert '<a href="https://www.wikidata.org/wiki/Q649">Q649</a>' in places
    assert "GeoNames: 524901 <span class=\"unverified\">" in places
    assert json.loads(authorities_json(lists))[0]["identifiers"][1]["url"] == ""


@pytest.mark.slow
def test_the_volume_ends_with_a_name_index_and_a_place_index_with_page_numbers(seed_tei, tmp_path) -> None:
    import pypdf

    from tei.render.pdf import PdfOptions, TeiSource, render_volume
    from tei.xmlsafe import parse_xml

    sources = [TeiSource(tmp_path / f"{stem}.xml", data, parse_xml(data, stem)) for stem, data in sorted(
        seed_tei.items(), key=lambda item: item[0])]
    pdf = tmp_path / "volume.pdf"
    pdf.write_bytes(render_volume(sources, PdfOptions()))
    pages = [" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(pdf).pages]
    names = next(i for i, text in enumerate(pages) if text.startswith("Index of names"))
    places = next(i for i, text in enumerate(pages) if text.startswith("Index of places"))
    assert names < places == len(pages) - 1
    listed = re.search(r"Mao Zedong, ([\d, ]+)", pages[names]).group(1)
    numbers = [int(n) for n in listed.replace(" ", "").split(",") if n]
    assert numbers and all("Mao" in pages[n - 1] or "Мао" in pages[n - 1] for n in numbers)
    mentioned = [i + 1 for i, text in enumerate(pages[:names]) if "Mao Zedong" in text or "Мао Цзе" in text]
    assert set(mentioned) <= set(numbers)
    moscow = re.search(r"Moscow, ([\d, ]+)", pages[places]).group(1)
    assert all("Moscow" in pages[int(n) - 1] or "Москв" in pages[int(n) - 1]
               for n in moscow.replace(" ", "").split(",") if n)
    assert "Mikoyan, A. I." in pages[names]  # the index form, sorted under M
    # Named only in a header (the source note and credits the volume prints): the document's first page.
    for name, printed in (("(RGANI)", "RGANI"), ("Leon Levy Foundation", "Leon Levy Foundation")):
        listed = re.search(re.escape(name) + r",? ([\d, ]+)", pages[names]).group(1)
        assert all(printed in pages[int(n) - 1] for n in listed.replace(" ", "").split(",") if n), name
    assert "NKIDP" not in pages[names]  # named in the citation, which the volume does not print


@pytest.mark.slow
def test_choosing_a_person_hides_the_documents_that_do_not_name_him(open_page) -> None:  # noqa: F811
    page_ = open_page("index.html")
    rows = page_.locator("#doc-index tbody tr")
    total = rows.count()
    page_.locator("select[data-filter='person']").select_option("mao-zedong")
    visible = [i for i in range(total) if rows.nth(i).is_visible()]
    assert len(visible) == 2
    assert page_.locator("#filter-count").text_content() == f"2 of {total} documents"
    page_.locator("select[data-filter='person']").select_option("")
    assert all(rows.nth(i).is_visible() for i in range(total))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["persons.html", "organisations.html", "places.html", "chronology.html"])
def test_the_index_pages_pass_axe(open_page, name) -> None:  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_web_browser import AXE_TAGS

    results = Axe().run(open_page(name), options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
