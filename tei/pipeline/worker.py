"""The work done for one document, wherever it runs: in this process, a pool worker or on Dask.

The document stages run one after the other on the same worker, so the TEI made
by `encode` never travels back to the client before `validate`, `web` and `pdf` use it.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
import traceback
from dataclasses import replace

from tei.errors import Position, SourceError, TeiToolkitError, XMLSyntaxError
from tei.pipeline.model import (
    Diagnostic,
    DocumentResult,
    Settings,
    SourceDocument,
    Stage,
    StageResult,
)
from tei.pipeline.outputs import Layout, write_files

# Compiled schemas and stylesheets live in the stages' own module caches; this
# records which (stage, settings) pairs this thread has prepared already.
_prepared = threading.local()


def prepare_worker(stages: tuple[Stage, ...], settings: Settings) -> None:
    """Compile what the stages need, once per worker thread (the pool's initialiser)."""
    done = getattr(_prepared, "keys", None)
    if done is None:
        done = _prepared.keys = set()
    for stage in stages:
        key = (stage.name, settings)
        if stage.prepare is not None and key not in done:
            done.add(key)
            # A failure here would break the whole pool; the stage's run meets the same
            # error again and reports it per document instead.
            with contextlib.suppress(Exception):
                stage.prepare(settings)


def ignore_interrupts_then_prepare(stages: tuple[Stage, ...], settings: Settings, parent: int) -> None:
    """Pool initialiser: Ctrl-C is the client's to handle, so workers do not die mid-write; but a client
    killed outright (kill -9, out of memory) takes its workers with it. SIGTERM is not ignored: what a
    worker starts would inherit that, and a helper process stopped with it would never stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    prepare_worker(stages, settings)


PR_SET_PDEATHSIG = 1   # linux/prctl.h
CRASH_RULE = "stage-crash"   # a stage's unexpected exception, or its worker lost


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when `parent` dies; exit now if it already has.

    Without this, pool workers outlive a client killed with SIGKILL and go on writing
    into the build folder. Elsewhere the pool's own broken-pipe handling must do.
    """
    import ctypes
    import ctypes.util
    import os
    import signal

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):   # not Linux
        return
    if os.getppid() != parent:          # the parent died before the request was made
        os._exit(1)


def run_document(
    doc: SourceDocument, stages: tuple[Stage, ...], settings: Settings
) -> DocumentResult:
    """Run the document stages in order; without TEI from the first, the others cannot run.

    A later stage's errors (invalid TEI, a renderer crash) do not stop the stages
    after it: the editor gets every page that can be made, and the report says why
    the build failed.
    """
    return run_documents((doc,), stages, settings)[0]


def run_documents(
    docs: tuple[SourceDocument, ...], stages: tuple[Stage, ...], settings: Settings
) -> list[DocumentResult]:
    """`run_document` for a few documents, stage by stage: the first stage for each of them, then the
    next. Each document's stages still run in order on its own outputs, so its result is the same; but
    a stage's code and data (the encoder's Python, the schemas, Saxon's stylesheets) stay in the
    processor's caches from one document to the next instead of being pushed out by the other stages':
    a tenth less CPU a document than taking each document through every stage in turn."""
    prepare_worker(stages, settings)
    work = [_DocumentWork.read(doc, stages[0].name) for doc in docs]
    for stage in stages:
        for one in work:
            one.run(stage, settings)
    return [one.result() for one in work]


