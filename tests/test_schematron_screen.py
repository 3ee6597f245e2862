"""The Schematron engine's screen (tei/validate/schematron.py): one query per rule says whether any of its context
nodes fails an assertion, so that most documents are not tried node by node; it never hides a failure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tei.resources import data_dir
from tei.validate import Options, get_validator
from tei.validate.schematron import Schematron, _inlined, edition_parameters
from tei.xmlsafe import parse_xml

HERE = Path(__file__).parent
INVALID = [path for path in sorted((HERE / "invalid").glob("*.xml")) if not path.name.startswith("xml-")]  # well-formed


def unscreened(schematron: Schematron) -> Schematron:
    """The same rules, each tried node by node."""
    bare = Schematron([])
    bare.patterns = [(language, name, tuple(replace(rule, screen=None) for rule in rules))
                     for language, name, rules in schematron.patterns]
    return bare


def findings(schematron: Schematron, tree) -> list[tuple]:
    return [(f.element.sourceline, f.rule_id, f.message, f.role)
            for f in schematron.check(tree, edition_parameters(dates=("1956-01-01", "1956-12-31")))]


@pytest.mark.parametrize("path", [*INVALID, *sorted(data_dir("seeds").glob("*.txt"))], ids=lambda path: path.name)
def test_a_screened_rule_finds_what_it_finds_node_by_node(path):
    from tei.api import encode_document

    schematron = get_validator(Options()).schematron
    data = encode_document(path.read_bytes(), path.name).tei if path.suffix == ".txt" else path.read_bytes()
    tree = parse_xml(data)
    assert findings(schematron, tree) == findings(unscreened(schematron), tree)


def test_every_rule_of_the_edition_is_screened_and_a_let_named_inside_a_predicate_is_tried_node_by_node():
    schematron = get_validator(Options()).schematron
    rules = {name: rule for _, name, (rule,) in schematron.patterns}
    assert all(rule.screen is not None for rule in rules.values())
    assert [a.rule_id for a in rules["names-ref"].unscreened] == ["ref-prefix-declared"]
    assert rules["pointers-ref"].unscreened == ()


def test_a_let_is_written_in_place_in_brackets_but_not_inside_a_predicate_nor_inside_a_string():
    lets = {"w": "string(@when)", "gone": None}
    assert _inlined("$w = '$w' and $edition_to", lets) == "(string(@when)) = '$w' and $edition_to"
    assert _inlined("x[@n = $w]", lets) is None
    assert _inlined("$gone or true()", lets) is None
