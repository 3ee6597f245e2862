"""The edition's lists at any size (tei.render.listings): the document list in pages of DOCUMENT_ROWS rows,
the name indices and the chronology in pages of ROWS rows; an entry named in more than ENTRY_ROWS documents
lists them on pages of its own. Every page is named by tei.names, links its neighbours, and no page is empty."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from tei.names import entry_page, listing_page
from tei.render.listings import Listings, index_row, json_object, json_text
from tests.test_web import XHTML, renderer  # noqa: F401  (shared fixture)

DOCUMENTS = 7


def record(number: int) -> dict:
    """A document naming Kim Il Sung in a paragraph and Moscow in its title; the first names Mao too.
    Each has one dated passage, in 1952, 1951 or 1950, so the chronology's order is not the edition's."""
    names = [{"ref": "person:kim-il-sung", "text": "Kim", "anchor": f"p-{number}", "where": "text"},
             {"ref": "place:moscow", "text": "Moscow", "anchor": "title", "where": "title"}]
    if number == 0:
        names.append({"ref": "person:mao-zedong", "text": "Mao", "anchor": "p-9", "where": "text"})
    return {"stem": f"doc-{number}", "number": str(number + 1), "title": f"Report {number}", "date": "1956-01-01",
            "dateLabel": "1 January 1956", "languages": ["English"], "names": names,
            "dates": [{"when": f"195{2 - number % 3}-02-0{1 + number}", "text": "in February", "inferred": False,
                       "anchor": f"p-{number}", "passage": "A passage."}]}


@pytest.fixture
def pages(renderer, monkeypatch) -> dict[str, etree._Element]:  # noqa: F811
    monkeypatch.setattr("tei.render.listings.ROWS", 3)
    monkeypatch.setattr("tei.render.listings.DOCUMENT_ROWS", 3)
    monkeypatch.setattr("tei.render.listings.ENTRY_ROWS", 2)
    made = renderer.render_lists([record(number) for number in range(DOCUMENTS)])
    return {name: etree.fromstring(page.encode("utf-8")) for name, page in made}


def links(root: etree._Element, path: str) -> list[str]:
    return root.xpath(f"{path}//h:a/@href", namespaces=XHTML)


def resolves(pages: dict[str, etree._Element], href: str) -> bool:
    """A link to a list's page lands on a page made, and on an element of it when it names one; a link
    to a document's page names one of the documents."""
    name, _, anchor = href.partition("#")
    if name.startswith("doc-"):
        return name.removesuffix(".html") in {f"doc-{n}" for n in range(DOCUMENTS)}
    return name in pages and (not anchor or bool(pages[name].xpath(f"//*[@id='{anchor}']")))


def test_every_list_is_cut_into_pages_named_by_the_one_naming_function(pages):
    assert set(pages) == {
        *(listing_page("index", n) for n in (1, 2, 3)), "persons.html", "places.html",
        *(entry_page("persons", "kim-il-sung", n) for n in (1, 2, 3)), entry_page("places", "moscow"),
        entry_page("places", "moscow", 2), entry_page("places", "moscow", 3),
        *(listing_page("chronology", n) for n in (1, 2, 3))}
    assert entry_page("persons", "kim-il-sung", 2) == "persons-kim-il-sung.2.html"
    assert listing_page("chronology", 2) == "chronology-2.html"


def test_an_entry_named_in_more_documents_than_fit_lists_them_on_pages_of_its_own(pages):
    persons = pages["persons.html"]
    kim = persons.xpath("//h:section[@id='kim-il-sung']", namespaces=XHTML)[0]
    assert not kim.xpath(".//h:ul", namespaces=XHTML)
    assert links(kim, ".//h:p[@class='entity-pages']") == ["persons-kim-il-sung.html"]
    mao = persons.xpath("//h:section[@id='mao-zedong']", namespaces=XHTML)[0]
    assert links(mao, ".") == ["doc-0.html", "doc-0.html#p-9"]
    listed = []
    for number in (1, 2, 3):
        page = pages[entry_page("persons", "kim-il-sung", number)]
        lines = page.xpath("//h:ul[@class='occurrences']/h:li", namespaces=XHTML)
        assert 0 < len(lines) <= 3
        listed += [line.xpath("string(h:a[1]/@href)", namespaces=XHTML) for line in lines]
        assert "persons.html#kim-il-sung" in links(page, "//h:p[@class='entity-summary']")
    assert listed == [f"doc-{n}.html" for n in range(DOCUMENTS)]


