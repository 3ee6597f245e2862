"""Writing a build's outputs: atomically, and several at once.

Every file goes through `tei.fsutil.atomic_write` (temporary file, fsync, rename),
so a reader never sees half a file. An fsync takes milliseconds, far longer than
making a small page, so the client hands writes to a few threads (fsync releases
the GIL) instead of making the workers wait for one disk queue.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from tei.pipeline.cache import write_if_changed

WRITER_THREADS = 8
MAX_PENDING = 512    # writes queued before the client waits: bounds the bytes held in memory


def safe_output(name: str) -> PurePosixPath:
    """A stage's output path, refused if it would leave the build folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"a stage returned an output path outside the build folder: {name!r}")
    return path


def remove_outputs(build_dir: Path, names) -> None:
    for name in names:
        (build_dir / safe_output(name)).unlink(missing_ok=True)


class OutputWriter:
    """Writes files under `build_dir` on a few threads; `drain()` waits and re-raises failures."""

    def __init__(self, build_dir: Path) -> None:
        self.build_dir = build_dir
        self.threads = ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="tei-write")
        self.pending: deque[Future] = deque()

    def write(self, name: str, data: bytes) -> None:
        path = self.build_dir / safe_output(name)
        self.pending.append(self.threads.submit(write_if_changed, path, data))
        while len(self.pending) > MAX_PENDING:
            self.pending.popleft().result()

    def drain(self) -> None:
        """Wait for every write so far; the first failure is raised here."""
        while self.pending:
            self.pending.popleft().result()

    def close(self) -> None:
        """Finish the writes already handed over (an interrupted build still completes them)."""
        self.threads.shutdown(wait=True)
        self.pending.clear()
