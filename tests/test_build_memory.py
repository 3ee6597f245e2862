"""A build's memory does not grow with its sources: `tei build` reads each source when its document
stage needs it, not all of them before the first (an edition of 100,000 documents is a gigabyte)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from tei.pipeline import build
from tei.pipeline.build import BuildOptions, build_edition
from tei.pipeline.config import EditionConfig
from tei.pipeline.executors import make_executor
from tei.pipeline.model import DOCUMENT, Stage, StageResult

SOURCE_BYTES = 64 * 1024
SOURCES = 160                   # 10 MiB of sources


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
    reports = []
    peak = peak_while(lambda: reports.append(build_edition(config, options)))
    assert reports[0].rebuilt == SOURCES and reports[0].errors == 0
    assert (config.output_dir / "tei" / "doc-007.xml").read_bytes() == b"<TEI>%d</TEI>" % (SOURCE_BYTES + 4)
    assert peak < SOURCES * SOURCE_BYTES / 4, f"{peak} bytes held for {SOURCES * SOURCE_BYTES} of sources"


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
