"""Full-text search of the web edition, indexed by Pagefind (PyPI `pagefind[bin]`).

Each text of a document (the original, the translation) becomes one small HTML page of
its own, in its own language (`<html lang>`), so that Pagefind stems Russian and English
words each with its own stemmer: the web stage makes these pages with the document's
page (`search_pages`), and the search stage indexes them through Pagefind's Python API
(`write_search_index`) into the bundle the index page's search box loads: one index per
language, or per part of a language's texts in an edition too large for Pagefind to index in
one go (`web/pagefind/LANG-N/`), each fetched in small chunks as a query needs them.

One request per shard (a folder glob), not one per record: Pagefind's Python client answers
each request at most every tenth of a second, which would cost hours at 100,000 texts.
The pages are never published; a search result links to the paragraph of the document's
own page (`NAME.html#ANCHOR`).
"""

from __future__ import annotations

import asyncio
import errno
import gzip
import hashlib
import html
import json
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from tei.errors import TeiToolkitError
from tei.fsutil import atomic_write, output_error
from tei.render.search_meta import ENTRY, METADATA_REWRITE, compact_index, record_addresses

BUNDLE = "pagefind"                  # the folder of the site the search box loads
SHARDS = "shards.json"               # the bundle's list of indexes and their languages
DATES = "dates.json"                 # in each index: the date of each of its records, by Pagefind's id
STATE = "indexed.json"               # beside the search pages: what each shard was made from
BUCKETS = 256                        # the folders of search pages, by their document name's hash
SHARD_PAGES = 2000                   # at most about this many texts in one Pagefind index …
SHARD_BYTES = 9 * 2**20              # … and about this many bytes of their search pages
# Pagefind's peak resident memory while it indexes one index, in bytes: a base, so much a text and so much
# a byte of its search pages (fitted to its peaks on 12 shards of 389 to 3,018 texts, 1.7 to 25 MB, of seed
# copies and synthetic documents, English and Russian: within 32 MiB of each, the base raised by that much;
# README, "Memory of a large build"). A shard of SHARD_PAGES synthetic texts (8.7 MB) comes to about 560 MiB;
# SHARD_BYTES keeps one of longer texts (2,000 seed copies' are 16.7 MB, 608 MiB) to about 430 MiB at most.
PAGEFIND_MEMORY = (40 * 2**20, 0.18 * 2**20, 16)
# Pagefind cuts each index's word list into chunks of about this many entries (one per occurrence
# of a word, one per page it is on; its default is 20,000, about 21 KB compressed): a query fetches
# the chunk of its word from every index, and the metadata loaded before typing lists every chunk.
# 5,000 measured best at 10,000 documents: about 7 KB a chunk, for 2 KB more metadata per index.
INDEX_CHUNK = 5000
# Pagefind indexes on about one core, and each of its processes holds its index in memory
# (PAGEFIND_MEMORY, up to about 0.5 GiB): this many shards are indexed at once. One, so that a build
# of 100,000 documents stays within 1 GiB; 2 keeps both cores of a small machine busy (about 100 s
# less at 100,000, for about 0.5 GiB more). The index pages are made beside it either way.
SEARCH_PROCESSES = 1
CHUNK_SETTING = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"    # how Pagefind (since 1.5) is told INDEX_CHUNK
ENTITY_FACETS = ("person", "organisation", "place")    # filters by the names a document's texts use
# Pagefind also writes ready-made search interfaces (the edition has its own search box) and a web
# worker to search in (the search box runs Pagefind on the page: edition.js).
UNUSED_PREFIXES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.",
                   "pagefind-worker.")


class SearchIndexError(TeiToolkitError):
    """Pagefind could not index the edition (binary missing, or it failed)."""


def numbered_by_reading_order(name: str) -> bool:
    """Whether a file of the site (`pagefind/...`) depends on the order Pagefind read the pages in.

    Pagefind numbers the pages in the order its threads finish reading them, which varies
    from run to run: its contents lists (`pagefind-entry.json`, `*.pf_meta`) and filter
    files may then differ between two builds of the same edition. Its records (fragments)
    and word index do not; every other file of a build is the same bytes every time.
    """
    parts = name.split("/")
    if BUNDLE not in parts:
        return False
    inside = parts[parts.index(BUNDLE) + 2:]         # past the shard's folder
    return inside[:1] == ["filter"] or inside == [ENTRY] or (len(inside) == 1 and inside[0].endswith(".pf_meta"))


