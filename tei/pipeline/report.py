"""What a build reports: `build/report.json` for tools, a summary table for people.

The JSON holds no timings and no counts of cached work, so two builds of the same
input write the same bytes; the table printed at the end says what this run did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tei.pipeline.cache import write_if_changed
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
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.diagnostics)

    @property
    def to_review(self) -> int:
        """Names and dates the recogniser left for the editors to decide (`info` findings)."""
        return sum(d.severity == "info" for d in self.diagnostics)

    def to_json(self) -> dict[str, object]:
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
            "diagnostics": [d.to_json() for d in sorted(self.diagnostics, key=Diagnostic.sort_key)],
        }

    def write(self, build_dir: Path) -> Path:
        data = json.dumps(self.to_json(), indent=1, ensure_ascii=False).encode() + b"\n"
        path = build_dir / REPORT_PATH
        write_if_changed(path, data)
        return path


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
