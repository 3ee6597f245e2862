"""The ODD is the authority for the conventions: its examples are the encoder's output, and
docs/encoding.md's table of conventions is generated from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tei.cli import main
from tei.conventions import ALL
from tei.resources import data_dir
from tei.validate.odd_docs import BEGIN, EXAMPLES_NS, example_xml
from tei.xmlsafe import parse_xml
from tests.fixture_format import FIXTURES, body_fragment, preset_of, read_fixture

ODD = data_dir("schemas") / "edition.odd"
DOCS = Path(__file__).parent.parent / "docs" / "encoding.md"
EXEMPLA = parse_xml(ODD.read_bytes(), path=str(ODD)).findall(".//{http://www.tei-c.org/ns/1.0}exemplum")


def _fixture_of(exemplum) -> Path:
    return (ODD.parent / exemplum.find(f"{{{EXAMPLES_NS}}}egXML").get("source")).resolve()


def test_every_convention_and_preset_fixture_has_an_example_in_the_odd() -> None:
    fixtures = {path.resolve() for pattern in ("conventions/*.fixture", "presets/*/*.fixture")
                for path in FIXTURES.glob(pattern)}
    missing = sorted(str(path) for path in fixtures - {_fixture_of(exemplum) for exemplum in EXEMPLA})
    assert not missing, f"add an exemplum to {ODD} for: {missing}"


def test_the_odd_prose_of_a_convention_agrees_with_its_row() -> None:
    """The ODD's sentence and the row's description (written into each TEI header) must not drift."""
    rows = {row.name: row.description for row in ALL}
    named = [exemplum for exemplum in EXEMPLA if _fixture_of(exemplum).stem in rows]
    drifted = []
    for exemplum in named:
        prose = exemplum.findtext("{http://www.tei-c.org/ns/1.0}p").removeprefix("FRUS preset: ").rstrip(".")
        if prose[0].lower() + prose[1:] != rows[_fixture_of(exemplum).stem]:
            drifted.append(_fixture_of(exemplum).stem)
    assert len(named) == len(rows) and not drifted, f"ODD prose differs from tei/conventions.py for: {drifted}"


@pytest.mark.parametrize("exemplum", EXEMPLA, ids=lambda e: _fixture_of(e).stem)
def test_each_odd_example_is_the_encoders_output_for_its_fixture(exemplum) -> None:
    fixture = _fixture_of(exemplum)
    source, _ = read_fixture(fixture)
    assert example_xml(exemplum) == re.sub(r' xml:id="[^"]*"', "", body_fragment(source, preset_of(fixture)))
    assert exemplum.findall("{http://www.tei-c.org/ns/1.0}p")[1].findtext("{*}code") == source.rstrip("\n")


def test_the_documented_conventions_table_is_what_the_odd_generates(capsys) -> None:
    assert main(["schemas", "build", "--check", "--docs", str(DOCS)]) == 0, capsys.readouterr().err


def test_a_stale_conventions_table_is_reported(tmp_path: Path, capsys) -> None:
    stale = tmp_path / "encoding.md"
    stale.write_text(DOCS.read_text(encoding="utf-8").replace("| `stamp` |", "| `stump` |", 1), encoding="utf-8")
    assert main(["schemas", "build", "--check", "--docs", str(stale)]) == 1
    assert f"{stale}: stale; run `tei schemas build --docs {stale}`" in capsys.readouterr().err
    assert main(["schemas", "build", "--docs", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8")


def test_a_file_without_the_table_markers_is_one_clear_error(tmp_path: Path, capsys) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("# Nothing here\n", encoding="utf-8")
    assert main(["schemas", "build", "--check", "--docs", str(plain)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tei schemas build: error: ") and "no conventions table markers" in err
    assert BEGIN in err and err.count("\n") == 1
