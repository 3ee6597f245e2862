"""`tei build`: incremental, parallel, failure-isolating, reproducible builds.

These tests run the real scheduler, cache and executors over tiny fake stages
(tests/test_build_fakes.py), so they are fast and say exactly which documents
were worked on. tests/test_build_real.py builds the seeds with the real stages.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from tei.pipeline.build import BuildOptions, build_edition
from tei.pipeline.config import EditionConfig
from tei.pipeline.model import SHARED, Stage
from tei.pipeline.progress import PlainProgress
from tests.test_build_fakes import (
    FAKE_STAGES,
    broken_prepare,
    broken_web,
    busy_web,
    fake_index,
    fake_search,
    idle_validate,
    meeting,
    not_here,
)

SOURCES = {
    "alpha": "Alpha report\nFirst paragraph.\n",
    "beta": "Beta telegram\nAn ODD sign here.\n",
    "gamma": "Gamma letter\nThird text.\n",
}


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "work.log"
    path.touch()
    monkeypatch.setenv("TEI_BUILD_FAKE_LOG", str(path))
    return path


@pytest.fixture
def edition(tmp_path) -> EditionConfig:
    folder = tmp_path / "edition"
    (folder / "texts").mkdir(parents=True)
    for name, text in SOURCES.items():
        (folder / "texts" / f"{name}.txt").write_text(text, encoding="utf-8")
    return EditionConfig(source_root=folder, sources=("texts/*.txt",), output_dir=folder / "build")


def run(config: EditionConfig, stages=FAKE_STAGES, **options):
    options.setdefault("jobs", 1)
    return build_edition(config, BuildOptions(stages=stages, **options))


def work(log: Path) -> list[str]:
    """The stage calls since the last look, sorted, and start afresh."""
    lines = sorted(log.read_text().splitlines())
    log.write_text("")
    return lines


def tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; the cache's manifest by what it holds, not its pages (they follow the order
    the documents finished in)."""
    return {
        p.relative_to(folder).as_posix(): manifest_rows(p) if p.name == "manifest.sqlite" else p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def manifest_rows(path: Path) -> bytes:
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = [*db.execute("SELECT * FROM documents ORDER BY name"), *db.execute("SELECT * FROM shared")]
    return repr(rows).encode()


def source(config: EditionConfig, name: str) -> Path:
    return config.source_root / "texts" / f"{name}.txt"


# ------------------------------------------------------------ a first build

def test_a_build_writes_every_stage_output_and_the_report(edition, log):
    report = run(edition)
    files = tree(edition.output_dir)
    for name in SOURCES:
        assert {f"tei/{name}.xml", f"web/{name}.html", f"pdf/{name}.pdf"} <= set(files)
    shared = {"web/index.html", "pdf/edition.pdf", "report.json", ".cache/manifest.sqlite"}
    assert shared <= set(files)
    assert report.rebuilt == 3 and report.errors == 0 and report.warnings == 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_stage_counts_the_cpu_time_of_its_work_not_its_waiting(edition, log, jobs):
    stages = tuple(replace(s, run={"web": busy_web, "validate": idle_validate}.get(s.name, s.run))
                   for s in FAKE_STAGES)
    tally = {s.name: s for s in run(edition, stages=stages, jobs=jobs).stages}
    assert tally["web"].cpu_seconds >= 0.3                       # three documents, 0.1 s each
    assert tally["validate"].cpu_seconds < 0.1 < tally["validate"].seconds
    assert tally["index"].cpu_seconds > 0


def test_the_report_lists_each_warning_with_path_line_column_rule_and_message(edition, log):
    import json

    run(edition)
    report = json.loads((edition.output_dir / "report.json").read_text())
    assert report["diagnostics"] == [{
        "path": "texts/beta.txt", "line": 2, "column": 4, "severity": "warning",
        "rule": "fake-odd", "message": "odd sign kept", "layer": "", "stage": "encode",
    }]
    assert report["documents"] == 3 and report["warnings"] == 1 and report["errors"] == 0


def test_shared_stages_see_every_document_with_its_cached_facts(edition, log):
    run(edition)
    index = (edition.output_dir / "web/index.html").read_text()
    assert index == "alpha: Alpha report\nbeta: Beta telegram\ngamma: Gamma letter"


# ------------------------------------------------------------ incremental

def test_a_rebuild_with_nothing_changed_does_no_work_and_says_so(edition, log):
    run(edition)
    before = {p: p.stat().st_mtime_ns for p in edition.output_dir.rglob("*") if p.is_file()}
    work(log)
    progress_lines = []
    progress = PlainProgress(stream=_Lines(progress_lines))
    report = build_edition(edition, BuildOptions(jobs=1, stages=FAKE_STAGES), progress)
    assert work(log) == []
    assert report.rebuilt == 0 and report.warnings == 1   # the cached warning is still reported
    assert "documents: all 3 up to date, nothing to do" in progress_lines
    after = {p: p.stat().st_mtime_ns for p in edition.output_dir.rglob("*") if p.is_file()}
    assert after == before   # not even rewritten


def test_after_one_change_only_that_document_and_the_shared_outputs_are_redone(edition, log):
    run(edition)
    work(log)
    source(edition, "beta").write_text("Beta telegram, revised\n", encoding="utf-8")
    report = run(edition)
    assert work(log) == [
        "encode beta", "index edition", "pdf beta", "validate beta", "volume edition", "web beta",
    ]
    assert report.rebuilt == 1 and report.warnings == 0
    assert b"REVISED" in (edition.output_dir / "web/beta.html").read_bytes()


def test_a_removed_source_takes_its_outputs_with_it(edition, log):
    run(edition)
    source(edition, "gamma").unlink()
    report = run(edition)
    assert report.removed == ("gamma",)
    assert not any("gamma" in name for name in tree(edition.output_dir) if "cache" not in name)
    assert "gamma" not in (edition.output_dir / "web/index.html").read_text()


def test_a_deleted_output_is_made_again(edition, log):
    run(edition)
    work(log)
    (edition.output_dir / "web/alpha.html").unlink()
    run(edition)
    assert "web alpha" in work(log)
    assert (edition.output_dir / "web/alpha.html").is_file()


def test_a_changed_configuration_rebuilds_everything(edition, log):
    run(edition)
    work(log)
    run(replace(edition, config_text='[edition]\ntitle = "Another title"\n'))
    assert [line for line in work(log) if line.startswith("encode")] == [
        "encode alpha", "encode beta", "encode gamma",
    ]


def test_a_damaged_cache_manifest_costs_a_rebuild_not_a_failure(edition, log):
    run(edition)
    (edition.output_dir / ".cache/manifest.sqlite").write_text("not a database")
    report = run(edition)
    assert report.rebuilt == 3 and report.errors == 0


# ------------------------------------------------------------ failures

def test_one_bad_document_does_not_stop_the_others(edition, log):
    source(edition, "alpha").write_text("Alpha\nthis is BROKEN\n", encoding="utf-8")
    report = run(edition)
    assert report.failed == ("alpha",) and report.errors == 1
    error = next(d for d in report.diagnostics if d.severity == "error")
    assert str(error) == "texts/alpha.txt:2:9: error: [fake-broken] cannot encode this"
    for name in ("beta", "gamma"):
        assert (edition.output_dir / f"pdf/{name}.pdf").is_file()
    assert not (edition.output_dir / "tei/alpha.xml").exists()


def test_validation_errors_fail_the_build_but_the_pages_are_still_made(edition, log):
    source(edition, "gamma").write_text("Gamma\nINVALID\n", encoding="utf-8")
    report = run(edition)
    assert report.failed == ("gamma",)
    assert [str(d) for d in report.diagnostics if d.severity == "error"] == [
        "tei/gamma.xml:1:6: error: [fake-schema] not valid",
    ]
    assert (edition.output_dir / "web/gamma.html").is_file()


def test_a_failed_document_is_still_failed_when_rebuilt_from_the_cache(edition, log):
    source(edition, "alpha").write_text("BROKEN\n", encoding="utf-8")
    run(edition)
    work(log)
    report = run(edition)
    assert work(log) == [] and report.failed == ("alpha",) and report.errors == 1


def test_fail_fast_stops_at_the_first_failed_document(edition, log):
    source(edition, "alpha").write_text("BROKEN\n", encoding="utf-8")
    report = run(edition, fail_fast=True)
    assert report.errors == 1
    assert work(log) == ["encode alpha"]
    assert not (edition.output_dir / "web/index.html").exists()


def test_a_document_that_breaks_keeps_its_last_good_outputs_and_says_so(edition, log):
    run(edition)
    good = (edition.output_dir / "web/alpha.html").read_bytes()
    source(edition, "alpha").write_text("Alpha\nBROKEN now\n", encoding="utf-8")
    report = run(edition)
    assert (edition.output_dir / "web/alpha.html").read_bytes() == good
    kept = sorted(d.message for d in report.diagnostics if d.rule == "kept-previous-output")
    assert kept[0] == "kept the previous build's pdf/alpha.pdf: this build could not remake it"
    assert len(kept) == 3


def test_an_interrupted_build_leaves_the_previous_build_usable(edition, log):
    run(edition)
    previous = tree(edition.output_dir)
    source(edition, "beta").write_text("Beta\nINTERRUPT\n", encoding="utf-8")
    source(edition, "alpha").write_text("Alpha, new\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        run(edition)
    now = tree(edition.output_dir)
    assert not [name for name in now if name.endswith(".tmp")]
    assert now["web/beta.html"] == previous["web/beta.html"]
    assert now["web/index.html"] == previous["web/index.html"]
    source(edition, "beta").write_text("Beta again\n", encoding="utf-8")
    work(log)
    report = run(edition)
    assert report.errors == 0
    assert "encode alpha" not in work(log)   # finished before the interruption: kept


# ------------------------------------------------------------ stages

def test_a_stage_that_cannot_start_in_a_worker_fails_each_document_not_the_pool(edition, log):
    stages = tuple(
        replace(s, run=broken_web, prepare=broken_prepare) if s.name == "web" else s
        for s in FAKE_STAGES
    )
    report = run(edition, stages=stages, jobs=2)
    assert report.failed == ("alpha", "beta", "gamma")
    assert {d.rule for d in report.diagnostics if d.severity == "error"} == {"stage-crash"}
    assert (edition.output_dir / "pdf/alpha.pdf").is_file()


def test_a_document_whose_stage_crashed_is_built_again_by_the_next_build(edition, log):
    stages = tuple(replace(s, run=broken_web) if s.name == "web" else s for s in FAKE_STAGES)
    assert run(edition, stages=stages).failed == ("alpha", "beta", "gamma")
    work(log)
    report = run(edition)    # the sources unchanged: what crashed (a worker killed, memory short) runs again
    assert report.errors == 0 and report.failed == ()
    assert {"web alpha", "web beta", "web gamma"} <= set(work(log))


def test_a_shared_stage_runs_beside_the_one_it_names_each_with_its_own_cpu_time(edition, log):
    both = threading.Barrier(2, timeout=10)
    stages = tuple(replace(s, run=meeting(fake_index, both)) if s.name == "index" else s for s in FAKE_STAGES)
    search = Stage("search", SHARED, "web", meeting(fake_search, both), beside="index")
    report = run(edition, stages=(*stages, search))
    assert report.errors == 0
    assert {"web/index.html", "web/search.json"} <= set(tree(edition.output_dir))
    tally = {s.name: s for s in report.stages}
    assert tally["search"].done == tally["index"].done == 1
    assert tally["search"].cpu_seconds >= 0.2 > tally["index"].cpu_seconds   # the helper process is search's
    assert [s.name for s in report.stages][-3:] == ["index", "volume", "search"]


def test_an_unavailable_stage_is_skipped_with_its_reason(edition, log):
    stages = tuple(replace(s, probe=not_here) if s.name == "pdf" else s for s in FAKE_STAGES)
    lines: list[str] = []
    progress = PlainProgress(_Lines(lines))
    report = build_edition(edition, BuildOptions(jobs=1, stages=stages), progress)
    assert "pdf: skipped, not available (the fake renderer is switched off)" in lines
    assert not (edition.output_dir / "pdf/alpha.pdf").exists()
    assert {s.name: s.status for s in report.stages}["pdf"] == "unavailable"


def test_outputs_not_requested_by_the_configuration_are_not_made(edition, log):
    run(replace(edition, outputs=("tei", "web")))
    files = tree(edition.output_dir)
    assert "web/alpha.html" in files and not any(name.startswith("pdf/") for name in files)


def test_without_an_encoder_nothing_is_built_and_nothing_is_faked(edition, log):
    stages = tuple(replace(s, probe=not_here) if s.name == "encode" else s for s in FAKE_STAGES)
    report = run(edition, stages=stages)
    assert work(log) == []
    assert sorted(tree(edition.output_dir)) == [".cache/manifest.sqlite", "report.json"]
    assert {s.name: s.reason for s in report.stages}["web"] == "needs encode"


# ------------------------------------------------------------ reproducible

def test_two_clean_builds_are_byte_identical_and_hold_no_absolute_path(tmp_path, edition, log):
    first = run(edition)
    other = replace(edition, output_dir=tmp_path / "second")
    second = run(other)
    assert first.errors == second.errors == 0
    one, two = tree(edition.output_dir), tree(other.output_dir)
    assert one == two
    for data in one.values():
        assert str(tmp_path).encode() not in data


def test_source_date_epoch_sets_the_date_stages_print(edition, log, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run(edition)
    assert b"<date>2023-11-14</date>" in (edition.output_dir / "tei/alpha.xml").read_bytes()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    run(edition)
    assert b"<date>none</date>" in (edition.output_dir / "tei/alpha.xml").read_bytes()


# ------------------------------------------------------------ executors

def test_a_process_pool_gives_the_same_bytes_as_one_process(tmp_path, edition, log):
    run(edition, jobs=1)
    pooled = replace(edition, output_dir=tmp_path / "pooled")
    report = run(pooled, jobs=2)
    assert report.rebuilt == 3
    assert tree(pooled.output_dir) == tree(edition.output_dir)
    assert len(work(log)) == 2 * (3 * 4 + 2)


def test_a_dask_cluster_gives_the_same_bytes_as_the_process_pool(tmp_path, edition, log):
    distributed = pytest.importorskip("distributed")
    run(edition, jobs=2)
    on_dask = replace(edition, output_dir=tmp_path / "dask")
    # the dashboard on any free port: another run on this machine may hold dask's default, 8787
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        report = run(on_dask, executor="dask", scheduler=cluster.scheduler_address)
    assert report.rebuilt == 3 and report.errors == 0
    assert tree(on_dask.output_dir) == tree(edition.output_dir)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_manifest_is_saved_only_after_every_output_is_flushed_to_disk(edition, log, monkeypatch, jobs):
    import tei.pipeline.cache as cache
    import tei.pipeline.outputs as outputs

    events: list[str] = []
    monkeypatch.setattr(outputs.os, "sync", lambda: events.append("sync"))
    save = cache.Manifest.save
    monkeypatch.setattr(cache.Manifest, "save", lambda self, out: (events.append("save"), save(self, out)))
    run(edition, jobs=jobs)
    assert events == ["sync", "save"]
    run(edition, jobs=jobs)                     # nothing written: nothing to flush
    assert events == ["sync", "save", "save"]


def test_a_file_with_the_same_bytes_as_an_earlier_one_is_a_hard_link_to_it(tmp_path):
    from tei.pipeline.outputs import Layout, write_files

    write_files(Layout(tmp_path), (("tei/a.xml", b"<TEI/>"), ("web/a.html", b"<p/>"), ("web/tei/a.xml", b"<TEI/>")))
    assert (tmp_path / "web/tei/a.xml").samefile(tmp_path / "tei/a.xml")
    assert not (tmp_path / "web/a.html").samefile(tmp_path / "tei/a.xml")
    write_files(Layout(tmp_path), (("tei/a.xml", b"<TEI>new</TEI>"), ("web/tei/a.xml", b"<TEI>new</TEI>")))
    assert (tmp_path / "web/tei/a.xml").read_bytes() == b"<TEI>new</TEI>"
    assert (tmp_path / "web/tei/a.xml").samefile(tmp_path / "tei/a.xml")
    assert sorted(p.name for p in tmp_path.rglob("*.tmp")) == []


def test_without_hard_links_the_same_bytes_are_written_twice(tmp_path, monkeypatch):
    import tei.pipeline.outputs as outputs

    def refuse(source, target):
        raise OSError("hard links are not supported here")

    monkeypatch.setattr(outputs.os, "link", refuse)
    outputs.write_files(outputs.Layout(tmp_path), (("tei/a.xml", b"<TEI/>"), ("web/tei/a.xml", b"<TEI/>")))
    assert (tmp_path / "web/tei/a.xml").read_bytes() == b"<TEI/>"
    assert not (tmp_path / "web/tei/a.xml").samefile(tmp_path / "tei/a.xml")


class _Lines:
    """A text stream that collects printed lines (PlainProgress writes to it)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def write(self, text: str) -> None:
        self.lines.extend(line for line in text.splitlines() if line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


# ------------------------------------------------------------ progress

def test_on_a_terminal_each_stage_has_a_bar_with_its_count(edition, log):
    import io

    from rich.console import Console

    from tei.pipeline.progress import RichProgress

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100, color_system=None)
    build_edition(edition, BuildOptions(jobs=1, stages=FAKE_STAGES), RichProgress(console))
    shown = screen.getvalue()
    for stage in ("encode", "validate", "web", "pdf"):
        assert stage in shown
    assert "3/3" in shown and "1/1" in shown


@pytest.mark.parametrize(("documents", "jobs", "sizes"), [
    (1000, 2, [16] * 62 + [8]),       # many documents: batches of 16
    (40, 2, [5] * 8),                 # few: four batches per worker
    (3, 2, [1, 1, 1]),
])
def test_a_pool_gets_its_documents_in_order_in_batches_several_per_worker(documents, jobs, sizes):
    from tei.pipeline.executors import batches

    cut = batches(list(range(documents)), jobs)
    assert [len(batch) for batch in cut] == sizes
    assert [doc for batch in cut for doc in batch] == list(range(documents))


def test_a_batch_is_worked_stage_by_stage_and_each_document_comes_out_as_it_would_alone(log):
    from tei.pipeline.model import DOCUMENT, Settings, SourceDocument
    from tei.pipeline.worker import run_document, run_documents

    stages = tuple(stage for stage in FAKE_STAGES if stage.scope == DOCUMENT)
    docs = tuple(SourceDocument(name, f"texts/{name}.txt", text.encode()) for name, text in
                 [("alpha", "Alpha\nthis is BROKEN\n"), ("beta", "Beta\nAn ODD sign.\n"), ("gamma", "Gamma\nText.\n")])
    together = run_documents(docs, stages, Settings())
    order = log.read_text().splitlines()
    # alpha's encoding failed: no later stage runs on it, the others' stages still do
    assert order == ["encode alpha", "encode beta", "encode gamma", "validate beta", "validate gamma",
                     "web beta", "web gamma", "pdf beta", "pdf gamma"]

    def made(result):
        return replace(result, seconds=(), cpu_seconds=())

    assert [made(result) for result in together] == [made(run_document(doc, stages, Settings())) for doc in docs]
    every = ("encode", "validate", "web", "pdf")
    assert [result.stages_run for result in together] == [("encode",), every, every]
