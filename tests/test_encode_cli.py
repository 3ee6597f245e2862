"""The `tei encode` and `tei source` commands, called through `main`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tei.cli import main
from tests.conftest import SEEDS


def test_encode_writes_one_tei_file_per_seed(tmp_path: Path) -> None:
    assert main(["encode", str(SEEDS[0].parent), "-o", str(tmp_path), "-q"]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.xml")) == [f"{s.stem}.xml" for s in SEEDS]


def test_a_bad_file_gives_exit_1_and_the_others_are_still_written(tmp_path: Path, capsys) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "good.txt").write_text("A good paragraph.", encoding="utf-8")
    (sources / "bad.txt").write_bytes(b"caf\xe9")
    assert main(["encode", str(sources), "-o", str(tmp_path / "out")]) == 1
    assert (tmp_path / "out" / "good.xml").exists() and not (tmp_path / "out" / "bad.xml").exists()
    assert re.search(r"bad\.txt:1:4: error: (\[source\] )?byte 0xe9", capsys.readouterr().err)


def test_a_missing_path_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["encode", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_no_arguments_is_a_usage_error(capsys) -> None:
    assert main(["encode"]) == 2


def test_report_lists_conventions_with_counts_and_examples(tmp_path: Path, capsys) -> None:
    assert main(["encode", str(SEEDS[3]), "-o", str(tmp_path), "--report"]) == 0
    out = capsys.readouterr().out
    assert "in-handwritten-version" in out and "003_e138d62deb00a27f.txt:7:" in out
    assert "unclassified: 0" in out


def test_report_as_json(tmp_path: Path, capsys) -> None:
    source = tmp_path / "doc.txt"
    source.write_text("Text with [Odd label: x] and [handwritten: y].", encoding="utf-8")
    main(["encode", str(source), "-o", str(tmp_path), "--report", "--report-format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert {c["name"] for c in report["conventions"]} >= {"handwritten", "unclassified"}
    assert report["unclassified"][0]["at"].endswith("doc.txt:1:11")


UNKNOWN_NAME = "Top Secret\n\nThe comrades met Zhang Wentian in Moscow.\n"


def test_a_name_no_list_knows_is_reported_for_review_with_its_place(tmp_path: Path, capsys) -> None:
    source = tmp_path / "doc.txt"
    source.write_text(UNKNOWN_NAME, encoding="utf-8")
    assert main(["encode", str(source), "-o", str(tmp_path / "out")]) == 0
    assert re.search(r"doc\.txt:3:18: info: \[name-unknown\] 'Zhang Wentian'", capsys.readouterr().err)


def test_report_lists_the_names_and_dates_to_review(tmp_path: Path, capsys) -> None:
    source = tmp_path / "doc.txt"
    source.write_text(UNKNOWN_NAME, encoding="utf-8")
    main(["encode", str(source), "-o", str(tmp_path / "text"), "--report", "-q"])
    printed = capsys.readouterr().out
    assert re.search(r"names and dates to review: 1\n  .*doc\.txt:3:18: info: \[name-unknown\]", printed)
    main(["encode", str(source), "-o", str(tmp_path / "json"), "--report", "--report-format", "json", "-q"])
    review = json.loads(capsys.readouterr().out)["review"]
    assert [(item["rule"], item["at"].rsplit("doc.txt:", 1)[1]) for item in review] == [("name-unknown", "3:18")]


@pytest.mark.parametrize("argv", [["--help"], ["encode", "--help"], ["source", "--help"]])
def test_help_shows_examples(argv: list[str], capsys) -> None:
    assert main(argv) == 0
    assert "examples:" in capsys.readouterr().out


def test_source_regenerates_the_transcription(tmp_path: Path, capsys) -> None:
    main(["encode", str(SEEDS[3]), "-o", str(tmp_path), "-q"])
    assert main(["source", str(tmp_path / f"{SEEDS[3].stem}.xml")]) == 0
    assert "[in the handwritten version: ~~absolutely~~]" in capsys.readouterr().out


def test_source_refuses_unsafe_xml(tmp_path: Path, capsys) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    assert main(["source", str(evil)]) == 1
    assert "root:" not in capsys.readouterr().out
