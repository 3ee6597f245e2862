"""Checks that hold for any TEI, whatever its project's schema (`tei validate --integrity`).

- every pointer into the file (`#id` in an attribute TEI types as a URI: `corresp`, `next`,
  `prev`, `hand`, `wit`, `ref`, `target`, `facs`, `resp`, `who`, `ana`, …) names an `xml:id` in it;
- `when`, `notBefore` and `notAfter` are W3C dates or times that exist (no 30 February);
- no `xml:id` is given twice (the parser already refuses that in a file; this covers trees built in memory).

Pointers to other files and abbreviated (`prefix:value`) pointers are not followed: only
the file in hand is known. A fragment in a pointer scheme (`#range(…)`) is not a plain id and is skipped.
"""

from __future__ import annotations

import calendar
import difflib
import re

from lxml import etree

from tei.diagnostics import Diagnostic
from tei.validate.locate import Locator
from tei.validate.report import problem

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LAYER = "integrity"

# The attributes TEI P5 types as URI references (data type anyURI in tei_all), xml:base aside.
POINTER_ATTRIBUTES = frozenset((
    "active", "adj", "adjFrom", "adjTo", "ana", "calendar", "change", "children", "class", "code", "copyOf",
    "corresp", "datcat", "datingMethod", "datingPoint", "decls", "domains", "edRef", "end", "exclude", "fVal",
    "facs", "feats", "filter", "follow", "from", "fromUnit", "given", "hand", "inst", "lemmaRef", "location",
    "mergedIn", "mutual", "name", "new", "next", "ns", "nymRef", "origin", "parent", "parts", "passive", "perf",
    "period", "prev", "property", "ref", "rendition", "require", "resp", "sameAs", "scheme", "scribeRef",
    "scriptRef", "select", "since", "source", "spanTo", "start", "synch", "target", "targetEnd", "to", "toUnit",
    "toWhom", "unitRef", "uri", "url", "value", "valueDatcat", "where", "who", "wit",
))
DATE_ATTRIBUTES = ("when", "notBefore", "notAfter")
_PLAIN_ID = re.compile(r"#([^\s#()]+)$")
_SUGGESTED = 100   # unresolved pointers given a "did you mean"; past that, plain messages

_TIMEZONE = r"(?:Z|[+-]\d\d:\d\d)?"
_TIME = r"(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)(?:\.\d+)?"
_YEAR = r"(?P<year>-?(?:[1-9]\d{4,}|\d{4}))"
_MONTH, _DAY = r"(?P<month>\d\d)", r"(?P<day>\d\d)"
_DATE_FORMS = tuple(re.compile(form + _TIMEZONE + "$") for form in (
    rf"{_YEAR}-{_MONTH}-{_DAY}(?:T{_TIME})?",     # date, dateTime
    rf"{_YEAR}(?:-{_MONTH})?",                    # gYear, gYearMonth
    rf"--{_MONTH}(?:-{_DAY})?",                   # gMonth, gMonthDay
    rf"---{_DAY}",                                # gDay
    _TIME,                                        # time
))


def integrity_problems(tree: etree._ElementTree, locator: Locator) -> list[Diagnostic]:
    """Unresolved pointers, impossible dates and repeated ids, each at its element."""
    ids, problems = _ids(tree, locator)
    suggested = 0
    for element in tree.iter(etree.Element):
        for name, value in element.attrib.items():
            if name in POINTER_ATTRIBUTES:
                for target in _unresolved(value, ids):
                    hint = _close_id(target, ids) if suggested < _SUGGESTED else ""
                    suggested += 1
                    problems.append(_pointer_problem(element, name, target, hint, locator))
            elif name in DATE_ATTRIBUTES and (reason := date_problem(value)):
                message = f'{name}="{value}" on {_name(element)} is not a valid date: {reason}'
                problems.append(problem(*locator.of_element(element), "error", "date-invalid", message, LAYER))
    return problems


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _ids(tree: etree._ElementTree, locator: Locator) -> tuple[set[str], list[Diagnostic]]:
    first: dict[str, etree._Element] = {}
    problems = []
    for element in tree.iter(etree.Element):
        value = element.get(XML_ID)
        if value is None:
            continue
        if value in first:
            _, line, _ = locator.of_element(first[value])
            message = f'xml:id="{value}" on {_name(element)} is already the id of the {_name(first[value])} ' \
                      f"at line {line}"
            problems.append(problem(*locator.of_element(element), "error", "duplicate-id", message, LAYER))
        else:
            first[value] = element
    return set(first), problems


def _unresolved(value: str, ids: set[str]) -> list[str]:
    found = (_PLAIN_ID.match(token) for token in value.split() if token.startswith("#"))
    return [match[1] for match in found if match and match[1] not in ids]


def _close_id(target: str, ids: set[str]) -> str:
    close = difflib.get_close_matches(target, ids, n=1, cutoff=0.5)
    return f" (did you mean #{close[0]}?)" if close else ""


def _pointer_problem(element: etree._Element, name: str, target: str, hint: str, locator: Locator) -> Diagnostic:
    message = f'{name} on {_name(element)} points to #{target}, but no element in this file has xml:id="{target}"{hint}'
    return problem(*locator.of_element(element), "error", "pointer-unresolved", message, LAYER)


def date_problem(value: str) -> str:
    """Why `value` is not a W3C date or time (TEI's teidata.temporal.w3c), or "" when it is one."""
    for form in _DATE_FORMS:
        if match := form.match(value):
            return _impossible(match.groupdict())
    return "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm:ss, hh:mm:ss, --MM-DD, --MM or ---DD"


def _impossible(parts: dict[str, str | None]) -> str:
    month, day = int(parts.get("month") or 1), int(parts.get("day") or 1)
    if not 1 <= month <= 12:
        return f"there is no month {parts['month']}"
    year = int(parts.get("year") or 2000)
    days = 29 if month == 2 and calendar.isleap(year) else calendar.mdays[month]   # year 0 is 1 BCE, a leap year
    if not 1 <= day <= days:
        return f"day {parts['day']} does not exist in month {month:02d}" + (f" of {year}" if parts.get("year") else "")
    return _time_problem(parts["hour"], parts["minute"], parts["second"]) if parts.get("hour") else ""


def _time_problem(hours: str, minutes: str, seconds: str) -> str:
    if int(hours) == 24 and (int(minutes), int(seconds)) == (0, 0):
        return ""
    if int(hours) > 23 or int(minutes) > 59 or int(seconds) > 59:
        return f"{hours}:{minutes}:{seconds} is not a time of day"
    return ""
