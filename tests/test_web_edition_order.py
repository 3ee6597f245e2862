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
    assert "(supplied by the editors)" in page.xpath("string(//h:details[@class='metadata'])", namespaces=XHTML)


def pdf_text(path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        # Hyphenated line ends come back as a soft hyphen, or a hyphen, and a line break.
        return [(page.extract_text() or "").replace("\xad\n", "").replace("\xad", "").replace("-\n", "")
                for page in pdf.pages]


def test_the_volume_has_the_index_order_and_numbers(seeds_build):  # noqa: F811
    import re

    build = seeds_build[0]
    pages = pdf_text(build / "pdf" / "edition.pdf")
    contents = " ".join(pages[1].split())
    listed = re.findall(r"(\d+[a-z]?)\. (.+?), (?:[A-Z][a-z]+ \d+, \d{4}|undated) \d+", contents)
    web = etree.parse(str(build / "web" / "index.html")).getroot()
    rows = web.xpath("//h:table[@id='doc-index']/h:tbody/h:tr", namespaces=XHTML)
    index = [(row.xpath("string(h:td[1])", namespaces=XHTML), " ".join(row.xpath(
        "string(h:td[3])", namespaces=XHTML).split())) for row in rows]
    assert [(number, title.replace("- ", "")) for number, title in listed] == [
        (number, title.replace("- ", "")) for number, title in index]
    headings = [re.search(r"^Document (\S+)$", text, re.M) for text in pages]
    assert [match[1] for match in headings if match] == [number for number, _ in index]


def test_each_single_document_pdf_carries_its_edition_number_and_version(seeds_build):  # noqa: F811
    import re

    build = seeds_build[0]
    for number, href in index_rows(build / "web"):
        first = " ".join(pdf_text(build / "pdf" / href.replace(".html", ".pdf"))[0].split())
        assert first.startswith(f"Document {number} "), href
        assert re.search(rf"Document {number} in Documents from the Wilson Center Digital Archive"
                         r"(, edited by [^,]+)?, version 1\.0", first), first
    title_page = pdf_text(build / "pdf" / "edition.pdf")[0]
    assert "Version 1.0" in title_page


def test_the_pdf_says_the_russian_text_is_machine_read_and_marks_insertions_in_pairs(seeds_build):  # noqa: F811
    build = seeds_build[0]
    text = " ".join(" ".join(pdf_text(build / "pdf" / "002_3e0987d1e7ed6dfd.pdf")).split())
    assert "The Russian text is machine-read from the scan (OCR) and has not been corrected" in text
    # The OCR misreading "Kim II Sung" is printed corrected, with the sign of a correction (*).
    assert "⸢at the initiative of Cde. Kim Il Sung*⸣" in text
