"""Writing a build's outputs: atomically, and several at once.

Every file goes through `tei.fsutil.atomic_write` (temporary file, then rename), so
a stopped build never leaves half a file. The files are not flushed to disk one by
one: an fsync per small page cost more system time than making the page, time
taken from the workers on a machine with few cores. Instead `settle()` waits for
the writes and flushes them all with one `os.sync()`, and the build calls it before
it saves the cache manifest, so the manifest never names a file that a power cut
could still take back.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tei.fsutil import is_temporary, output_error, temporary_name
from tei.pipeline.cache import holds, write_if_changed

WRITER_THREADS = 2
MAX_PENDING = 512    # writes queued before the client waits: bounds the bytes held in memory


def safe_output(name: str) -> PurePosixPath:
    """A stage's output path, refused if it would leave the build folder."""
    return PurePosixPath(*output_parts(name))


def output_parts(name: str) -> list[str]:
    """A stage's output path as its folders and file name, read as `PurePosixPath` reads it (empty and "."
    parts dropped); refused if it would leave the build folder."""
    parts = [part for part in name.split("/") if part and part != "."]
    if name.startswith("/") or ".." in parts or not parts:
        raise ValueError(f"a stage returned an output path outside the build folder: {name!r}")
    return parts


@dataclass(frozen=True)
class Layout:
    """Where outputs go: all under `root` (a build), or, for a single-stage command, some
    kinds of output in folders of their own (`folders`: ("tei", out) puts tei/NAME.xml in out/)."""

    root: Path
    folders: tuple[tuple[str, Path], ...] = ()

    def path(self, name: str) -> Path:
        return Path(self.file(name))

    def file(self, name: str) -> str:
        """`path` as a string: what the files a document writes are opened by (no `Path` made for each)."""
        parts = output_parts(name)
        for kind, folder in self.folders:
            if parts[0] == kind and len(parts) > 1:
                return os.path.join(folder, *parts[1:])
        return os.path.join(self.root, *parts)


def write_files(layout: Layout, files: tuple[tuple[str, bytes], ...]) -> tuple[str, ...]:
    """Write one document's files, unsynced; returns their names.

    A file with the same bytes as one written before it becomes a hard link to that
    one (the TEI download beside the web page is the TEI itself): on some disks a new
    file costs far more than the page it holds, and a link costs almost nothing.
    """
    first: dict[bytes, str] = {}
    for name, data in files:
        path = layout.file(name)
        original = first.setdefault(data, path)
        if original is path:
            write_if_changed(path, data, durable=False)
        else:
            link_if_changed(original, path, data)
    return tuple(name for name, _ in files)


def link_if_changed(original: str, path: str, data: bytes) -> None:
    """Make `path` a hard link to `original` (which holds `data`) unless it holds `data` already."""
    if holds(path, data):
        return
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, temporary_name(name, f".{os.getpid()}.link"))
    try:
        _link(original, temporary)
        os.replace(temporary, path)
    except OSError:                 # a file system without hard links gets a copy
        write_if_changed(path, data, durable=False)


def _link(original: str, temporary: str) -> None:
    """A hard link to `original` at `temporary`, over one a killed process left there, its folder made if
    missing: the folder and the leftover looked for only when the first try fails."""
    try:
        os.link(original, temporary)
    except FileExistsError:
        os.unlink(temporary)
        os.link(original, temporary)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(temporary), exist_ok=True)
        os.link(original, temporary)


def remove_outputs(build_dir: Path, names) -> None:
    for name in names:
        path = build_dir / safe_output(name)
        try:
            path.unlink(missing_ok=True)
        except OSError as err:
            raise output_error(path, err) from None


class OutputReader:
    """What a shared stage reads of the outputs made before it: `read(name)` gives a file's bytes,
    `read.names()` every file under the build folder (the bag packs them), `read.path(name)`
    where a file is (Pagefind indexes a folder of them). `held` holds files that exist only in
    memory (a TEI file named on the command line is its own TEI output)."""

    def __init__(self, layout: Layout, held: dict[str, bytes] | None = None) -> None:
        self.layout = layout
        self.held = held or {}

    def __call__(self, name: str) -> bytes:
        return self.held[name] if name in self.held else self.layout.path(name).read_bytes()

    def path(self, name: str) -> Path:
        return self.layout.path(name)

    def names(self) -> list[str]:
        root = self.layout.root
        return sorted(path.relative_to(root).as_posix() for path in root.rglob("*")
                      if path.is_file() and not is_temporary(path.name))


class OutputWriter:
    """Writes files into a `Layout` on a few threads; `drain()` waits and re-raises failures."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.threads = ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="tei-write")
        self.pending: deque[Future] = deque()
        self.unsynced = False

    def write(self, files: tuple[tuple[str, bytes], ...]) -> None:
        """Write one document's (or one stage's) files, in order, on a writer thread. The next flush
        also covers what was written elsewhere and not handed over (a pool worker's files, the search index)."""
        self.unsynced = True
        if not files:               # a pool worker wrote them: no task for a writer thread
            return
        for name, _ in files:
            safe_output(name)       # refused here, in the caller, not later on a thread
        self.pending.append(self.threads.submit(write_files, self.layout, files))
        while len(self.pending) > MAX_PENDING:
            self.pending.popleft().result()

    def drain(self) -> None:
        """Wait for every write so far; the first failure is raised here."""
        while self.pending:
            self.pending.popleft().result()

    def settle(self) -> None:
        """Wait for every write so far and flush them to disk."""
        self.drain()
        self._sync()

    def close(self) -> None:
        """Finish and flush the writes already handed over (an interrupted build too)."""
        self.threads.shutdown(wait=True)
        self.pending.clear()
        self._sync()

    def _sync(self) -> None:
        if self.unsynced:
            os.sync()
            self.unsynced = False
