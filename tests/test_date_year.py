"""The warning [date-year-in-text]: a date whose words name a year its @when (or its @notBefore to
@notAfter) does not, as the Schnitzler letter L03678's "11. 9. 1909" with when="1919-09-11"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei.cli import main
from tei.validate import get_validator
from tests.test_any_tei import THIRD_PARTY

HERE = Path(__file__).parent
PASSING = HERE / "invalid" / "passing" / "minimal.xml"
HEADER_DATE = '<date when="1956-02-29">February 29, 1956</date>'
L03678 = THIRD_PARTY / "schnitzler__L03678.xml"


def year_warnings(date: str) -> list[str]:
    """The rule's findings on the passing document with `date` in place of its header's date."""
    data = PASSING.read_text(encoding="utf-8").replace(HEADER_DATE, date).encode()
    result = get_validator().check_bytes(data, "d.xml")
    return [f"{p.severity} {p.line}" for p in result.problems if p.rule == "date-year-in-text"]


@pytest.mark.parametrize("date", [
    '<date when="1956-02-29">February 29, 1957</date>',
    '<date when="1956-02-29">29. 2. 1965, sent 1966</date>',
    '<date notBefore="1955-01" notAfter="1957">about 1950</date>',
    '<date notBefore="1955">after 1954</date>',
    '<docDate when="1956-02-29">29 February 1957</docDate>',
])
def test_a_year_in_the_words_that_the_date_attributes_do_not_name_is_a_warning(date):
    assert year_warnings(date) == ["warning 17"]


@pytest.mark.parametrize("date", [
    HEADER_DATE,
    '<date when="1956-02-29">29. 2. 1956</date>',
    '<date when="1956-02-29">the winter of 1955/1956</date>',
    '<date when="1956">in 1956</date>',
    '<date when="1956-02-29T10:00:00">10 a.m., 29 February 1956</date>',
    '<date notBefore="1955" notAfter="1957">1956 or so</date>',
    '<date notAfter="1957">before 1950</date>',
    '<date notBefore="1955" notAfter="1957">between 1955 and 1957</date>',
    '<date when="1956-02-29">no. 19570, filed 29 February</date>',
    '<date when="1956-02-29">29 February</date>',
])
def test_a_date_whose_words_name_its_year_or_no_year_is_not_warned_of(date):
    assert year_warnings(date) == []


def test_the_warning_leaves_the_file_valid_and_names_both_years(tmp_path, capsys):
    path = tmp_path / "d.xml"
    slip = '<date when="1919-09-11">11. 9. 1909</date>'
    path.write_text(PASSING.read_text(encoding="utf-8").replace(HEADER_DATE, slip), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert (f'{path}:17:43: warning: [date-year-in-text] "11. 9. 1909" (date) names the year 1909, but its when says '
            "1919-09-11: one of the two is a slip") in capsys.readouterr().out


def test_the_schnitzler_letters_slip_is_found_with_the_edition_s_rules():
    if not L03678.exists():
        pytest.skip(f"{L03678} is absent (../shared/third-party-tei)")
    result = get_validator().check_bytes(L03678.read_bytes(), L03678.name)
    assert [(p.rule, p.line) for p in result.problems if p.rule == "date-year-in-text"] == [("date-year-in-text", 104)]
