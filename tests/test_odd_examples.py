"""The ODD is the authority for the conventions: its examples are the encoder's output, and
docs/encoding.md's table of conventions is generated from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tei.cli import main
from tei.resources import data_dir
from tei.validate.odd_docs import BEGIN, EXAMPLES_NS, example_xml
from tei.xmlsafe import parse_xml
from tests.fixture_format import FIXTURES, body_fragment, read_fixture

ODD = data_dir("schemas") / "edition.odd"
DOCS = Path(__file__).parent.parent / "docs" / "encoding.md"
EXEMPLA = parse_xml(ODD.read_bytes(), path=str(ODD)).findall(".//{http://www.tei-c.org/ns/1.0}exemplum")


def _fixture_of(exemplum) -> Path:
    return (ODD.parent / exemplum.find(f"{{{EXAMPLES_NS}}}egXML").get("source")).resolve()


def test_every_convention_fixture_has_an_example_in_the_odd() -> None:
    fixtures = {path.resolve() for path in (FIXTURES / "conventions").glob("*.fixture")}
    assert fixtures <= {_fixture_of(exemplum) for exemplum in EXEMPLA}


@pytest.mark.parametrize("exemplum", EXEMPLA, ids=lambda e: _fixture_of(e).stem)
def test_each_odd_example_is_the_encoders_output_for_its_fixture(exemplum) -> None:
    source, _ = read_fixture(_fixture_of(exemplum))
    assert example_xml(exemplum) == re.sub(r' xml:id="[^"]*"', "", body_fragment(source))
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
