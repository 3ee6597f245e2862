"""What the single-stage commands (`tei encode`, `tei web`, `tei pdf`) share around the engine.

Each reads its inputs and checks its output folder the same way, and turns a failure to
write into the same one line and exit status; only what it runs and prints differs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tei.cli import output_folder_problem
from tei.commands.inputs import InputProblem, Inputs, find_inputs
from tei.errors import OutputError, TeiToolkitError

if TYPE_CHECKING:
    from tei.pipeline.single import RunReport

USAGE_ERROR = 2
SOME_FAILED = 1


def command_inputs(command: str, paths: list, pattern: str, output: Path, *, recursive: bool = False,
                   none_found: str = "") -> Inputs | None:
    """The files the command works on; None once it has printed why it cannot start (a usage error)."""
    try:
        inputs = find_inputs(paths, pattern, recursive=recursive)
    except InputProblem as problem:
        return _refused(command, str(problem))
    if none_found and not inputs.files:
        for line in inputs.skipped:         # why the paths named gave nothing
            print(line, file=sys.stderr)
        return _refused(command, f"error: {none_found}")
    if problem := output_folder_problem(Path(output)):
        return _refused(command, problem)
    return inputs


def run_reported(command: str, work: Callable[[], RunReport]) -> RunReport | int:
    """Run the command's work; on a failure to write or a bad setting, print one line and give the exit status."""
    try:
        return work()
    except OutputError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return SOME_FAILED
    except TeiToolkitError as error:        # SOURCE_DATE_EPOCH that is not a number
        print(f"{command}: {error}", file=sys.stderr)
        return USAGE_ERROR


def shown_diagnostics(report: RunReport) -> list[str]:
    """What a single-stage command prints of its run: the errors, and what --allow-doctype ignored."""
    return [str(d) for d in report.diagnostics if d.severity == "error" or d.rule == "doctype-ignored"]


def _refused(command: str, line: str) -> None:
    print(f"{command}: {line}", file=sys.stderr)
    return None
