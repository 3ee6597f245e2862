"""Validate TEI files against the edition's schemas: `validate(paths)` returns one result per file.

Layers, in order: well-formedness with the safe parser, the edition's RELAX NG, its Schematron
rules, and optionally its XML Schema (`xsd=True`) and the official tei_all (`tei_all=path`);
or, for TEI the toolkit did not write, the schemas named (`schemas=[...]`) and `integrity=True`.
"""

from __future__ import annotations

from pathlib import Path

from tei.diagnostics import Diagnostic
from tei.validate.engine import Options, collect_files, get_validator
from tei.validate.report import FileResult

__all__ = [
    "Diagnostic",
    "FileResult",
    "Options",
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
    schemas: tuple[str | Path, ...] = (),
    integrity: bool = False,
    **options: bool,
) -> list[FileResult]:
    """Check files and folders (searched for *.xml); one `FileResult` per file, in path order.

    `schemas` and `integrity` check TEI the toolkit did not write instead of the edition's layers;
    `options` are the other `Options` switches (`embedded_schematron`, `xinclude`, `allow_doctype`).
    The files are checked by the build's validate stage: `jobs` processes (default one per CPU).
    """
    from tei.pipeline.single import validate_files

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    chosen = Options(xsd=xsd, tei_all=Path(tei_all) if tei_all else None, schemas=tuple(map(Path, schemas)),
                     integrity=integrity, **options)
    return validate_files(collect_files(paths), chosen, jobs=jobs)
