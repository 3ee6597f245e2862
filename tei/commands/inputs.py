"""The files a single-stage command is given: named files, and the matching files of folders.

What cannot be read as a file (a folder named like one, a dangling or looping symbolic
link, a FIFO, a device) is skipped and said so, with the reason, never skipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tei.errors import TeiToolkitError, one_line
from tei.fsutil import not_a_file, not_utf8


class InputProblem(TeiToolkitError):
    """A path named on the command line does not exist: a usage error."""


@dataclass
class Inputs:
    """The files to work on, sorted, and one warning line per path skipped."""

    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add(self, path: Path) -> None:
        reason = not_a_file(path) or not_utf8(str(path))
        if reason:
            self.skipped.append(one_line(f"{path}: warning: skipped: {reason}"))
        else:
            self.files.append(path)


def find_inputs(paths: list[str | Path], pattern: str, *, recursive: bool = False) -> Inputs:
    """Files as given, and the files of folders matching `pattern` (in subfolders too if `recursive`)."""
    inputs = Inputs()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = path.rglob(pattern) if recursive else path.glob(pattern)
            for match in sorted(found):
                inputs.add(match)
        elif path.exists() or path.is_symlink():
            inputs.add(path)
        else:
            raise InputProblem(f"{one_line(str(name))}: error: no such file or folder")
    return inputs
