"""Whatever the edition's schema accepts, the official tei_all accepts too."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei.errors import XMLSyntaxError
from tei.resources import data_dir
from tei.validate import validate
from tei.xmlsafe import parse_xml

HERE = Path(__file__).parent
DOCUMENTS = [HERE / "data" / "features.xml", HERE / "invalid" / "passing" / "minimal.xml"]

pytestmark = pytest.mark.slow


def _valid_in_both(path: Path, tei_all) -> None:
    [result] = validate(path)
    assert result.valid, "\n".join(map(str, result.problems))
    assert tei_all.validate(parse_xml(path)), f"{path}: valid for the edition but not for tei_all: {tei_all.error_log}"


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_reference_documents_are_valid_in_both(path, tei_all):
    _valid_in_both(path, tei_all)


def test_every_seed_output_is_valid_in_both(seed_tei, tei_all, tmp_path):
    for stem, data in seed_tei.items():
        path = tmp_path / f"{stem}.xml"
        path.write_bytes(data)
        _valid_in_both(path, tei_all)


def test_synthetic_documents_are_valid_in_both(tei_all, tmp_path):
    from tei.api import encode_document
    from tei.validate.synthetic import synthetic_transcriptions

    seeds = sorted(data_dir("seeds").glob("*.txt"))
    for name, text in synthetic_transcriptions(seeds, 25):
        path = (tmp_path / name).with_suffix(".xml")
        path.write_bytes(encode_document(text, name).tei)
        _valid_in_both(path, tei_all)


def test_the_tei_all_option_reports_its_own_layer(tmp_path):
    from tei.validate.engine import Options, Validator
    from tests.conftest import TEI_ALL

    if not TEI_ALL.exists():
        pytest.skip(f"the official TEI schema is not at {TEI_ALL}")
    validator = Validator(Options(tei_all=TEI_ALL))
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><nonsense/></TEI>')
    problems = validator.check(bad).problems
    assert {p.layer for p in problems} >= {"relaxng", "tei-all"}
    assert any(p.rule.startswith("tei-all-") for p in problems)


# ---------------------------------------------------------------- property: edition-valid ⇒ tei_all-valid

_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["remove", "duplicate", "move", "swap", "unwrap"]),
        st.integers(min_value=1, max_value=10_000),
        st.integers(min_value=1, max_value=10_000),
    ),
    min_size=1,
    max_size=3,
)


def _edit(tree, operation: str, a: int, b: int) -> None:
    """One structural change: the kind of slip an encoder bug or a hand edit makes."""
    elements = [e for e in tree.iter() if isinstance(e.tag, str)][1:]
    element, other = elements[a % len(elements)], elements[b % len(elements)]
    parent = element.getparent()
    if operation == "remove":
        parent.remove(element)
    elif operation == "duplicate":
        element.addnext(copy.deepcopy(element))
    elif operation == "move" and element not in other.iterancestors() and element is not other:
        other.append(element)
    elif operation == "swap" and element.getnext() is not None:
        element.getnext().addnext(element)
    elif operation == "unwrap" and len(element):
        for child in list(element):
            element.addprevious(child)
        parent.remove(element)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=_EDITS)
def test_whatever_the_edition_accepts_tei_all_accepts(edits, tei_all):
    from tei.validate.engine import get_validator

    tree = parse_xml(HERE / "data" / "features.xml")
    for operation, a, b in edits:
        _edit(tree, operation, a, b)
    data = etree.tostring(tree, encoding="UTF-8")
    validator = get_validator()
    try:
        mutated = parse_xml(data)
    except XMLSyntaxError:  # e.g. a duplicated xml:id: the edition refuses it at the first layer
        return
    schematron_ok = not [f for f in validator.schematron.check(mutated) if f.role == "error"]
    if validator.relaxng.validate(mutated) and schematron_ok:
        assert tei_all.validate(mutated), f"{edits}: {tei_all.error_log}"
