"""The validation layers, run in order on each file: well-formedness (safe parser), the edition's
RELAX NG, its Schematron, then optionally its XML Schema and the official tei_all.

Schemas are compiled once per process and thread (`get_validator` caches them; lxml's schema
objects are not shared between threads). Many files are checked by the build's engine
(`tei.pipeline.single.validate_files`: its validate stage, its executors and `-j N`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei.authority import LISTS_FOLDER, EditionAuthorities
from tei.diagnostics import Diagnostic
from tei.errors import UnsafeXMLError, XMLSyntaxError, one_line
from tei.fsutil import not_a_file
from tei.resources import data_dir
from tei.threads import per_thread
from tei.validate.odd import TOPICS
from tei.validate.report import FileResult, StartTags, first_of_each_rule, problem
from tei.validate.rngmessages import attribute_table, children_table, explain
from tei.validate.schematron import Schematron, edition_parameters
from tei.xmlsafe import parse_allowing_doctype, parse_xml

# Files per worker task: large enough to amortise inter-process traffic.
_CHUNK = 16


@dataclass(frozen=True)
class Options:
    """Which layers run, and where the schemas are (default: the edition's shipped ones).

    `schemas` (files the user names) and `integrity` replace the edition's layers: they are for TEI
    the toolkit did not write.
    """

    schema_dir: Path | None = None
    xsd: bool = False
    tei_all: Path | None = None
    schemas: tuple[Path, ...] = ()
    embedded_schematron: bool = False
    integrity: bool = False
    xinclude: bool = False
    allow_doctype: bool = False
    authorities: EditionAuthorities = field(default_factory=EditionAuthorities)  # the edition's lists
    dates: tuple[str, ...] = ()              # the edition's first and last day (edition.dates)

    @property
    def replaces_edition(self) -> bool:
        return bool(self.schemas) or self.integrity


def _relaxng(path: Path) -> etree.RelaxNG:
    return etree.RelaxNG(parse_xml(path))


class DocumentChecker:
    """Reads and parses a document, then hands the tree to `check_tree`, which each kind of validator defines."""

    def check(self, path: str | Path) -> FileResult:
        """Read the file at `path` and check it through every layer."""
        path = str(path)
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            return FileResult(path, (_parse_problem(path, err),))
        return self.check_bytes(data, path)

    def check_bytes(self, data: bytes, path: str | Path, source: Path | None = None) -> FileResult:
        """Check a document held in memory; `path` only names it in the messages.

        Nothing is written to disk. The bytes are parsed with the safe parser, so
        well-formedness is the first layer, as for a file. `source`, where the document is on
        disk when `path` is only its name, is where --xinclude looks for the files it includes.
        """
        path = str(path)
        try:
            tree, notes = self.parse(data, path)
        except (XMLSyntaxError, UnsafeXMLError) as err:
            return FileResult(path, (_parse_problem(path, err),))
        result = self.check_tree(tree, path, data, source=source)
        return FileResult(path, notes + result.problems) if notes else result

    def parse(self, data: bytes, path: str, refuse_duplicate_ids: bool = True) -> tuple[etree._ElementTree, tuple]:
        """The tree, and a warning saying what was ignored when a DOCTYPE was read (--allow-doctype)."""
        if getattr(self.options, "allow_doctype", False):
            tree, note = parse_allowing_doctype(data, path, refuse_duplicate_ids=refuse_duplicate_ids)
            return tree, (note,) if note else ()
        return parse_xml(data, path=path, refuse_duplicate_ids=refuse_duplicate_ids), ()

    def check_tree(self, tree: etree._ElementTree, path: str | Path, data: bytes | None = None,
                   source: Path | None = None) -> FileResult:
        raise NotImplementedError


class Validator(DocumentChecker):
    """Compiled schemas for one set of options; `check` validates one file through every layer."""

    def __init__(self, options: Options) -> None:
        schemas = options.schema_dir or data_dir("schemas")
        self.options = options
        grammar = parse_xml(schemas / "edition.rng")
        self.relaxng = etree.RelaxNG(grammar)
        self.grammar_facts = (attribute_table(grammar), children_table(grammar))
        self.schematron = Schematron([schemas / f"{topic}.sch" for topic in TOPICS])
        self.parameters = edition_parameters(options.authorities, options.dates)
        self.xsd = _load_xsd(schemas / "edition.xsd") if options.xsd else None
        self.tei_all = _relaxng(options.tei_all) if options.tei_all else None

    @property
    def layers(self) -> list[str]:
        optional = [name for name, on in (("xsd", self.xsd), ("tei-all", self.tei_all)) if on is not None]
        return ["wellformed", "relaxng", "schematron", *optional]

    def check_tree(self, tree: etree._ElementTree, path: str | Path, data: bytes | None = None,
                   source: Path | None = None) -> FileResult:
        """Check an already-parsed document (from `tei.xmlsafe.parse_xml`); `path` names it in messages.

        Lines are the elements' `sourceline`s, so parse the bytes rather than build the tree
        in memory; `data`, the bytes it was parsed from, gives the columns (without it they
        are looked up in the tree serialised again, which is right only if it was not reformatted).
        """
        path = str(path)
        if data is None:
            data = etree.tostring(tree, encoding="utf-8")
        tags = StartTags(tree, source=data)
        problems = _relaxng_problems(self.relaxng, tree, path, tags, "relaxng", self.grammar_facts)
        problems += self._schematron_problems(tree, path, tags)
        if self.xsd is not None:
            problems += _xsd_problems(self.xsd, tree, path, tags)
        if self.tei_all is not None:
            problems += _relaxng_problems(self.tei_all, tree, path, tags, "tei-all")
        return FileResult(path, tuple(first_of_each_rule(problems)))

    def _schematron_problems(self, tree: etree._ElementTree, path: str, tags: StartTags) -> list[Diagnostic]:
        return [
            problem(
                path,
                f.element.sourceline or 1,
                tags.column(f.element),
                "warning" if f.role in ("warning", "warn", "info") else "error",
                f.rule_id,
                f.message,
                "schematron",
            )
            for f in self.schematron.check(tree, self.parameters)
        ]


_DUPLICATE_ID = re.compile(r"^ID \S+ already defined")


def _parse_problem(path: str, err: Exception) -> Diagnostic:
    if isinstance(err, XMLSyntaxError):
        rule = "duplicate-id" if _DUPLICATE_ID.match(err.message) else "xml-syntax"
        return problem(path, err.line, err.column, "error", rule, err.message, "wellformed")
    if isinstance(err, UnsafeXMLError):
        line, column = getattr(err, "line", 1), getattr(err, "column", 1)
        message = getattr(err, "message", str(err))
        return problem(path, line, column, "error", "xml-unsafe", message, "wellformed")
    return problem(path, 1, 1, "error", "io", str(getattr(err, "strerror", err) or err), "wellformed")


_EXTRA_CONTENT = re.compile(r"has extra content: (\S+)")
_ELEMENT_IN_MESSAGE = re.compile(r"[Ee]lement (?:\{[^}]*\})?([\w.-]+)")

# libxml2's RELAX NG error kinds, named for people (also for the grammars users name with --schema).
RNG_KINDS = {
    "RELAXNG_ERR_ELEMWRONG": "element-not-allowed",
    "RELAXNG_ERR_EXTRACONTENT": "element-not-allowed",
    "RELAXNG_ERR_INVALIDATTR": "attribute-not-allowed",
    "RELAXNG_ERR_NOELEM": "element-missing",
    "RELAXNG_ERR_NOTELEM": "element-missing",
    "RELAXNG_ERR_CONTENTVALID": "content-invalid",
    "RELAXNG_ERR_DATATYPE": "value-invalid",
    "RELAXNG_ERR_VALUE": "value-invalid",
    "RELAXNG_ERR_LIST": "value-invalid",
    "RELAXNG_ERR_DATAELEM": "value-invalid",
    "RELAXNG_ERR_ELEMNAME": "element-not-allowed",
    "RELAXNG_ERR_ELEMNONS": "namespace-wrong",
    "RELAXNG_ERR_ELEMWRONGNS": "namespace-wrong",
    "RELAXNG_ERR_ELEMEXTRANS": "namespace-wrong",
    "RELAXNG_ERR_TEXTWRONG": "text-not-allowed",
    "RELAXNG_ERR_NOGRAMMAR": "element-not-allowed",
    "RELAXNG_ERR_TYPEVAL": "value-invalid",
    "RELAXNG_ERR_ATTRVALID": "attributes-invalid",
    "RELAXNG_ERR_ELEMNOTEMPTY": "content-invalid",
}


def _relaxng_problems(
    schema: etree.RelaxNG,
    tree: etree._ElementTree,
    path: str,
    tags: StartTags,
    layer: str,
    table: tuple | None = None,
) -> list[Diagnostic]:
    if schema.validate(tree):
        return []
    prefix = "rng" if layer == "relaxng" else layer
    problems = set()
    for entry in schema.error_log:
        name = _EXTRA_CONTENT.search(entry.message) or _ELEMENT_IN_MESSAGE.search(entry.message)
        column = entry.column or tags.first_column(entry.line, name.group(1) if name else None)
        kind = RNG_KINDS.get(entry.type_name, entry.type_name.removeprefix("RELAXNG_ERR_").lower())
        message = entry.message
        explained = explain(message, entry.line, tree, *table) if table else None
        if explained:
            kind, message = explained
        problems.add(problem(path, entry.line, column, "error", f"{prefix}-{kind}", message, layer))
    return _without_unpositioned(sorted(problems, key=Diagnostic.sort_key))


def _without_unpositioned(problems: list[Diagnostic]) -> list[Diagnostic]:
    """libxml2 repeats some errors without a line (0); keep those only if nothing else is said."""
    positioned = [p for p in problems if p.line > 0]
    if positioned:
        return positioned
    return [problem(p.path, 1, 1, p.severity, p.rule, p.message, p.layer) for p in problems]


class _XsdLayer:
    """libxml2 decides validity (fast); xmlschema explains the invalid files (clear messages)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fast = etree.XMLSchema(parse_xml(path))
        self._explainer = None

    def explainer(self):
        if self._explainer is None:
            import xmlschema  # only for invalid files: it is the slowest import of the validator

            self._explainer = xmlschema.XMLSchema(str(self.path))
        return self._explainer


def _load_xsd(path: Path) -> _XsdLayer:
    return _XsdLayer(path)


def _xsd_problems(layer: _XsdLayer, tree: etree._ElementTree, path: str, tags: StartTags) -> list[Diagnostic]:
    if layer.fast.validate(tree):
        return []
    problems = []
    for error in layer.explainer().iter_errors(tree):
        element = error.elem if isinstance(error.elem, etree._Element) else None
        line = getattr(error, "sourceline", None) or (element.sourceline if element is not None else 1)
        column = tags.column(element) if element is not None else 1
        problems.append(problem(path, line or 1, column, "error", "xsd", error.reason or str(error), "xsd"))
    return problems or [
        problem(path, e.line or 1, e.column or 1, "error", "xsd", e.message, "xsd") for e in layer.fast.error_log
    ]


def _make_validator(options: Options) -> DocumentChecker:
    if options.replaces_edition:
        from tei.validate.user import UserValidator

        return UserValidator(options)
    return Validator(options)


_validator = per_thread(_make_validator)


def get_validator(options: Options = Options()) -> DocumentChecker:
    """The validator for `options`, compiled on first use and then reused by this thread.

    Each thread has its own: a validator's RELAX NG and XML Schema objects keep the error
    log of their last run, and its Schematron rules are lxml XPath objects.
    """
    return _validator(options)


def collect_files(paths: list[str | Path]) -> list[Path]:
    """The XML files named or found (recursively, sorted) under the given paths (`find_files`)."""
    return find_files(paths)[0]


def find_files(paths: list[str | Path]) -> tuple[list[Path], list[str]]:
    """The XML files named or found (recursively, sorted) under the given paths, and one warning line for
    each `*.xml` of a folder that is no file to read (a dangling link, a FIFO), left out; FileNotFoundError
    names a path given that is not there or is no file to read. In a folder, the `authorities/` folders
    are left out: they hold the edition's authority lists beside its TEI (`tei build` writes them to
    build/tei/authorities/), not documents; a list named itself is checked."""
    files: list[Path] = []
    skipped: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            for found in sorted(path.rglob("*.xml")):
                if LISTS_FOLDER in found.relative_to(path).parts[:-1]:
                    continue
                if reason := not_a_file(found):
                    skipped.append(one_line(f"{found}: warning: skipped: {reason}"))
                else:
                    files.append(found)
        elif reason := not_a_file(path):        # a FIFO named would be waited on forever
            raise FileNotFoundError(f"{path}: error: {reason}")
        else:
            files.append(path)
    return files, skipped
