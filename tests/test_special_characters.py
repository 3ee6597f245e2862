"""XML's special characters `& < > " '` reach every output as themselves, never as `&amp;` and the like."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from tei import to_source
from tei.cli import main
from tei.xmlsafe import parse_xml

pytestmark = pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014.icc:ResourceWarning")

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_e498531131f8b392.txt"
TITLE_LINE = "**Cable from Cde. Mikoyan from Beijing concerning  "
TITLE = """Smith & Jones: "1 < 2" > 'none'"""
SENTENCE = """Smith & Jones say "1 < 2" and 'yes > no' & so on."""
ESCAPES = ("&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A one-document edition whose title and a paragraph hold every special character."""
    folder = tmp_path_factory.mktemp("special")
    source = SEED.read_text(encoding="utf-8").replace(TITLE_LINE, f"**{TITLE}  ", 1)
    (folder / "doc.txt").write_text(f"{source.rstrip()}\n\n{SENTENCE}\n", encoding="utf-8")
    (folder / "edition.toml").write_text('[sources]\ninclude = ["doc.txt"]\n', encoding="utf-8")
    assert main(["build", "--quiet", "-j", "1", "--config", str(folder / "edition.toml")]) == 0
    return folder / "build"


def test_the_tei_holds_the_characters(built):
    tree = parse_xml(built / "tei" / "doc.xml")
    assert SENTENCE in " ".join("".join(tree.getroot().itertext()).split())
    assert SENTENCE in to_source(tree)


def test_the_plain_text_download_holds_the_characters_unescaped(built):
    text = (built / "web" / "text" / "doc.txt").read_text(encoding="utf-8")
    assert SENTENCE in text
    assert TITLE in text
    assert not any(escape in text for escape in ESCAPES)


def test_the_search_page_holds_the_characters_once_escaped(built):
    from lxml import html

    roots = [html.fromstring(page.read_bytes()) for page in (built / ".cache" / "search").glob("*/*/*/doc.html")]
    assert SENTENCE in " ".join(" ".join(root.body.text_content().split()) for root in roots)
    for root in roots:
        assert TITLE in root.xpath("string(//meta[@data-pagefind-meta='heading[content]']/@content)")


def test_the_index_and_the_page_show_the_title_once_escaped(built):
    for page in ("index.html", "doc.html"):
        root = etree.parse(str(built / "web" / page)).getroot()
        shown = " ".join("".join(root.itertext()).split())
        assert TITLE in shown, page
        assert not any(escape in shown for escape in ESCAPES), page


def test_the_pdf_holds_the_characters(built):
    text = " ".join(page.extract_text() for page in PdfReader(built / "pdf" / "doc.pdf").pages)
    flat = " ".join(text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").split())
    assert "Smith & Jones say" in flat and "1 < 2" in flat and "yes > no" in flat
    assert not any(escape in flat for escape in ESCAPES)
