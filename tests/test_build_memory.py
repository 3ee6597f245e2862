"""A build's memory does not grow with its sources: `tei build` reads each source when its document
stage needs it, not all of them before the first (an edition of 100,000 documents is a gigabyte);
and what it keeps of each document for the shared stages is small."""

from __future__ import annotations

import os
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tei.diagnostics import Diagnostic
from tei.errors import Position
from tei.pipeline import build, cache, executors
from tei.pipeline.build import Build, BuildOptions, build_edition
from tei.pipeline.config import EditionConfig
from tei.pipeline.executors import make_executor
from tei.pipeline.model import DOCUMENT, SHARED, Stage, StageResult
from tei.pipeline.report import BuildReport, DiagnosticLog
from tei.render.listings import listed_facts, passages_by_entry

SOURCE_BYTES = 64 * 1024
SOURCES = 640                   # 40 MiB of sources
# A build holds the sources of the batches in flight (executors.BATCH documents each, 1 MiB here) and
# their outputs on the writer's queue: well under this, and the edition's whole 40 MiB far over it.
HELD_AT_MOST = SOURCES * SOURCE_BYTES // 8


def small_encode(doc, tei, settings) -> StageResult:
    """Reads its source (so it must be there) and makes a few bytes of it."""
    made = b"<TEI>%d</TEI>" % len(doc.data)
    return StageResult(((f"tei/{doc.name}.xml", made),), tei=made, meta=(("title", doc.data[:8].decode()),))


def edition_of(folder: Path, sources: dict[str, bytes]) -> EditionConfig:
    (folder / "texts").mkdir(parents=True)
    for name, data in sources.items():
        (folder / "texts" / name).write_bytes(data)
    return EditionConfig(source_root=folder, sources=("texts/*.txt",), output_dir=folder / "build")


def peak_while(action) -> int:
    """The most memory Python held, above what it held before, while `action` ran."""
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


def test_a_build_holds_one_source_at_a_time_not_the_edition(tmp_path):
    sources = {f"doc-{n:03}.txt": b"%03d " % n + b"x" * SOURCE_BYTES for n in range(SOURCES)}
    config = edition_of(tmp_path / "edition", sources)
    options = BuildOptions(jobs=1, stages=(Stage("encode", DOCUMENT, "tei", small_encode),))
    # A first build imports what a build needs, so that the modules' memory is not counted as sources'.
    build_edition(edition_of(tmp_path / "warm-up", {"doc.txt": b"x"}), options)
    reports = []
    peak = peak_while(lambda: reports.append(build_edition(config, options)))
    assert reports[0].rebuilt == SOURCES and reports[0].errors == 0
    assert (config.output_dir / "tei" / "doc-007.xml").read_bytes() == b"<TEI>%d</TEI>" % (SOURCE_BYTES + 4)
    assert peak < HELD_AT_MOST, f"{peak} bytes held for {SOURCES * SOURCE_BYTES} of sources"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_source_gone_before_its_turn_is_one_error_of_its_own(tmp_path, monkeypatch, jobs):
    config = edition_of(tmp_path / "edition", {"a.txt": b"first", "b.txt": b"second", "c.txt": b"third"})

    def executor_after_an_edit(*args, **kwargs):     # the build has planned; an editor deletes b.txt
        (config.source_root / "texts" / "b.txt").unlink()
        return make_executor(*args, **kwargs)

    monkeypatch.setattr(build, "make_executor", executor_after_an_edit)
    stages = (Stage("encode", DOCUMENT, "tei", small_encode),)
    report = build_edition(config, BuildOptions(jobs=jobs, stages=stages))
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert [(d.path, d.rule) for d in errors] == [("texts/b.txt", "source-unreadable")]
    assert "cannot read the source" in errors[0].message
    assert (config.output_dir / "tei" / "c.xml").is_file()


