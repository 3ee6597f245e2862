"""An edition of the bundled seeds in a folder of its own, built with export formats on."""

from __future__ import annotations

import shutil
from pathlib import Path

from tei.pipeline.build import BuildOptions, build_edition
from tei.pipeline.config import load_config

REPO = Path(__file__).resolve().parents[1]
EDITION_TOML = """\
[edition]
title = "Korea and the Soviet Union, 1956"
editors = ["Ada Editor", "Boris Redaktor"]
publisher = "Example Press"
licence = "CC-BY-4.0"
base_url = "https://example.org/edition/"
version = "1.0"
published = "2026-11-30"
[sources]
include = ["seeds/*.txt"]
[outputs]
formats = {formats}
directory = "build"
"""


def seeds_edition(folder: Path, formats: tuple[str, ...], toml: str = EDITION_TOML) -> Path:
    """A copy of the seeds, their metadata and numbers, with an edition.toml making `formats`."""
    shutil.copytree(REPO / "seeds", folder / "seeds")
    shutil.copytree(REPO / "metadata", folder / "metadata")
    shutil.copy(REPO / "document-numbers.toml", folder / "document-numbers.toml")
    listed = "[" + ", ".join(f'"{name}"' for name in formats) + "]"
    (folder / "edition.toml").write_text(toml.replace("{formats}", listed), encoding="utf-8")
    return folder / "edition.toml"


def build_seeds(folder: Path, formats: tuple[str, ...], toml: str = EDITION_TOML):
    """Build the seeds' edition in `folder`; returns (build folder, report)."""
    config = load_config(seeds_edition(folder, formats, toml))
    report = build_edition(config, BuildOptions(jobs=1))
    return config.output_dir, report


def built_seeds(folder: Path, formats: tuple[str, ...]) -> Path:
    """Build the seeds' edition in `folder`, failing the test on any error; returns the build folder."""
    output_dir, report = build_seeds(folder, formats)
    assert report.errors == 0, [str(d) for d in report.diagnostics]
    return output_dir
