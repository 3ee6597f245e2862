"""Names and dates under hostile or unlucky input: odd authority lists, odd dates, huge paragraphs.

Each test here was written against a break found by trying; it failed before its fix.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei import to_source
from tei.api import encode_document
from tei.cli import main
from tei.conventions import TEI_NS as NS
from tei.errors import SourceError
from tei.reader.source import comparable
from tei.reader.spans import Covered
from tei.validate.engine import Options, get_validator
from tests.test_edition_authorities import EDITION, OWN_PERSONS, TEI_NS, edition

NAME_TAGS = tuple(f"{{{NS}}}{tag}" for tag in ("persName", "orgName", "placeName"))

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
    ("an identifier that is no Wikidata item",
     persons('<person xml:id="a"><persName>Zhang</persName><idno type="wikidata">javascript:alert(1)</idno></person>'),
     "lists/our-persons.xml:1:1: error: idno type 'wikidata' 'javascript:alert(1)' is not a Wikidata identifier: "
     "write Q and a number"),
    ("a VIAF identifier that would leave its page",
     persons('<person xml:id="a"><persName>Zhang</persName><idno type="viaf">" onmouseover="x</idno></person>'),
     "is not a VIAF identifier: write a number"),
    ("an external entity", '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
     + persons(person("a", "&x;")), "lists/our-persons.xml:2:1: error: refused a document type declaration"),
]


@pytest.mark.parametrize(("case", "listed", "message"), BAD_LISTS, ids=[case for case, _, _ in BAD_LISTS])
@pytest.mark.parametrize("command", ["encode", "build"])
def test_a_list_the_recogniser_cannot_use_safely_is_one_line_and_exit_status_2(tmp_path, capsys, case, listed,
                                                                                message, command) -> None:
    # before: a form "." marked every full stop of the texts as a person; a form of 2,000 words made
    # recognition quadratic (43 s for a 100 KB text); a verified identifier of any shape became a link
    # (https://www.wikidata.org/wiki/javascript:alert(1))
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


def _review(text: str) -> list[tuple[str, str]]:
    return [(d.rule, d.message.split("'")[1]) for d in encode_document(text, "doc.txt").review]


def test_a_date_that_does_not_exist_is_reported_as_written() -> None:
    # before: `16.XIII.56` was neither a date nor reported, and `0 September` was reported as `September`
    text = "On 31 February 1956, on 0 September, on 16.XIII.56 and on 29 February 1955.\n\n19 September 1956\n"
    encoded = encode_document(text, "doc.txt")
    assert [message for rule, message in _review(text) if rule == "date-not-understood"] == [
        "31 February 1956", "0 September", "16.XIII.56", "29 February 1955"]
    assert encoded.tei.split(b"<body")[1].count(b"<date ") == 1    # 19 September 1956 alone


CITATION_WITH_ADDRESS = """\


**March 3, 1956**

**Letter from Mao Zedong to Kim Il Sung**

**Citation:**

"Letter from Mao Zedong to Kim Il Sung", March 3, 1956, Wilson Center Digital Archive.
<https://digitalarchive.wilsoncenter.org/document/Mao-Zedong-Kim-Il-Sung-Moscow-16.IX.56-March>

**Summary:**

