"""The build: sources → document stages (encode, validate, web, pdf) → shared stages.

Document stages run in an executor, one task per changed document; the client
writes what comes back, keeps the cache manifest, then runs the shared stages
(index, search index, volume PDF) when any document changed. Every file is
written atomically, so an interrupted build leaves the previous one usable.
"""

from __future__ import annotations

import contextlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from tei.errors import Position, one_line
from tei.fsutil import is_temporary, not_a_file, not_utf8
from tei.names import document_names
from tei.pipeline import cache
from tei.pipeline.config import ConfigError, EditionConfig
from tei.pipeline.executors import make_executor
from tei.pipeline.model import (
    DOCUMENT,
    SHARED,
    Diagnostic,
    DocumentResult,
    Settings,
    SourceDocument,
    Stage,
)
from tei.pipeline.order import place_documents, planned_source, read_sidecars
from tei.pipeline.outputs import Layout, OutputReader, OutputWriter, remove_outputs
from tei.pipeline.progress import SilentProgress
from tei.pipeline.report import BuildReport, StageTally
from tei.pipeline.worker import CRASH_RULE


@dataclass(frozen=True)
class BuildOptions:
    """How to run a build (not what it makes: that is the configuration's)."""

    jobs: int | None = None          # None: every core
    fail_fast: bool = False
    executor: str = "process"        # "process" | "dask"
    scheduler: str | None = None     # the Dask scheduler's address
    stages: tuple[Stage, ...] | None = None   # None: the standard table in tei.pipeline.stages


