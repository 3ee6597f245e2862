"""A small ISO Schematron engine: fast to load, positions from the tree.

It reads the edition's `*.sch` files (queryBinding "xslt", XPath 1.0, run by lxml), and also
Schematron written for XPath 2.0 and later (queryBinding "xslt2"/"xslt3", as in most projects'
files and in the rules an ODD embeds in its RELAX NG), run by elementpath on the same lxml tree.
It supports what those files use: ns, pattern, rule (context, first matching rule of a pattern
wins), let, assert, report, value-of and name. Unlike XSLT 1.0, `value-of` of several nodes joins
them all ("a, b, c"), so a message can list every allowed value. Compiling is a few milliseconds,
where an XSLT pipeline costs far more per process.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from tei.authority import EditionAuthorities
from tei.errors import TeiToolkitError
from tei.xmlsafe import parse_xml

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_SCH = f"{{{SCH_NS}}}"
XPATH1_BINDINGS = ("", "xslt", "xpath", "exslt")
CURRENT = "schematron-current"


class SchematronError(TeiToolkitError):
    """A Schematron rule cannot be compiled (a syntax error, or a function no XPath engine here has)."""


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
    test: object
    parts: tuple[str | object, ...]
    role: str
    is_report: bool


@dataclass(frozen=True)
class _Rule:
    context: object
    lets: tuple[tuple[str, object], ...]
    assertions: tuple[_Assertion, ...]
    screen: object = None                        # true when no context node fails a screened assertion
    unscreened: tuple[_Assertion, ...] = ()      # the assertions the screen does not cover, tried node by node


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


def _search_expression(match: str) -> str:
    """A rule context is an XSLT match pattern; as an XPath it is searched from the root."""
    return " | ".join(part if part.startswith("/") else "//" + part for part in _split_union(match))


class _XPath1Query(etree.XPath):
    """A compiled XPath 1.0 expression and the names of the variables it reads."""

    def __init__(self, expression: str, namespaces: dict[str, str]) -> None:
        super().__init__(expression, namespaces=namespaces)
        # lxml binds every variable a call is given, which costs more than most tests themselves.
        self.variables = frozenset(re.findall(r"\$([\w.-]+)", expression))


class XPath1:
    """queryBinding "xslt": lxml's XPath 1.0, evaluated on the lxml nodes themselves."""

    def __init__(self, namespaces: dict[str, str]) -> None:
        self.namespaces = namespaces

    def compile(self, expression: str) -> _XPath1Query:
        return _XPath1Query(expression, self.namespaces)

    def document(self, tree: etree._ElementTree) -> _XPath1Document:
        return _XPath1Document(tree)

    def screen(self, context: str, lets: list[tuple[str, str]],
               checks: list[tuple[str, bool]]) -> tuple[_XPath1Query | None, list[bool]]:
        """One query over every node of a rule's context, true when none fails an assertion it covers (most nodes
        of most documents pass: trying each assertion on each node costs a call each), and which it covers: those
        whose test can be written as a predicate of the context, its lets written in place (`_inlined`), and
        that do not ask for the context's position. None when it covers none."""
        values: dict[str, str | None] = {}
        for name, value in lets:          # a let sees the lets before it, as when it is evaluated on a node
            values[name] = _inlined(value, values)
        failing = []
        for test, is_report in checks:
            inlined = _inlined(test, values)
            positional = inlined is None or "position()" in inlined or "last()" in inlined
            failing.append(None if positional else f"boolean({inlined})" if is_report else f"not({inlined})")
        covered = [term is not None for term in failing]
        if not any(covered):
            return None, covered
        try:
            query = self.compile(f"not(({context})[{' or '.join(term for term in failing if term)}])")
        except etree.XPathSyntaxError:
            return None, covered
        return query, covered


class _XPath1Document:
    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree

    def select(self, query: etree.XPath) -> list:
        return query(self.tree)

    def passes(self, screen: _XPath1Query | None, parameters: dict[str, object]) -> bool:
        """True if the rule's screen finds no context node failing an assertion it covers; False when in doubt
        (no screen, or one that raises: the rule is then tried node by node, which says what went wrong)."""
        if screen is None:
            return False
        try:
            return self.evaluate(screen, self.tree, parameters) is True
        except etree.XPathError:
            return False

    @staticmethod
    def evaluate(query: _XPath1Query, focus, variables: dict[str, object]) -> object:
        return query(focus, **{name: variables[name] for name in query.variables if name in variables})

    @staticmethod
    def truth(value: object) -> bool:
        return bool(value)

    @staticmethod
    def element(focus) -> etree._Element:
        return focus if isinstance(focus, etree._Element) else focus.getparent()

    def text(self, value: object) -> str:
        """An XPath result as message text; node-sets give all their values, joined."""
        if isinstance(value, list):
            return ", ".join(self.text(item) for item in value)
        if isinstance(value, etree._Element):
            return value.xpath("string()")
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else str(value)
        return str(value)


_XPATH1_PIECE = re.compile(r"""'[^']*'|"[^"]*"|\$([\w.-]+)|\[|\]""")


