"""No empty index and no list nobody points to: TEI from other projects, and editions whose texts name
few kinds of thing, get only the index pages, links, print indices and published authority lists that
have something in them; the seeds' edition keeps all of them."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei.cli import main
from tests.test_any_tei import THIRD_PARTY, third_party

XHTML = {"h": "http://www.w3.org/1999/xhtml"}
NAME_PAGES = ("persons.html", "organisations.html", "places.html")


def nav_links(page: Path) -> list[str]:
    root = etree.parse(str(page))
    return root.xpath("//h:nav[@class='indices-nav']/h:a/@href", namespaces=XHTML)


def links_to(site: Path, names: tuple[str, ...]) -> list[str]:
    """The pages of `site` that link to one of `names`."""
    return [page.name for page in site.glob("*.html")
            if any(href.split("#")[0] in names
                   for href in etree.parse(str(page)).xpath("//h:a/@href", namespaces=XHTML))]


def test_third_party_tei_gets_no_empty_name_index_and_publishes_no_list(tmp_path):
    third_party("schnitzler__L03785.xml")                    # skips, saying why, without the files
    site = tmp_path / "web"
    assert main(["web", str(THIRD_PARTY), "-o", str(site), "-j", "1"]) == 0
    assert not [name for name in NAME_PAGES if (site / name).exists()]
    assert links_to(site, NAME_PAGES) == []
    # Their only dates with @when are births and deaths in the letters' registers: no dated passage.
    assert not (site / "chronology.html").exists() and nav_links(site / "index.html") == []
    index = etree.parse(str(site / "index.html"))
    assert index.xpath("//h:form[@id='doc-filter']//h:select/@data-filter", namespaces=XHTML) == ["year"]
    assert not (site / "tei" / "authorities").exists()


EDITION = """\
[edition]
title = "A small edition"
[sources]
include = ["sources/*.txt"]
[outputs]
formats = ["tei", "web"]
"""


def build(tmp_path: Path, text: str) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "doc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "edition.toml").write_text(EDITION, encoding="utf-8")
    assert main(["build", "--config", str(tmp_path / "edition.toml"), "-q", "-j", "1"]) == 0
    return tmp_path / "build"


def test_an_edition_whose_texts_name_nothing_and_date_nothing_has_no_index_pages_and_no_lists(tmp_path):
    built = build(tmp_path, "Nothing here is a name or a date.\n")
    assert not [name for name in (*NAME_PAGES, "chronology.html") if (built / "web" / name).exists()]
    assert nav_links(built / "web" / "index.html") == []
    assert links_to(built / "web", (*NAME_PAGES, "chronology.html")) == []
    assert not (built / "tei" / "authorities").exists() and not (built / "web" / "tei" / "authorities").exists()


def test_only_the_lists_the_documents_point_into_are_published_and_indexed(tmp_path):
    built = build(tmp_path, "We arrived in Moscow.\n")
    assert [path.name for path in (built / "tei" / "authorities").iterdir()] == ["places.xml"]
    assert [path.name for path in (built / "web" / "tei" / "authorities").iterdir()] == ["places.xml"]
    assert [name for name in NAME_PAGES if (built / "web" / name).exists()] == ["places.html"]
    assert nav_links(built / "web" / "index.html") == ["index.html", "places.html"]
    assert nav_links(built / "web" / "places.html") == ["index.html", "places.html"]


def test_a_volume_of_third_party_tei_prints_no_empty_index(seed_tei):
    from tei.render.pdf import PdfOptions, TeiSource, tei_to_xhtml
    from tei.xmlsafe import parse_xml

    def volume(documents: dict[str, bytes]) -> str:
        sources = [TeiSource(Path(name), data, parse_xml(data)) for name, data in documents.items()]
        return tei_to_xhtml(sources, PdfOptions(), "volume")

    theirs = volume({name: third_party(name) for name in ("schnitzler__L03785.xml", "isicily__ISic000668.xml")})
    assert "Index of" not in theirs and 'class="name-index"' not in theirs
    ours = volume(seed_tei)                                  # the seeds' volume keeps both
    assert 'id="index-names"' in ours and 'id="index-places"' in ours
    assert 'href="#index-names"' in ours and 'href="#index-places"' in ours


def test_an_index_of_one_entry_says_so_in_the_singular(tmp_path):
    built = build(tmp_path, "We arrived in Moscow.\n")
    summary = etree.parse(str(built / "web" / "places.html")).xpath(
        "string(//h:p[@class='entity-summary'])", namespaces=XHTML)
    assert summary.startswith("1 entry. ")


REGISTER_AND_PASSAGE = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>A letter</title></titleStmt><publicationStmt><p>Unpublished</p></publicationStmt>
<sourceDesc><p>A copy</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>We met on <date when="1913-03-18">18 March 1913</date>.</p></body>
<back><listPerson><person><persName>Arthur</persName><birth><date when="1862-05-15">15. 5. 1862</date></birth>
</person></listPerson></back></text></TEI>"""


def test_the_chronology_lists_dated_passages_not_the_dates_of_a_register(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "letter.xml").write_bytes(REGISTER_AND_PASSAGE)
    assert main(["web", str(tmp_path / "in"), "-o", str(tmp_path / "web"), "-j", "1"]) == 0
    rows = etree.parse(str(tmp_path / "web" / "chronology.html")).xpath("//h:tbody/h:tr", namespaces=XHTML)
    assert [row.xpath("string(h:td[1]/h:time/@datetime)", namespaces=XHTML) for row in rows] == ["1913-03-18"]
    assert " ".join(rows[0].xpath("string(h:td[3])", namespaces=XHTML).split()).endswith(": We met on 18 March 1913.")