def search_filters(record: dict, language: str) -> list[tuple[str, str]]:
    """The facets a reader filters results by, as (facet, value) pairs, empty ones left out: one
    value each for year, sender, recipient, archive and language, and one for every person,
    organisation and place the document names (its authority entry's preferred name, from the
    record's `entities`: `tei.render.html.WebRenderer.render`)."""
    date = record.get("date") or ""
    facets = {
        "year": date[:4] if date else "undated",
        "sender": record.get("sender") or "",
        "recipient": record.get("recipient") or "",
        "archive": record.get("repository") or "",
        "language": language,
    }
    named = record.get("entities") or {}
    return ([(name, value) for name, value in facets.items() if value]
            + [(facet, value) for facet in ENTITY_FACETS for value in named.get(facet, ())])


def search_pages(record: dict, name: str) -> list[tuple[int, str, bytes]]:
    """One page per text of the document's record, for Pagefind: (the text's position, its
    language code, HTML).

    Filters, the date and the result's metadata stand in `<meta>` elements; the
    body holds the text's blocks, each opening with its page anchor (an empty `<a id>`), so
    that a result can point at the paragraph where the words were found. Pagefind also searches the
    metadata, so it holds only the document's title (searchable in each of its texts,
    as a reader expects); a result shows its facets' values, and its address ends in the
    name of the document's page (`BUCKET/POSITION/NAME.html`).
    """
    pages = []
    for position, text in enumerate(record.get("texts", []), start=1):
        if text["blocks"]:
            language = _language_code(text)
            pages.append((position, language, _search_page(record, name, text, language).encode("utf-8")))
    return pages


def _language_code(text: dict) -> str:
    """The text's language for Pagefind and for the name of its folder; "und" if it has none
    (or one that is not a language tag)."""
    code = text.get("lang") or ""
    return code if code and all(c.isascii() and (c.isalnum() or c == "-") for c in code) else "und"


def _search_page(record: dict, name: str, text: dict, language: str) -> str:
    def meta(kind: str, key: str, value: str) -> str:
        return f'<meta data-pagefind-{kind}="{key}[content]" content="{html.escape(value)}">'

    head = [meta("meta", "heading", record.get("title") or name)]
    if record.get("date"):
        head.append(f'<meta name="date" content="{html.escape(record["date"])}">')   # for DATES, not Pagefind
    head += [meta("filter", key, value) for key, value in search_filters(record, text["language"])]
    # The anchor is an empty element of its own: Pagefind stores the text of every element with an
    # id beside the page's text in each result's record, which would hold every paragraph twice.
    body = "".join(f'<p><a id="{html.escape(block["id"])}"></a>{html.escape(block["text"])}</p>\n'
                   for block in text["blocks"])
    return (f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">\n'
            + "\n".join(head) + f"\n</head>\n<body>\n{body}</body></html>\n")


def search_shards(pages: Path) -> list[tuple[str, Path, range]]:
    """The indexes of the search pages under `pages`: (its folder's name, its language's folder of
    pages, the buckets it covers).

    Each language has its own indexes (a query fetches one chunk of each: one index per
    language costs the fewest bytes). Pagefind holds a whole index in memory while it builds
    it (`pagefind_memory`), so a language of more than SHARD_PAGES texts or SHARD_BYTES bytes of
    search pages is indexed in parts, one after the other, `LANG-1`, `LANG-2` …, and the search
    box queries them all.
    A document's bucket comes from its name (`tei.names.search_bucket`), so it stays in its
    part as the edition grows, until the number of parts of its language changes.
    """
    shards = []
    for folder in sorted(p for p in pages.iterdir() if p.is_dir()):
        texts, size = language_extent(folder)
        if texts:
            shards += [(f"{folder.name}-{number}", folder, buckets)
                       for number, buckets in enumerate(shard_buckets(texts, size), start=1)]
    return shards


def language_extent(folder: Path) -> tuple[int, int]:
    """The number of search pages in a language's folder (`search_shards`) and their bytes."""
    sizes = [page.stat().st_size for page in folder.glob("*/*/*.html")]
    return len(sizes), sum(sizes)


