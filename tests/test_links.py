"""Links: only http, https, mailto and relative addresses become links, in every output and in `tei validate`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree

from tei.render.html import render_html
from tei.validate import get_validator
from tei.xmlsafe import parse_xml

HERE = Path(__file__).parent
MINIMAL = (HERE / "invalid" / "passing" / "minimal.xml").read_text(encoding="utf-8")
XHTML = {"h": "http://www.w3.org/1999/xhtml"}

LINKED = [
    "https://digitalarchive.wilsoncenter.org/document/114156",
    "HTTP://EXAMPLE.ORG/",
    "mailto:editor@example.org",
    "docs/licence.html",
    "licence.html#section:2",
]
REFUSED = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "ftp://example.org/",
]
# Addresses of another machine without a scheme: on a page read from disk (file://) a network share.
NETWORK_PATHS = ["//example.org/licence", "\\\\evil.example\\share\\x.pdf", "/\\evil.example/x", "\\/evil.example/x"]


def tei_with_source_url(url: str, licence_target: str | None = None) -> bytes:
    """The minimal valid document with `url` as its idno type="URI" (and a licence, if given)."""
    escaped = url.replace("&", "&amp;").replace("<", "&lt;").replace("\t", "&#9;").replace("\n", "&#10;")
    extra = f'<idno type="URI">{escaped}</idno>'
    if licence_target is not None:
        extra += (f'<availability><licence target="{licence_target}">CC BY 4.0</licence>'
                  "</availability>")
    text = MINIMAL.replace("<publisher>Wilson Center Digital Archive</publisher>",
                           f"<publisher>Wilson Center Digital Archive</publisher>{extra}")
    return text.encode("utf-8")


def live_addresses(page: str) -> list[str]:
    root = etree.fromstring(page.encode("utf-8"))
    return root.xpath("//@href | //@src | //@action | //@formaction")


def source_field(page: str) -> etree._Element:
    root = etree.fromstring(page.encode("utf-8"))
    [field] = root.xpath("//h:div[h:dt = 'Source']/h:dd", namespaces=XHTML)
    return field


@pytest.mark.parametrize("url", LINKED)
def test_web_and_mail_addresses_and_relative_references_become_links(url):
    field = source_field(render_html(parse_xml(tei_with_source_url(url))))
    assert field.xpath("h:a/@href", namespaces=XHTML) == [" ".join(url.split())]


@pytest.mark.parametrize("url", REFUSED + NETWORK_PATHS)
def test_any_other_address_is_shown_as_text_and_never_linked(url):
    page = render_html(parse_xml(tei_with_source_url(url)))
    field = source_field(page)
    assert field.xpath("h:a", namespaces=XHTML) == []
    assert "".join(field.itertext()) == " ".join(url.split())
    assert not [a for a in live_addresses(page) if ":" in a.split("/")[0] and not a.startswith("https:")]


def test_a_licence_with_a_script_address_is_shown_without_its_link():
    page = render_html(parse_xml(tei_with_source_url("https://example.org/", "javascript:alert(1)")))
    assert "javascript" not in " ".join(live_addresses(page))
    assert "CC BY 4.0" in page


def test_a_licence_with_a_web_address_is_a_link():
    page = render_html(parse_xml(tei_with_source_url("https://example.org/", "https://creativecommons.org/")))
    assert "https://creativecommons.org/" in live_addresses(page)


@pytest.mark.parametrize("url", REFUSED)
def test_validate_refuses_the_addresses_the_pages_refuse(url):
    problems = get_validator().check_bytes(tei_with_source_url(url), "doc.xml").problems
    assert [p.rule for p in problems] == ["url-scheme"]


@pytest.mark.parametrize("url", NETWORK_PATHS)
def test_validate_refuses_addresses_of_another_machine(url):
    problems = get_validator().check_bytes(tei_with_source_url(url), "doc.xml").problems
    assert [p.rule for p in problems] == ["url-network-path"]


@pytest.mark.parametrize("url", LINKED)
def test_validate_accepts_the_addresses_the_pages_link(url):
    assert get_validator().check_bytes(tei_with_source_url(url), "doc.xml").problems == ()


def test_pages_named_after_odd_file_names_are_linked_by_relative_addresses():
    from tei.render.html import INDEX_PAGES, WebRenderer

    renderer = WebRenderer()
    record = {"title": "T", "date": "", "dateLabel": "", "sender": "", "recipient": "",
              "languages": [], "archive": ""}
    [(_, index)] = renderer.render_lists([{**record, "stem": "javascript:alert(1);x"},
                                          {**record, "stem": "a#b?c"}])
    hrefs = [a for a in live_addresses(index) if a.endswith(".html") and a != "index.html" and a not in INDEX_PAGES]
    assert sorted(hrefs) == ["a%23b%3Fc.html", "javascript%3Aalert%281%29%3Bx.html"]


def printed_links(url: str) -> list[str]:
    """The addresses of the link annotations in the PDF of the minimal document with `url`."""
    from pypdf import PdfReader

    from tei.render.pdf import PdfOptions, TeiSource, render_document

    data = tei_with_source_url(url)
    pdf = render_document(TeiSource(Path("doc.xml"), data, parse_xml(data)), PdfOptions())
    return [annotation.get_object()["/A"].get("/URI")
            for page in PdfReader(io.BytesIO(pdf)).pages
            for annotation in page.get("/Annots", [])
            if annotation.get_object().get("/A", {}).get("/URI")]


@pytest.mark.slow
def test_the_print_edition_links_a_web_source_address():
    assert printed_links(LINKED[0]) == [LINKED[0]]


@pytest.mark.slow
@pytest.mark.parametrize("url", REFUSED[:1] + REFUSED[3:4] + REFUSED[6:7])
def test_the_print_edition_prints_any_other_address_as_text(url):
    assert printed_links(url) == []


@pytest.mark.slow
@pytest.mark.parametrize("url", ["docs/licence.html", "//example.org/licence", "\\\\evil.example\\share\\x.pdf",
                                 "mailto:editor@example.org"])
def test_the_print_edition_links_only_complete_web_addresses(url):
    # A PDF has no address of its own: a relative reference would open a file beside it, and
    # "\\host\share" a file on another machine's share (before, the source note linked both).
    assert printed_links(url) == []


def test_previous_and_next_links_are_relative_addresses_whatever_the_page_names():
    from tei.render.html import Neighbours, WebRenderer

    neighbours = Neighbours(("javascript:alert(1)", "Previous"), ("a#b", "Next"))
    page = WebRenderer().render(parse_xml(MINIMAL.encode()), "doc", neighbours=neighbours).page
    assert {"javascript%3Aalert%281%29.html", "a%23b.html"} <= set(live_addresses(page))