def _inlined(expression: str | None, lets: dict[str, str | None]) -> str | None:
    """`expression` with each let it names written in its place, in brackets; None if it names one inside a
    predicate (where the context is another node, so the let's value would be another) or one that cannot be
    written in place itself. String literals are left alone; a variable that is no let (a parameter) stays."""
    if expression is None:
        return None
    pieces, depth, end = [], 0, 0
    for match in _XPATH1_PIECE.finditer(expression):
        piece, name = match[0], match[1]
        depth += (piece == "[") - (piece == "]")
        if name in lets:
            if depth or lets[name] is None:
                return None
            pieces.append(expression[end:match.start()] + f"({lets[name]})")
            end = match.end()
    return "".join(pieces) + expression[end:]


class XPath2:
    """queryBinding "xslt2"/"xslt3": XPath 2.0 and later by elementpath, on the same lxml tree."""

    def __init__(self, namespaces: dict[str, str]) -> None:
        from elementpath import XPath2Parser

        self.namespaces = namespaces
        self._parser = XPath2Parser(namespaces=namespaces)
        self._parser.external_function(_generate_id, name="generate-id", sequence_types=("node()?", "xs:string"))

    def compile(self, expression: str):
        # current() is XSLT's, not XPath's: in a rule it is the node the rule fired on.
        return self._parser.parse(expression.replace("current()", f"${CURRENT}"))

    def document(self, tree: etree._ElementTree) -> _XPath2Document:
        return _XPath2Document(tree, self.namespaces)

    @staticmethod
    def screen(context: str, lets, checks) -> tuple[None, tuple]:
        return None, ()


def _generate_id(node=None) -> str:
    """XSLT's generate-id(): a document's node tree is built once, so a node's identity names it."""
    return f"n{id(node)}" if node is not None else ""


class _XPath2Document:
    """One document's node tree, built once; each evaluation focuses a copy of its context."""

    def __init__(self, tree: etree._ElementTree, namespaces: dict[str, str]) -> None:
        from elementpath import XPathContext

        self.base = XPathContext(tree, namespaces=namespaces)

    def _at(self, node, variables: dict[str, object]):
        context = copy.copy(self.base)
        context.item, context.variables = node, {**variables, CURRENT: node}
        return context

    def select(self, token) -> list:
        return list(token.select(self._at(self.base.root, {})))

    @staticmethod
    def passes(screen, parameters: dict[str, object]) -> bool:
        return False

    def evaluate(self, token, focus, variables: dict[str, object]) -> object:
        return token.evaluate(self._at(focus, variables))

    @staticmethod
    def truth(value: object) -> bool:
        from elementpath import XPathToken

        return XPathToken.boolean_value(None, value)

    @staticmethod
    def element(focus) -> etree._Element:
        while not isinstance(getattr(focus, "value", None), etree._Element):
            focus = focus.parent
        return focus.value

    def text(self, value: object) -> str:
        items = value if isinstance(value, list) else [value]
        return ", ".join(str(getattr(item, "string_value", item)) for item in items if item is not None)


def _language(binding: str, namespaces: dict[str, str]):
    return XPath1(namespaces) if binding.lower() in XPATH1_BINDINGS else XPath2(namespaces)


def _message_parts(node: etree._Element, language) -> tuple:
    parts: list = [node.text or ""]
    for child in node:
        if child.tag == _SCH + "value-of":
            parts.append(language.compile(child.get("select")))
        elif child.tag == _SCH + "name":
            parts.append(language.compile(child.get("path") or "name()"))
        parts.append(child.tail or "")
    return tuple(parts)


def _assertion(node: etree._Element, language) -> _Assertion:
    return _Assertion(
        rule_id=node.get("id") or f"line-{node.sourceline}",
        test=language.compile(node.get("test")),
        parts=_message_parts(node, language),
        role=node.get("role", "error"),
        is_report=node.tag == _SCH + "report",
    )


def _rule(node: etree._Element, language) -> _Rule:
    let_nodes = list(node.iterfind(_SCH + "let"))
    lets = tuple((let.get("name"), language.compile(let.get("value"))) for let in let_nodes)
    checks = [c for c in node if c.tag in (_SCH + "assert", _SCH + "report")]
    assertions = tuple(_assertion(c, language) for c in checks)
    context = _search_expression(node.get("context"))
    screen, screened = language.screen(context, [(let.get("name"), let.get("value")) for let in let_nodes],
                                       [(c.get("test"), c.tag == _SCH + "report") for c in checks])
    unscreened = tuple(a for a, covered in zip(assertions, screened, strict=False) if not covered) if screen else ()
    return _Rule(language.compile(context), lets, assertions, screen, unscreened)


def _compiled_rule(node: etree._Element, language) -> _Rule:
    from elementpath import ElementPathError

    try:
        return _rule(node, language)
    except (etree.XPathError, ElementPathError) as err:
        where = f"{node.getroottree().docinfo.URL}:{node.sourceline}"
        raise SchematronError(f"{where}: error: a Schematron rule does not compile: {err}") from None


