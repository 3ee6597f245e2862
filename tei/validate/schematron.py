"""A small ISO Schematron engine on lxml's XPath 1.0: fast to load, positions from the tree.

It reads the edition's `*.sch` files (queryBinding "xslt", i.e. XPath 1.0) and supports what
they use: ns, pattern, rule (context, first matching rule of a pattern wins), let, assert,
report, value-of and name. Unlike XSLT 1.0, `value-of` of several nodes joins them all
("a, b, c"), so a message can list every allowed value. Compiling is a few milliseconds,
where an XSLT pipeline costs far more per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei.xmlsafe import parse_xml

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_SCH = f"{{{SCH_NS}}}"


@dataclass(frozen=True)
class Failure:
    """A failed assert (or a fired report) on one element."""

    element: etree._Element
    rule_id: str
    message: str
    role: str


@dataclass(frozen=True)
class _Assertion:
    rule_id: str
    test: etree.XPath
    parts: tuple[str | etree.XPath, ...]
    role: str
    is_report: bool


@dataclass(frozen=True)
class _Rule:
    context: etree.XPath
    lets: tuple[tuple[str, etree.XPath], ...]
    assertions: tuple[_Assertion, ...]


def _split_union(expression: str) -> list[str]:
    """Split a match pattern at the top-level `|` (not inside brackets, parentheses or quotes)."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(expression):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(expression[start:index])
            start = index + 1
    parts.append(expression[start:])
    return [part.strip() for part in parts]


def _context_xpath(match: str, namespaces: dict[str, str]) -> etree.XPath:
    """A rule context is an XSLT match pattern; as an XPath it is searched from the root."""
    paths = [part if part.startswith("/") else "//" + part for part in _split_union(match)]
    return etree.XPath(" | ".join(paths), namespaces=namespaces)


def _message_parts(node: etree._Element, namespaces: dict[str, str]) -> tuple[str | etree.XPath, ...]:
    parts: list[str | etree.XPath] = [node.text or ""]
    for child in node:
        if child.tag == _SCH + "value-of":
            parts.append(etree.XPath(child.get("select"), namespaces=namespaces))
        elif child.tag == _SCH + "name":
            parts.append(etree.XPath("name()", namespaces=namespaces))
        parts.append(child.tail or "")
    return tuple(parts)


def _assertion(node: etree._Element, namespaces: dict[str, str]) -> _Assertion:
    return _Assertion(
        rule_id=node.get("id") or f"line-{node.sourceline}",
        test=etree.XPath(node.get("test"), namespaces=namespaces),
        parts=_message_parts(node, namespaces),
        role=node.get("role", "error"),
        is_report=node.tag == _SCH + "report",
    )


def _rule(node: etree._Element, namespaces: dict[str, str]) -> _Rule:
    lets = tuple(
        (let.get("name"), etree.XPath(let.get("value"), namespaces=namespaces)) for let in node.iterfind(_SCH + "let")
    )
    checks = [c for c in node if c.tag in (_SCH + "assert", _SCH + "report")]
    return _Rule(
        _context_xpath(node.get("context"), namespaces),
        lets,
        tuple(_assertion(c, namespaces) for c in checks),
    )


def _text(value: object) -> str:
    """An XPath result as message text; node-sets give all their values, joined."""
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, etree._Element):
        return value.xpath("string()")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


class Schematron:
    """Compiled Schematron patterns from one or more files, checked together."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = list(paths)
        self.patterns: list[tuple[str, tuple[_Rule, ...]]] = []
        for path in self.paths:
            self._load(path)

    def _load(self, path: Path) -> None:
        root = parse_xml(path).getroot()
        namespaces = {ns.get("prefix"): ns.get("uri") for ns in root.iterfind(_SCH + "ns")}
        for pattern in root.iterfind(_SCH + "pattern"):
            rules = tuple(_rule(rule, namespaces) for rule in pattern.iterfind(_SCH + "rule"))
            self.patterns.append((pattern.get("id", ""), rules))

    @property
    def assert_ids(self) -> list[str]:
        return [a.rule_id for _, rules in self.patterns for rule in rules for a in rule.assertions]

    def _fired(self, tree: etree._ElementTree):
        """(rule, element) pairs as Schematron fires them: in each pattern, the first rule that matches."""
        for _, rules in self.patterns:
            fired: set[etree._Element] = set()
            for rule in rules:
                for element in rule.context(tree):
                    if element not in fired:
                        fired.add(element)
                        yield rule, element

    def coverage(self, tree: etree._ElementTree) -> dict[str, int]:
        """How many elements each assert was tried on: a passing case must try it at least once."""
        counts = dict.fromkeys(self.assert_ids, 0)
        for rule, _ in self._fired(tree):
            for assertion in rule.assertions:
                counts[assertion.rule_id] += 1
        return counts

    def check(self, tree: etree._ElementTree) -> list[Failure]:
        failures: list[Failure] = []
        for rule, element in self._fired(tree):
            failures.extend(_check_rule(rule, element))
        return failures


def _check_rule(rule: _Rule, element: etree._Element) -> list[Failure]:
    variables: dict[str, object] = {}
    for name, expression in rule.lets:
        variables[name] = expression(element, **variables)
    failures = []
    for assertion in rule.assertions:
        if bool(assertion.test(element, **variables)) == assertion.is_report:
            failures.append(
                Failure(
                    element,
                    assertion.rule_id,
                    _message(assertion, element, variables),
                    assertion.role,
                )
            )
    return failures


def _message(assertion: _Assertion, element: etree._Element, variables: dict[str, object]) -> str:
    pieces = [part if isinstance(part, str) else _text(part(element, **variables)) for part in assertion.parts]
    return re.sub(r"\s+", " ", "".join(pieces)).strip()
