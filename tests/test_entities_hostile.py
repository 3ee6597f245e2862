"""Names and dates under hostile or unlucky input: odd authority lists, odd dates, huge paragraphs.

Each test here was written against a break found by trying; it failed before its fix.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei.cli import main
from tei.reader.spans import Covered
from tests.test_edition_authorities import EDITION, OWN_PERSONS, TEI_NS, edition

RANGES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12)


@given(RANGES, st.integers(0, 60), st.integers(1, 10))
def test_covered_answers_as_asking_every_range_would(ranges, start, length) -> None:
    # the recogniser asked every date of a paragraph for every name and capitalised word: quadratic on a
    # long paragraph (benchmarks/recognition.py); Covered answers the same in one bisection
    covered, end = Covered(ranges), start + length
    assert covered.overlaps(start, end) == any(a < end and start < b for a, b in ranges if b > a)
    assert covered.holds(start) == any(a <= start < b for a, b in ranges)


def persons(*entries: str) -> str:
    return (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt></fileDesc>'
            f'</teiHeader><text><body><listPerson>{"".join(entries)}</listPerson></body></text></TEI>')


def person(ident: str, *forms: str) -> str:
    return f'<person xml:id="{ident}">{"".join(f"<persName>{form}</persName>" for form in forms)}</person>'


BAD_LISTS = [
    ("a form of signs only", persons(person("a", "Zhang Wentian", ".")),
     "lists/our-persons.xml:1:1: error: person 'a' has the form '.', which has no letter or digit"),
    ("a form of a bracket", persons(person("a", "(")), "person 'a' has the form '('"),
    ("a form of 41 words", persons(person("a", " ".join(["Word"] * 41))),
     "person 'a' has a form of 41 words; a form may have at most 40"),
    ("an external entity", '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
     + persons(person("a", "&x;")), "lists/our-persons.xml:2:1: error: refused a document type declaration"),
]


@pytest.mark.parametrize(("case", "listed", "message"), BAD_LISTS, ids=[case for case, _, _ in BAD_LISTS])
@pytest.mark.parametrize("command", ["encode", "build"])
def test_a_list_the_recogniser_cannot_use_safely_is_one_line_and_exit_status_2(tmp_path, capsys, case, listed,
                                                                                message, command) -> None:
    # before: a form "." marked every full stop of the texts as a person; a form of 2,000 words made
    # recognition quadratic (43 s for a 100 KB text)
    config = edition(tmp_path, listed)
    argv = ["build", "--config", str(config)] if command == "build" else \
        ["encode", str(tmp_path / "sources"), "-o", str(tmp_path / "out"), "--config", str(config)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert message in err.replace(f"{tmp_path}/", "")
    assert not (tmp_path / "build").exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize("how", ["dot-dot", "symbolic link", "absolute"])
def test_a_list_outside_the_editions_folder_is_refused_at_its_key(tmp_path, capsys, how) -> None:
    # before: any file on the disk was read (and, being a list, published with the edition)
    folder = tmp_path / "edition"
    folder.mkdir()
    config = edition(folder)
    outside = tmp_path / "private.xml"
    outside.write_text(OWN_PERSONS, encoding="utf-8")
    named = {"dot-dot": "../private.xml", "symbolic link": "lists/link.xml", "absolute": str(outside)}[how]
    (folder / "lists" / "link.xml").symlink_to(outside)
    config.write_text(EDITION.replace("lists/our-persons.xml", named), encoding="utf-8")
    assert main(["encode", str(folder / "sources"), "-o", str(folder / "out"), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"tei encode: {config}:12:1: error: key 'authorities.persons' names {named!r}, which "
                          f"resolves to {outside}, outside the edition's folder")
    assert not (folder / "out").exists()
