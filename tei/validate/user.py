"""Schemas the user names (`tei validate --schema FILE`), checked instead of the edition's layers.

A RELAX NG grammar (`.rng`), an XML Schema (`.xsd`) or a Schematron file (`.sch`); the Schematron
rules an ODD puts inside the RELAX NG made from it are checked when asked for
(`--embedded-schematron`), since jing, the reference validator, does not check them.
Each schema is one layer named after its file, so a report says which schema found what.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei.diagnostics import Diagnostic
from tei.errors import TeiToolkitError
from tei.validate.engine import RNG_KINDS, DocumentChecker, Options
from tei.validate.integrity import integrity_problems
from tei.validate.locate import Locator, Where
from tei.validate.report import FileResult, first_of_each_rule, problem
from tei.validate.schematron import SCH_NS, Schematron
from tei.validate.xinclude import expand_xincludes, stand_in_fallbacks
from tei.xmlsafe import parse_xml

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
KINDS = {".rng": "relaxng", ".xsd": "xsd", ".sch": "schematron"}


class SchemaError(TeiToolkitError):
    """A file named with --schema cannot be used as one (unknown kind, not a schema, does not compile)."""


_GENERIC = {"rng-attributes-invalid"}


@dataclass
class RelaxNGLayer:
    """A RELAX NG grammar: libxml2 decides, every error it logs is reported at its element."""

    name: str
    schema: etree.RelaxNG

    def problems(self, tree: etree._ElementTree, locator: Locator) -> list[Diagnostic]:
        if self.schema.validate(tree):
            return []
        found: dict[Where, dict[str, list[str]]] = {}    # place → rule → messages
        for entry in self.schema.error_log:
            kind = RNG_KINDS.get(entry.type_name, entry.type_name.removeprefix("RELAXNG_ERR_").lower())
            messages = found.setdefault(locator.of_log_entry(entry), {}).setdefault(f"rng-{kind}", [])
            if entry.message not in messages:
                messages.append(entry.message)
        return _positioned([problem(*where, "error", rule, "; ".join(messages), self.name)
                            for where, rules in found.items() for rule, messages in _specific(rules).items()])


def _specific(rules: dict[str, list[str]]) -> dict[str, list[str]]:
    """libxml2 says "failed to validate attributes" beside the reason; the reason is enough."""
    specific = {rule: messages for rule, messages in rules.items() if rule not in _GENERIC}
    return specific or rules


def _positioned(problems: list[Diagnostic]) -> list[Diagnostic]:
    """libxml2 repeats some errors without a line (0); keep those only if nothing else is said."""
    positioned = [p for p in problems if p.line > 0]
    return sorted(positioned or problems, key=Diagnostic.sort_key)


@dataclass
class XsdLayer:
    """An XML Schema: libxml2 decides; xmlschema, when it can load the schema, explains."""

    name: str
    schema: etree.XMLSchema

    def problems(self, tree: etree._ElementTree, locator: Locator) -> list[Diagnostic]:
        if self.schema.validate(tree):
            return []
        found: dict[tuple, Diagnostic] = {}
        for entry in self.schema.error_log:
            where = locator.of_log_entry(entry)
            found.setdefault((where, entry.message), problem(*where, "error", "xsd", entry.message, self.name))
        return _positioned(list(found.values()))


@dataclass
class SchematronLayer:
    """Schematron rules from a .sch file or embedded in a RELAX NG grammar."""

    name: str
    schematron: Schematron

    def problems(self, tree: etree._ElementTree, locator: Locator) -> list[Diagnostic]:
        return [
            problem(*locator.of_element(f.element), "warning" if f.role in ("warning", "warn", "info") else "error",
                    f.rule_id, f.message, self.name)
            for f in self.schematron.check(tree)
        ]


def compile_schema(path: Path, embedded_schematron: bool = False) -> list:
    """The layers of one schema file; raises SchemaError with a one-line reason when it cannot be one."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise SchemaError(f"{path}: error: unknown kind of schema; name a .rng (RELAX NG), .xsd (XML Schema) "
                          f"or .sch (Schematron) file")
    try:
        grammar = parse_xml(path)
    except OSError as err:
        raise SchemaError(f"{path}: error: cannot read: {err.strerror or err}") from None
    except TeiToolkitError as err:
        raise SchemaError(f"{err} (in the schema named with --schema)") from None
    _expect_root(grammar, path, kind)
    try:
        return _layers(path, grammar, kind, embedded_schematron)
    except etree.LxmlError as err:
        raise SchemaError(f"{path}: error: does not compile as {kind}: {_first_line(err)}") from None


_ROOTS = {"relaxng": {f"{{{RNG_NS}}}grammar", f"{{{RNG_NS}}}element"}, "xsd": {f"{{{XSD_NS}}}schema"},
          "schematron": {f"{{{SCH_NS}}}schema"}}


def _expect_root(grammar: etree._ElementTree, path: Path, kind: str) -> None:
    root = grammar.getroot().tag
    if root not in _ROOTS[kind]:
        raise SchemaError(f"{path}: error: not a {kind} schema: its root element is {etree.QName(root).localname}")


def _layers(path: Path, grammar: etree._ElementTree, kind: str, embedded_schematron: bool) -> list:
    if kind == "xsd":
        return [XsdLayer(path.name, etree.XMLSchema(grammar))]
    if kind == "schematron":
        return [SchematronLayer(path.name, Schematron.from_tree(grammar, path))]
    layers: list = [RelaxNGLayer(path.name, etree.RelaxNG(grammar))]
    if embedded_schematron and grammar.find(f".//{{{SCH_NS}}}pattern") is not None:
        layers.append(SchematronLayer(f"{path.name} (embedded Schematron)", Schematron.from_tree(grammar, path)))
    return layers


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or ["unknown error"])[0]


class UserValidator(DocumentChecker):
    """Well-formedness, then the schemas the user named and, if asked, the generic integrity checks."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.schema_layers = [layer for path in options.schemas
                              for layer in compile_schema(path, options.embedded_schematron)]

    @property
    def layers(self) -> list[str]:
        return ["wellformed", *(layer.name for layer in self.schema_layers),
                *(["integrity"] if self.options.integrity else [])]

    def parse(self, data: bytes, path: str, refuse_duplicate_ids: bool = False) -> tuple[etree._ElementTree, tuple]:
        """A repeated xml:id is left to --integrity: jing does not refuse it either."""
        return super().parse(data, path, refuse_duplicate_ids=False)

    def check_tree(self, tree: etree._ElementTree, path: str | Path, data: bytes | None = None,
                   source: Path | None = None) -> FileResult:
        """Check a parsed document (from `tei.xmlsafe.parse_xml`); `data`, its bytes, gives the columns;
        with --xinclude, its includes are read next to `source` (default: `path`)."""
        path = str(path)
        locator = Locator(tree, path, data if data is not None else etree.tostring(tree, encoding="utf-8"))
        if self.options.xinclude:
            problems = expand_xincludes(tree, path, locator, source)
        else:
            problems = stand_in_fallbacks(tree, locator)
        for layer in self.schema_layers:
            problems += layer.problems(tree, locator)
        if self.options.integrity:
            problems += integrity_problems(tree, locator)
        return FileResult(path, tuple(first_of_each_rule(problems)))
