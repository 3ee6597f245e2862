"""The `text` export: plain text in reading and diplomatic forms, and the metadata table."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tei.cli import main
from tei.export.record import document_record
from tei.pipeline.model import Settings
from tei.pipeline.single import _run_with_scratch, input_documents
from tei.pipeline.stages import stage
from tests.export_helpers import REPO, built_seeds, seeds_edition

FEATURES = (REPO / "tests" / "data" / "features.xml").read_bytes()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    build = built_seeds(tmp_path_factory.mktemp("text"), ("tei", "text"))
    return build


def test_every_document_has_a_reading_and_a_diplomatic_text(built):
    names = sorted(path.stem for path in (built / "tei").glob("*.xml"))
    for form in ("reading", "diplomatic"):
        assert sorted(path.stem for path in (built / "export/text" / form).glob("*.txt")) == names


def test_the_reading_text_leaves_deletions_out_and_expands_abbreviations():
    reading = document_record(FEATURES, "features.xml")["reading"]
    assert "old words" not in reading and "instruction of the Central Committee to talk" in reading
    assert "⟦" not in reading and "⸢" not in reading


def test_the_diplomatic_text_keeps_deletions_insertions_and_abbreviations_as_written():
    diplomatic = document_record(FEATURES, "features.xml")["diplomatic"]
    assert "⟦old words⟧" in diplomatic and "⸢at the initiative of Cde. Kim Il Sung⸣" in diplomatic
    assert "instruction of the C C to talk" in diplomatic
    assert "‖лист 2‖" in diplomatic.splitlines()


def test_both_forms_keep_the_editorial_brackets_and_end_with_the_notes():
    record = document_record(FEATURES, "features.xml")
    for form in ("reading", "diplomatic"):
        assert "[Mao Zedong]" in record[form] and "August [SIC]" in record[form]
        assert "\n\nNOTES\n\n[1] Translator’s note:" in record[form]


def test_the_table_has_one_row_per_document_in_csv_and_json(built):
    rows = list(csv.DictReader(io.StringIO((built / "export/text/documents.csv").read_text(encoding="utf-8"))))
    table = json.loads((built / "export/text/documents.json").read_text(encoding="utf-8"))
    assert len(rows) == len(table) == 5
    assert [row["name"] for row in rows] == [row["name"] for row in table]
    mikoyan = next(row for row in table if row["name"] == "002_3e0987d1e7ed6dfd")
    assert mikoyan["date"] == "1956-09-23" and mikoyan["sender"] == "A. Mikoyan"
    assert mikoyan["languages"] == ["ru", "en"] and mikoyan["translators"] == ["Gary Goldberg"]
    assert mikoyan["edition_url"] == "https://example.org/edition/002_3e0987d1e7ed6dfd.html"
    assert next(row for row in rows if row["name"] == mikoyan["name"])["languages"] == "ru; en"


def test_the_table_follows_the_edition_order(built):
    table = json.loads((built / "export/text/documents.json").read_text(encoding="utf-8"))
    assert [row["number"] for row in table] == ["1", "2", "3", "4", "5"]


def test_tei_export_adds_the_formats_to_the_build(tmp_path, monkeypatch):
    config = seeds_edition(tmp_path, ("tei",))
    monkeypatch.chdir(tmp_path)
    assert main(["export", "text", "--config", str(config), "-j", "1", "-q"]) == 0
    assert (tmp_path / "build/export/text/documents.csv").is_file()


def test_an_unknown_format_is_a_usage_error(capsys):
    assert main(["export", "epub"]) == 2
    assert "invalid choice: 'epub'" in capsys.readouterr().err


def test_a_bad_date_in_a_header_is_one_error_naming_the_document_and_the_field(tmp_path):
    bad = FEATURES.replace(b'when="1956-09-23"', b'when="23 Sept 1956"')
    assert bad != FEATURES

    (tmp_path / "bad.xml").write_bytes(bad)
    report = _run_with_scratch(input_documents([tmp_path / "bad.xml"], tei=True),
                               (stage("read"), stage("export")), Settings(outputs=("tei", "text")),
                               {"export": tmp_path / "out"}, 1)
    errors = [str(d) for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1
    assert "bad.xml" in errors[0] and "[export-metadata]" in errors[0] and "'23 Sept 1956'" in errors[0]
    assert not (tmp_path / "out").exists()
