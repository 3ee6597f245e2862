"""The search index: one Pagefind record per text, in its own language, with facets; offline."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from tei.names import SEARCH_PAGES, DocumentOutputs
from tei.render import search
from tei.render.search import SearchIndexError, search_filters, search_pages, search_shards, write_search_index
from tei.xmlsafe import parse_xml
from tests.test_web import FEATURES, renderer  # noqa: F401  (shared fixture)


@pytest.fixture(scope="module")
def features_record(renderer):  # noqa: F811
    return renderer.render(parse_xml(FEATURES), "features").record


def page_facts(page: bytes) -> dict:
    root = html.fromstring(page)
    metas = {m.get(a): m.get("content") for m in root.iter("meta")
             for a in ("data-pagefind-meta", "data-pagefind-filter", "name") if m.get(a)}
    blocks = {p.find("a").get("id"): p.text_content() for p in root.body.iter("p")}
    return {"lang": root.get("lang"), "meta": metas, "blocks": blocks}


def test_each_text_is_a_search_page_in_its_own_language(features_record, renderer):  # noqa: F811
    pages = {position: page for position, _, page in search_pages(features_record, "features")}
    assert [language for _, language, _ in search_pages(features_record, "features")] == ["ru", "en"]
    original, translation = page_facts(pages[1]), page_facts(pages[2])
    assert (original["lang"], translation["lang"]) == ("ru", "en")
    assert "Условились" in original["blocks"]["p-ru-2"]
    assert "unhealthy situation" in translation["blocks"]["p-en-2"]
    assert not any("Условились" in text for text in translation["blocks"].values())
    anchors = set(html.fromstring(renderer.render(parse_xml(FEATURES), "features").page.encode()).xpath("//@id"))
    assert set(original["blocks"]) | set(translation["blocks"]) <= anchors


def test_a_search_page_carries_the_facets_the_date_to_order_by_and_the_page_to_open(features_record):
    facts = page_facts(search_pages(features_record, "features")[0][2])
    assert facts["meta"] == {
        "heading[content]": features_record["title"],
        "date": "1956-09-23", "year[content]": "1956", "sender[content]": "A. Mikoyan",
        "recipient[content]": "CPSU Central Committee", "archive[content]": "GARF",
        "language[content]": "Russian",
    }


def test_every_person_organisation_and_place_named_is_a_filter_under_its_preferred_name(seed_tei, renderer):  # noqa: F811
    from tei.authority import default_authorities

    record = renderer.render(parse_xml(seed_tei["004_e498531131f8b392"]), "004").record
    original = html.fromstring(search_pages(record, "004")[0][2])
    assert original.get("lang") == "ru"
    filters = [(m.get("data-pagefind-filter").removesuffix("[content]"), m.get("content"))
               for m in original.iter("meta") if m.get("data-pagefind-filter")]
    entries = default_authorities().by_ref()
    for facet, prefix in (("person", "person:"), ("organisation", "org:"), ("place", "place:")):
        named = {entries[name["ref"]].headword() for name in record["names"] if name["ref"].startswith(prefix)}
        assert sorted(value for key, value in filters if key == facet) == sorted(named), facet
    persons = [value for key, value in filters if key == "person"]
    assert "Kim Il Sung" in persons and "Mao Zedong" in persons      # the Russian text's Ким Ир Сен, Мао Цзе-дун
    assert ("place", "Beijing") in filters and ("organisation", "Workers' Party of Korea") in filters


def test_an_undated_document_is_filed_under_undated_and_empty_facets_are_left_out():
    record = {"title": "T", "date": "", "sender": "", "texts": [
        {"lang": "en", "language": "English", "blocks": [{"id": "p-1", "text": "x"}]}]}
    assert search_filters(record, "English") == [("year", "undated"), ("language", "English")]
    assert 'name="date"' not in search_pages(record, "t")[0][2].decode()


def test_markup_in_a_title_or_text_stays_text():
    record = {"title": '<script>alert(1)</script> "q"', "texts": [
        {"lang": 'en"><script>', "language": "English",
         "blocks": [{"id": 'x"><b', "text": "</p><script>alert(2)</script>"}]}]}
    _, language, page = search_pages(record, "t")[0]
    root = html.fromstring(page)
    assert language == root.get("lang") == "und"         # not a language tag: no folder of that name
    assert not list(root.iter("script")) and b"<script" not in page
    assert "</p><script>alert(2)</script>" in root.body.text_content()


def _pages(folder: Path, texts: dict[str, str], dates: dict[str, str] | None = None) -> Path:
    for name, text in texts.items():
        lang = "ru" if any("а" <= c <= "я" for c in text) else "en"
        record = {"title": name, "date": (dates or {}).get(name, "1956-01-01"),
                  "texts": [{"lang": lang, "language": lang, "blocks": [{"id": "p-1", "text": text}]}]}
        for position, language, page in search_pages(record, name):
            path = folder / DocumentOutputs(name).search_page(position, language).removeprefix(SEARCH_PAGES + "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(page)
    return folder


def test_a_new_bundle_replaces_the_old_one_and_leaves_nothing_of_it(tmp_path):
    site = tmp_path / "site"
    first = write_search_index(_pages(tmp_path / "one", {"a": "беседа", "b": "talks"}), site / "pagefind")
    second = write_search_index(_pages(tmp_path / "two", {"c": "conversation"}), site / "pagefind")
    on_disk = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*") if p.is_file())
    assert on_disk == sorted(second) and set(first) != set(second)
    assert json.loads((site / "pagefind/shards.json").read_text()) == [{"languages": ["en"], "path": "en-1/"}]
    assert not any("-ui." in name or "worker" in name for name in on_disk)
    assert [p.name for p in site.iterdir()] == ["pagefind"]
    assert [p.name for p in (site / "pagefind").iterdir() if p.name.startswith(".")] == []


def test_a_shard_indexed_for_the_first_time_is_moved_in_whole_and_readable_as_any_folder(tmp_path):
    """Its scratch folder renamed into place: one step, not one per file (about 2,500 files a shard)."""
    bundle = tmp_path / "site" / "pagefind"
    written = write_search_index(_pages(tmp_path / "pages", {"a": "беседа", "b": "talks"}), bundle)
    assert sorted(p.name for p in bundle.iterdir()) == ["en-1", "ru-1", "shards.json"]
    for shard in ("en-1", "ru-1"):
        assert (bundle / shard).stat().st_mode == (bundle / shard / "fragment").stat().st_mode
        assert f"pagefind/{shard}/pagefind-entry.json" in written


def test_a_result_record_holds_its_text_once_and_the_anchor_of_each_paragraph(tmp_path):
    """What a browser fetches for one result: the text, and each paragraph's anchor without its
    text again (Pagefind copies the text of any element with an id into the record)."""
    import gzip

    text = "A conversation about the plenum, long enough to count twice if it were."
    write_search_index(_pages(tmp_path / "pages", {"a": text}), tmp_path / "pagefind")
    fragment, = (tmp_path / "pagefind").glob("en-1/fragment/*.pf_fragment")
    record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
    assert record["content"] == text
    assert record["anchors"] == [{"element": "a", "id": "p-1", "text": "", "location": 0}]
    assert json.dumps(record).count("plenum") == 1


def test_each_index_lists_the_date_of_each_of_its_records_by_the_id_a_result_gives(tmp_path, monkeypatch):
    """What the search box orders by date with (Pagefind's own order holds within one index only)."""
    import gzip

    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 2)
    dates = {f"doc{n}": f"19{50 + n}-0{1 + n % 9}-1{n % 10}" for n in range(8)} | {"doc7": ""}
    bundle = tmp_path / "site" / "pagefind"
    write_search_index(_pages(tmp_path / "pages", {name: f"talks {name}" for name in dates}, dates), bundle)
    found = {}
    for index in bundle.glob("*/"):
        listed = json.loads((index / "dates.json").read_text())
        for record in (index / "fragment").glob("*.pf_fragment"):
            name = json.loads(gzip.decompress(record.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            if record.stem in listed:
                found[name.rsplit("/", 1)[-1].removesuffix(".html")] = listed[record.stem]
    assert len(list(bundle.glob("*/dates.json"))) >= 2
    assert found == {name: date for name, date in dates.items() if date}


def test_the_word_index_is_cut_into_chunks_of_index_chunk_word_occurrences(tmp_path, monkeypatch):
    """A query fetches one chunk of the word index from each index: INDEX_CHUNK, not Pagefind's
    default of 20,000 (about 21 KB), sets their size (600 words, each once on one page: 12 chunks
    or more of 50, one of 20,000)."""
    import os

    texts = {f"doc{n}": " ".join(f"word{n}x{k}" for k in range(100)) for n in range(6)}     # 600 occurrences
    pages = _pages(tmp_path / "pages", texts)
    monkeypatch.setattr("tei.render.search.INDEX_CHUNK", 50)
    write_search_index(pages, tmp_path / "small" / "pagefind")
    monkeypatch.setattr("tei.render.search.INDEX_CHUNK", 20000)
    write_search_index(pages, tmp_path / "large" / "pagefind")
    small, large = (len(list((tmp_path / size).glob("pagefind/en-1/index/*.pf_index"))) for size in ("small", "large"))
    assert small >= 12 and large == 1
    assert "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE" not in os.environ


def test_a_large_edition_is_indexed_in_shards_and_only_a_changed_one_again(tmp_path, monkeypatch):
    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 2)
    texts = {f"doc{n}": f"text number {n} беседа" for n in range(8)}
    pages = _pages(tmp_path / "pages", texts)
    bundle = tmp_path / "site" / "pagefind"
    write_search_index(pages, bundle)
    shards = json.loads((bundle / "shards.json").read_text())
    assert len(shards) >= 2 and all(len(shard["languages"]) == 1 for shard in shards)
    counted = sum(json.loads((bundle / s["path"] / "pagefind-entry.json").read_text())["languages"][lang]["page_count"]
                  for s in shards for lang in s["languages"])
    assert counted == len(texts)
    before = {p: p.stat().st_mtime_ns for p in bundle.glob("*/pagefind-entry.json")}
    _pages(pages, {"doc3": "a changed беседа"})
    write_search_index(pages, bundle)
    changed = [p for p in before if p.stat().st_mtime_ns != before[p]]
    assert len(changed) == 1


def test_a_language_of_few_long_texts_is_indexed_in_shards_capped_by_their_bytes(tmp_path, monkeypatch):
    """Pagefind's memory grows with the pages' bytes as well as with their number (`pagefind_memory`):
    eight long texts, far fewer than SHARD_PAGES, are cut into shards of about SHARD_BYTES, and each
    text is in one of them."""
    texts = {f"doc{n}": f"text number {n} " + "conversation " * 400 for n in range(8)}
    pages = _pages(tmp_path / "pages", texts)
    one_page = (tmp_path / "pages").rglob("*.html").__next__().stat().st_size
    bundle = tmp_path / "site" / "pagefind"
    write_search_index(pages, bundle)
    assert json.loads((bundle / "shards.json").read_text()) == [{"languages": ["en"], "path": "en-1/"}]
    monkeypatch.setattr("tei.render.search.SHARD_BYTES", 2 * one_page)
    write_search_index(pages, bundle)
    shards = json.loads((bundle / "shards.json").read_text())
    assert len(shards) >= 2
    counted = sum(json.loads((bundle / s["path"] / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"]
                  for s in shards)
    assert counted == len(texts)


def test_pagefind_is_expected_to_need_more_memory_for_longer_pages_of_as_many_texts():
    assert search.pagefind_memory(2000, 16_700_000) - search.pagefind_memory(2000, 8_700_000) > 100 * 2**20
    assert 450 * 2**20 < search.pagefind_memory(2000, 8_700_000) < 700 * 2**20


def test_indexes_written_before_the_metadata_was_rewritten_otherwise_are_made_again(tmp_path, monkeypatch):
    from tei.render.search_meta import METADATA_REWRITE

    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 2)
    pages = _pages(tmp_path / "pages", {f"doc{n}": f"text number {n}" for n in range(4)})
    bundle = tmp_path / "site" / "pagefind"
    write_search_index(pages, bundle)
    before = {p: p.stat().st_mtime_ns for p in bundle.glob("*/pagefind-entry.json")}
    write_search_index(pages, bundle)
    assert len(before) == 2 and all(p.stat().st_mtime_ns == before[p] for p in before)
    monkeypatch.setattr("tei.render.search.METADATA_REWRITE", METADATA_REWRITE + 1)
    write_search_index(pages, bundle)
    assert all(p.stat().st_mtime_ns != before[p] for p in before)


def test_two_shards_are_indexed_at_once_into_the_bytes_of_one_at_a_time(tmp_path, monkeypatch):
    import threading

    from tei.render import search
    from tei.render.search import numbered_by_reading_order

    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 2)
    pages = _pages(tmp_path / "pages", {f"doc{n}": f"text number {n}" for n in range(4)})   # two English shards
    monkeypatch.setattr("tei.render.search.SEARCH_PROCESSES", 1)
    write_search_index(pages, tmp_path / "one" / "pagefind")
    monkeypatch.setattr("tei.render.search.SEARCH_PROCESSES", 2)
    both, run_pagefind = threading.Barrier(2, timeout=20), search._run_pagefind

    def together(*shard):
        both.wait()
        return run_pagefind(*shard)

    monkeypatch.setattr("tei.render.search._run_pagefind", together)
    written = write_search_index(pages, tmp_path / "two" / "pagefind")
    assert [s["path"] for s in json.loads((tmp_path / "two/pagefind/shards.json").read_text())] == ["en-1/", "en-2/"]
    stable = [name for name in written if not numbered_by_reading_order(name)]
    assert len(stable) > 10
    assert all((tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes() for name in stable)


def test_pagefind_indexes_the_next_shard_while_the_one_before_is_finished(tmp_path, monkeypatch):
    """The metadata rewritten, the dates written and the index moved into place on the stage's
    thread while Pagefind, one process at a time, goes on with the next shard."""
    import threading

    from tei.render import search

    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 2)
    pages = _pages(tmp_path / "pages", {f"doc{n}": f"text number {n}" for n in range(6)})   # English shards
    started, run_pagefind, finish_shard = [], search._run_pagefind, search._finish_shard
    second = threading.Event()

    def pagefind(pages, buckets, folder):
        started.append(folder.name)
        if len(started) == 2:
            second.set()
        return run_pagefind(pages, buckets, folder)

    def finish(pages, buckets, folder, own):
        if folder.name == "en-1":
            assert second.wait(timeout=20), "Pagefind waited for the first shard to be finished"
        return finish_shard(pages, buckets, folder, own)

    monkeypatch.setattr("tei.render.search._run_pagefind", pagefind)
    monkeypatch.setattr("tei.render.search._finish_shard", finish)
    write_search_index(pages, tmp_path / "pagefind")
    listing = json.loads((tmp_path / "pagefind/shards.json").read_text())
    assert started[:3] == ["en-1", "en-2", "en-3"] and {shard["path"].rstrip("/") for shard in listing} <= set(started)


def test_pagefind_starts_before_the_pages_of_a_shard_never_indexed_are_read_and_they_are_read_once(
        tmp_path, monkeypatch):
    """What a shard was made from (`indexed.json`) and its dates come from one reading of its pages,
    once Pagefind has indexed it: the first Pagefind does not wait for every page to be read."""
    from tei.render import search

    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 2)
    pages = _pages(tmp_path / "pages", {f"doc{n}": f"text number {n}" for n in range(4)})
    events, run_pagefind, read_pages = [], search._run_pagefind, search._read_pages
    monkeypatch.setattr("tei.render.search._run_pagefind", lambda pages, buckets, folder: (
        events.append(("pagefind", folder.name)) or run_pagefind(pages, buckets, folder)))
    monkeypatch.setattr("tei.render.search._read_pages", lambda pages, buckets: (
        events.append(("read", buckets)) or read_pages(pages, buckets)))
    write_search_index(pages, tmp_path / "pagefind")
    assert events[0] == ("pagefind", "en-1")
    assert sorted(str(buckets) for kind, buckets in events if kind == "read") == ["range(0, 128)", "range(128, 256)"]
    state = json.loads((pages / "indexed.json").read_text())
    assert state == {shard: search._pages_digest(pages / "en", buckets) for shard, _, buckets in search_shards(pages)}


