"""What a user can do to a build folder between or during builds: a shared stage that failed once,
a manifest damaged inside, a folder where the journal goes, a second build started as one ends.
Each is one clear line or a rebuild, never a traceback, never a failure kept for good."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tei.errors import OutputError
from tei.pipeline import cache
from tei.pipeline.report import BuildReport
from tests import test_build
from tests.test_build import run, work
from tests.test_build_fakes import FAKE_STAGES, fake_index

edition, log = test_build.edition, test_build.log     # the fake-stage build's fixtures


def crashing_index(records, settings, read):
    fake_index(records, settings, read)
    raise RuntimeError("Pagefind was killed")


def test_a_shared_stage_that_failed_is_run_again_by_the_next_build(edition, log):
    run(edition)
    broken = tuple(replace(s, run=crashing_index) if s.name == "index" else s for s in FAKE_STAGES)
    assert run(edition, stages=broken).errors == 0      # nothing changed: the shared outputs are cached
    (edition.output_dir / "web/index.html").unlink()
    assert run(edition, stages=broken).errors == 1
    work(log)
    report = run(edition)
    assert report.errors == 0 and "index edition" in work(log)
    assert (edition.output_dir / "web/index.html").is_file()


def damage_pages(manifest, pages: slice) -> None:
    """Overwrite these pages of the manifest (its header is on page 0)."""
    data = bytearray(manifest.read_bytes())
    start, stop = 4096 * pages.start, min(len(data), 4096 * (pages.stop or len(data)))
    data[start:stop] = b"\xff" * (stop - start)
    manifest.write_bytes(bytes(data))


def test_a_manifest_damaged_past_its_header_costs_a_rebuild_not_a_failure(edition, log):
    run(edition)
    damage_pages(edition.output_dir / cache.MANIFEST_PATH, slice(1, None))
    report = run(edition)
    assert report.rebuilt == 3 and report.errors == 0


def test_a_manifest_damaged_among_its_documents_is_one_line_and_the_next_build_rebuilds(edition, log):
    run(edition)
    damage_pages(edition.output_dir / cache.MANIFEST_PATH, slice(1, 2))      # the documents' table
    with pytest.raises(OutputError, match=r"manifest.sqlite: error: the build cache is damaged .*build again"):
        run(edition)
    report = run(edition)
    assert report.rebuilt == 3 and report.errors == 0


def test_a_folder_where_the_journal_goes_is_one_line(edition, log):
    run(edition)
    (edition.output_dir / cache.JOURNAL_PATH).mkdir()
    with pytest.raises(OutputError, match=r"journal.jsonl: error: cannot write"):
        run(edition)


def test_the_report_is_written_while_the_build_still_holds_its_folder(edition, log, monkeypatch):
    """A second build started as the first ends must not run while the first writes its report."""
    written = BuildReport.write
    held = []

    def write_then_try_a_second_build(self, out):
        try:
            cache.Manifest.load(out).close()
        except cache.ManifestLocked:
            held.append(True)
        return written(self, out)

    monkeypatch.setattr(BuildReport, "write", write_then_try_a_second_build)
    run(edition)
    assert held == [True]


def test_of_two_builds_starting_at_once_on_a_fresh_folder_one_stops(tmp_path):
    """The first look at the manifest takes the lock that the build keeps: none let go of while a new
    manifest is made, in which a second build could start too (both ran, one then failing to save)."""
    import threading

    for round_ in range(5):
        folder = tmp_path / str(round_)
        start, outcomes = threading.Barrier(2), []

        def load(folder=folder, start=start, outcomes=outcomes):
            start.wait()
            try:
                outcomes.append(cache.Manifest.load(folder))
            except cache.ManifestLocked:
                outcomes.append("locked")

        threads = [threading.Thread(target=load) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for manifest in outcomes:
            if manifest != "locked":
                manifest.close()
        assert sorted(map(str, outcomes)).count("locked") == 1, f"round {round_}: {outcomes}"


def killer_stages():
    from tests.test_build_fakes import killing_web

    return tuple(replace(s, run=killing_web) if s.name == "web" else s for s in FAKE_STAGES)


def test_a_worker_killed_once_costs_a_retry_not_the_build(edition, log, tmp_path, monkeypatch):
    """kill -9 of a pool worker (or the out-of-memory killer) broke the pool, and the build ended in a
    traceback (BrokenProcessPool); the documents it took go to a fresh pool."""
    monkeypatch.setenv("TEI_BUILD_FAKE_KILLED", str(tmp_path / "killed-once"))
    (edition.source_root / "texts" / "beta.txt").write_text("Beta telegram\nKILL its worker.\n", encoding="utf-8")
    report = run(edition, stages=killer_stages(), jobs=2)
    assert (tmp_path / "killed-once").exists()
    assert report.errors == 0 and report.failed == ()
    assert all((edition.output_dir / f"web/{name}.html").is_file() for name in ("alpha", "beta", "gamma"))


def test_a_document_that_kills_its_worker_each_time_is_an_error_and_built_again_next_time(edition, log):
    (edition.source_root / "texts" / "beta.txt").write_text("Beta telegram\nKILL its worker.\n", encoding="utf-8")
    report = run(edition, stages=killer_stages(), jobs=2)
    assert "beta" in report.failed
    crashes = [d for d in report.diagnostics if d.severity == "error"]
    assert {d.rule for d in crashes} == {"stage-crash"}
    assert any(d.position.path == "texts/beta.txt" and "worker process was lost twice" in d.message for d in crashes)
    work(log)
    assert run(edition, jobs=2).failed == ()        # the key of a lost document is not kept
    assert "web beta" in work(log)


@pytest.mark.parametrize("build_folder", ["build", "."])
def test_a_glob_that_reaches_into_the_build_folder_takes_no_output_for_a_source(edition, log, build_folder):
    """`**/*.txt` (or `-o .`) matched the build's own outputs (web/text/NAME.txt): each build took the last
    one's outputs for new sources, and the edition grew by itself."""
    edition = replace(edition, sources=("**/*.txt", "**/*.xml", "**/*.html"),
                      output_dir=edition.source_root / build_folder)
    assert run(edition).documents == 3
    report = run(edition)
    assert (report.documents, report.rebuilt, report.errors) == (3, 0, 0)
