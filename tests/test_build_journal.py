"""The build's journal: each finished document is recorded as it finishes, so a build
stopped by anything (kill -9, a power cut) resumes where it stopped, and trusts only
outputs that are on disk with the hash the journal recorded."""

from __future__ import annotations

from tei.pipeline import cache
from tests import test_build
from tests.test_build import run, source, tree, work

edition, log = test_build.edition, test_build.log     # the fake-stage build's fixtures


def killed_after_its_documents(config, monkeypatch) -> None:
    """What a build killed once its documents were done leaves: outputs and journal, no manifest."""
    with monkeypatch.context() as patched:
        patched.setattr(cache.Manifest, "save", lambda self, out: None)
        run(config)
    (config.output_dir / "web/index.html").unlink()


def test_each_finished_document_is_in_the_journal_until_the_manifest_is_saved(edition, log, monkeypatch):
    killed_after_its_documents(edition, monkeypatch)
    names = [name for name, _ in cache.read_journal(edition.output_dir)]
    assert names == ["alpha", "beta", "gamma"]
    run(edition)
    assert not (edition.output_dir / cache.JOURNAL_PATH).exists()


def test_a_killed_build_resumes_without_redoing_its_finished_documents(edition, log, monkeypatch):
    killed_after_its_documents(edition, monkeypatch)
    work(log)
    report = run(edition)
    assert report.rebuilt == 0 and work(log) == ["index edition", "volume edition"]


def test_a_journal_entry_whose_output_was_lost_is_redone(edition, log, monkeypatch):
    killed_after_its_documents(edition, monkeypatch)
    (edition.output_dir / "web/beta.html").write_bytes(b"")      # a power cut took its content
    work(log)
    run(edition)
    assert [line for line in work(log) if "beta" in line] == ["encode beta", "pdf beta",
                                                               "validate beta", "web beta"]
    assert b"BETA" in (edition.output_dir / "web/beta.html").read_bytes()


def test_a_torn_last_line_of_the_journal_is_ignored(edition, log, monkeypatch):
    killed_after_its_documents(edition, monkeypatch)
    journal = edition.output_dir / cache.JOURNAL_PATH
    journal.write_bytes(journal.read_bytes()[:-40])
    work(log)
    report = run(edition)
    assert report.rebuilt == 1 and "encode gamma" in work(log)


def test_a_changed_source_is_redone_even_when_the_journal_has_it(edition, log, monkeypatch):
    killed_after_its_documents(edition, monkeypatch)
    source(edition, "alpha").write_text("Alpha, changed\n", encoding="utf-8")
    work(log)
    assert run(edition).rebuilt == 1


def test_temporary_files_a_killed_build_left_are_removed(edition, log):
    run(edition)
    leftover = edition.output_dir / "web" / ".alpha.html.k3j2_x.tmp"
    leftover.write_bytes(b"<html>half")
    run(edition)
    assert not leftover.exists()
    assert not [name for name in tree(edition.output_dir) if name.endswith(".tmp")]


def test_pool_workers_are_told_to_die_with_their_parent(monkeypatch):
    import tei.pipeline.worker as worker

    asked = []
    monkeypatch.setattr(worker, "die_with_parent", asked.append)
    monkeypatch.setattr("signal.signal", lambda *_: None)   # this process must go on hearing Ctrl-C
    worker.ignore_interrupts_then_prepare((), None, 4242)
    assert asked == [4242]