def shard_buckets(texts: int, size: int) -> list[range]:
    """The buckets of each index of a language of `texts` texts of `size` bytes (`search_shards`), in order:
    as many buckets in each as keeps it within SHARD_PAGES texts and SHARD_BYTES bytes, the texts being
    spread evenly over the buckets (by their names' hashes)."""
    per_shard = max(1, min(BUCKETS, BUCKETS * SHARD_PAGES // max(1, texts), BUCKETS * SHARD_BYTES // max(1, size)))
    return [range(start, min(BUCKETS, start + per_shard)) for start in range(0, BUCKETS, per_shard)]


def pagefind_memory(texts: float, size: float) -> float:
    """Pagefind's expected peak of resident bytes while it indexes `texts` search pages of `size` bytes."""
    base, per_text, per_byte = PAGEFIND_MEMORY
    return base + per_text * texts + per_byte * size


def index_shard_now(pages: Path, bundle: Path, language: str, number: int, buckets: range) -> float:
    """Index one shard (`search_shards`: the `number`th of `language`, over `buckets`) into `bundle` now,
    unless it was made from the same pages, and record what it was made from: the build indexes a
    shard this way as soon as every document of its buckets is built, while it builds the others,
    and `write_search_index` then finds it up to date. Returns the CPU seconds of its Pagefind process."""
    shard, texts = f"{language}-{number}", pages / language
    state = _indexed_state(pages)
    if _up_to_date(texts, buckets, bundle / shard, state.get(shard)):
        return 0.0
    bundle.mkdir(parents=True, exist_ok=True)
    with _chunk_setting():
        own, pagefind_seconds = _run_pagefind(texts, buckets, bundle / shard)
    made_from = _finish_shard(texts, buckets, bundle / shard, own)
    atomic_write(pages / STATE, json.dumps({**state, shard: made_from}, sort_keys=True), durable=False)
    return pagefind_seconds


def _indexed_state(pages: Path) -> dict[str, str]:
    """What each shard was last made from (`_pages_digest`), by its name."""
    state_file = pages / STATE
    return json.loads(state_file.read_text()) if state_file.is_file() else {}


def _up_to_date(pages: Path, buckets: range, folder: Path, made_from: str | None) -> bool:
    """Whether the index in `folder` is whole and was made from the pages of `buckets` as they are now
    (`made_from`: what it was made from). An index with no record of it, or not whole, is not, and its
    pages are not read to know it."""
    whole = made_from is not None and (folder / ENTRY).is_file() and (folder / DATES).is_file()
    return whole and _pages_digest(pages, buckets) == made_from


def write_search_index(pages: Path, bundle: Path) -> tuple[str, ...]:
    """Index the search pages under `pages` (`LANG/BUCKET/POSITION/NAME.html`) into `bundle`
    (the site's `pagefind/`), one Pagefind index per folder of `search_shards`, and their list
    (`pagefind/shards.json`); returns the names of the bundle's files, relative to the site.

    A shard whose pages are the same files as when it was last indexed is kept as it is:
    after one document changed, only its shards are indexed again. A shard indexed for the first
    time is renamed into place whole; else its new files are moved in one by one, its contents list
    last, and what its old index held besides is removed: a reader never sees an index whose contents
    name a missing file.
    """
    pages.mkdir(parents=True, exist_ok=True)         # an edition of no documents
    bundle.mkdir(parents=True, exist_ok=True)
    shards = search_shards(pages)
    try:
        state = _index_shards(shards, bundle, _indexed_state(pages))
    finally:
        for left in bundle.glob(".*.tmp"):          # this run's scratch, or a killed build's
            shutil.rmtree(left, ignore_errors=True)
    listing, names = [], []
    for shard, _, _ in shards:
        folder = bundle / shard
        languages = json.loads((folder / ENTRY).read_text(encoding="utf-8"))["languages"]
        if languages:
            listing.append({"path": f"{shard}/", "languages": sorted(languages)})
        names += [f"{bundle.name}/{shard}/{name}" for name in _file_names(folder)]
    for old in bundle.iterdir():
        if old.is_dir() and old.name not in state:
            shutil.rmtree(old)
    atomic_write(bundle / SHARDS, json.dumps(listing, sort_keys=True) + "\n", durable=False)
    atomic_write(pages / STATE, json.dumps(state, sort_keys=True), durable=False)
    return (*names, f"{bundle.name}/{SHARDS}")


DATE_META = re.compile(rb'<meta name="date" content="([^"]*)">')


def _write_dates(pages: Path, folder: Path, addresses: dict[str, str], dates: dict[str, str | None]) -> None:
    """The index's DATES: each record's date (of the pages that have one), by the name of its
    record file (`addresses`: the address of each record's page, by that name), which is the id a
    search result gives; `dates`: each page's date, by its name under `pages` (`_read_pages`). The search
    box orders results by date with these: Pagefind's own order by date holds within one index only,
    and merging several it interleaves them by a score of its own."""
    found = {}
    for record, url in addresses.items():
        name = url.lstrip("/")
        date = dates[name] if name in dates else _date((pages / name).read_bytes())
        if date is not None:
            found[record] = date
    atomic_write(folder / DATES, json.dumps(found, sort_keys=True, separators=(",", ":")), durable=False)


def _date(page: bytes) -> str | None:
    found = DATE_META.search(page)
    return html.unescape(found.group(1).decode("utf-8")) if found else None


def _bucket_names(buckets: range) -> list[str]:
    return [f"{bucket:02x}" for bucket in buckets]


def _pages_digest(pages: Path, buckets: range) -> str:
    """What a shard was made from: each page's name and contents, the size of its chunks and the
    way its metadata is rewritten."""
    return _read_pages(pages, buckets)[0]


def _read_pages(pages: Path, buckets: range) -> tuple[str, dict[str, str | None]]:
    """What a shard is made from (`_pages_digest`) and the date of each of its pages, by the page's name
    under `pages`: one reading of each page."""
    digest = hashlib.sha256(f"{INDEX_CHUNK} {METADATA_REWRITE} {' '.join(_bucket_names(buckets))}".encode())
    dates = {}
    for bucket in _bucket_names(buckets):
        for page in sorted((pages / bucket).glob("*/*.html")):
            name, data = page.relative_to(pages).as_posix(), page.read_bytes()
            digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
            dates[name] = _date(data)
    return digest.hexdigest(), dates


def _index_shards(shards: list[tuple[str, Path, range]], bundle: Path, made_from: dict[str, str]) -> dict[str, str]:
    """Index each shard of `shards` (`search_shards`) into `bundle` but those up to date (`made_from`: what
    each was made from, by name); returns what each is made from now.

    Pagefind indexes one shard after the other, SEARCH_PROCESSES at a time, each on a thread of its own,
    while this thread looks whether the next shards are up to date and finishes the ones Pagefind has
    indexed, in turn (`_finish_shard`): Pagefind, the most of the work, never waits for the rest, and the
    pages of a shard never indexed before are read only once it is. The first failure is raised, and the
    shards not started by then are not."""
    state, indexing = {}, []
    with _chunk_setting(), ThreadPoolExecutor(SEARCH_PROCESSES, thread_name_prefix="tei-pagefind") as threads:
        try:
            for shard, pages, buckets in shards:
                if _up_to_date(pages, buckets, bundle / shard, made_from.get(shard)):
                    state[shard] = made_from[shard]
                else:
                    indexing.append((pages, buckets, bundle / shard,
                                     threads.submit(_run_pagefind, pages, buckets, bundle / shard)))
            for pages, buckets, folder, pagefind in indexing:
                state[folder.name] = _finish_shard(pages, buckets, folder, pagefind.result()[0])
        finally:
            for *_, pagefind in indexing:
                pagefind.cancel()
    return state


def _run_pagefind(pages: Path, buckets: range, folder: Path) -> tuple[Path, float]:
    """Pagefind's index of the shard's pages, in a folder of this run's own beside `folder` (the
    Pagefind of a build that was killed may still be writing): that folder, to finish and then
    remove (`_finish_shard`), and the CPU seconds of the Pagefind process. The index is written in
    a folder inside it, made as any other (mkdtemp's is for its owner alone)."""
    own = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    scratch = own / folder.name
    glob = "{" + ",".join(_bucket_names(buckets)) + "}/*/*.html"
    try:
        scratch.mkdir()
        return own, _run_outside_any_event_loop(lambda: asyncio.run(_index(pages, glob, scratch)))
    except BaseException:
        shutil.rmtree(own, ignore_errors=True)
        raise


def _finish_shard(pages: Path, buckets: range, folder: Path, own: Path) -> str:
    """The index Pagefind wrote in `own` (`_run_pagefind`), its metadata rewritten and its dates
    written, moved into place as `folder`; `own` is then removed. Returns what it was made from."""
    scratch = own / folder.name
    try:
        made_from, dates = _read_pages(pages, buckets)
        addresses = compact_index(scratch, record_addresses(scratch), folder.name)
        _write_dates(pages, scratch, addresses, dates)   # moved in with the rest, before the contents list goes last
        _move_into_place(scratch, folder)
        return made_from
    finally:
        shutil.rmtree(own, ignore_errors=True)


def _run_outside_any_event_loop(work: Callable[[], float]) -> float:
    """Pagefind's client is asynchronous: a caller already inside an event loop (a notebook,
    a browser test) has it run on a thread of its own, where `asyncio.run` may start one."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(work).result()


@contextmanager
def _chunk_setting():
    """INDEX_CHUNK in the environment Pagefind's processes start with (the only way to set it), for
    as long as they run (every shard's: they start on threads of their own); the environment is then as
    it was."""
    before = os.environ.get(CHUNK_SETTING)
    os.environ[CHUNK_SETTING] = str(INDEX_CHUNK)
    try:
        yield
    finally:
        if before is None:
            del os.environ[CHUNK_SETTING]
        else:
            os.environ[CHUNK_SETTING] = before


class _Written(Exception):
    """Leaves PagefindIndex's context once the bundle is written and complete: on a clean exit
    the context would write the bundle a second time and stop Pagefind while it writes."""


async def _index(pages: Path, glob: str, scratch: Path) -> float:
    """Pagefind's index of the pages into `scratch`; returns the CPU seconds of its process."""
    from pagefind.index import IndexConfig, PagefindIndex

    # Its service logs its troubles to standard error ("timed out waiting for responses"), and its task that
    # reads Pagefind's answers fails unheard when Pagefind is killed: the error raised here says it all.
    logging.getLogger("pagefind").addHandler(logging.NullHandler())
    asyncio.get_running_loop().set_exception_handler(lambda _loop, _context: None)
    stopped: list[str] = []     # why Pagefind stopped answering before its work was done, if it did
    try:
        async with PagefindIndex(IndexConfig()) as index:
            raise _Written(await _unless_it_stops(index, _index_and_write(index, pages, glob, scratch), stopped))
    except _Written as written:
        return written.args[0]
    except FileNotFoundError as err:
        raise SearchIndexError(f"{pages}: error: Pagefind cannot run ({err}); "
                               "reinstall the toolkit (pip install 'pagefind[bin]')") from None
    # Pagefind's service raises plain exceptions, and its closing a CancelledError once its process has gone.
    except (Exception, asyncio.CancelledError) as err:  # noqa: BLE001
        if isinstance(err, asyncio.CancelledError) and not stopped:
            raise
        why = stopped[0] if stopped else str(err)
        raise SearchIndexError(f"{pages}: error: Pagefind could not index the search pages: {why}") from None


async def _index_and_write(index, pages: Path, glob: str, scratch: Path) -> float:
    await index.add_directory(str(pages.resolve()), glob=glob)
    await index.write_files(str(scratch.resolve()))
    await _written_in_full(scratch)
    return _children_cpu_seconds()


async def _unless_it_stops(index, work, stopped: list[str]) -> float:
    """What `work` returns, unless Pagefind stops answering first, why then put in `stopped`: its process
    ended (kill -9, out of memory, past a file-size limit), or its service stopped reading its answers (one
    it could not read: Pagefind's standard error comes on the same pipe). Its service would wait for an
    answer for ever, and the build with it."""
    service = index._service            # no public way to Pagefind's process and the task reading its answers
    process = asyncio.ensure_future(service._backend.wait())
    working = asyncio.ensure_future(work)
    await asyncio.wait((working, process, service._poll_task), return_when=asyncio.FIRST_COMPLETED)
    if working.done() and not isinstance(working.exception(), ConnectionError):
        process.cancel()
        return working.result()
    await asyncio.wait((process,), timeout=1)       # a pipe to Pagefind broken: it is ending
    working.cancel()
    if process.done():
        stopped.append(_how_it_ended(process.result()))
    else:
        stopped.append(f"its answers could not be read ({_reading_failure(service._poll_task)})")
        service._backend.kill()
        await process
    service._backend._transport.close()     # its pipes: the service's own closing stops short of them
    raise ChildProcessError(stopped[0])


def _reading_failure(task: asyncio.Task) -> str:
    failure = task.exception() if task.done() and not task.cancelled() else None
    return f"{type(failure).__name__}: {failure}" if failure else "the reading stopped"


def _how_it_ended(status: int) -> str:
    """Why Pagefind's process ended, from its exit status (a signal's is its number, negative)."""
    if status >= 0:
        return f"its process ended with status {status}"
    causes = {signal.SIGKILL: " (kill -9, or the system out of memory)",
              signal.SIGXFSZ: " (a file over the size limit of ulimit -f)"}
    return f"its process was killed by {signal.Signals(-status).name}{causes.get(-status, '')}"


async def _written_in_full(folder: Path, seconds: float = 120) -> None:
    """Wait until Pagefind has written every file of the bundle in full.

    Its service answers that the files are written while it may still be writing the last
    ones (the contents list, seen empty about one time in ten): the bundle is complete once
    its contents list and every compressed file read whole, and two looks find the same files.
    """
    deadline = asyncio.get_running_loop().time() + seconds
    before = None
    while True:
        now = [(name, os.stat(folder / name).st_size) for name in _file_names(folder)]
        if now == before and (folder / ENTRY).is_file() and all(_whole(folder / name) for name, _ in now):
            return
        if now == before and _no_room(folder):    # Pagefind stopped on a full disk and does not say so
            raise output_error(folder, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        if asyncio.get_running_loop().time() > deadline:
            raise SearchIndexError(f"{folder}: error: Pagefind did not finish writing the search index")
        before = now
        await asyncio.sleep(0.05)


def _children_cpu_seconds() -> float:
    """CPU seconds of the processes this thread started and that still run (Pagefind's, before it is
    stopped: once stopped, its time is only in the process's total for all its children); 0 without /proc."""
    seconds = 0
    try:
        children = Path(f"/proc/self/task/{threading.get_native_id()}/children").read_text().split()
        for child in children:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            seconds += int(fields[11]) + int(fields[12])      # utime and stime, in clock ticks
    except (OSError, ValueError, IndexError):
        return 0.0
    return seconds / os.sysconf("SC_CLK_TCK")


def _no_room(folder: Path) -> bool:
    """Whether the disk holding `folder` has no block left to write."""
    try:
        return os.statvfs(folder).f_bavail == 0
    except OSError:
        return False


def _whole(path: Path) -> bool:
    """Whether a file of the bundle reads whole: JSON parses, compressed files decompress."""
    try:
        if path.suffix == ".json":
            json.loads(path.read_bytes())
        elif path.name.startswith("wasm.") or ".pf_" in path.name:
            gzip.decompress(path.read_bytes())
    except (ValueError, EOFError, OSError):
        return False
    return True


def _file_names(folder: Path) -> list[str]:
    """The files under `folder`, by their names relative to it, in the order of those names' parts."""
    names = []
    for top, _, files in os.walk(folder):
        inside = Path(top).relative_to(folder).as_posix()
        names += [name if inside == "." else f"{inside}/{name}" for name in files]
    return sorted(names, key=lambda name: name.split("/"))


def _move_into_place(scratch: Path, folder: Path) -> None:
    """A shard indexed for the first time is its scratch folder, renamed (it appears whole); else its new
    files are moved in one by one, its contents list last, and what the old index held besides is removed."""
    for unused in scratch.glob("*"):
        if unused.name.startswith(UNUSED_PREFIXES):
            unused.unlink()
    if not folder.exists():
        os.rename(scratch, folder)
        return
    new = sorted(_file_names(scratch), key=lambda name: (name == ENTRY, name))
    for name in new:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(scratch / name, target)
    kept = set(new)
    for name in _file_names(folder):
        if name not in kept:
            (folder / name).unlink()
