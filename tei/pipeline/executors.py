"""Where the document stages run: this process, a local process pool, or a Dask cluster.

Each executor takes the documents to build and yields their results in the order
they finish. Pool workers write their outputs into the build folder themselves;
a Dask worker may be on another machine, so the client writes what it returns.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from tei.errors import TeiToolkitError
from tei.pipeline.model import DocumentResult, Settings, SourceDocument, Stage
from tei.pipeline.outputs import Layout
from tei.pipeline.worker import (
    ignore_interrupts_then_prepare,
    lost_worker_result,
    prepare_worker,
    run_and_write_each,
    run_document,
    run_documents,
)

# Documents sent to a pool worker at once: a task costs its round trip between processes
# (some 0.2-0.6 ms, as much as encoding a document), so a few share one; a few only, and
# several per worker, so that the workers finish together and a build stopped midway has
# its finished documents reported. A batch is run stage by stage (`run_documents`), so each
# stage's code stays warm in the processor's caches for all but the first of its documents.
BATCH = 16
BATCHES_PER_WORKER = 4
# Documents a pool worker builds before a fresh process takes its place. A worker's memory grows with
# the documents it has rendered, by about 10 KB a document: not in Python's objects (their number stays
# the same), nor in memory malloc could give back, nor in the encode and validate stages (flat over
# 20,000 documents), so in the web stage's Saxon, whose heap a new Saxon processor in the same process
# does not shrink: 230 MiB after 5,000 documents, 390 MiB after 20,000, 615 MiB after 45,000. Starting a
# worker costs about 0.4 s of CPU (imports, schemas, stylesheets): 0.4 ms a document at this size.
# A fresh worker already holds about 190 MiB; on seed-sized documents it grows to about 230 MiB over
# 1,000 documents, 290 over 2,500 and 320 over 5,000. Two workers and an early Pagefind (about 330 MiB)
# beside them are the build's peak, so 1,000: 20,000 seed copies peaked at 903 MiB against 936 with
# 2,500 (workers 250 against 290 MiB; README, "Memory of a large build"), the peak that put 100,000 seed
# copies over 1 GiB.
DOCUMENTS_PER_WORKER = 1000
# Pool workers at most per CPU, whatever `-j` asks: the stages keep a worker's CPU busy, so more workers only
# add memory (some 200 MiB each, see above); `-j 10000` started as many processes as there were documents.
WORKERS_PER_CPU = 4
# Documents handed to a Dask cluster and not yet returned: enough to keep its workers busy,
# few enough that the client does not hold the edition's sources.
IN_FLIGHT = 256


class ExecutorError(TeiToolkitError):
    """The chosen executor cannot start (Dask missing, scheduler unreachable, bad --jobs)."""


class SerialExecutor:
    """Runs every document in this process: for one worker, or one document to redo."""

    def __init__(self, stages: tuple[Stage, ...], settings: Settings) -> None:
        self.stages, self.settings = stages, settings

    def run(self, docs: Sequence[SourceDocument]) -> Iterator[DocumentResult]:
        """The documents a few at a time, stage by stage (`run_documents`), as a pool worker takes them."""
        prepare_worker(self.stages, self.settings)
        for batch in batches(docs, 1):
            yield from run_documents(batch, self.stages, self.settings)

    def close(self, cancel: bool = False) -> None:
        """Nothing to stop: the work ran in this process."""


class PoolExecutor:
    """A pool of `jobs` processes; each compiles the stages' schemas and XSLT once, at start, and is
    replaced by a fresh one after DOCUMENTS_PER_WORKER documents."""

    def __init__(
        self, stages: tuple[Stage, ...], settings: Settings, jobs: int, layout: Layout
    ) -> None:
        self.stages, self.settings, self.layout, self.jobs = stages, settings, layout, jobs
        self.pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: the client may hold threads (progress display, Saxon) that
        # a forked child would inherit in a locked state.
        self.pool = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=ignore_interrupts_then_prepare,
            initargs=(self.stages, self.settings, os.getpid()),
        )
        return self.pool

    def run(self, docs: Sequence[SourceDocument]) -> Iterator[DocumentResult]:
        """The documents in rounds of DOCUMENTS_PER_WORKER a worker, each round on a pool of its own
        (Python 3.11's `max_tasks_per_child` can leave a pool waiting for a worker it never starts).

        A worker lost (killed, or out of memory) breaks its pool, and every batch not yet returned with
        it: those go once more to a fresh pool, and a document lost again is its own `stage-crash`."""
        size = DOCUMENTS_PER_WORKER * self.jobs
        for start in range(0, len(docs), size):
            lost = yield from self._on_a_fresh_pool(batches(docs[start:start + size], self.jobs))
            if lost:
                lost = yield from self._on_a_fresh_pool(lost)
            for doc in (doc for batch in lost for doc in batch):
                yield lost_worker_result(doc, self.stages[0].name)

    def _on_a_fresh_pool(self, work: list[tuple[SourceDocument, ...]]):
        """Run the batches on a new pool, yielding their results; returns the batches its lost worker took."""
        pool = self._start()
        # A finished future holds its documents' results for as long as something refers to it:
        # each is dropped from `waiting` as it comes, and as_completed lets go of it once yielded.
        waiting = {pool.submit(run_and_write_each, batch, self.stages, self.settings, self.layout): batch
                   for batch in work}
        lost = []
        for future in as_completed(waiting):
            batch = waiting.pop(future)
            try:
                results = future.result()
            except BrokenProcessPool:
                lost.append(batch)
                continue
            yield from results
        pool.shutdown()
        return lost

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


def batches(docs: Sequence[SourceDocument], jobs: int) -> list[tuple[SourceDocument, ...]]:
    """The documents in order, cut into batches of at most BATCH, at least BATCHES_PER_WORKER per worker."""
    size = max(1, min(BATCH, len(docs) // (jobs * BATCHES_PER_WORKER)))
    return [tuple(docs[start:start + size]) for start in range(0, len(docs), size)]


class DaskExecutor:
    """Ships each document's source text to a Dask worker and gets its outputs back."""

    def __init__(self, stages: tuple[Stage, ...], settings: Settings, scheduler: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ExecutorError(
                "--executor dask needs the 'distributed' package: pip install 'tei-edition[dask]'"
            ) from None
        self.stages, self.settings = stages, settings
        try:
            self.client = Client(scheduler, timeout="20s", set_as_default=False)
        except OSError as err:
            raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        self.futures: set = set()        # submitted, not yet returned

    def run(self, docs: Sequence[SourceDocument]) -> Iterator[DocumentResult]:
        """A worker may be on another machine: each source is read here, as its turn comes, with
        at most IN_FLIGHT documents submitted and not yet returned."""
        from distributed import as_completed as dask_completed

        waiting = iter(docs)
        self.futures = {self._submit(doc) for doc in islice(waiting, IN_FLIGHT)}
        running = dask_completed(list(self.futures), loop=self.client.loop)
        for future in running:
            self.futures.discard(future)
            yield future.result()
            future.release()
            for doc in islice(waiting, 1):
                newcomer = self._submit(doc)
                self.futures.add(newcomer)
                running.add(newcomer)

    def _submit(self, doc: SourceDocument):
        with contextlib.suppress(OSError):   # the worker reports it, as any other document's error
            doc = doc.with_data()
        return self.client.submit(run_document, doc, self.stages, self.settings, pure=False)

    def close(self, cancel: bool = False) -> None:
        if cancel and self.futures:
            self.client.cancel(list(self.futures))
        self.client.close()


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_executor(
    kind: str,
    stages: tuple[Stage, ...],
    settings: Settings,
    *,
    jobs: int | None,
    work: int,
    layout: Layout,
    scheduler: str | None = None,
):
    """The executor for `work` documents; a single document, or too few to pay for starting
    processes (`Stage.documents_per_process`), is done here, without a pool."""
    if kind == "dask":
        if not scheduler:
            raise ExecutorError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        return DaskExecutor(stages, settings, scheduler)
    if kind != "process":
        raise ExecutorError(f"unknown executor {kind!r}; choose 'process' or 'dask'")
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ExecutorError(f"--jobs must be at least 1, not {jobs}")
    per_process = min((stage.documents_per_process for stage in stages), default=1)
    workers = min(jobs, work // per_process, WORKERS_PER_CPU * default_jobs())
    if workers <= 1:
        return SerialExecutor(stages, settings)
    return PoolExecutor(stages, settings, workers, layout)
