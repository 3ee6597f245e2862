"""Web pages carry schema.org JSON-LD, escaped so that no title can end its <script> early."""

from __future__ import annotations

import json

import lxml.html
import pytest

from tei.render.html import WebOptions, WebRenderer
from tei.xmlsafe import parse_xml
from tests.export_helpers import REPO

FEATURES = (REPO / "tests" / "data" / "features.xml").read_bytes()
HOSTILE = '</script><script>alert("x")</script><!-- & ]]> \u2028 \x85'


def _json_ld(page: str) -> list[dict]:
    """What a browser's HTML parser finds in the page's JSON-LD scripts."""
    scripts = lxml.html.document_fromstring(page).xpath("//script[@type='application/ld+json']")
    return [json.loads(script.text) for script in scripts]


@pytest.fixture(scope="module")
def renderer():
    return WebRenderer(WebOptions(edition_title="An edition", base_url="https://example.org/e/",
                                  editors=("Ada Editor",), version="1.0"))


def test_a_document_page_describes_its_document_and_the_edition(renderer):
    page = renderer.render(parse_xml(FEATURES), "doc").page
    [data] = _json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
    assert data["name"] == "Telegram from A. Mikoyan to the CPSU Central Committee"
    assert data["dateCreated"] == "1956-09-23" and data["author"] == {"@type": "Person", "name": "A. Mikoyan"}
    assert data["recipient"] == {"@type": "Organization", "name": "CPSU Central Committee"}
    assert data["url"] == "https://example.org/e/doc.html"


def _escaped(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


@pytest.mark.parametrize(("where", "old", "new"), [
    ("title", b">Telegram from A. Mikoyan to the CPSU Central Committee</title>",
     b">" + _escaped(HOSTILE) + b"</title>"),
    ("sender", b"<persName>A. Mikoyan</persName>", b"<persName>" + _escaped(HOSTILE) + b"</persName>"),
])
def test_a_hostile_title_or_name_stays_inside_the_json(renderer, where, old, new):
    tei = FEATURES.replace(old, new, 1)
    assert tei != FEATURES
    page = renderer.render(parse_xml(tei), "doc").page
    [data] = _json_ld(page)
    assert (data["name"] if where == "title" else data["author"]["name"]) == HOSTILE
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert not set(script) & set("<>&\u2028\x85")


def test_the_index_page_describes_the_edition(renderer):
    [(name, page)] = renderer.render_lists([])
    assert name == "index.html"
    [data] = _json_ld(page)
    assert data["@type"] == "Collection" and data["name"] == "An edition"
    assert data["editor"] == [{"@type": "Person", "name": "Ada Editor"}] and data["version"] == "1.0"