def source_date_epoch() -> int | None:
    """The build's date from SOURCE_DATE_EPOCH (reproducible-builds.org), never from the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {epoch!r}"
        )
    return int(epoch)


def settings_for(config: EditionConfig, stages: tuple[Stage, ...]) -> Settings:
    """The settings every stage sees; `outputs` lists only formats a stage here can make."""
    wanted = {"tei", *config.outputs}
    made = tuple(sorted({output for stage in stages for output in stage.formats if output in wanted}))
    return Settings(config.edition, config.preset, config.page_size, source_date_epoch(), made,
                    volumes=config.volumes, documents_per_volume=config.documents_per_volume,
                    authorities=config.authorities)


def read_sources(config: EditionConfig) -> list[SourceDocument]:
    """The sources, sorted by path, each with its unique document name (`tei.names`): their digests
    and header facts, not their bytes (`planned_source`)."""
    shown = {path.relative_to(config.source_root).as_posix(): path for path in config.source_paths()}
    if not shown:
        patterns = ", ".join(config.sources)
        raise ConfigError(f"no source files match {patterns} in {config.source_root}")
    names = document_names(shown)
    return [planned_source(names[path], path, shown[path]) for path in sorted(shown)]


def skipped_sources(config: EditionConfig) -> list[Diagnostic]:
    """A warning for each match of the globs that is not a file to read (folder, dangling link …)."""
    matches = config.source_matches()
    skipped = []
    for path in sorted(matches, key=str):
        shown = path.relative_to(config.source_root).as_posix()
        bad_name = not_utf8(shown)
        if reason := not_a_file(path) or bad_name:
            where = Position(one_line(shown) if bad_name else shown, 1, 1)    # the report is UTF-8 too
            skipped.append(Diagnostic("warning", "source-skipped", f"skipped: {reason}", where, layer="build",
                                      stage="encode"))
    return skipped


def select_stages(table: tuple[Stage, ...], outputs: tuple[str, ...]):
    """The stages to run and a tally for each; TEI is always made, the other outputs on request."""
    active: list[Stage] = []
    tallies: list[StageTally] = []
    first_document_stage = next(s.name for s in table if s.scope == DOCUMENT)
    for stage in table:
        tally = StageTally(stage.name, stage.scope)
        if "tei" not in stage.formats and not set(stage.formats) & set(outputs):
            tally.status = "not requested"
        elif reason := stage.probe():
            tally.status, tally.reason = "unavailable", reason
        elif first_document_stage not in [s.name for s in active] + [stage.name]:
            tally.status, tally.reason = "unavailable", f"needs {first_document_stage}"
        else:
            active.append(stage)
        tallies.append(tally)
    return tuple(active), tallies


class Build:
    """One run of `tei build`; `run()` returns the report (exit status: `report.errors`)."""

    def __init__(self, config: EditionConfig, options: BuildOptions, progress=None) -> None:
        from tei.pipeline.stages import STAGES

        self.config, self.options = config, options
        self.progress = progress or SilentProgress()
        self.out = config.output_dir
        self.stages, tallies = select_stages(options.stages or STAGES, config.outputs)
        self.settings = settings_for(config, self.stages)
        self.tally = {t.name: t for t in tallies}
        self.doc_stages = tuple(s for s in self.stages if s.scope == DOCUMENT)
        self.shared_stages = tuple(s for s in self.stages if s.scope == SHARED)
        self.fingerprint = cache.fingerprint(
            config.config_text, tuple(s.name for s in self.stages), self.settings
        )
        self.manifest = cache.Manifest.load(self.out)
        self.journal = cache.Journal(self.out)
        self.layout = Layout(self.out)
        self.writer = OutputWriter(self.layout)
        self.reader = OutputReader(self.layout)
        self.keys: dict[str, str] = {}      # the cache key of each document to build
        self.shared_present = False         # every shared output of the last build is on disk
        self.aheads: dict[str, object] = {}  # the shared stages' work done beside the document stages
        self.ahead_cpu: dict[str, float] = {}  # and its CPU seconds, counted in the stage's
        self.report = BuildReport(config.edition.title, f"tei-edition {cache.toolkit_version()}")
        self.report.stages = tallies

    def run(self) -> BuildReport:
        started = time.perf_counter()
        try:
            return self._run()
        finally:
            for ahead in self.aheads.values():
                ahead.cancel()              # a build stopped early: no Pagefind left writing
            self.writer.close()
            self.journal.close()
            self.manifest.close()
            self.report.seconds = time.perf_counter() - started
            self.progress.close()

    def _run(self) -> BuildReport:
        for tally in self.tally.values():
            if tally.status == "unavailable":
                self.progress.note(f"{tally.name}: skipped, not available ({tally.reason})")
        todo = self._planned()
        try:
            stopped = self._run_documents(todo)
        except KeyboardInterrupt:
            self.report.interrupted = True
            self.writer.close()             # the manifest may only name files on disk
            self.manifest.shared_key = ""   # the shared outputs no longer match: redo them
            self.manifest.save(self.out)
            raise
        del todo                            # the plan (1.4 KB a document) is not held beside the shared stages
        self.writer.drain()                 # the shared stages read the documents' TEI
        if stopped:
            self.manifest.shared_key = ""
        elif self.doc_stages:
            self._run_shared()
        return self._finish()

    def _planned(self) -> list[SourceDocument]:
        """The documents to build, in the edition order; the outputs of sources that are gone removed."""
        sources = place_documents(self.config, read_sidecars(self.config, read_sources(self.config)))
        self.manifest.set_order(doc.name for doc in sources)
        self._count(skipped_sources(self.config))
        self.report.documents = len(sources)
        todo = self._plan(sources)
        self._remove_gone()
        return todo

    def _plan(self, sources: list[SourceDocument]) -> list[SourceDocument]:
        """The documents whose key changed or whose outputs are missing; the others are cached. The
        listing of the build folder (a million names at 100,000 documents) is let go once this is known."""
        todo = []
        existing = existing_files(self.out)
        for doc in sources:
            key = cache.document_key(_keyed_input(doc), self.fingerprint)
            entry = self.manifest.get(doc.name)
            if entry and entry.key == key and entry.source == doc.path and self._present(entry, existing):
                self._count_cached(entry.diagnostics)
            else:
                self.keys[doc.name] = key
                todo.append(doc)
        self.shared_present = all(name in existing for name in self.manifest.shared_outputs)
        return todo

    def _present(self, entry: cache.Entry, existing: set[str]) -> bool:
        """The outputs are there (and, for an entry of an interrupted build's journal, intact)."""
        if entry.digests:
            return cache.verified(self.out, entry)
        return all(name in existing for name in entry.outputs)

    def _count_cached(self, diagnostics) -> None:
        for stage in self.doc_stages:
            self.tally[stage.name].cached += 1
        self._count(diagnostics)

    def _count(self, diagnostics) -> None:
        self.report.diagnostics.extend(diagnostics)
        for d in diagnostics:
            tally = self.tally.get(d.stage)
            if tally is not None:
                tally.errors += d.severity == "error"
                tally.warnings += d.severity == "warning"

    def _remove_gone(self) -> None:
        """A source that is gone takes its outputs with it."""
        gone = self.manifest.gone()
        for name in gone:
            remove_outputs(self.out, self.manifest.outputs_of(name))
            self.manifest.remove(name)
            self.progress.note(f"removed the outputs of {name} (its source is gone)")
        self.report.removed = tuple(gone)

    def _run_documents(self, todo: list[SourceDocument]) -> bool:
        """Build the changed documents; True if --fail-fast stopped the build early."""
        if not todo:
            if self.doc_stages:
                count = self.report.documents
                self.progress.note(f"documents: all {count} up to date, nothing to do")
            return False
        if not self.doc_stages:
            return False
        for stage in self.doc_stages:
            self.progress.begin(stage.name, len(todo))
        todo = self._start_aheads(todo)
        executor = make_executor(
            self.options.executor, self.doc_stages, self.settings,
            jobs=self.options.jobs, work=len(todo), layout=self.layout,
            scheduler=self.options.scheduler,
        )
        by_name = {doc.name: doc for doc in todo}
        cancel = True
        try:
            for result in executor.run(todo):
                self._accept(by_name[result.name], result)
                if result.failed and self.options.fail_fast:
                    self.progress.note(f"stopping at the first failed document: {result.name}")
                    return True
            cancel = False
        finally:
            executor.close(cancel=cancel)
        return False

    def _start_aheads(self, todo: list[SourceDocument]) -> list[SourceDocument]:
        """Start the shared stages' work that goes on beside the document stages; the documents in the
        order that work needs them."""
        for stage in self.shared_stages:
            if stage.ahead is not None:
                self.aheads[stage.name] = ahead = stage.ahead(self.out, todo, self.writer.drain)
                todo = ahead.order(todo)
        return todo

    def _accept(self, doc: SourceDocument, result: DocumentResult) -> None:
        """Write one document's outputs, drop the ones it no longer makes, record it."""
        new_outputs = result.outputs
        self.writer.write(result.files)
        old_outputs = self.manifest.outputs_of(doc.name)
        stale = [n for n in old_outputs if n not in new_outputs]
        diagnostics = list(result.diagnostics)
        if result.failed:
            kept = [n for n in stale if (self.out / n).is_file()]
            diagnostics += [_kept_warning(doc.path, n) for n in kept]
            new_outputs.update(kept)
        else:
            remove_outputs(self.out, stale)
        key = self.keys.pop(doc.name)
        if any(d.rule == CRASH_RULE for d in result.diagnostics):
            key = ""    # a crash may not come back (a worker killed, memory short): the next build tries again
        entry = cache.Entry(
            doc.path, key,
            tuple(sorted(new_outputs)), tuple(diagnostics), result.meta, result.digests,
        )
        self.journal.record(doc.name, entry)
        # The outputs' digests are the journal's: the manifest does not keep them (2 KB a document).
        self.manifest.put(doc.name, replace(entry, digests=()))
        self.report.rebuilt += 1
        self._count(diagnostics)
        for stage in self.doc_stages:
            self.progress.advance(stage.name)
        for stage, seconds in result.seconds:
            self.tally[stage].done += 1
            self.tally[stage].seconds += seconds
        for stage, seconds in result.cpu_seconds:
            self.tally[stage].cpu_seconds += seconds
        for ahead in self.aheads.values():
            ahead.accepted(doc.name, old_outputs, new_outputs)

    def _run_shared(self) -> None:
        """Redo the shared outputs when any document changed or one of them is missing."""
        key = cache.shared_key(self.fingerprint, self.manifest.document_keys())
        if key == self.manifest.shared_key and self.shared_present:
            for stage in self.shared_stages:
                self.tally[stage.name].cached += 1
            self._count(self.manifest.shared_diagnostics)
            return
        outputs, diagnostics = self._shared_outputs(self.manifest.records())
        remove_outputs(self.out, [n for n in self.manifest.shared_outputs if n not in outputs])
        # A shared stage that failed (Pagefind killed, a full disk) is run again by the next build.
        self.manifest.shared_key = "" if any(d.severity == "error" for d in diagnostics) else key
        self.manifest.shared_outputs = tuple(sorted(outputs))
        self.manifest.shared_diagnostics = tuple(diagnostics)
        self._count(diagnostics)

    def _shared_outputs(self, records) -> tuple[set[str], list[Diagnostic]]:
        outputs: set[str] = set()
        diagnostics: list[Diagnostic] = []
        for stage, result in self._shared_results(records):
            outputs.update(name for name, _ in result.files)
            outputs.update(result.written)
            diagnostics += [_with_stage(d, stage.name) for d in result.diagnostics]
            self.tally[stage.name].done = 1
            self.tally[stage.name].cpu_seconds += self.ahead_cpu.get(stage.name, 0.0)
            self.progress.advance(stage.name)
        return outputs, diagnostics

    def _shared_results(self, records):
        """Each shared stage's result, in the table's order, its files written; a stage that runs
        beside another (`Stage.beside`) runs at the same time as it."""
        waiting = list(self.shared_stages)
        while waiting:
            stage = waiting.pop(0)
            partner = next((other for other in waiting if other.beside == stage.name), None)
            if partner is None:
                self.progress.begin(stage.name, 1)
                yield stage, self._shared_stage(stage, records, _cpu_with_helpers, write=True)
                continue
            waiting.remove(partner)
            self.progress.begin(stage.name, 1)
            self.progress.begin(partner.name, 1)
            yield from self._run_beside(stage, partner, records)

    def _run_beside(self, stage: Stage, partner: Stage, records):
        """`stage` on this thread and `partner` on one of its own, at once. The CPU time of `stage` is
        this thread's; all else the process and its helpers (Pagefind) used meanwhile is the partner's."""
        started_cpu = _cpu_with_helpers()
        with ThreadPoolExecutor(1, thread_name_prefix=f"tei-{partner.name}") as thread:
            running = thread.submit(self._shared_stage, partner, records, _cpu_with_helpers, write=False)
            try:
                result = self._shared_stage(stage, records, time.thread_time, write=True)
            finally:
                partner_result = running.result()   # never leave it writing into the build folder
        self._write(partner_result)
        both = _cpu_with_helpers() - started_cpu
        self.tally[partner.name].cpu_seconds = both - self.tally[stage.name].cpu_seconds
        return [(stage, result), (partner, partner_result)]

    def _shared_stage(self, stage: Stage, records, clock, *, write: bool):
        """Run a shared stage, timed (CPU time by `clock`); its files written if `write`, else the caller's
        to write on this build's thread."""
        started, started_cpu = time.perf_counter(), clock()
        failed = self._finish_ahead(stage.name)
        result = failed if failed is not None else run_shared_stage(stage, records, self.settings, self.reader)
        if write:
            self._write(result)
        tally = self.tally[stage.name]
        tally.seconds, tally.cpu_seconds = time.perf_counter() - started, clock() - started_cpu
        return result

    def _finish_ahead(self, stage: str):
        """Wait for the stage's work done beside the document stages, if any, and keep its CPU seconds;
        the stage's failed result, or None."""
        ahead = self.aheads.pop(stage, None)
        if ahead is None:
            return None
        failed = ahead.finish()
        self.ahead_cpu[stage] = ahead.cpu_seconds
        return failed

    def _write(self, result) -> None:
        self.writer.write(result.files)
        self.writer.drain()             # a later stage may read what this one made (the bag)

    def _finish(self) -> BuildReport:
        self.report.failed = self.manifest.failed()
        self.writer.settle()                # the manifest may only name files on disk
        self.report.write(self.out)         # while this build holds the folder: saving lets go of it
        self.manifest.save(self.out)
        return self.report


def existing_files(build_dir: Path) -> set[str]:
    """Every file under the build folder, as a relative POSIX path: one listing, no stat each.

    Temporary files a killed build left behind (`.NAME.*.tmp`, see `atomic_write`) are
    removed on the way: nothing but this build writes into its folder.
    """
    found: set[str] = set()
    for folder, _, names in os.walk(build_dir):
        prefix = os.path.relpath(folder, build_dir).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in names:
            if is_temporary(name):
                with contextlib.suppress(OSError):   # a read-only disk: the first write says so
                    Path(folder, name).unlink()
            else:
                found.add(prefix + name)
    return found


def run_shared_stage(stage: Stage, records, settings: Settings, read):
    """A shared stage over every document's record; `read(name)` gives an earlier output."""
    from tei.pipeline.worker import crash_result

    try:
        return stage.run(records, settings, read)
    except Exception as err:  # noqa: BLE001 - reported like a document's crash
        return crash_result(stage.name, "edition", err)


def _cpu_with_helpers() -> float:
    """CPU seconds of this process and of the helper processes it has waited for (Pagefind):
    a shared stage's cost that does not depend on how busy the machine is."""
    import resource

    helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + helpers.ru_utime + helpers.ru_stime


def _keyed_input(doc: SourceDocument) -> bytes:
    """Everything of a document's own that shapes its outputs: source (by its digest), sidecar and place."""
    return b"\0".join((doc.source_digest().encode(), doc.sidecar, repr(doc.place).encode()))


def _with_stage(d: Diagnostic, stage: str) -> Diagnostic:
    return d if d.stage else replace(d, stage=stage)


def _kept_warning(source: str, output: str) -> Diagnostic:
    return Diagnostic(
        "warning", "kept-previous-output", f"kept the previous build's {output}: this build could not remake it",
        Position(source, 1, 1), layer="build", stage="build",
    )


def build_edition(config: EditionConfig, options: BuildOptions | None = None, progress=None):
    """Build the edition described by `config`; returns the `BuildReport`."""
    return Build(config, options or BuildOptions(), progress).run()