class Schematron:
    """Compiled Schematron patterns from one or more files, checked together."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = list(paths)
        self.patterns: list[tuple[object, str, tuple[_Rule, ...]]] = []
        for path in self.paths:
            self._load(parse_xml(path).getroot())

    @classmethod
    def from_tree(cls, tree: etree._ElementTree, path: Path) -> Schematron:
        """The patterns of a Schematron schema, or those embedded anywhere in a RELAX NG grammar."""
        schematron = cls([])
        schematron.paths = [path]
        schematron._load(tree.getroot())
        return schematron

    def _load(self, root: etree._Element) -> None:
        namespaces = {ns.get("prefix"): ns.get("uri") for ns in root.iter(_SCH + "ns")}
        binding = root.get("queryBinding") or ("xslt" if root.tag == _SCH + "schema" else "xslt2")
        language = _language(binding, namespaces)
        for pattern in root.iter(_SCH + "pattern"):
            rules = tuple(_compiled_rule(rule, language) for rule in pattern.iterfind(_SCH + "rule"))
            self.patterns.append((language, pattern.get("id", ""), rules))

    @property
    def assert_ids(self) -> list[str]:
        return [a.rule_id for _, _, rules in self.patterns for rule in rules for a in rule.assertions]

    def _fired(self, tree: etree._ElementTree):
        """(document, rule, node) as Schematron fires them: in each pattern, the first rule that matches."""
        documents = {}
        for language, _, rules in self.patterns:
            document = documents.get(language) or documents.setdefault(language, language.document(tree))
            fired: set = set()
            for rule in rules:
                for node in document.select(rule.context):
                    if node not in fired:
                        fired.add(node)
                        yield document, rule, node

    def coverage(self, tree: etree._ElementTree) -> dict[str, int]:
        """How many elements each assert was tried on: a passing case must try it at least once."""
        counts = dict.fromkeys(self.assert_ids, 0)
        for _, rule, _ in self._fired(tree):
            for assertion in rule.assertions:
                counts[assertion.rule_id] += 1
        return counts

    def check(self, tree: etree._ElementTree, parameters: dict[str, object] | None = None) -> list[Failure]:
        """The failed asserts; `parameters` are variables every rule may use (`$authority_refs` …)."""
        parameters = parameters or edition_parameters()
        failures: list[Failure] = []
        for document, rule, node, assertions in self._to_try(tree, parameters):
            failures.extend(_check_rule(document, rule, node, parameters, assertions))
        return failures

    def _to_try(self, tree: etree._ElementTree, parameters: dict[str, object]):
        """(document, rule, node, assertions) as `_fired` gives them, with the assertions to try on the node: all
        of the rule's, or, when its screen passes (one query over every context node), those it does not cover.
        A rule left with none is not tried; its nodes are still looked up if a later rule of its pattern must
        know them (the first rule that matches a node is the one that fires)."""
        documents = {}
        for language, _, rules in self.patterns:
            document = documents.get(language) or documents.setdefault(language, language.document(tree))
            fired: set = set()
            for position, rule in enumerate(rules, start=1):
                assertions = rule.unscreened if document.passes(rule.screen, parameters) else rule.assertions
                if not assertions and position == len(rules):
                    continue
                for node in document.select(rule.context):
                    if node not in fired:
                        fired.add(node)
                        if assertions:
                            yield document, rule, node, assertions


@cache
def _authority_refs(lists: EditionAuthorities) -> str:
    return f" {' '.join(lists.authorities().refs())} "


def edition_parameters(authorities: EditionAuthorities | None = None,
                       dates: tuple[str, ...] = ()) -> dict[str, object]:
    """The variables the rules take from the edition: its authority entries (each between spaces) and its
    first and last day as numbers YYYYMMDD (without `edition.dates`, years 1 to 9999)."""
    first, last = (tuple(dates) + ("", ""))[:2]
    return {"authority_refs": _authority_refs(authorities or EditionAuthorities()),
            "edition_from": _day_number(first, "0101", 10101.0), "edition_to": _day_number(last, "1231", 99991231.0)}


def _day_number(date: str, filler: str, default: float) -> float:
    """An ISO date (YYYY, YYYY-MM, YYYY-MM-DD) as YYYYMMDD, the missing part from `filler`."""
    digits = date.replace("-", "")
    return float((digits + filler[len(digits) - 4:])[:8]) if digits else default


def _check_rule(document, rule: _Rule, node, parameters: dict[str, object],
                assertions: tuple[_Assertion, ...]) -> list[Failure]:
    variables: dict[str, object] = dict(parameters)
    for name, expression in rule.lets:
        variables[name] = document.evaluate(expression, node, variables)
    failures = []
    for assertion in assertions:
        if document.truth(document.evaluate(assertion.test, node, variables)) == assertion.is_report:
            message = _message(document, assertion, node, variables)
            failures.append(Failure(document.element(node), assertion.rule_id, message, assertion.role))
    return failures


def _message(document, assertion: _Assertion, node, variables: dict[str, object]) -> str:
    pieces = [part if isinstance(part, str) else document.text(document.evaluate(part, node, variables))
              for part in assertion.parts]
    return re.sub(r"\s+", " ", "".join(pieces)).strip()