def test_a_shard_that_cannot_be_finished_stops_the_indexing_and_leaves_no_scratch(tmp_path, monkeypatch):
    """The first failure is raised; of the shards after it, only the one Pagefind had started is indexed."""
    from tei.render import search

    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 2)
    pages = _pages(tmp_path / "pages", {f"doc{n}": f"text number {n}" for n in range(8)})   # four English shards
    started, run_pagefind = [], search._run_pagefind
    monkeypatch.setattr("tei.render.search._run_pagefind", lambda pages, buckets, folder: (
        started.append(folder.name) or run_pagefind(pages, buckets, folder)))

    def failing(folder, addresses, name):
        raise SearchIndexError(f"{folder}: error: stopped")

    monkeypatch.setattr("tei.render.search.compact_index", failing)
    with pytest.raises(SearchIndexError, match="stopped"):
        write_search_index(pages, tmp_path / "pagefind")
    assert started in (["en-1"], ["en-1", "en-2"])
    assert list((tmp_path / "pagefind").iterdir()) == []
    assert not (pages / "indexed.json").exists()


def test_indexing_needs_no_network(tmp_path):
    """Run in a network namespace of its own, where no address but loopback exists."""
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is not installed")
    if subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode:
        pytest.skip("this machine does not allow a network namespace here")
    pages = _pages(tmp_path / "pages", {"a": "беседа", "b": "talks"})
    code = ("import sys; from pathlib import Path; from tei.render.search import write_search_index; "
            "print(len(write_search_index(Path(sys.argv[1]), Path(sys.argv[2]))))")
    done = subprocess.run(["unshare", "--net", sys.executable, "-c", code, str(pages), str(tmp_path / "pagefind")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 5
    assert [s["languages"] for s in json.loads((tmp_path / "pagefind/shards.json").read_text())] == [["en"], ["ru"]]


def test_without_pagefind_the_build_says_so_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    with pytest.raises(SearchIndexError) as caught:
        write_search_index(_pages(tmp_path / "pages", {"a": "talks"}), tmp_path / "pagefind")
    assert "\n" not in str(caught.value) and "error: Pagefind cannot run" in str(caught.value)
    assert list((tmp_path / "pagefind").glob(".*")) == []


def test_a_full_disk_met_while_pagefind_writes_is_said_at_once_in_one_line(tmp_path):
    from tests.test_clean_errors import mounted_tmpfs

    disk = tmp_path / "disk"
    if not mounted_tmpfs(disk, "40k"):
        pytest.skip("cannot mount a tmpfs here (needs root in a system that allows it)")
    try:
        with pytest.raises(SearchIndexError) as caught:
            write_search_index(_pages(tmp_path / "pages", {"a": "talks", "b": "беседа"}), disk / "pagefind")
    finally:
        subprocess.run(["umount", str(disk)], check=False)
    said = str(caught.value)
    assert "\n" not in said and "cannot write: No space left on device (the disk is full)" in said


PAST_A_FILE_SIZE_LIMIT = """\
import resource, sys
from pathlib import Path
from tests.test_search import _pages
from tei.render.search import SearchIndexError, write_search_index
pages = _pages(Path(sys.argv[1]) / "pages", {"a": "talks", "b": "беседа"})
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))       # ulimit -f 20
try:
    write_search_index(pages, Path(sys.argv[1]) / "pagefind")
except SearchIndexError as error:
    print(error)
"""


def test_pagefind_killed_past_a_file_size_limit_is_one_line_not_a_hang(tmp_path):
    """Pagefind killed (by SIGXFSZ past `ulimit -f`, by kill -9, for want of memory) left its service waiting
    for an answer for ever, and the build with it."""
    done = subprocess.run([sys.executable, "-c", PAST_A_FILE_SIZE_LIMIT, str(tmp_path)], capture_output=True,
                          text=True, timeout=60, check=False, cwd=Path(__file__).resolve().parents[1])
    assert done.stderr == ""
    assert done.stdout == (f"{tmp_path}/pages/en: error: Pagefind could not index the search pages: its process "
                           "was killed by SIGXFSZ (a file over the size limit of ulimit -f)\n")


def test_pagefind_whose_answers_cannot_be_read_is_one_line_not_a_hang(tmp_path, monkeypatch):
    """The task of Pagefind's service that reads its answers stops at one it cannot read (Pagefind's standard
    error shares their pipe): no answer would come again, and the build waited for ever."""
    import asyncio
    import gc

    async def unread(index, pages, glob, scratch):
        index._service._poll_task.cancel()
        await index.add_directory(str(pages.resolve()), glob=glob)

    monkeypatch.setattr(search, "_index_and_write", unread)
    pages = _pages(tmp_path / "pages", {"a": "talks"}) / "en"
    (tmp_path / "scratch").mkdir()
    with pytest.raises(SearchIndexError, match="Pagefind could not index the search pages: its answers could not be"):
        asyncio.run(asyncio.wait_for(search._index(pages, "*/*/*.html", tmp_path / "scratch"), 30))
    gc.collect()        # its process and pipes let go of: no ResourceWarning (an error in this suite)


def _index_metadata(index: Path) -> list:
    from tei.render.search_meta import pagefind_data

    meta_file, = index.glob("*.pf_meta")
    return pagefind_data(meta_file)


def test_each_word_is_in_the_range_of_its_own_chunk_and_of_no_other(tmp_path, monkeypatch):
    """Pagefind's query fetches the chunks whose range holds the word; when none does, every chunk
    whose range's starts match the word's: "ambassador" then fetched the chunk ending on "a" too
    (about 10 KB from each index at 10,000 documents)."""
    from tei.render.search_meta import pagefind_data

    common = " ".join(["a"] * 60 + ["am", "ambassador", "american", "ab", "abroad", "an", "and"])
    texts = {f"doc{n}": common + " " + " ".join(f"word{n}x{k}" for k in range(60)) for n in range(6)}
    monkeypatch.setattr("tei.render.search.INDEX_CHUNK", 50)
    write_search_index(_pages(tmp_path / "pages", texts), tmp_path / "pagefind")
    index = tmp_path / "pagefind" / "en-1"
    chunks = [chunk for chunk in _index_metadata(index)[2] if chunk[0] != chunk[1]]     # not a start's own
    assert len(chunks) >= 10
    for number, (_, _, name) in enumerate(chunks):
        for word, *_ in pagefind_data(index / "index" / f"{name}.pf_index")[0]:
            assert [n for n, (first, last, _) in enumerate(chunks) if first <= word <= last] == [number], word


def _words_by_chunk(index: Path) -> dict[str, dict[str, set[int]]]:
    """Each chunk's words and the texts (Pagefind's numbers) each is on."""
    from itertools import accumulate

    from tei.render.search_meta import pagefind_data

    return {name: {word: set(accumulate(page[0] for page in pages))        # each a difference from the last
                   for word, pages, *_ in pagefind_data(index / "index" / f"{name}.pf_index")[0]}
            for _, _, name in _index_metadata(index)[2]}


def _found_as_pagefind_does(index: Path, term: str) -> set[int]:
    """The texts Pagefind 1.5's query finds for `term`: it fetches the first chunk listed whose range
    holds the term (if none does, whose range holds it cut to the length of each end, or each end cut to
    its length), and takes every word of it that begins with the term."""
    chunks = _index_metadata(index)[2]
    chunk = next((name for first, last, name in chunks if first <= term <= last), None) or next(
        name for first, last, name in chunks
        if term[:len(first)] >= first[:len(term)] and term[:len(last)] <= last[:len(term)])
    return set().union(*(texts for word, texts in _words_by_chunk(index)[chunk].items() if word.startswith(term)))


def test_a_start_whose_words_fall_in_two_chunks_finds_every_text_they_are_on(tmp_path, monkeypatch):
    """Pagefind fetches one chunk of the word index for a word and looks for the words it begins in it:
    "mud" found the texts of mud but not of mudflat in the next chunk. In chunks of 50 entries, every
    start of two letters or more of every word finds the texts one chunk of the whole index finds."""
    texts = {f"doc{n:02d}": f"mud{'abcdefghijklmnopqrst'[n % 20]}{n} mob{n} mug{n} plain" for n in range(40)}
    texts |= {f"док{n:02d}": f"бес{'абвгдежзиклмнопрстуф'[n % 20]}{n} бег{n} простой" for n in range(40)}
    pages = _pages(tmp_path / "pages", texts)
    monkeypatch.setattr("tei.render.search.INDEX_CHUNK", 50)
    write_search_index(pages, tmp_path / "chunked" / "pagefind")
    monkeypatch.setattr("tei.render.search.INDEX_CHUNK", 10**9)
    write_search_index(pages, tmp_path / "whole" / "pagefind")
    for language, straddling in (("en", {"mu", "mud", "mudb", "mo", "mob1"}), ("ru", {"бе", "бес", "бесб", "бег1"})):
        chunked, whole = (tmp_path / size / "pagefind" / f"{language}-1" for size in ("chunked", "whole"))
        assert len(_index_metadata(whole)[2]) == 1 and len(_words_by_chunk(chunked)) >= 4
        words = {word for chunk in _words_by_chunk(whole).values() for word in chunk}
        starts = {word[:length] for word in words for length in range(2, len(word) + 1)}
        assert straddling <= starts
        for start in sorted(starts):
            assert _found_as_pagefind_does(chunked, start) == _found_as_pagefind_does(whole, start), start


def test_the_records_and_chunks_are_named_by_their_index_and_order_in_fewer_bytes(tmp_path, monkeypatch):
    """Pagefind names each record and word index chunk by seven hexadecimal digits of a hash, listed
    in the metadata a browser fetches before any query: digits that do not compress."""
    import gzip
    import re

    texts = {f"doc{n:03d}": f"talks number {n}" for n in range(300)}
    pages = _pages(tmp_path / "pages", texts)
    write_search_index(pages, tmp_path / "compact" / "pagefind")
    monkeypatch.setattr("tei.render.search.compact_index", lambda folder, addresses, name: addresses)
    write_search_index(pages, tmp_path / "pagefind's" / "pagefind")
    compact, pagefinds = (tmp_path / kind / "pagefind" / "en-1" for kind in ("compact", "pagefind's"))
    names = {p.stem: json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
             for p in (compact / "fragment").glob("*.pf_fragment")}
    assert len(names) == len(texts) and all(re.fullmatch(r"en-1\.[0-9a-f]{8}\.[0-9a-f]{1,3}", n) for n in names)
    assert sorted(names, key=lambda n: int(n.rsplit(".", 1)[1], 16)) == sorted(names, key=names.get)
    meta = _index_metadata(compact)
    assert {page[0] for page in meta[1]} == set(names)
    prefix = next(iter(names)).rsplit(".", 1)[0]
    assert [chunk[2] for chunk in meta[2]] == [f"{prefix}.{n:x}" for n in range(len(meta[2]))]
    assert sorted(p.stem for p in (compact / "index").glob("*.pf_index")) == sorted(chunk[2] for chunk in meta[2])
    assert set(json.loads((compact / "dates.json").read_text())) == set(names)
    size = {folder: next(folder.glob("*.pf_meta")).stat().st_size for folder in (compact, pagefinds)}
    assert size[compact] < 0.7 * size[pagefinds], size


def test_an_index_written_by_another_pagefind_than_1_5_is_left_as_it_wrote_it(tmp_path, monkeypatch):
    """The same layout may mean something else in another version (the ends of the chunk ranges)."""
    from tei.render.search_meta import compact_index, record_addresses

    monkeypatch.setattr("tei.render.search.compact_index", lambda folder, addresses, name: addresses)
    write_search_index(_pages(tmp_path / "pages", {f"doc{n}": f"talks number {n}" for n in range(20)}),
                       tmp_path / "pagefind")
    index = tmp_path / "pagefind" / "en-1"
    entry = json.loads((index / "pagefind-entry.json").read_text())
    entry["version"] = "1.6.0"
    (index / "pagefind-entry.json").write_text(json.dumps(entry))
    files = {p.relative_to(index).as_posix(): p.read_bytes() for p in index.rglob("*") if p.is_file()}
    addresses = record_addresses(index)
    assert compact_index(index, addresses, "en-1") == addresses
    assert {p.relative_to(index).as_posix(): p.read_bytes() for p in index.rglob("*") if p.is_file()} == files


def test_an_index_laid_out_otherwise_than_pagefind_1_5_does_is_left_as_it_is(tmp_path):
    import gzip

    from tei.render.search_meta import SIGNATURE, compact_index

    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "en_1234567.pf_fragment").write_bytes(b"record")
    meta = gzip.compress(SIGNATURE + bytes([0x82, 0x65]) + b"1.9.0" + bytes([0xFB]) + bytes(8))   # a float
    (tmp_path / "pagefind.en_0123456789.pf_meta").write_bytes(meta)
    entry = '{"version":"1.9.0","languages":{"en":{"hash":"en_0123456789","wasm":"en","page_count":1}}}'
    (tmp_path / "pagefind-entry.json").write_text(entry)
    addresses = {"en_1234567": "/00/1/a.html"}
    assert compact_index(tmp_path, addresses, "en-1") == addresses
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*")) == [
        "fragment/en_1234567.pf_fragment", "pagefind-entry.json", "pagefind.en_0123456789.pf_meta"]
    assert (tmp_path / "pagefind-entry.json").read_text() == entry


def test_each_entry_of_a_word_index_chunk_is_read_whole_whatever_its_shape():
    """Most entries are matched in one go (`WORD_PAGES`); one of another shape is walked item by item."""
    from tei.render.search_meta import _encode, _entries

    entries = [
        ["able", [[1, [-25, 3, 300], []], [2, [], [-1, 70000]]], []],
        ["ably", [[1, [4], []]], [[5, [6]]]],                    # something after the pages: walked
        ["abroad", [[3, [-25, 2**40], [1, 2]]], []],
        ["abs", [], []],
    ]
    chunk = _encode([entries])
    assert _entries(chunk) == [(entry[0], _encode(entry)) for entry in entries]