class _DocumentWork:
    """One document's stages so far: what they made, said and cost, and its TEI for the next stage."""

    def __init__(self, doc: SourceDocument, unread: Diagnostic | None = None) -> None:
        self.doc, self.unread = doc, unread
        self.files: list[tuple[str, bytes]] = []
        self.diagnostics: list[Diagnostic] = []
        self.seconds: list[tuple[str, float]] = []
        self.cpu_seconds: list[tuple[str, float]] = []
        self.meta: dict[str, str] = {}   # facts for the shared stages, a later stage's over an earlier's
        self.tei: bytes | None = None
        self.ran: list[str] = []

    @classmethod
    def read(cls, doc: SourceDocument, first_stage: str) -> _DocumentWork:
        """The document with its bytes, or one that cannot be read (gone or unreadable since the build
        planned it), which no stage runs on."""
        try:
            return cls(doc.with_data())
        except OSError as err:
            unread = _error(Position(doc.path, 1, 1), "source-unreadable", f"cannot read the source: {err.strerror}",
                            first_stage)
            return cls(doc, _tagged(unread.diagnostics, first_stage)[0])

    def run(self, stage: Stage, settings: Settings) -> None:
        if self.unread is not None or (self.ran and self.tei is None):
            return
        started, started_cpu = time.perf_counter(), time.thread_time()
        result = _run_stage(stage, self.doc, self.tei, settings)
        self.seconds.append((stage.name, time.perf_counter() - started))
        self.cpu_seconds.append((stage.name, time.thread_time() - started_cpu))
        self.ran.append(stage.name)
        self.files.extend(result.files)
        self.diagnostics.extend(_tagged(result.diagnostics, stage.name))
        self.tei = result.tei if result.tei is not None else self.tei
        self.meta.update(result.meta)

    def result(self) -> DocumentResult:
        if self.unread is not None:
            return DocumentResult(self.doc.name, (), (self.unread,), (), (), ())
        digests = tuple((name, hashlib.sha256(data).hexdigest()) for name, data in self.files)
        return DocumentResult(
            self.doc.name, tuple(self.files), tuple(self.diagnostics), tuple(sorted(self.meta.items())),
            tuple(self.seconds), tuple(self.ran), digests=digests, cpu_seconds=tuple(self.cpu_seconds),
        )


def run_and_write_each(
    docs: tuple[SourceDocument, ...], stages: tuple[Stage, ...], settings: Settings, layout: Layout
) -> list[DocumentResult]:
    """`run_documents` for a few documents sent to a pool worker at once, each one's outputs written here:
    creating files costs system time that would make the client the bottleneck of a pool, and pool workers
    share its disk."""
    return [replace(result, files=(), written=write_files(layout, result.files))
            for result in run_documents(docs, stages, settings)]


def _run_stage(
    stage: Stage, doc: SourceDocument, tei: bytes | None, settings: Settings
) -> StageResult:
    try:
        return stage.run(doc, tei, settings)
    except SourceError as err:
        message = f"{err.message} ({err.hint})" if err.hint else err.message
        return _error(err.position, "source", message, stage.name)
    except TeiToolkitError as err:
        rule = "xml-syntax" if isinstance(err, XMLSyntaxError) else f"{stage.name}-failed"
        return _error(err.position or Position(doc.path, 1, 1), rule, err.message or str(err), stage.name)
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the build
        return crash_result(stage.name, doc.path, err)


def crash_result(stage: str, path: str, err: Exception) -> StageResult:
    """A stage's unexpected exception as an error diagnostic naming the function it came from."""
    where = traceback.extract_tb(err.__traceback__)[-1].name if err.__traceback__ else "?"
    message = f"{stage} crashed: {type(err).__name__}: {err} (in {where})"
    return _error(Position(path, 1, 1), CRASH_RULE, message, stage)


def lost_worker_result(doc: SourceDocument, stage: str) -> DocumentResult:
    """A document whose worker process was lost twice while building it: a `stage-crash`, so that the next
    build tries it again."""
    message = ("its worker process was lost twice while building it (killed by a signal, or out of memory); "
               "the next build tries it again")
    crash = Diagnostic("error", CRASH_RULE, message, Position(doc.path, 1, 1), layer=stage, stage=stage)
    return DocumentResult(doc.name, (), (crash,), (), (), ())


def _error(position: Position, rule: str, message: str, layer: str) -> StageResult:
    return StageResult(diagnostics=(Diagnostic("error", rule, message, position, layer=layer),))


def _tagged(diagnostics: tuple[Diagnostic, ...], stage: str) -> list[Diagnostic]:
    return [d if d.stage else replace(d, stage=stage) for d in diagnostics]
