"""Where the data files shipped with the toolkit live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `schemas`, `xslt` or `seeds`: inside the wheel, else beside the package."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the toolkit's data folder {name!r} is missing from {_PACKAGE}")
