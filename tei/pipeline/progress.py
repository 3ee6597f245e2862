"""Progress of a build: rich bars per stage on a terminal, plain lines otherwise, or nothing.

The build only calls `begin`, `advance`, `note` and `close`; how that is shown
is each class's business.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class SilentProgress:
    """Shows nothing (for library use and tests); the caller prints problems and the summary."""

    def begin(self, stage: str, total: int) -> None:
        """Start counting `total` items for `stage`."""

    def advance(self, stage: str, count: int = 1) -> None:
        """`count` more items of `stage` are done."""

    def note(self, message: str) -> None:
        """A line for the user that is not an error: a skipped stage, a cache hit."""

    def close(self) -> None:
        """The build is over."""


class PlainProgress(SilentProgress):
    """Plain lines for logs and CI: a stage's start, every tenth of it, and its end.

    With `ticks=False` (`--quiet`) only the line at each stage's end is printed.
    """

    def __init__(self, stream: TextIO | None = None, ticks: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.ticks = ticks
        self.totals: dict[str, int] = {}
        self.done: dict[str, int] = {}
        self.started: dict[str, float] = {}

    def _say(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def begin(self, stage: str, total: int) -> None:
        self.totals[stage], self.done[stage] = total, 0
        self.started[stage] = time.monotonic()
        if self.ticks:
            self._say(f"{stage}: {total} to do")

    def advance(self, stage: str, count: int = 1) -> None:
        total = self.totals.get(stage, 0)
        before = self.done.get(stage, 0)
        self.done[stage] = now = before + count
        step = max(total // 10, 1) if self.ticks else total
        if now == total or (self.ticks and now // step != before // step):
            self._say(f"{stage}: {now}/{total}{self._eta(stage, now, total)}")

    def _eta(self, stage: str, now: int, total: int) -> str:
        elapsed = time.monotonic() - self.started[stage]
        if now >= total:
            return f" done in {elapsed:.1f} s"
        return f" (about {elapsed / now * (total - now):.0f} s left)" if now else ""

    def note(self, message: str) -> None:
        self._say(message)


class RichProgress(SilentProgress):
    """A bar per stage with counts, elapsed time and ETA, on an interactive terminal."""

    def __init__(self, console=None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = console or Console(stderr=True)
        self.bars = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.tasks: dict[str, int] = {}
        self.bars.start()

    def begin(self, stage: str, total: int) -> None:
        self.tasks[stage] = self.bars.add_task(stage, total=total)

    def advance(self, stage: str, count: int = 1) -> None:
        self.bars.advance(self.tasks[stage], count)

    def note(self, message: str) -> None:
        self.bars.console.print(message, markup=False, highlight=False)

    def close(self) -> None:
        self.bars.stop()


def make_progress(quiet: bool, stream: TextIO | None = None) -> SilentProgress:
    """Bars on a terminal, plain lines when output goes to a file or pipe, fewer if quiet."""
    stream = stream or sys.stderr
    if quiet:
        return PlainProgress(stream, ticks=False)
    if stream.isatty():
        return RichProgress()
    return PlainProgress(stream)
