"""The ODD is the authority for the conventions: its examples are written from the fixtures and the
conventions table, they are the encoder's output, and docs/encoding.md's tables are generated from it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tei.cli import main
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


def _odd_beside_its_fixtures(tmp_path: Path) -> Path:
    """A copy of schemas/ and tests/fixtures/ in their places, so the ODD's @source paths hold."""
    shutil.copytree(ODD.parent, tmp_path / "schemas")
    shutil.copytree(FIXTURES, tmp_path / "tests" / "fixtures")
    return tmp_path / "schemas" / "edition.odd"


def test_a_rows_prose_in_the_odd_is_written_from_its_description(tmp_path: Path, capsys) -> None:
    """The description in tei/conventions.py is the one home of a row's prose: edited in the ODD,
    the example is stale, and the build writes the description back."""
    odd = _odd_beside_its_fixtures(tmp_path)
    original = odd.read_bytes()
    odd.write_bytes(original.replace(b"<p>Words struck through.</p>", b"<p>Words crossed out.</p>", 1))
    assert main(["schemas", "build", "--check", "--odd", str(odd)]) == 1
    assert f"{odd}: stale" in capsys.readouterr().err
    assert main(["schemas", "build", "--odd", str(odd)]) == 0
    assert odd.read_bytes() == original


def test_a_rows_fixture_without_an_example_gets_one_in_its_elements_spec(tmp_path: Path) -> None:
    """Adding a convention is one row and one fixture: `tei schemas build` writes its example."""
    odd = _odd_beside_its_fixtures(tmp_path)
    original = odd.read_text(encoding="utf-8")
    fixture = original.index("fixtures/conventions/sic.fixture")
    start = original.rindex("\n", 0, original.rindex("<exemplum", 0, fixture)) + 1
    end = original.index("</exemplum>\n", fixture) + len("</exemplum>\n")
    odd.write_text(original[:start] + original[end:], encoding="utf-8")
    assert main(["schemas", "build", "--odd", str(odd)]) == 0
    assert odd.read_text(encoding="utf-8") == original


def test_an_example_whose_fixture_is_missing_is_one_clear_error(tmp_path: Path, capsys) -> None:
    odd = _odd_beside_its_fixtures(tmp_path)
    (tmp_path / "tests" / "fixtures" / "conventions" / "sic.fixture").unlink()
    assert main(["schemas", "build", "--check", "--odd", str(odd)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tei schemas build: error: ") and "sic.fixture" in err and err.count("\n") == 1


@pytest.mark.parametrize("exemplum", EXEMPLA, ids=lambda e: _fixture_of(e).stem)
def test_each_odd_example_is_the_encoders_output_for_its_fixture(exemplum) -> None:
    fixture = _fixture_of(exemplum)
    source, _ = read_fixture(fixture)
    assert example_xml(exemplum) == re.sub(r' xml:id="[^"]*"', "", body_fragment(source, preset_of(fixture)))
    assert exemplum.findall("{http://www.tei-c.org/ns/1.0}p")[1].findtext("{*}code") == source.rstrip("\n")


def test_the_documented_conventions_table_is_what_the_odd_generates(capsys) -> None:
    assert main(["schemas", "build", "--check", "--docs", str(DOCS)]) == 0, capsys.readouterr().err


def test_the_departures_from_the_house_guide_are_generated_from_the_odd(tmp_path: Path, capsys) -> None:
    stale = tmp_path / "encoding.md"
    stale.write_text(DOCS.read_text(encoding="utf-8").replace("| hands in `profileDesc/handNotes` |",
                                                              "| hands elsewhere |", 1), encoding="utf-8")
    assert main(["schemas", "build", "--check", "--docs", str(stale)]) == 1
    assert main(["schemas", "build", "--docs", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8")


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