def test_the_manifest_a_build_holds_keeps_no_digests_of_outputs_they_are_the_journals(tmp_path):
    config = edition_of(tmp_path / "edition", {f"doc-{n}.txt": b"text %d" % n for n in range(5)})
    run = Build(config, BuildOptions(jobs=1, stages=(Stage("encode", DOCUMENT, "tei", small_encode),)))
    journal = []
    real_record = run.journal.record
    run.journal.record = lambda name, entry: (journal.append(entry.digests), real_record(name, entry))
    run.run()
    assert len(journal) == 5 and all(journal)
    manifest = cache.Manifest.load(config.output_dir)
    assert [manifest.get(f"doc-{n}").digests for n in range(5)] == [()] * 5


def test_the_cache_keeps_of_a_record_what_the_lists_show_not_the_words_of_its_names():
    names = [{"ref": "person:kim-il-sung", "text": "Kim Il Sung", "anchor": "p-1", "where": "text"},
             {"ref": "person:kim-il-sung", "text": "Kim", "anchor": "p-1", "where": "text"},
             {"ref": "place:moscow", "text": "Moscow", "anchor": "title", "where": "title"}]
    dates = [{"when": "1956-01-01", "text": "1 January", "inferred": False, "anchor": "p-1", "passage": "In it."}]
    record = {"stem": "doc", "title": "A report", "date": "1956-01-01", "names": names, "dates": dates,
              "texts": [{"text": "the whole text"}], "entities": {"person": ["Kim Il Sung"]}, "repository": "GARF"}
    kept = listed_facts(record)
    assert kept == {"stem": "doc", "title": "A report", "date": "1956-01-01", "dates": dates,
                    "names": [{"ref": "person:kim-il-sung", "where": "text", "anchor": "p-1"},
                              {"ref": "place:moscow", "where": "title", "anchor": "title"}]}
    assert passages_by_entry(kept) == passages_by_entry(record)


FACTS_BYTES = 8 * 1024          # what a document leaves for the shared stages, here
FINDINGS = 10                   # and the names and dates it leaves to review


