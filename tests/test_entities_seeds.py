"""Each seed's names and dates against the reviewed list of them (tests/data/entities/STEM.toml),
and how the recogniser does on seeds its lists were not built from."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from lxml import etree

from tei.api import encode_document
from tei.authority import Authorities, default_authorities
from tei.reader.entities import NameIndex
from tei.reader.parse import read
from tests.entity_lists import expected, found, found_in_editors_metadata, found_in_header, recall_precision
from tests.export_helpers import built_seeds

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
STEMS = [seed.stem for seed in SEEDS]


def _encoded(stem: str, names=True):
    seed = next(s for s in SEEDS if s.stem == stem)
    return encode_document(seed.read_bytes(), str(seed), names=names)


def _matches_review(where: str, want: tuple, got: tuple, capsys) -> None:
    """The names and dates found are the reviewed ones; recall and precision printed either way."""
    (want_names, want_dates), (got_names, got_dates) = want, got
    name_scores, date_scores = recall_precision(want_names, got_names), recall_precision(want_dates, got_dates)
    with capsys.disabled():
        print(f"\n{where}: names recall {name_scores[0]:.0%} precision {name_scores[1]:.0%} "
              f"({sum(want_names.values())} names); dates recall {date_scores[0]:.0%} "
              f"precision {date_scores[1]:.0%} ({sum(want_dates.values())} dates)")
    assert got_names == want_names, f"missing {want_names - got_names}, not expected {got_names - want_names}"
    assert got_dates == want_dates, f"missing {want_dates - got_dates}, not expected {got_dates - want_dates}"


@pytest.mark.parametrize("stem", STEMS)
def test_each_seeds_names_and_dates_are_its_reviewed_list(stem: str, capsys) -> None:
    _matches_review(stem, expected(stem), found(_encoded(stem).tei), capsys)


@pytest.mark.parametrize("stem", STEMS)
def test_each_seeds_header_names_and_dates_are_its_reviewed_list(stem: str, capsys) -> None:
    """Title, date line, citation, summary, credits and the correspondents the title gives."""
    _matches_review(f"{stem} header", expected(stem, "header"), found_in_header(_encoded(stem).tei), capsys)


@pytest.fixture(scope="module")
def built_tei(tmp_path_factory) -> Path:
    """The seeds built as an edition (TEI only): their headers with the editors' metadata applied."""
    return built_seeds(tmp_path_factory.mktemp("editors"), ("tei",)) / "tei"


@pytest.mark.parametrize("stem", STEMS)
def test_the_editors_metadata_has_its_names_and_dates_marked(stem: str, built_tei: Path, capsys) -> None:
    """Seeds 001 and 003 have a title, summary and notes from their metadata files, not from the source."""
    found_there = found_in_editors_metadata((built_tei / f"{stem}.xml").read_bytes())
    _matches_review(f"{stem} editors' metadata", expected(stem, "editors"), found_there, capsys)


@pytest.mark.parametrize("stem", STEMS)
def test_header_markup_adds_no_word_and_drops_none(stem: str) -> None:
    """Every output reads the header's fields as strings: each field's string value is the field as
    the source has it, and no OCR correction there gives a second reading."""
    seed = next(s for s in SEEDS if s.stem == stem)
    header = read(seed.read_bytes(), str(seed)).header
    root = etree.fromstring(_encoded(stem).tei)
    t = "{http://www.tei-c.org/ns/1.0}"
    tei_header = root.find(t + "teiHeader")

    def strings(path: str) -> list[str]:
        return ["".join(element.itertext()) for element in tei_header.findall(path)]

    assert strings(f"{t}fileDesc/{t}titleStmt/{t}title[@type='desc']") or strings(
        f"{t}fileDesc/{t}titleStmt/{t}title") == [header.title]
    assert strings(f"{t}profileDesc/{t}abstract/{t}p") == header.summary
    assert strings(f"{t}fileDesc/{t}notesStmt/{t}note[@type='credits']") == header.credits
    if header.citation:
        assert strings(f"{t}fileDesc/{t}sourceDesc/{t}bibl") == [" ".join(header.citation)]
    assert not tei_header.findall(f".//{t}choice")


def _lists_built_from(stems: tuple[str, ...]) -> Authorities:
    """The authority lists an editor would have made from these seeds alone: the entries they name,
    with the forms they write (case endings are the recogniser's business)."""
    seen: dict[str, set[str]] = {}
    for stem in stems:
        for ref, text in expected(stem)[0] + expected(stem, "header")[0]:
            seen.setdefault(ref, set()).add(text)
    entries = []
    for entry in default_authorities().entries:
        if entry.ref in seen:
            forms = tuple(f for f in entry.forms if f.text in seen[entry.ref] or f.type == "main")
            entries.append(entry.__class__(entry.ident, entry.kind, forms, entry.identifiers, entry.note))
    return Authorities(tuple(entries))


def test_on_seeds_the_lists_were_not_built_from(capsys) -> None:
    """A figure, not a pass mark: lists built from three seeds, run on the other two (all ten splits),
    texts and headers."""
    rows = []
    for built in combinations(STEMS, 3):
        index = NameIndex(_lists_built_from(built))
        held_out = [stem for stem in STEMS if stem not in built]
        want, got, unknown = Counter(), Counter(), 0
        for stem in held_out:
            encoded = _encoded(stem, names=index)
            want += expected(stem)[0] + expected(stem, "header")[0]
            got += found(encoded.tei)[0] + found_in_header(encoded.tei)[0]
            unknown += sum(d.rule == "name-unknown" for d in encoded.review)
        recall, precision = recall_precision(want, got)
        rows.append((built, recall, precision, unknown))
    with capsys.disabled():
        print("\nlists built from 3 seeds, run on the other 2: recall of names, precision, unknown names reported")
        for built, recall, precision, unknown in rows:
            print(f"  built from {', '.join(s[:3] for s in built)}: recall {recall:.0%}, precision {precision:.0%},"
                  f" {unknown} unknown names reported")
        mean = sum(r[1] for r in rows) / len(rows)
        print(f"  mean recall {mean:.0%} (min {min(r[1] for r in rows):.0%}, max {max(r[1] for r in rows):.0%})")
    assert all(0 <= r[1] <= 1 for r in rows)