Mao Zedong wrote to Kim Il Sung (see https://example.org/Zhang-Wentian/Kim/31.12.56/August).

## LETTER

Kim Il Sung read https://example.org/Peng-Dehuai/Moscow/16.IX.56/September-Blah aloud in Moscow.
"""


def test_a_web_address_names_nobody_and_holds_no_date() -> None:
    # before: Kim, Mao, Moscow and the date inside the citation's address were marked (then dropped by the
    # writer), `March`, `August` and `Zhang`, `Blah` inside addresses were reported, and in the summary and the
    # text the names inside an address were written as persName/placeName inside it
    encoded = encode_document(CITATION_WITH_ADDRESS, "doc.txt")
    root = etree.fromstring(encoded.tei)
    names = [(etree.QName(e).localname, "".join(e.itertext())) for e in root.iter(*NAME_TAGS)]
    assert ("placeName", "Moscow") in names and len([n for n in names if n[1] == "Moscow"]) == 1
    for address in ("https://digitalarchive.wilsoncenter.org/document/Mao-Zedong-Kim-Il-Sung-Moscow-16.IX.56-March",
                    "https://example.org/Zhang-Wentian/Kim/31.12.56/August",
                    "https://example.org/Peng-Dehuai/Moscow/16.IX.56/September-Blah"):
        assert address in encoded.tei.decode()                     # never cut by an element
    assert not [item for item in _review(CITATION_WITH_ADDRESS) if item[1] in {"March", "August", "September",
                                                                                "Zhang", "Blah", "Zhang Wentian"}]
    assert to_source(etree.ElementTree(root)) == CITATION_WITH_ADDRESS


# Pieces of names and dates with the signs and breaks that may fall inside them: whatever the recogniser
# marks, the transcription comes back byte for byte and the TEI stays valid against the edition's schema.
PIECES = st.sampled_from([
    "Kim", "Il", "Sung", "II", "Ким", "Ир", "Сена", "Сен", "Mao", "Zedong", "Мао", "Цзе-дуну", "Pak", "[Heon-yeong]",
    "Moscow", "Москве", "CPSU", "CC", "Presidium", "ПК", "КПСС", "Трудовой", "партии", "Кореи", "Peng", "Dehuai",
    "22", "3", "September", "March", "1956", "сентября", "16.", "IX.", "56", "г.", "16.IX.56", "\"15\"", "October",
    "[SIC]", "[handwritten:", "]", "~~", "*", "c[omrade]", "[illegible]", "\n", "\n\n", ",", ".", "(", ")", "-",
    "https://example.org/Kim-Il-Sung/", "Cde.", "т.", "Zab", "[Chinese Minister of Defense]",
])
NAME_SOUP = st.lists(st.tuples(PIECES, st.sampled_from([" ", "", "  ", "\n"])), min_size=1, max_size=30).map(
    lambda pairs: "".join(piece + gap for piece, gap in pairs))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAME_SOUP)
def test_names_and_dates_among_signs_round_trip_and_stay_valid(text: str) -> None:
    source = "Report\n\n" + text + "\n\n19 September 1956\n"
    try:
        encoded = encode_document(source, "soup.txt")
    except SourceError as error:
        assert error.position.line >= 1 and error.message
        return
    result = get_validator(Options()).check_bytes(encoded.tei, "soup.xml")
    assert result.valid, "\n".join(str(p) for p in result.problems if p.severity == "error")
    assert to_source(etree.fromstring(encoded.tei)) == comparable(source)


@pytest.mark.parametrize(("section", "key", "line"), [("authorities", "persons", 12), ("sources", "metadata", 6),
                                                      ("sources", "numbers", 6), ("sources", "include", 6)])
def test_a_path_with_a_nul_character_is_one_error_line(tmp_path, capsys, section, key, line) -> None:
    # before: `persons = "lists/p.xml\u0000"` (and sources.metadata, sources.numbers) ended in a traceback
    # (ValueError: embedded null byte)
    config = edition(tmp_path)
    value = '["sources/*.txt\\u0000"]' if key == "include" else '"x\\u0000"'
    settings = EDITION.replace('include = ["sources/*.txt"]\n', "") if key == "include" else EDITION
    settings = settings.replace('persons = "lists/our-persons.xml"', f"persons = {value}") if section == "authorities" \
        else settings.replace("[sources]\n", f"[sources]\n{key} = {value}\n")
    config.write_text(settings, encoding="utf-8")
    assert main(["build", "--config", str(config), "-q"]) == 2
    err = capsys.readouterr().err
    assert err == f"tei build: {config}:{line}:1: error: key '{section}.{key}' holds a NUL character (\\u0000), " \
                  "which no name or text may\n"


@pytest.mark.parametrize(("dates", "message"), [
    ('["1956-12-31", "1956-01-01"]', "is ['1956-12-31', '1956-01-01']: its first date is after its last"),
    ('["1957", "1956-12"]', "is ['1957', '1956-12']: its first date is after its last"),
    ('["1956-02-30", "1956-12-31"]', "must be [first, last], two ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) that exist"),
    ('["0000", "1956"]', "that exist, not ['0000', '1956']"),
    ('["1956-13", "1957"]', "that exist, not ['1956-13', '1957']"),
])
def test_edition_dates_that_cannot_hold_a_date_are_one_error_line_at_the_key(tmp_path, capsys, dates, message):
    # before: a reversed range was taken, and every date of the texts was then an error in its document
    config = edition(tmp_path)
    config.write_text(EDITION.replace('dates = ["1956-01-01", "1956-12-31"]', f"dates = {dates}"), encoding="utf-8")
    assert main(["encode", str(tmp_path / "sources"), "-o", str(tmp_path / "out"), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tei encode: {config}:3:1: error: key 'edition.dates' ") and message in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


def test_edition_dates_of_years_and_months_cover_their_days(tmp_path) -> None:
    config = edition(tmp_path)
    config.write_text(EDITION.replace('dates = ["1956-01-01", "1956-12-31"]', 'dates = ["1956-03", "1956-03"]'),
                      encoding="utf-8")
    assert main(["build", "--config", str(config), "-q"]) == 0     # 3 March 1956 lies in March 1956