def encode_with_findings(doc, tei, settings) -> StageResult:
    """A document stage whose result is large beside its source: many findings, many facts."""
    made = b"<TEI>%s</TEI>" % doc.name.encode()
    findings = tuple(Diagnostic("info", "name-unknown", f"'{doc.name} {n}' looks like a name " + "." * 200,
                                Position(doc.path, n + 1, 1)) for n in range(FINDINGS))
    return StageResult(((f"tei/{doc.name}.xml", made),), findings, tei=made,
                       meta=(("facts", doc.name * (FACTS_BYTES // len(doc.name))),))


HELD_AT_SHARED_STAGES: list[int] = []   # what Python held when the shared stage began, build by build


def go_through_records(records, settings, read) -> StageResult:
    """A shared stage that meets every document's facts, as the index stage does."""
    HELD_AT_SHARED_STAGES.append(tracemalloc.get_traced_memory()[0])
    seen = sum(len(dict(record.meta)["facts"]) for record in records)
    return StageResult((("facts.txt", b"%d" % seen),))


def build_peak(folder: Path, documents: int) -> int:
    config = edition_of(folder, {f"doc-{n:05}.txt": b"%d" % n for n in range(documents)})
    stages = (Stage("encode", DOCUMENT, "tei", encode_with_findings), Stage("lists", SHARED, "tei", go_through_records))
    reports = []
    peak = peak_while(lambda: reports.append(build_edition(config, BuildOptions(jobs=1, stages=stages))))
    assert reports[0].rebuilt == documents and reports[0].to_review == documents * FINDINGS
    assert (config.output_dir / "facts.txt").read_text() == str(documents * (FACTS_BYTES // 9) * 9)
    return peak


def test_a_build_keeps_each_documents_results_on_disk_not_in_memory(tmp_path):
    """A document's cache entry, findings and facts for the shared stages (12 KB each here) go to the
    manifest as it finishes, and the shared stages read them back one at a time: four times the
    documents cost what the build plans with (a name, a place, a key: about a kilobyte each), not four
    times their results."""
    few, many = 100, 400
    build_peak(tmp_path / "warm-up", 10)            # the modules a build imports on first use
    HELD_AT_SHARED_STAGES.clear()
    growth = build_peak(tmp_path / "many", many) - build_peak(tmp_path / "few", few)
    assert growth < (many - few) * 1024, f"{growth / (many - few):.0f} bytes more a document"
    held = HELD_AT_SHARED_STAGES[0] - HELD_AT_SHARED_STAGES[1]      # nor is the plan kept for the shared stages
    assert held < (many - few) * 1024, f"{held / (many - few):.0f} bytes more a document at the shared stages"


def test_the_reports_findings_kept_on_disk_come_back_sorted_as_python_sorts_them():
    words = ["b", "B", "á", "Ж", "ж", "𝔸", "a b", "", "z"]
    found = [Diagnostic(severity, "rule", message, Position(path, line, 1), stage=stage)
             for path in words[:4] for message in words for line in (2, 10)
             for severity, stage in (("info", "encode"), ("warning", "web"), ("error", "encode"))]
    log = DiagnosticLog(reversed(found))
    assert list(log) == list(reversed(found))
    assert list(log.sorted()) == sorted(reversed(found), key=Diagnostic.sort_key)
    assert len(log) == len(found) and log.severities["error"] == len(found) // 3


TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)     # any text that UTF-8 can encode
POSITIONS = st.builds(Position, TEXT, st.integers(0, 10**6), st.integers(0, 10**6))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(Diagnostic, st.sampled_from(("info", "warning", "error")), TEXT, TEXT, POSITIONS,
                          layer=TEXT, stage=TEXT, origin=st.none() | POSITIONS), max_size=6))
def test_the_report_is_written_a_finding_at_a_time_as_json_writes_it_whole(tmp_path_factory, found):
    import json

    report = BuildReport("An edition", "tei-edition 1", documents=3, failed=("b", "a"))
    report.diagnostics.extend(found)
    written = report.write(tmp_path_factory.mktemp("report")).read_bytes()
    assert written == (json.dumps(report.to_json(), indent=1, ensure_ascii=False) + "\n").encode()


def test_a_second_build_into_a_folder_in_use_stops_with_one_line(tmp_path):
    config = edition_of(tmp_path / "edition", {"a.txt": b"first"})
    options = BuildOptions(jobs=1, stages=(Stage("encode", DOCUMENT, "tei", small_encode),))
    held = cache.Manifest.load(config.output_dir)
    try:
        with pytest.raises(cache.ManifestLocked, match=r"manifest.sqlite: error: another build is using this build"):
            build_edition(config, options)
    finally:
        held.close()
    assert build_edition(config, options).rebuilt == 1


def made_by_this_process(doc, tei, settings) -> StageResult:
    made = b"%d" % os.getpid()
    return StageResult(((f"tei/{doc.name}.xml", made),), tei=made)


def test_pool_workers_make_way_for_fresh_ones_after_their_share_of_documents(tmp_path, monkeypatch):
    """A worker's memory grows with the documents it renders (in Saxon, which does not give it back):
    each round of DOCUMENTS_PER_WORKER documents a worker runs on a pool of fresh processes."""
    monkeypatch.setattr(executors, "DOCUMENTS_PER_WORKER", 40)
    config = edition_of(tmp_path / "edition", {f"doc-{n:03}.txt": b"%d" % n for n in range(200)})
    stages = (Stage("encode", DOCUMENT, "tei", made_by_this_process),)
    report = build_edition(config, BuildOptions(jobs=2, stages=stages))
    made_by = Counter(path.read_bytes() for path in (config.output_dir / "tei").glob("*.xml"))
    assert report.rebuilt == 200 and sum(made_by.values()) == 200
    assert len(made_by) >= 3 and max(made_by.values()) <= 2 * 40, made_by
