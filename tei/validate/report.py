"""Problems found by the validator, and how they are printed: compiler-style lines or JSON."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from lxml import etree

LAYERS = ("wellformed", "relaxng", "schematron", "xsd", "tei-all")


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, positioned: `path:line:column: severity: [rule] message`."""

    path: str
    line: int
    column: int
    severity: str
    rule: str
    message: str
    layer: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: [{self.rule}] {self.message}"


@dataclass(frozen=True)
class FileResult:
    """What one file's check found; valid when it has no errors (warnings are allowed)."""

    path: str
    problems: tuple[Problem, ...]

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
        "files": [{"path": r.path, "valid": r.valid, "problems": [asdict(p) for p in r.problems]} for r in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def element_column(source_lines: list[str], element: etree._Element) -> int:
    """The 1-based column of an element's start tag (lxml only records its line).

    Counts the same-named elements that start earlier on the same line, then finds that
    many `<name` occurrences in the line's text.
    """
    line = element.sourceline or 1
    if line > len(source_lines):
        return 1
    name = etree.QName(element).localname
    earlier = 0
    for other in element.getroottree().iter(element.tag):
        if other is element:
            break
        earlier += other.sourceline == line
    matches = list(re.finditer(rf"<(?:[\w.-]+:)?{re.escape(name)}(?=[\s/>]|$)", source_lines[line - 1]))
    if len(matches) > earlier:
        return matches[earlier].start() + 1
    return 1


def named_element_column(source_lines: list[str], line: int, name: str | None) -> int:
    """The column of the first `<name` on a line, for errors that give only a line and a name."""
    if not name or not 0 < line <= len(source_lines):
        return 1
    match = re.search(rf"<(?:[\w.-]+:)?{re.escape(name)}(?=[\s/>]|$)", source_lines[line - 1])
    return match.start() + 1 if match else 1
