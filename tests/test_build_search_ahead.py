"""The search shards indexed while the document stages still run (tei/pipeline/ahead.py).

A real build (every stage of the web edition, Pagefind included) of copies of the seeds, with
shards of two texts so that a small edition has several of them in each language.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tei.pipeline.build import BuildOptions, build_edition
from tei.pipeline.config import EditionConfig
from tei.pipeline.stages import STAGES
from tei.render import search
from tei.render.search import ENTRY, SearchIndexError, numbered_by_reading_order

# The seeds with a Russian original and its English translation: copies of them have the same languages.
SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("00[24]_*.txt"))
COPIES = 6


@pytest.fixture
def edition(tmp_path, monkeypatch) -> EditionConfig:
    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 2)
    folder = tmp_path / "edition"
    (folder / "texts").mkdir(parents=True)
    for copy in range(COPIES):
        for seed in SEEDS:
            (folder / "texts" / f"{seed.stem}-{copy}.txt").write_bytes(seed.read_bytes())
    return EditionConfig(source_root=folder, sources=("texts/*.txt",), output_dir=folder / "build",
                         outputs=("tei", "web"))


def build(config: EditionConfig, stages=STAGES):
    return build_edition(config, BuildOptions(jobs=1, stages=stages))


def without_ahead(stages):
    return tuple(replace(stage, ahead=None) for stage in stages)


def bundle(out: Path) -> dict[str, bytes]:
    """The search bundle's files but those Pagefind numbers in the order it read the pages."""
    folder = out / "web" / "pagefind"
    files = {p.relative_to(out / "web").as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return {name: data for name, data in files.items() if not numbered_by_reading_order(name)}


@pytest.fixture
def indexed_while_building(monkeypatch):
    """For each shard indexed by the build before its search stage: the documents whose TEI was written by then."""
    seen: list[tuple[str, int]] = []
    index_now = search.index_shard_now

    def counting(pages, bundle_folder, language, number, buckets):
        seen.append((f"{language}-{number}", len(list((pages.parents[1] / "tei").glob("*.xml")))))
        return index_now(pages, bundle_folder, language, number, buckets)

    monkeypatch.setattr(search, "index_shard_now", counting)
    return seen


def test_shards_are_indexed_while_documents_are_built_into_the_same_bundle(edition, indexed_while_building, tmp_path):
    report = build(edition)
    assert report.errors == 0
    documents = len(SEEDS) * COPIES
    assert indexed_while_building and min(done for _, done in indexed_while_building) < documents
    early = bundle(edition.output_dir)
    listing = json.loads((edition.output_dir / "web/pagefind/shards.json").read_text())
    assert {f"{shard}/" for shard, _ in indexed_while_building} < {entry["path"] for entry in listing}

    later = replace(edition, output_dir=tmp_path / "later")
    assert build(later, without_ahead(STAGES)).errors == 0
    assert early == bundle(later.output_dir) and len(early) > 20
    assert listing == json.loads((later.output_dir / "web/pagefind/shards.json").read_text())


def shards_indexed(edition, monkeypatch) -> tuple[list[str], list[str]]:
    """Build: the shards Pagefind indexed, early or in the search stage, in order (a shard twice if indexed
    twice), and those the bundle lists."""
    indexed: list[str] = []
    run_pagefind = search._run_pagefind
    monkeypatch.setattr(search, "_run_pagefind", lambda pages, buckets, folder: (
        indexed.append(folder.name) or run_pagefind(pages, buckets, folder)))
    assert build(edition).errors == 0
    listing = json.loads((edition.output_dir / "web/pagefind/shards.json").read_text())
    return indexed, [entry["path"].rstrip("/") for entry in listing]


def test_a_shard_indexed_early_is_not_indexed_again_by_the_search_stage(edition, monkeypatch):
    indexed, listed = shards_indexed(edition, monkeypatch)
    assert sorted(indexed) == sorted(set(indexed))      # none twice (some shards' buckets hold no text)
    assert set(listed) <= set(indexed)


def test_a_failure_of_an_early_shard_is_one_error_and_the_next_build_indexes_it(edition, monkeypatch):
    run_pagefind = search._run_pagefind
    calls: list[str] = []

    def failing_first(pages, buckets, folder):
        calls.append(folder.name)
        if len(calls) == 1:
            raise SearchIndexError(f"{pages}: error: Pagefind could not index the search pages: stopped")
        return run_pagefind(pages, buckets, folder)

    monkeypatch.setattr(search, "_run_pagefind", failing_first)
    report = build(edition)
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert [(d.rule, d.stage) for d in errors] == [("search-index", "search")]
    assert "\n" not in errors[0].message and "could not index the search pages: stopped" in errors[0].message
    assert calls == calls[:1]                      # the build indexed nothing after the failure
    assert report.rebuilt == len(SEEDS) * COPIES   # and built every document all the same

    again = build(edition)
    assert again.errors == 0 and again.rebuilt == 0
    listing = json.loads((edition.output_dir / "web/pagefind/shards.json").read_text())
    assert calls[0] in calls[1:]
    assert all((edition.output_dir / "web/pagefind" / entry["path"] / ENTRY).is_file() for entry in listing)


def test_no_shard_is_indexed_beside_the_workers_when_its_pagefind_would_not_fit_in_the_memory_budget(
        edition, indexed_while_building, monkeypatch):
    monkeypatch.setattr("tei.pipeline.ahead.MEMORY_BUDGET", 0)
    assert build(edition).errors == 0
    assert indexed_while_building == []
    listing = json.loads((edition.output_dir / "web/pagefind/shards.json").read_text())
    assert all((edition.output_dir / "web/pagefind" / entry["path"] / ENTRY).is_file() for entry in listing)


@pytest.mark.parametrize("per_byte", [0, 1])
def test_a_shard_is_indexed_beside_the_workers_only_when_its_pages_bytes_fit_in_the_memory_budget(
        edition, indexed_while_building, monkeypatch, per_byte):
    """The memory check expects Pagefind to hold so much a byte of the shard's pages: with nothing else
    counted, a budget of 1,000 bytes holds a shard of two texts only while their bytes count for nothing."""
    monkeypatch.setattr("tei.pipeline.ahead.tree_resident_bytes", lambda pid: 0)
    monkeypatch.setattr("tei.pipeline.ahead.MEMORY_BUDGET", 1000)
    monkeypatch.setattr("tei.render.search.PAGEFIND_MEMORY", (0, 0, per_byte))
    assert build(edition).errors == 0
    assert bool(indexed_while_building) == (per_byte == 0)


def test_shards_capped_by_bytes_are_indexed_while_documents_are_built_and_not_again(edition, monkeypatch):
    """Shards of about two texts' bytes: those the build indexes early are the search stage's. The texts
    are all of one length, so that their bytes are known from the first ones built, as in a large edition."""
    for long_one in (edition.source_root / "texts").glob(f"{SEEDS[0].stem}-*.txt"):
        long_one.unlink()
    monkeypatch.setattr("tei.render.search.SHARD_PAGES", 1000)
    monkeypatch.setattr("tei.render.search.SHARD_BYTES", 2 * 3000)
    indexed, listed = shards_indexed(edition, monkeypatch)
    assert len(listed) > 3
    assert sorted(indexed) == sorted(set(indexed))      # none twice (some shards' buckets hold no text)
    assert set(listed) <= set(indexed)


def test_the_bytes_of_the_texts_to_come_are_expected_from_every_text_made_so_far(tmp_path):
    """The first shard's documents have short texts, the others long ones: their bytes at the end are
    expected from the mean size of every page made so far, not only of those on disk when the first
    shard was ready (which would expect 2,000 bytes a text, a fifth of the end's)."""
    from tei.names import DocumentOutputs, search_bucket
    from tei.pipeline.ahead import SearchAhead
    from tei.pipeline.model import SourceDocument

    names = sorted((f"doc{n}" for n in range(40)), key=search_bucket)
    todo = [SourceDocument(name, f"{name}.txt", b"") for name in names]
    ahead = SearchAhead(tmp_path, todo, settle=lambda: None)
    try:
        for number, name in enumerate(doc.name for doc in ahead.order(todo)):
            page = DocumentOutputs(name).search_page(1, "en")
            (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / page).write_bytes(b"x" * (2000 if number < 4 else 12000))
            if number == 4:
                ahead.expected_extents()        # counted on disk: four short pages
            ahead.accepted(name, (), (page,))
        texts, size = ahead.expected_extents()["en"]
    finally:
        ahead.cancel()
    on_disk = sum(page.stat().st_size for page in tmp_path.rglob("*.html"))
    assert texts == len(names) and size == on_disk


def test_the_memory_of_the_build_counts_its_processes_under_it(tmp_path):
    import os
    import subprocess
    import sys

    from tei.pipeline.ahead import tree_resident_bytes

    alone = tree_resident_bytes(os.getpid())
    holding = "import sys; block = bytearray(64 * 2**20); print(flush=True); sys.stdin.read()"
    child = subprocess.Popen([sys.executable, "-c", holding], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        child.stdout.readline()
        assert tree_resident_bytes(os.getpid()) - alone > 60 * 2**20
    finally:
        child.communicate(b"")


def test_the_search_stage_counts_the_cpu_of_the_pagefind_processes_of_the_shards_indexed_early(edition, monkeypatch):
    indexed_early: list[float] = []
    index_now = search.index_shard_now
    monkeypatch.setattr(search, "index_shard_now", lambda *shard: indexed_early.append(1) or index_now(*shard))
    monkeypatch.setattr(search, "_children_cpu_seconds", lambda: 1000.0)
    report = build(edition)
    tally = next(stage for stage in report.stages if stage.name == "search")
    assert indexed_early and tally.cpu_seconds >= 1000.0 * len(indexed_early)


def test_the_cpu_of_a_process_this_thread_started_is_read_while_it_runs():
    import subprocess
    import sys

    busy = ("import sys, time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n"
            "print(flush=True)\nsys.stdin.read()")
    child = subprocess.Popen([sys.executable, "-c", busy], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        child.stdout.readline()
        assert search._children_cpu_seconds() >= 0.25
    finally:
        child.communicate(b"")


# ---------------------------------------------------------------- kill -9 while a shard is indexed early

# `tei build` in a process of its own, with shards of two texts; the first shard indexed beside the workers
# (on the thread tei.pipeline.ahead starts) holds at `HOLD` (before or after Pagefind writes its files into
# the shard's scratch folder, its process running), says so in the file $KILL_ME, and waits to be killed.
HELD_BUILD = """\
import asyncio, os, sys, threading
from pathlib import Path
from pagefind.index import PagefindIndex
import tei.render.search
from tei.cli import main

tei.render.search.SHARD_PAGES = 2
write_files = PagefindIndex.write_files

async def held(index, output_path=None):
    early = threading.current_thread().name.startswith("tei-search-ahead")
    if early and os.environ["HOLD"] == "after":
        await write_files(index, output_path)
    if early:   # written whole, then named: the test reads it as soon as the name exists
        Path(os.environ["KILL_ME"] + ".part").write_text(output_path, encoding="utf-8")
        os.replace(os.environ["KILL_ME"] + ".part", os.environ["KILL_ME"])
        await asyncio.sleep(3600)
    return await write_files(index, output_path)

PagefindIndex.write_files = held
sys.exit(main(sys.argv[1:]))
"""


def build_command(edition: EditionConfig) -> list[str]:
    import sys

    toml = edition.source_root / "edition.toml"
    toml.write_text('[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = ["tei", "web"]\n', encoding="utf-8")
    return [sys.executable, "-c", HELD_BUILD, "build", "--quiet", "--config", str(toml), "-o",
            str(edition.output_dir), "-j", "1"]


def killed_while_indexing_early(edition: EditionConfig, hold: str, tmp_path: Path) -> Path:
    """Start the held build, kill -9 its whole process group once a shard is held; the scratch folder."""
    import os
    import signal
    import subprocess
    import time

    from tests.test_build_crash import wait_until_gone

    kill_me = tmp_path / f"kill-me-{hold}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "HOLD": hold, "KILL_ME": str(kill_me)}
    build_process = subprocess.Popen(build_command(edition), env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 600
    while not kill_me.exists() and build_process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert kill_me.exists(), f"no shard was indexed early: {build_process.stderr.read().decode()[-2000:]}"
    build_process.send_signal(signal.SIGKILL)
    build_process.wait()
    build_process.stderr.close()
    assert wait_until_gone(build_process.pid, 30) == [], "Pagefind or a worker outlived the killed build"
    return Path(kill_me.read_text(encoding="utf-8"))


@pytest.mark.parametrize("hold", ["before", "after"], ids=["before-pagefind-writes", "after-pagefind-wrote"])
def test_a_build_killed_while_a_shard_is_indexed_early_then_rebuilt_has_the_whole_bundle_and_no_scratch(
        edition, hold, tmp_path):
    scratch = killed_while_indexing_early(edition, hold, tmp_path)
    assert scratch.parent.name.endswith(".tmp") and scratch.parent.parent == edition.output_dir / "web/pagefind"
    assert scratch.is_dir() and any(scratch.iterdir()) == (hold == "after")

    assert build(edition).errors == 0
    clean = replace(edition, output_dir=tmp_path / "clean")
    assert build(clean, without_ahead(STAGES)).errors == 0
    assert bundle(edition.output_dir) == bundle(clean.output_dir) and len(bundle(clean.output_dir)) > 20
    listing = json.loads((edition.output_dir / "web/pagefind/shards.json").read_text())
    assert listing == json.loads((clean.output_dir / "web/pagefind/shards.json").read_text())
    left = [path for path in edition.output_dir.rglob("*") if path.name.endswith(".tmp")]
    assert left == [] and not scratch.parent.exists()
