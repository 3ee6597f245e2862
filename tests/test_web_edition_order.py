"""The web edition built by `tei build`: one order and one number per document everywhere."""

from __future__ import annotations

from lxml import etree

from tests.test_build_real import seeds_build  # noqa: F401  (shared fixture)

XHTML = {"h": "http://www.w3.org/1999/xhtml"}


def index_rows(web) -> list[tuple[str, str]]:
    """(number, page) of every index row, in the index's order."""
    root = etree.parse(str(web / "index.html")).getroot()
    rows = root.xpath("//h:table[@id='doc-index']/h:tbody/h:tr", namespaces=XHTML)
    return [(row.xpath("string(h:td[1])", namespaces=XHTML),
             row.xpath("string(h:td[3]/h:a/@href)", namespaces=XHTML)) for row in rows]


def test_each_page_shows_the_number_the_index_gives_it(seeds_build):  # noqa: F811
    web = seeds_build[0] / "web"
    rows = index_rows(web)
    assert [number for number, _ in rows] == ["1", "2", "3", "4", "5"]
    for number, href in rows:
        page = etree.parse(str(web / href)).getroot()
        assert page.xpath("string(//h:p[@class='doc-number'])", namespaces=XHTML).startswith(
            f"Document {number} · ")


def test_previous_and_next_links_follow_the_index_order(seeds_build):  # noqa: F811
    web = seeds_build[0] / "web"
    pages = [href for _, href in index_rows(web)]
    for index, href in enumerate(pages):
        page = etree.parse(str(web / href)).getroot()
        previous = page.xpath("string(//h:nav[@class='document-nav']/h:a[@rel='prev']/@href)", namespaces=XHTML)
        following = page.xpath("string(//h:nav[@class='document-nav']/h:a[@rel='next']/@href)", namespaces=XHTML)
        assert previous == (pages[index - 1] if index else "")
        assert following == (pages[index + 1] if index + 1 < len(pages) else "")


def test_the_headerless_fragments_are_titled_and_dated_by_their_editors(seeds_build):  # noqa: F811
    web = seeds_build[0] / "web"
    rows = {href: number for number, href in index_rows(web)}
    assert rows["003_e138d62deb00a27f.html"] == "2" and rows["001_3072a39c7fc87f5a.html"] == "3"
    page = etree.parse(str(web / "001_3072a39c7fc87f5a.html")).getroot()
    assert page.xpath("string(//h:h1)", namespaces=XHTML).startswith("Telegram from A. I. Mikoyan")
    assert "(supplied by the editors)" in page.xpath("string(//h:section[@class='metadata'])", namespaces=XHTML)
