"""Every command keeps every source's outputs apart, and every link finds its file.

Sources with spaces, brackets, Cyrillic and dots, and pairs that collided before
`tei.names` (`doc 1`/`doc-1`, `письмо`/`отчёт`, `a/x`/`b/x`), through `build`,
`encode`, `web` and `pdf`.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tei.cli import main
from tei.render.html import INDEX_PAGES

pytestmark = pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014.icc:ResourceWarning")

SEED = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[4]
SOURCES = ("doc 1.txt", "doc-1.txt", "письмо.txt", "отчёт.txt", "Letter (draft).txt",
           "v1.2 notes.txt", "a/x.txt", "b/x.txt")
LINK = re.compile(r'(?:href|src)="([^"]+)"')


def marker(number: int) -> str:
    return f"Marker paragraph number {number} of this edition."


def write_sources(folder: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    for number, name in enumerate(SOURCES):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{text}\n{marker(number)}\n", encoding="utf-8")


def markers_in(folder: Path, pattern: str) -> list[int]:
    """For each file matching `pattern`, the one marker it holds (so: whose outputs it is)."""
    found = []
    for path in sorted(folder.glob(pattern)):
        text = path.read_text(encoding="utf-8")
        found += [n for n in range(len(SOURCES)) if marker(n) in text]
    return sorted(found)


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.glob("*.html")):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(link)
            if parts.scheme or not parts.path:
                continue
            if not (page.parent / unquote(parts.path)).is_file():
                broken.append(f"{page.name} → {link}")
    return broken


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """An edition of the awkward names, built with every stage."""
    folder = tmp_path_factory.mktemp("names")
    write_sources(folder / "texts")
    (folder / "edition.toml").write_text(
        '[sources]\ninclude = ["texts/*.txt", "texts/*/*.txt"]\n', encoding="utf-8")
    assert main(["build", "--quiet", "--config", str(folder / "edition.toml"), "-j", "2"]) == 0
    return folder / "build"


def test_build_gives_every_source_its_own_tei_page_text_and_pdf(edition):
    everyone = list(range(len(SOURCES)))
    assert markers_in(edition, "tei/*.xml") == everyone
    assert markers_in(edition, "web/*.html") == everyone      # the index holds no paragraph text
    assert markers_in(edition, "web/text/*.txt") == everyone
    assert len(list((edition / "pdf").glob("*.pdf"))) == len(SOURCES) + 1   # and the volume


def test_build_names_are_readable(edition):
    names = {p.stem for p in (edition / "tei").glob("*.xml")}
    assert {"doc-1", "pismo", "otchyot", "Letter-draft", "v1.2-notes"} <= names
    assert len([n for n in names if n.startswith("x-")]) == 2


def test_every_link_of_the_built_site_resolves(edition):
    assert broken_links(edition / "web") == []
    pdf_links = [link for page in (edition / "web").glob("*.html")
                 for link in LINK.findall(page.read_text(encoding="utf-8")) if link.endswith(".pdf")]
    assert len(pdf_links) >= len(SOURCES)


def test_every_search_page_is_named_after_its_own_page(edition):
    search_pages = sorted((edition / ".cache/search").glob("*/*/*/*.html"))
    assert len({p.name for p in search_pages}) == len(SOURCES)
    assert all((edition / "web" / p.name).is_file() for p in search_pages)


def test_encode_of_a_folder_keeps_every_source_including_subfolders(tmp_path):
    write_sources(tmp_path / "texts")
    assert main(["encode", "-q", str(tmp_path / "texts"), "-o", str(tmp_path / "tei")]) == 0
    assert markers_in(tmp_path, "tei/*.xml") == list(range(len(SOURCES)))


def test_web_and_pdf_of_awkwardly_named_tei_agree_on_names(tmp_path, edition):
    tei = tmp_path / "tei"
    tei.mkdir()
    for index, path in enumerate(sorted((edition / "tei").glob("*.xml"))[:3]):
        awkward = ("Letter (draft).xml", "Letter [draft].xml", "письмо.xml")[index]
        (tei / awkward).write_bytes(path.read_bytes())
    assert main(["pdf", str(tei), "-o", str(tmp_path / "out/pdf"), "--no-volume"]) == 0
    assert main(["web", str(tei), "-o", str(tmp_path / "out/web")]) == 0
    assert len(list((tmp_path / "out/web").glob("*.html"))) == 4 + len(INDEX_PAGES)  # 3 pages, the indices
    assert len(list((tmp_path / "out/pdf").glob("*.pdf"))) == 3
    assert broken_links(tmp_path / "out/web") == []
