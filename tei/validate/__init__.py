"""Validate TEI files against the edition's schemas: `validate(paths)` returns one result per file.

Layers, in order: well-formedness with the safe parser, the edition's RELAX NG, its Schematron
rules, and optionally its XML Schema (`xsd=True`) and the official tei_all (`tei_all=path`).
"""

from __future__ import annotations

from pathlib import Path

from tei.diagnostics import Diagnostic
from tei.validate.engine import Options, check_files, collect_files, get_validator
from tei.validate.report import FileResult

__all__ = [
    "Diagnostic",
    "FileResult",
    "Options",
    "check_files",
    "collect_files",
    "get_validator",
    "validate",
]


def validate(
    paths: str | Path | list[str | Path],
    *,
    xsd: bool = False,
    tei_all: str | Path | None = None,
    jobs: int | None = None,
) -> list[FileResult]:
    """Check files and folders (searched for *.xml); one `FileResult` per file, in path order."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    options = Options(xsd=xsd, tei_all=Path(tei_all) if tei_all else None)
    return check_files(collect_files(paths), options, jobs)
