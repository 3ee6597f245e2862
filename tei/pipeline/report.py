"""What a build reports: `build/report.json` for tools, a summary table for people.

The JSON holds no timings and no counts of cached work, so two builds of the same
input write the same bytes; the table printed at the end says what this run did.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tei.errors import Position
from tei.fsutil import atomic_write
from tei.pipeline.model import Diagnostic

REPORT_PATH = "report.json"


@dataclass
class StageTally:
    """One stage's line in the summary: what it did this run and what it found."""

    name: str
    scope: str
    status: str = "ran"          # "ran" | "cached" | "unavailable" | "not requested"
    reason: str = ""
    done: int = 0
    cached: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0     # CPU time of its own work (the shared stages': with their helper processes)


class DiagnosticLog:
    """A build's diagnostics, in the order found, kept on disk: an edition of 100,000 documents has some
    400,000 names and dates to review. A private temporary SQLite database, gone with the log."""

    _FIELDS = "path, line, column, stage, layer, rule, message, severity, origin"

    def __init__(self, diagnostics: Iterable[Diagnostic] = ()) -> None:
        self._db = sqlite3.connect("")
        self._db.execute(f"CREATE TABLE found (seq INTEGER PRIMARY KEY, {self._FIELDS})")
        self.severities: Counter[str] = Counter()
        self.extend(diagnostics)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        rows = []
        for d in diagnostics:
            self.severities[d.severity] += 1
            origin = json.dumps(list(d.origin)) if d.origin else None
            rows.append((d.path, d.line, d.column, d.stage, d.layer, d.rule, d.message, d.severity, origin))
        self._db.executemany(f"INSERT INTO found ({self._FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def __len__(self) -> int:
        return self.severities.total()

    def __iter__(self) -> Iterator[Diagnostic]:
        return self._read("ORDER BY seq")

    def sorted(self) -> Iterator[Diagnostic]:
        """By `Diagnostic.sort_key`, those with the same key in the order found (as `sorted` would)."""
        return self._read("ORDER BY path, line, column, stage, layer, rule, message, seq")

    def _read(self, order: str) -> Iterator[Diagnostic]:
        # SQLite compares text as UTF-8 bytes, which orders it as Python orders str: by code point.
        for path, line, column, stage, layer, rule, message, severity, origin in self._db.execute(
                f"SELECT {self._FIELDS} FROM found {order}"):
            yield Diagnostic(severity, rule, message, Position(path, line, column), layer=layer, stage=stage,
                             origin=Position(*json.loads(origin)) if origin else None)


@dataclass
class BuildReport:
    """The outcome of a build, as written to report.json and printed as a table."""

    title: str
    toolkit: str
    documents: int = 0
    failed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    rebuilt: int = 0
    interrupted: bool = False
    seconds: float = 0.0         # wall time of the run: printed, never written to report.json
    stages: list[StageTally] = field(default_factory=list)
    diagnostics: DiagnosticLog = field(default_factory=DiagnosticLog)

    @property
    def errors(self) -> int:
        return self.diagnostics.severities["error"]

    @property
    def warnings(self) -> int:
        return self.diagnostics.severities["warning"]

    @property
    def to_review(self) -> int:
        """Names and dates the recogniser left for the editors to decide (`info` findings)."""
        return self.diagnostics.severities["info"]

    def to_json(self) -> dict[str, object]:
        return {**self._summary(), "diagnostics": [d.to_json() for d in self.diagnostics.sorted()]}

    def _summary(self) -> dict[str, object]:
        """report.json but its diagnostics."""
        return {
            "edition": self.title,
            "toolkit": self.toolkit,
            "documents": self.documents,
            "failed": sorted(self.failed),
            "errors": self.errors,
            "warnings": self.warnings,
            "to_review": self.to_review,
            "stages": [
                {"name": s.name, "scope": s.scope, "available": s.status != "unavailable",
                 "requested": s.status != "not requested", "note": s.reason}
                for s in self.stages
            ],
        }

    def write(self, build_dir: Path) -> Path:
        """report.json, the bytes of `json.dumps(self.to_json(), indent=1)`, written a diagnostic at a time."""
        path = build_dir / REPORT_PATH
        atomic_write(path, self._json_pieces(), unless_same=True)
        return path

    def _json_pieces(self) -> Iterator[bytes]:
        head = json.dumps({**self._summary(), "diagnostics": [0]}, indent=1, ensure_ascii=False)
        before, after = head.rsplit("0", 1)     # the list's one placeholder, the last 0 of the text
        yield before.removesuffix("\n  ").encode()
        separator = "\n  "
        for d in self.diagnostics.sorted():
            yield (separator + _list_item(d.to_json())).encode()
            separator = ",\n  "
        # json.dumps writes an empty list as []
        yield (after if separator != "\n  " else after.lstrip("\n ")).encode() + b"\n"


# json's C encoder, with the separators of `indent=1` two spaces further in (given an indent, json encodes
# in Python, twice as slow: a second of the 400,000 findings of a 100,000-document build).
_ITEM = json.JSONEncoder(ensure_ascii=False, separators=(",\n   ", ": ")).encode
_ORIGIN = json.JSONEncoder(ensure_ascii=False, separators=(",\n    ", ": ")).encode


def _list_item(data: dict[str, object]) -> str:
    """A diagnostic's JSON (`Diagnostic.to_json`: text and numbers, and last the origin's) as
    `json.dumps(data, indent=1, ensure_ascii=False)` writes it, each line but the first two spaces
    further in: an item of report.json's list."""
    text = "{\n   " + _ITEM({key: value for key, value in data.items() if key != "origin"})[1:-1]
    if "origin" in data:
        text += ',\n   "origin": {\n    ' + _ORIGIN(data["origin"])[1:-1] + "\n   }"
    return text + "\n  }"


def summary_table(report: BuildReport):
    """A rich table: per stage, what ran, what came from the cache, problems and time."""
    from rich.table import Table

    table = Table(title=f"{report.title}: {report.documents} documents", title_justify="left")
    for column in ("stage", "status", "done", "cached", "errors", "warnings"):
        table.add_column(column, justify="left" if column in ("stage", "status") else "right")
    table.add_column("worker s", justify="right")
    table.add_column("CPU s", justify="right")
    for s in report.stages:
        status = f"{s.status}: {s.reason}" if s.reason else s.status
        table.add_row(
            s.name, status, str(s.done), str(s.cached), str(s.errors), str(s.warnings),
            f"{s.seconds:.2f}", f"{s.cpu_seconds:.2f}",
        )
    return table


def summary_lines(report: BuildReport, build_dir: Path) -> list[str]:
    """The closing words: whether anything was done, and where the report is."""
    lines = []
    if report.interrupted:
        lines.append("build interrupted: finished documents are saved; run `tei build` again")
    elif report.rebuilt == 0 and not report.removed:
        lines.append(f"nothing to do: all {report.documents} documents are up to date")
    else:
        lines.append(
            f"rebuilt {report.rebuilt} of {report.documents} documents"
            + (f", removed {len(report.removed)}" if report.removed else "")
            + f" in {report.seconds:.1f} s"
        )
    lines.append(
        f"{report.errors} errors, {report.warnings} warnings"
        + (f" in {len(report.failed)} documents" if report.failed else "")
        + (f", {report.to_review} names and dates to review" if report.to_review else "")
        + f"; details in {build_dir / REPORT_PATH}"
    )
    return lines
