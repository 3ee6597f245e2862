"""Diagnostics found by the validator (the toolkit's `Diagnostic`s), and how they are printed: compiler-style
lines or JSON."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace

from lxml import etree

from tei.diagnostics import Diagnostic
from tei.errors import Position

LAYERS = ("wellformed", "relaxng", "schematron", "xsd", "tei-all")
LISTED_PER_RULE = 100   # problems listed per rule and file; the rest are counted


def problem(path: str, line: int, column: int, severity: str, rule: str, message: str, layer: str) -> Diagnostic:
    """A validator's finding, as the toolkit's one diagnostic type."""
    return Diagnostic(severity, rule, message, Position(path, line, column), layer=layer)


@dataclass(frozen=True)
class FileResult:
    """What one file's check found; valid when it has no errors (warnings are allowed)."""

    path: str
    problems: tuple[Diagnostic, ...]

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def summary(results: list[FileResult]) -> str:
    invalid = sum(not r.valid for r in results)
    errors = sum(p.severity == "error" for r in results for p in r.problems)
    warnings = sum(p.severity == "warning" for r in results for p in r.problems)
    files = "file" if len(results) == 1 else "files"
    return (
        f"{len(results)} {files} checked: {len(results) - invalid} valid, {invalid} invalid "
        f"({errors} errors, {warnings} warnings)"
    )


def to_json(results: list[FileResult], layers: list[str]) -> str:
    document = {
        "layers": layers,
        "summary": summary(results),
        "files": [{"path": r.path, "valid": r.valid, "problems": [_problem_json(p) for p in r.problems]}
                  for r in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _problem_json(diagnostic: Diagnostic) -> dict[str, object]:
    """A validator's finding in JSON: the build's fields (stage, origin) do not apply."""
    return {key: value for key, value in diagnostic.to_json().items() if key not in ("stage", "origin")}


_START_TAG = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)(?=[\s/>]|$)")


class StartTags:
    """Where each element's start tag stands in a document's text (lxml records only its line).

    An element is the k-th `<name` of its line when k same-named elements start earlier on
    that line. Both tables are made once per document, on the first question, so a document
    with thousands of problems costs one pass over its tree and its text, not one per problem.
    Given the document's bytes (`source`) instead of its lines, it decodes and splits them on the
    first question too: a document with no problem asks none.
    """

    def __init__(self, tree: etree._ElementTree, source_lines: list[str] | None = None, source: bytes = b"") -> None:
        self._tree = tree
        self._lines = source_lines
        self._source = source
        self._rank: dict[etree._Element, int] | None = None
        self._columns: dict[int, dict[str, list[int]]] = {}

    def column(self, element: etree._Element) -> int:
        """The 1-based column of `element`'s start tag; 1 when it cannot be found."""
        if self._rank is None:
            self._rank = self._ranks()
        if not isinstance(element.tag, str):
            return 1
        columns = self._line_columns(element.sourceline or 1).get(etree.QName(element).localname, [])
        rank = self._rank.get(element, len(columns))
        return columns[rank] if rank < len(columns) else 1

    def first_column(self, line: int, name: str | None) -> int:
        """The column of the first `<name` on a line, for errors that give only a line and a name."""
        columns = self._line_columns(line).get(name or "", [])
        return columns[0] if columns else 1

    def _ranks(self) -> dict[etree._Element, int]:
        seen: dict[tuple[int | None, str], int] = {}
        ranks = {}
        for element in self._tree.iter(etree.Element):
            key = (element.sourceline, etree.QName(element).localname)
            ranks[element] = seen.get(key, 0)
            seen[key] = ranks[element] + 1
        return ranks

    def _line_columns(self, line: int) -> dict[str, list[int]]:
        if line not in self._columns:
            found: dict[str, list[int]] = {}
            if self._lines is None:
                self._lines = self._source.decode("utf-8", "replace").splitlines()
            text = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
            for match in _START_TAG.finditer(text):
                found.setdefault(match[1], []).append(match.start() + 1)
            self._columns[line] = found
        return self._columns[line]


def first_of_each_rule(problems: list[Diagnostic], limit: int = LISTED_PER_RULE) -> list[Diagnostic]:
    """The first `limit` problems of each rule as found, then, for a rule with more, one problem
    at the first unlisted place that counts the rest: a broken document stays readable."""
    found: Counter[str] = Counter()
    listed: list[Diagnostic] = []
    first_unlisted: dict[str, Diagnostic] = {}
    for problem in problems:
        found[problem.rule] += 1
        if found[problem.rule] <= limit:
            listed.append(problem)
        else:
            first_unlisted.setdefault(problem.rule, problem)
    for rule, problem in first_unlisted.items():
        rest = found[rule] - limit
        listed.append(replace(problem, message=f"and {rest} more [{rule}] problems, not listed "
                                               f"(the first {limit} of each rule are)"))
    return listed
