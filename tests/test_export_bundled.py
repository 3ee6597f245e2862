"""From a fresh clone, `tei build` with the bundled edition.toml writes every export format for the seeds."""

from __future__ import annotations

import json

import bagit

from tei.pipeline.config import EXPORT_FORMATS, load_config
from tests.export_helpers import REPO
from tests.test_build_real import seeds_build  # noqa: F401  (shared fixture)


def test_the_bundled_edition_turns_every_export_on():
    assert set(EXPORT_FORMATS) <= set(load_config(REPO / "edition.toml").outputs)


def test_the_seeds_build_writes_every_format_without_errors(seeds_build):  # noqa: F811
    build, status = seeds_build
    report = json.loads((build / "report.json").read_text(encoding="utf-8"))
    assert status == 0, [d for d in report["diagnostics"] if d["severity"] == "error"]
    for name in ("export/text/documents.csv", "export/corpus/corpus.xml", "export/zenodo/CITATION.cff",
                 "export/zenodo/.zenodo.json", "export/zenodo/datacite.xml", "web/cmif.xml",
                 "web/dts/index.json", "export/bag/bagit.txt"):
        assert (build / name).is_file(), name
    bagit.Bag(str(build / "export/bag")).validate()
    assert (build / "export/bag/data/pdf/edition.pdf").is_file()
