"""Thousands of problems in one document: positions worked out once; 100 listed per rule, the rest counted."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tei.cli import main
from tei.validate import get_validator
from tei.validate.report import LISTED_PER_RULE, StartTags
from tei.xmlsafe import parse_xml

MINIMAL = (Path(__file__).parent / "invalid" / "passing" / "minimal.xml").read_text(encoding="utf-8")
EMPTY_DEL = '<del rend="strikethrough"/>'


def with_empty_deletions(count: int) -> bytes:
    """The minimal valid document with `count` empty deletions on one line of a new paragraph."""
    paragraph = f"<p>Text {EMPTY_DEL * count}</p>\n        "
    return MINIMAL.replace("<closer>", paragraph + "<closer>", 1).encode("utf-8")


def test_the_first_100_problems_of_a_rule_are_listed_and_the_rest_counted():
    problems = get_validator().check_bytes(with_empty_deletions(1500), "doc.xml").problems
    empty = [p for p in problems if p.rule == "not-empty"]
    assert len(empty) == LISTED_PER_RULE + 1 == 101
    assert empty[-1].message == "and 1400 more [not-empty] problems, not listed (the first 100 of each rule are)"
    assert empty[-1].column == empty[-2].column + len(EMPTY_DEL)


def test_a_rule_with_100_problems_or_fewer_is_listed_whole():
    problems = get_validator().check_bytes(with_empty_deletions(100), "doc.xml").problems
    assert [p.rule for p in problems] == ["not-empty"] * 100
    assert not any("more" in p.message for p in problems)


def test_every_listed_problem_points_at_its_own_start_tag():
    data = with_empty_deletions(300)
    problems = get_validator().check_bytes(data, "doc.xml").problems[:LISTED_PER_RULE]
    line = data.decode("utf-8").splitlines()[problems[0].line - 1]
    starts = [match.start() + 1 for match in re.finditer("<del ", line)]
    assert [p.column for p in problems] == starts[:LISTED_PER_RULE]


def test_the_command_prints_the_count_line_and_exits_1(tmp_path, capsys):
    path = tmp_path / "doc.xml"
    path.write_bytes(with_empty_deletions(250))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 101
    assert out[-1].endswith(
        "error: [not-empty] and 150 more [not-empty] problems, not listed (the first 100 of each rule are)")


class CountingTree:
    """A tree that counts how often it is walked."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree, self.walks = tree, 0

    def iter(self, *tags):
        self.walks += 1
        return self.tree.iter(*tags)


class CountingLines(list):
    """Source lines that count how often each is read."""

    reads = 0

    def __getitem__(self, index):
        CountingLines.reads += 1
        return super().__getitem__(index)


def test_positions_are_worked_out_once_per_document_not_once_per_problem():
    data = with_empty_deletions(2000)
    tree = parse_xml(data)
    counting = CountingTree(tree)
    lines = CountingLines(data.decode("utf-8").splitlines())
    tags = StartTags(counting, lines)
    deletions = list(tree.iter("{http://www.tei-c.org/ns/1.0}del"))
    columns = [tags.column(element) for element in deletions]
    assert len(set(columns)) == len(deletions) > 2000
    assert counting.walks == 1
    assert CountingLines.reads == len({element.sourceline for element in deletions}) == 2


class CountingBytes(bytes):
    decodes = 0

    def decode(self, *args, **kwargs):
        CountingBytes.decodes += 1
        return super().decode(*args, **kwargs)


def test_a_document_without_problems_is_not_decoded_into_lines_and_one_with_problems_once():
    validator = get_validator()
    assert validator.check_bytes(CountingBytes(with_empty_deletions(0)), "doc.xml").problems == ()
    assert CountingBytes.decodes == 0
    problems = validator.check_bytes(CountingBytes(with_empty_deletions(3)), "doc.xml").problems
    assert len(problems) == 3 and len({p.column for p in problems}) == 3
    assert CountingBytes.decodes == 1
