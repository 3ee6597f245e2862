"""The `bagit` export: a BagIt bag (RFC 8493) of the edition, validated by the bagit library."""

from __future__ import annotations

import bagit
import pytest

from tests.export_helpers import built_seeds


@pytest.fixture(scope="module")
def bag(tmp_path_factory):
    build = built_seeds(tmp_path_factory.mktemp("bagit"), ("tei", "web", "text", "bagit"))
    return build / "export/bag"


def test_the_bag_in_the_build_folder_validates(bag):
    bagit.Bag(str(bag)).validate()


def test_the_bag_holds_the_tei_the_web_edition_the_exports_the_schemas_and_a_readme(bag):
    data = bag / "data"
    assert len(list((data / "tei").glob("*.xml"))) == 5
    assert (data / "web/index.html").is_file() and (data / "export/text/documents.csv").is_file()
    assert (data / "schemas/edition.odd").is_file() and (data / "schemas/edition.rng").is_file()
    readme = (data / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Korea and the Soviet Union, 1956") and "tei/: the TEI P5 file" in readme
    assert not (data / "export/bag").exists() and not (data / ".cache").exists()


def test_the_bag_info_comes_from_edition_toml_and_has_no_clock(bag):
    info = bagit.Bag(str(bag)).info
    assert info["Bagging-Date"] == "2026-11-30"
    assert info["External-Description"].startswith("Korea and the Soviet Union, 1956")
    assert set(bagit.Bag(str(bag)).algorithms) == {"sha256", "sha512"}


def test_a_changed_file_in_the_bag_fails_validation(bag, tmp_path):
    import shutil

    copy = tmp_path / "bag"
    shutil.copytree(bag, copy)
    (copy / "data/README.md").write_text("changed", encoding="utf-8")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(copy)).validate()
