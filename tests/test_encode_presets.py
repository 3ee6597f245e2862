"""Presets: `sources.preset` chooses the conventions the encoder recognises."""

from __future__ import annotations

from lxml import etree

from tei import encode, to_source
from tei.conventions import PRESETS
from tei.pipeline.config import _CHOICES

NS = {"t": "http://www.tei-c.org/ns/1.0"}
TEXT = "The talk began. [Omitted here is a list of the participants.]\n\n[handwritten: A. Mikoyan]\n"


def _body(preset: str) -> etree._Element:
    return encode(TEXT, preset=preset).getroot().find(".//t:body", NS)


def test_the_frus_preset_knows_its_statements_and_not_the_wilson_labels() -> None:
    body = _body("frus")
    assert body.find(".//t:gap[@reason='omitted']/t:desc", NS).text.startswith("Omitted here is")
    assert body.find(".//t:seg[@type='unclassified']", NS) is not None


def test_the_wilson_preset_knows_its_labels_and_not_the_frus_statements() -> None:
    body = _body("wilson-center")
    assert body.find(".//t:gap", NS) is None
    assert body.find(".//t:seg[@type='handwritten']", NS) is not None


def test_every_preset_round_trips_exactly() -> None:
    for preset in PRESETS:
        assert to_source(encode(TEXT, preset=preset)) == TEXT


def test_edition_toml_accepts_every_preset() -> None:
    assert set(_CHOICES["sources.preset"]) == set(PRESETS) >= {"wilson-center", "frus"}


def test_tei_build_encodes_with_the_preset_of_edition_toml(tmp_path, monkeypatch) -> None:
    from tei.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "memo.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "edition.toml").write_text(
        '[sources]\ninclude = ["texts/*.txt"]\npreset = "frus"\n'
        '[outputs]\nformats = ["tei"]\ndirectory = "site"\n', encoding="utf-8")
    assert main(["build", "--config", "edition.toml", "--jobs", "1", "--quiet"]) == 0
    [tei] = (tmp_path / "site").rglob("memo*.xml")
    assert etree.parse(str(tei)).find(".//t:gap[@reason='omitted']", NS) is not None
