"""Work of a shared stage done while the document stages still run (`Stage.ahead`).

The search stage indexes its pages in shards, each over a range of buckets (`tei.render.search`).
Built in the order of their buckets, the documents of the first shards are all done long before
the last document: each such shard is indexed then, by one Pagefind process beside the workers, so
that the search stage after the document stages has only the last shards left to index. Which
shards there will be depends on how many texts each language has in the end, and on their bytes; while
documents are still being built the number is estimated from the ones built so far, and the bytes from
the mean size of the texts on disk when the first shard is ready and of every one made since. A shard
indexed under an estimate that turns out wrong is only work lost: the search stage indexes every shard
whose pages are not those it was made from (`indexed.json`), early or not.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from tei.names import SEARCH_PAGES, search_bucket, search_page_language
from tei.pipeline.model import SourceDocument, StageResult
from tei.render import search

MIB = 2**20
# The build's process tree stays within this: a shard is indexed beside the workers only while what the
# tree holds now and what its Pagefind process will hold fit in it; else it waits for the workers to be
# smaller (a fresh pool, `tei.pipeline.executors.DOCUMENTS_PER_WORKER`) or for the search stage.
MEMORY_BUDGET = 1024 * MIB
LOOK_EVERY = 0.25            # seconds between two looks at the tree's memory while a shard waits


class SearchAhead:
    """The search shards whose documents are all built, indexed on a thread of the build's, one
    Pagefind process at a time, while the workers build the documents of the others."""

    def __init__(self, out: Path, todo: list[SourceDocument], settle: Callable[[], None]) -> None:
        self.out, self.pages, self.bundle, self.settle = out, out / SEARCH_PAGES, out / "web" / search.BUNDLE, settle
        self.bucket = {doc.name: search_bucket(doc.name) for doc in todo}
        self.waiting = Counter(self.bucket.values())                    # documents not yet built, by bucket
        self.changed = set(self.waiting)                                  # the buckets this build changes
        self.remaining = len(todo)
        self.texts: Counter | None = None               # search pages on disk by language, once counted
        self.sized = Counter()                          # the pages on disk then and those made since …
        self.sized_bytes = Counter()                    # … and their bytes, by language
        self.made = Counter()                           # the search pages of the documents built so far …
        self.replaced = Counter()                       # … and those they had before, by language
        self.built = 0
        self.started: set[tuple[str, int, range]] = set()
        self.ready: list[tuple[str, int, range]] = []    # shards whose documents are built, not yet indexed
        self.indexing: Future | None = None
        self.looked = 0.0
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="tei-search-ahead")
        self.failure: Exception | None = None           # the first shard that could not be indexed
        self.cpu_seconds = 0.0                          # of the indexing: this thread's and Pagefind's

    def _count_texts_on_disk(self) -> None:
        """Counted when a shard is first ready (a build of one document never needs it): the texts of
        each language, and their bytes, whose mean size the texts still to come are expected to have too."""
        folders = [folder for folder in self.pages.iterdir() if folder.is_dir()] if self.pages.is_dir() else []
        self.texts = Counter()
        for folder in folders:
            self.texts[folder.name], self.sized_bytes[folder.name] = search.language_extent(folder)
        self.sized.update(self.texts)

    def _size(self, outputs: Iterable[str]) -> None:
        """The bytes of a document's search pages, to refine their mean size (a page a writer thread of
        the build still holds is left out)."""
        for name in outputs:
            if language := search_page_language(name):
                with contextlib.suppress(OSError):
                    self.sized_bytes[language] += (self.out / name).stat().st_size
                    self.sized[language] += 1

    def order(self, docs: list[SourceDocument]) -> list[SourceDocument]:
        """The documents by bucket (in the edition order within one), so that shards finish one by one."""
        return sorted(docs, key=lambda doc: self.bucket[doc.name])

    def accepted(self, name: str, before: Iterable[str], after: Iterable[str]) -> None:
        """A document is built: `before` and `after` name its outputs then and now (on disk already)."""
        made, replaced = _languages(after), _languages(before)
        self.made.update(made)
        self.replaced.update(replaced)
        if self.texts is not None:
            self.texts.update(made)
            self.texts.subtract(replaced)
            self._size(after)
        self.built += 1
        self.remaining -= 1
        bucket = self.bucket[name]
        self.waiting[bucket] -= 1
        # The shards left once the last document is built are the search stage's, beside the index stage.
        if self.waiting[bucket] == 0 and self.remaining:
            self._ready_shards_of(bucket)
        if self.ready and self.remaining:
            self._start_one()

    def expected_extents(self) -> dict[str, tuple[int, int]]:
        """Each language's texts and their bytes once every document is built, as the ones built so far
        suggest."""
        if self.texts is None:
            self.settle()           # pages a writer thread of the build still holds
            self._count_texts_on_disk()
        expected = {}
        for language in set(self.texts) | set(self.made):
            texts = round(self.texts[language]
                          + self.remaining * (self.made[language] - self.replaced[language]) / self.built)
            expected[language] = texts, round(texts * self.sized_bytes[language] / max(1, self.sized[language]))
        return expected

    def _ready_shards_of(self, bucket: int) -> None:
        for language, extent in sorted(self.expected_extents().items()):
            for number, buckets in enumerate(search.shard_buckets(*extent), start=1):
                shard = (language, number, buckets)
                if bucket in buckets and shard not in self.started and self._complete(buckets):
                    self.started.add(shard)
                    self.ready.append(shard)

    def _complete(self, buckets: range) -> bool:
        """Every document of the buckets is built, and this build changed one of them."""
        return all(self.waiting[b] <= 0 for b in buckets) and any(b in self.changed for b in buckets)

    def _start_one(self) -> None:
        """The next ready shard, when no other is being indexed and its Pagefind fits in MEMORY_BUDGET."""
        if self.indexing is not None and not self.indexing.done() or self.failure is not None:
            return
        now = time.monotonic()
        if now - self.looked < LOOK_EVERY:
            return
        self.looked = now
        expected = self.expected_extents()
        # A shard of an earlier estimate of the texts is not one the search stage will keep.
        self.ready = [(language, number, buckets) for language, number, buckets in self.ready
                      if search.shard_buckets(*expected[language])[number - 1:number] == [buckets]]
        if not self.ready:
            return
        language, _, buckets = self.ready[0]
        share = len(buckets) / search.BUCKETS
        texts, size = expected[language]
        held = tree_resident_bytes(os.getpid())
        if held is not None and held + search.pagefind_memory(texts * share, size * share) > MEMORY_BUDGET:
            return
        self.settle()               # pages a writer thread of the build still holds
        self.indexing = self.thread.submit(self._index, self.ready.pop(0))

    def _index(self, shard: tuple[str, int, range]) -> None:
        """On the thread: the first failure stops the indexing, and the search stage reports it."""
        if self.failure is None:
            started = time.thread_time()
            try:
                self.cpu_seconds += search.index_shard_now(self.pages, self.bundle, *shard)
            except Exception as err:  # noqa: BLE001 - reported by the search stage, as its own failure
                self.failure = err
            self.cpu_seconds += time.thread_time() - started

    def finish(self) -> StageResult | None:
        """Wait for the shards started; None when they are indexed, else the search stage's result: its
        error (what was not indexed is indexed by the next build)."""
        from tei.pipeline.stages import search_failed
        from tei.pipeline.worker import crash_result

        self.thread.shutdown(wait=True)
        if isinstance(self.failure, search.SearchIndexError):
            return search_failed(self.failure)
        if self.failure is not None:
            return crash_result("search", "edition", self.failure)
        return None

    def cancel(self) -> None:
        """Stop: the shards not started are not, the one Pagefind is indexing is waited for."""
        self.thread.shutdown(wait=True, cancel_futures=True)


def _languages(outputs: Iterable[str]) -> Counter:
    """The search pages among a document's outputs, by language."""
    return Counter(filter(None, (search_page_language(name) for name in outputs if name.startswith(SEARCH_PAGES))))


def tree_resident_bytes(pid: int) -> int | None:
    """The resident bytes of a process and of every process under it (Linux's /proc); None elsewhere."""
    page = os.sysconf("SC_PAGE_SIZE")
    total, waiting = 0, [pid]
    while waiting:
        process = waiting.pop()
        try:
            total += int(Path(f"/proc/{process}/statm").read_text().split()[1]) * page
            for task in Path(f"/proc/{process}/task").iterdir():
                waiting += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            if process == pid:
                return None     # no /proc: nothing to go by
    return total