def test_every_link_of_every_page_lands_on_a_page_made(pages):
    for name, root in pages.items():
        for href in root.xpath("//h:main//h:a/@href", namespaces=XHTML):
            if not href.startswith(("tei/", "edition.")):
                assert resolves(pages, href), (name, href)


def test_the_pages_of_a_list_link_the_one_before_and_the_one_after(pages):
    for first, second, third in (("index.html", "index-2.html", "index-3.html"),
                                 ("chronology.html", "chronology-2.html", "chronology-3.html"),
                                 ("places-moscow.html", "places-moscow.2.html", "places-moscow.3.html")):
        nav = "//h:nav[@class='index-pages']"
        assert links(pages[first], nav) == [second]
        assert links(pages[second], nav) == [first, third]
        assert links(pages[third], nav) == [second]


def test_the_chronology_runs_in_date_order_across_its_pages_with_the_years_to_browse_by(pages):
    days = []
    for name in ("chronology.html", "chronology-2.html", "chronology-3.html"):
        rows = pages[name].xpath("//h:tbody/h:tr", namespaces=XHTML)
        assert 0 < len(rows) <= 3
        days += [row.xpath("string(.//h:time/@datetime)", namespaces=XHTML) for row in rows]
        years = links(pages[name], "//h:nav[@class='browse-years']")
        assert years == ["chronology.html#year-1950", "chronology.html#year-1951", "chronology-2.html#year-1952"]
    assert days == sorted(days) and len(days) == DOCUMENTS
    assert "7 dates" in pages["chronology.html"].xpath("string(//h:p[@class='entity-summary'])", namespaces=XHTML)


def test_a_small_edition_has_one_page_of_each_list_and_no_page_links(renderer):  # noqa: F811
    made = dict(renderer.render_lists([record(number) for number in range(DOCUMENTS)]))
    assert sorted(made) == ["chronology.html", "index.html", "persons.html", "places.html"]
    assert "index-pages" not in made["chronology.html"] and "browse-years" not in made["chronology.html"]


def test_counts_of_a_thousand_and_more_are_written_with_a_comma(renderer):  # noqa: F811
    made = dict(renderer.render_lists([record(number % DOCUMENTS) | {"stem": f"doc-{number}"}
                                       for number in range(1_001)]))
    text = {name: " ".join(etree.fromstring(page.encode("utf-8")).itertext()) for name, page in made.items()}
    assert "Named in 1,001 documents, listed on 3 pages of their own" in " ".join(text["persons.html"].split())
    assert "1,001 dates in the texts" in text["chronology.html"]
    assert "1,001 documents, in the edition's order" in text["index.html"]
    assert "documents 1,001–1,001" in text[entry_page("persons", "kim-il-sung", 3)]


def test_the_document_list_keeps_each_name_of_a_document_once_in_the_order_of_its_first_occurrence():
    named = record(0) | {"names": [{"ref": ref} for ref in ("place:moscow", "person:mao-zedong", "place:moscow")]}
    assert index_row(named)["names"] == [{"ref": "place:moscow"}, {"ref": "person:mao-zedong"}]


def test_a_page_hands_the_stylesheets_the_rows_as_the_database_keeps_them_joined_not_encoded_again():
    with Listings() as listings:
        listings.add_all(record(number) for number in range(DOCUMENTS))
        assert json.loads(listings.index_rows(1)) == [index_row(record(number)) for number in range(DOCUMENTS)]
        lines = json.loads(listings.passages("person:kim-il-sung"))
        assert [line["stem"] for line in lines] == [f"doc-{number}" for number in range(DOCUMENTS)]
        assert json.loads(json_object(ref=json_text("person:kim-il-sung"), passages=listings.passages(
            "person:kim-il-sung"))) == {"passages": lines, "ref": "person:kim-il-sung"}
        (events,) = listings.event_chunks()
        assert [event["when"] for event in json.loads(events)] == sorted(record(n)["dates"][0]["when"]
                                                                         for n in range(DOCUMENTS))
