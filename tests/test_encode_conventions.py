"""Each editorial convention, one fixture each: the TEI it becomes, and the way back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tei import encode, to_source
from tei.conventions import ALL, DEFAULT_PRESET, HEADING_MARKS, LIST_DASH, NAME_WORDS, PRESETS, Preset
from tei.reader.source import comparable
from tests.fixture_format import ALL_FIXTURES, body_fragment, preset_of, read_fixture

FIXTURES = ALL_FIXTURES


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_convention_becomes_the_expected_tei(fixture: Path) -> None:
    source, expected = read_fixture(fixture)
    assert body_fragment(source, preset_of(fixture)) == expected, (
        f"{fixture.name}: encoder output changed; if intended, run tests/regenerate.py and review")


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_convention_round_trips_exactly(fixture: Path) -> None:
    source, _ = read_fixture(fixture)
    assert to_source(encode(source, preset=preset_of(fixture))) == comparable(source)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_convention_output_is_valid_tei(fixture: Path, tei_all: etree.RelaxNG) -> None:
    source, _ = read_fixture(fixture)
    tree = encode(source, preset=preset_of(fixture))
    assert tei_all.validate(tree), str(tei_all.error_log)


def test_every_inline_convention_has_a_fixture() -> None:
    names = {f.stem for f in FIXTURES}
    missing = [c.name for c in ALL if c.name not in names and c.name not in ("ed-note", "editor-note")
               or c.name in ("ed-note", "editor-note") and c.name not in names]
    assert not missing, f"conventions without a fixture: {missing}"


def test_conventions_table_signatures_are_unique() -> None:
    """Two rows that build the same TEI could not be told apart on the way back."""
    from tei.render.source import ROWS

    assert len(ROWS) == len([c for c in ALL if not c.variant])


def test_no_stylesheet_reads_the_transcriptions_notation() -> None:
    """The legends explain TEI in readers' words; the notation lives in tei/conventions.py only."""
    from tei.resources import data_dir

    xslt = data_dir("xslt")
    assert not list(xslt.rglob("conventions.xml"))
    for stylesheet in xslt.rglob("*.xsl"):
        text = stylesheet.read_text(encoding="utf-8")
        assert "notation=" not in text and "[handwritten: " not in text, stylesheet


def test_conventions_command_lists_every_sign(capsys) -> None:
    from tei.cli import main

    assert main(["conventions"]) == 0
    out = capsys.readouterr().out
    assert all(c.name in out for c in ALL)


def test_the_tokenizer_knows_every_delimiter_of_the_table() -> None:
    """The tokenizer's delimiters are built from the table: each row's signs are tokens of their own."""
    from tei.conventions import DELIMITED, FILLERS, LAYOUT
    from tei.reader.tokens import Kind, tokenize

    signs = [r.open for r in DELIMITED + FILLERS + LAYOUT] + [r.close for r in DELIMITED] + [
        "[SIC]", "[illegible]", "[illegible signature]", "[", "]", "[["]
    for sign in signs:
        [token] = tokenize(sign)
        assert token.kind is not Kind.TEXT and token.text == sign, sign


def test_the_words_in_plain_brackets_choose_the_row_from_the_table(monkeypatch) -> None:
    """Supplied words or an identification: the rows' `words` decide, so a preset can decide otherwise."""
    source = "He agreed with [Chinese Minister of Defense] Peng Dehuai and [then] left."
    default = _tei(source)
    assert 'reason="identification" resp="#translator">Chinese Minister of Defense<' in default
    assert 'reason="omitted" resp="#translator">then<' in default

    wary = replace(NAME_WORDS, not_first=NAME_WORDS.not_first | {"Chinese"})
    rows = tuple(replace(c, words=wary) if c.words else c for c in PRESETS[DEFAULT_PRESET].conventions)
    monkeypatch.setitem(PRESETS, "wary", Preset("wary", rows))
    assert 'reason="omitted" resp="#translator">Chinese Minister of Defense<' in _tei(source, preset="wary")


def _tei(source: str, preset: str = DEFAULT_PRESET) -> str:
    return etree.tostring(encode(source, preset=preset, names=False), encoding="unicode")


@pytest.mark.parametrize("mark", [*HEADING_MARKS, LIST_DASH], ids=lambda m: m.rend)
def test_every_block_mark_of_the_table_is_recorded_and_written_back(mark) -> None:
    """A block mark (`## `, `- `) becomes its `@rend` value and comes back from it as written."""
    line = f"{mark.mark}1. Agreed." if mark is LIST_DASH else f"{mark.mark}Conversation"
    source = f"Top Secret\n\n{line}\n\nThe comrades met.\n"
    tei = _tei(source)
    assert f'rend="{mark.rend}' in tei
    assert to_source(encode(source, names=False)) == source
