"""`tei build` with the real stages on the bundled seeds: the README's main command."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tei.cli import main
from tei.pipeline import cache
from tei.pipeline.stages import STAGES
from tei.render.html import INDEX_PAGES
from tei.render.search import numbered_by_reading_order

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
NAMES = [path.stem for path in SEEDS]
EPOCH = "1700000000"


def _available(stage: str) -> bool:
    return next(s for s in STAGES if s.name == stage).probe() is None


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(folder: Path, *arguments: str) -> int:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return main(["build", "--quiet", "-o", str(folder), *arguments])
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> tuple[Path, int]:
    """`tei build` of the bundled seeds (every stage, two workers), once per test session."""
    folder = tmp_path_factory.mktemp("seeds-build") / "build"
    return folder, _build(folder, "--jobs", "2")


def test_the_seeds_build_without_errors(seeds_build):
    folder, status = seeds_build
    report = json.loads((folder / "report.json").read_text())
    errors = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert (status, errors) == (0, [])
    assert report["documents"] == len(SEEDS) == 5


def test_the_names_and_dates_left_to_the_editors_are_in_the_report_with_their_places(seeds_build):
    """The seeds' OCR noise (`UMMUNATURE`) and year-less months are left for review, not guessed."""
    folder, _ = seeds_build
    report = json.loads((folder / "report.json").read_text())
    review = [d for d in report["diagnostics"] if d["severity"] == "info"]
    assert report["to_review"] == len(review) > 0
    assert {d["rule"] for d in review} <= {"name-unknown", "name-resolved", "name-ambiguous", "date-not-understood"}
    assert any(d["rule"] == "name-unknown" and "UMMUNATURE" in d["message"] and d["line"] == 24
               and d["path"].endswith("002_3e0987d1e7ed6dfd.txt") for d in review)


def test_the_build_holds_the_tei_of_every_seed(seeds_build):
    folder, _ = seeds_build
    assert sorted(p.stem for p in (folder / "tei").glob("*.xml")) == NAMES


def test_every_authority_list_a_tei_file_points_to_is_beside_it(seeds_build):
    from lxml import etree

    folder, _ = seeds_build
    targets = {pattern.split("#")[0]
               for tei in (folder / "tei").glob("*.xml")
               for pattern in etree.parse(str(tei)).xpath("//*[local-name()='prefixDef']/@replacementPattern")}
    assert targets, "the seeds name people and places, so their TEI declares where the lists are"
    assert sorted(t for t in targets if not (folder / "tei" / t).is_file()) == []


@pytest.mark.skipif(not _available("web"), reason="the web edition stage is not available")
def test_the_build_holds_the_web_edition(seeds_build):
    folder, _ = seeds_build
    web = folder / "web"
    assert sorted(p.name for p in web.glob("*.html")) == sorted([*(f"{n}.html" for n in NAMES), "index.html",
                                                                 *INDEX_PAGES])
    assert (web / "pagefind/shards.json").is_file() and (web / "assets/edition.css").is_file()


@pytest.mark.skipif(not _available("pdf"), reason="the PDF edition stage is not available")
def test_the_build_holds_the_pdf_edition(seeds_build):
    folder, _ = seeds_build
    assert sorted(p.stem for p in (folder / "pdf").glob("*.pdf")) == sorted([*NAMES, "edition"])
    assert (folder / "pdf/edition.pdf").read_bytes().startswith(b"%PDF-")


def test_a_second_build_of_the_seeds_does_nothing(seeds_build, capsys):
    folder, _ = seeds_build
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    capsys.readouterr()
    assert _build(folder) == 0
    assert "nothing to do: all 5 documents are up to date" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before


def test_a_clean_rebuild_in_one_process_is_byte_identical(seeds_build, tmp_path):
    """All but the search bundle's page numbering (its contents lists and filters), which
    follows the order Pagefind happens to read the pages in (its records are the same), and the
    build cache's manifest, a database whose pages follow the order the documents finished in."""
    folder, _ = seeds_build
    again = tmp_path / "again"
    _build(again, "--jobs", "1")
    first, second = _files(folder), _files(again)
    kept = [name for name in first if not numbered_by_reading_order(name) and name != cache.MANIFEST_PATH]
    assert sorted(kept) == sorted(name for name in second
                                  if not numbered_by_reading_order(name) and name != cache.MANIFEST_PATH)
    assert [name for name in kept if first[name] != second[name]] == []
    assert len(first) == len(second)


def test_no_output_holds_an_absolute_path(seeds_build):
    folder, _ = seeds_build
    for name, data in _files(folder).items():
        for absolute in (str(folder.parent), str(Path.cwd()), str(SEEDS[0].parent)):
            assert absolute.encode() not in data, f"{name} holds {absolute}"


def test_after_one_seed_changes_only_it_is_rebuilt(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    for path in SEEDS:
        shutil.copy(path, tmp_path / "seeds" / path.name)
    config = tmp_path / "edition.toml"
    config.write_text('[sources]\ninclude = ["seeds/*.txt"]\n[outputs]\nformats = ["tei", "web"]\n')
    assert _build(tmp_path / "build", "--config", str(config), "--jobs", "1") == 0
    changed = tmp_path / "seeds" / SEEDS[0].name
    changed.write_text(changed.read_text() + "\nA paragraph added by the editor.\n")
    capsys.readouterr()
    _build(tmp_path / "build", "--config", str(config), "--jobs", "1")
    assert "rebuilt 1 of 5 documents" in capsys.readouterr().out
    assert b"added by the editor" in (tmp_path / "build/tei" / f"{NAMES[0]}.xml").read_bytes()


@pytest.mark.skipif(not _available("search"), reason="the search stage is not available")
def test_the_search_bundle_indexes_every_text_of_every_seed_in_its_language(seeds_build):
    folder, _ = seeds_build
    pages = sorted((folder / ".cache/search").glob("*/*/*/*.html"))
    languages = [re.search(r'<html lang="(\w+)"', p.read_text(encoding="utf-8")).group(1) for p in pages]
    assert all(p.relative_to(folder / ".cache/search").parts[0] == lang for p, lang in zip(pages, languages))
    indexed = {}
    for shard in json.loads((folder / "web/pagefind/shards.json").read_text(encoding="utf-8")):
        entry = json.loads((folder / "web/pagefind" / shard["path"] / "pagefind-entry.json").read_text("utf-8"))
        assert list(entry["languages"]) == shard["languages"]
        for lang, index in entry["languages"].items():
            indexed[lang] = indexed.get(lang, 0) + index["page_count"]
    assert indexed == {lang: languages.count(lang) for lang in set(languages)}
    assert {p.stem for p in pages} == set(NAMES) and "ru" in languages
