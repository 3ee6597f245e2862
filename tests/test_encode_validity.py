"""The encoder's output is valid against the edition's own schema (RELAX NG and Schematron, the
default `tei validate` layers) for every fixture, generated document and synthetic document, and
every attribute value the conventions tables can write is one the ODD allows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks.corpus import _vocabulary, document
from tei.api import encode_document
from tei.conventions import ALL, BLOCKS, DEFAULT_PRESET, WIT_HANDWRITTEN, WIT_TYPESCRIPT
from tei.resources import data_dir
from tei.validate.engine import Options, get_validator
from tei.validate.odd import read_odd
from tests.fixture_format import ALL_FIXTURES, preset_of, read_fixture
from tests.test_encode_properties import documents

SYNTHETIC_DOCUMENTS = 1000  # the corpus benchmarks/encode.py measures


def _errors(text: str, name: str = "document.txt", preset: str = DEFAULT_PRESET) -> list[str]:
    encoded = encode_document(text, name, preset=preset)
    result = get_validator(Options()).check_bytes(encoded.tei, name.replace(".txt", ".xml"))
    return [str(problem) for problem in result.problems if problem.severity == "error"]


@pytest.mark.parametrize("fixture", ALL_FIXTURES, ids=lambda p: p.stem)
def test_fixture_output_is_valid_against_the_edition_schema(fixture: Path) -> None:
    source, _ = read_fixture(fixture)
    assert _errors(source, f"{fixture.stem}.txt", preset_of(fixture)) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_are_valid_against_the_edition_schema(text: str) -> None:
    assert _errors(text) == []


def test_the_synthetic_corpus_is_valid_against_the_edition_schema() -> None:
    vocabulary = _vocabulary()
    invalid = {}
    for number in range(SYNTHETIC_DOCUMENTS):
        errors = _errors(document(number, vocabulary), f"doc-{number:05d}.txt")
        if errors:
            invalid[number] = errors[:3]
    assert not invalid, f"{len(invalid)} invalid synthetic documents, e.g. {list(invalid.items())[:3]}"


def _written_by_the_tables() -> set[tuple[str, str, str]]:
    """Every (element, attribute, value) a row of the conventions or block table can write."""
    written = set()
    for convention in ALL:
        for name, value in convention.attributes + convention.optional:
            written.add((convention.element, name, value))
        if convention.lang:
            written.add((convention.element, "xml:lang", convention.lang))
        if convention.variant:
            written |= {("app", "type", convention.variant), ("lem", "wit", WIT_TYPESCRIPT),
                        ("rdg", "wit", WIT_HANDWRITTEN)}
    for block in BLOCKS:
        for name, value in tuple(block.attributes.items()) + block.optional:
            written.add((block.element, name, value))
    return written


def test_every_attribute_value_the_tables_write_is_allowed_by_the_odd() -> None:
    odd = read_odd(data_dir("schemas") / "edition.odd")
    refused = []
    for element, name, value in sorted(_written_by_the_tables()):
        allowed = {attribute.name: attribute for attribute in odd.attributes.get(element, [])}
        attribute = allowed.get(name)
        if attribute is None or (attribute.values and value not in attribute.values):
            refused.append(f'{element}/@{name}="{value}"')
    assert not refused, f"the tables write what the ODD does not allow: {refused}"


def test_every_value_a_row_fixes_is_a_glossed_value_of_the_odd() -> None:
    """Where a convention fixes an attribute's value, the ODD lists it with a gloss saying what it
    means (pointers and the label as written, in @n, are not values of a list)."""
    from lxml import etree

    odd = etree.parse(str(data_dir("schemas") / "edition.odd"))
    unglossed = []
    for element, name, value in sorted(_written_by_the_tables()):
        if value.startswith("#") or name in ("n", "xml:lang"):
            continue
        gloss = odd.xpath(f"string(//t:elementSpec[@ident='{element}']//t:attDef[@ident='{name}']"
                          f"//t:valItem[@ident='{value}']/t:gloss)", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
        if not gloss.strip():
            unglossed.append(f'{element}/@{name}="{value}"')
    assert not unglossed, f"values without a valItem and gloss in the ODD: {unglossed}"


def test_the_derivation_sees_what_the_tables_write() -> None:
    """The check above can fail: it sees supplied's bracket styles and a heading level."""
    written = _written_by_the_tables()
    assert ("supplied", "rend", "double-brackets") in written
    assert ("head", "rend", "h6") in written
    assert ("note", "subtype", "ed") in written
