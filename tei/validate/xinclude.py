"""XIncludes in TEI the toolkit did not write (FRUS volumes and EpiDoc files include their headers).

Without `--xinclude` nothing is read: an `xi:include` with an `xi:fallback` is checked as its
fallback (as jing does when it cannot read the file), one without is an error that says how
to check the document whole.

With `--xinclude`, includes are expanded, but only from the document's own folder and below:
never a URL (`http:`, `file:` …), an absolute path, or a relative path, percent-encoded or
through a symbolic link, that leads out of that folder. A refused or missing file falls back
to the include's `xi:fallback` (a warning) or is an error; loops, files that are not
well-formed, and more than 1,000 inclusions, 16 levels or 64 MiB are errors. Included
elements keep their own file's lines, so a message names the included file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from tei.diagnostics import Diagnostic
from tei.errors import Position, UnsafeXMLError, XMLSyntaxError
from tei.validate.locate import Locator
from tei.validate.report import problem
from tei.xmlsafe import parse_xml

XI_NS = "http://www.w3.org/2001/XInclude"
INCLUDE, FALLBACK = f"{{{XI_NS}}}include", f"{{{XI_NS}}}fallback"
LAYER = "xinclude"


def replace_with_children(element: etree._Element, donor: etree._Element | None) -> None:
    """Put `donor`'s content (text, elements, tails) where `element` stands; remove `element`."""
    parent = element.getparent()
    text = (donor.text or "") if donor is not None else ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for child in list(donor) if donor is not None else []:
        element.addprevious(child)
    last = element.getprevious()
    tail = element.tail or ""
    if last is not None:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def stand_in_fallbacks(tree: etree._ElementTree, locator: Locator) -> list[Diagnostic]:
    """Replace every `xi:include` by its fallback (a warning) or by nothing (an error): nothing is read."""
    problems = []
    for include in list(tree.iter(INCLUDE)):
        where = locator.of_element(include)
        fallback = include.find(FALLBACK)
        href = include.get("href", "")
        if fallback is not None:
            message = (f'xi:include href="{href}" not expanded (pass --xinclude to include it); '
                       f"its fallback is checked in its place")
            problems.append(problem(*where, "warning", "xinclude-not-expanded", message, LAYER))
        else:
            message = (f'xi:include href="{href}" not expanded and it has no fallback; pass --xinclude '
                       f"to check the document with it")
            problems.append(problem(*where, "error", "xinclude-not-expanded", message, LAYER))
        if include.getparent() is None:
            return problems      # the root itself is an include: nothing more to stand in
        replace_with_children(include, fallback)
    return problems


# ---------------------------------------------------------------- --xinclude: expansion, confined

MAX_INCLUSIONS = 1000                   # in one document, nested ones counted
MAX_NESTING = 16
MAX_INCLUDED_BYTES = 64 * 1024 * 1024   # read in all, for one document
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class _Refused(Exception):
    """An include that is not followed; the message says why. `fatal` ones ignore any fallback."""

    def __init__(self, message: str, rule: str = "xinclude-failed", fatal: bool = False) -> None:
        super().__init__(message)
        self.rule, self.fatal = rule, fatal


def _never(message: str) -> _Refused:
    """A refusal that keeps the reader inside the document's folder."""
    return _Refused(message, rule="xinclude-refused")


class _Exhausted(Exception):
    """The document asks for more inclusions, nesting or bytes than the limits allow."""


@dataclass
class _Expansion:
    """One document's expansion: where it may read from, what it has read, what it found."""

    root_folder: Path
    locator: Locator
    inclusions: int = 0
    included_bytes: int = 0
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class _Source:
    """A file whose includes are being expanded: where it is on disk, its name in messages, and the
    files that include it (a loop shows as a file in its own chain)."""

    real: Path
    shown: str
    chain: tuple[Path, ...]


def expand_xincludes(tree: etree._ElementTree, path: str, locator: Locator, source: Path | None = None) -> list:
    """Expand every `xi:include` of the document at `path` (on disk at `source`, if named otherwise),
    reading only files in its folder and below. Returns the problems found, each at its own file's place."""
    real = (source or Path(path)).resolve()
    expansion = _Expansion(real.parent, locator)
    try:
        _expand_within(tree.getroot(), _Source(real, path, (real,)), expansion)
    except _Exhausted as limit:
        where = locator.of_element(tree.getroot())
        expansion.problems.append(problem(*where, "error", "xinclude-limit", str(limit), LAYER))
    return expansion.problems


def _expand_within(root: etree._Element, source: _Source, expansion: _Expansion) -> None:
    for include in [i for i in root.iter(INCLUDE) if not _in_fallback(i, root)]:
        if include.getparent() is None:
            where = expansion.locator.of_element(include)
            message = "the document element itself is an xi:include; nothing to include it into"
            expansion.problems.append(problem(*where, "error", "xinclude-failed", message, LAYER))
            return
        _expand_one(include, source, expansion)


def _in_fallback(include: etree._Element, root: etree._Element) -> bool:
    """An include inside a fallback (below `root`) is expanded only if that fallback is used."""
    for ancestor in include.iterancestors():
        if ancestor is root:
            return False
        if ancestor.tag == FALLBACK:
            return True
    return False


def _expand_one(include: etree._Element, source: _Source, expansion: _Expansion) -> None:
    where = expansion.locator.of_element(include)
    href = include.get("href", "")
    try:
        _include(include, _target(href, source, expansion), source, expansion)
    except _Refused as refused:
        fallback = include.find(FALLBACK)
        usable = fallback is not None and not refused.fatal
        message = f'xi:include href="{href}": {refused}' + ("; its fallback is used" if usable else "")
        expansion.problems.append(problem(*where, "warning" if usable else "error", refused.rule, message, LAYER))
        if usable:
            _expand_within(fallback, source, expansion)
        replace_with_children(include, fallback if usable else None)


def _target(href: str, source: _Source, expansion: _Expansion) -> tuple[Path, str]:
    """The file an href names, on disk and in messages, if it may be read; _Refused says why not."""
    if not href:
        raise _Refused("an include without href (the same document) is not supported")
    if _SCHEME.match(href):
        raise _never("a URL is never fetched; only paths relative to the document are followed")
    relative = unquote(href)
    if relative.startswith(("/", "\\")) or "\0" in relative or "#" in relative:
        raise _never("an absolute path (or a fragment) is never followed; only paths relative to the document are")
    real = (source.real.parent / relative).resolve()
    if not real.is_relative_to(expansion.root_folder):
        raise _never("it leads outside the document's folder, which is never read from")
    if real in source.chain:
        names = " → ".join(p.name for p in (*source.chain, real))
        raise _Refused(f"an include loop: {names}", fatal=True)
    if not real.is_file():
        raise _Refused("no such file" if not real.exists() else "not a file")
    return real, os.path.normpath(os.path.join(os.path.dirname(source.shown), relative))


def _include(include: etree._Element, target: tuple[Path, str], source: _Source, expansion: _Expansion) -> None:
    real, shown = target
    if len(source.chain) > MAX_NESTING:
        raise _Exhausted(f"includes nested more than {MAX_NESTING} deep (at {shown}); the rest are not expanded")
    data = _read(real, shown, expansion)
    if include.get("parse", "xml") == "text":
        _include_text(include, data, shown)
        return
    included = _parse_included(data, shown, include.get("xpointer"), expansion)
    _expand_within(included, _Source(real, shown, (*source.chain, real)), expansion)
    included.tail = include.tail
    include.getparent().replace(include, included)


def _read(real: Path, shown: str, expansion: _Expansion) -> bytes:
    expansion.inclusions += 1
    if expansion.inclusions > MAX_INCLUSIONS:
        raise _Exhausted(f"more than {MAX_INCLUSIONS} inclusions (at {shown}); the rest are not expanded")
    try:
        data = real.read_bytes()
    except OSError as err:
        raise _Refused(f"cannot read: {err.strerror or err}") from None
    expansion.included_bytes += len(data)
    if expansion.included_bytes > MAX_INCLUDED_BYTES:
        raise _Exhausted(f"more than {MAX_INCLUDED_BYTES // 2**20} MiB included (at {shown}); the rest are not "
                         f"expanded")
    return data


def _include_text(include: etree._Element, data: bytes, shown: str) -> None:
    encoding = include.get("encoding", "utf-8")
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as err:
        raise _Refused(f"{shown} cannot be read as {encoding} text: {err}") from None
    holder = etree.Element("text-holder")
    holder.text = text
    replace_with_children(include, holder)


def _parse_included(data: bytes, shown: str, xpointer: str | None, expansion: _Expansion) -> etree._Element:
    try:
        tree = parse_xml(data, path=shown, refuse_duplicate_ids=False)
    except (XMLSyntaxError, UnsafeXMLError) as err:
        position = err.position or Position(shown, 1, 1)
        raise _Refused(f"{position}: {err.message}", fatal=True) from None
    own = Locator(tree, shown, data)
    for element in tree.iter(etree.Element):
        expansion.locator.included[element] = own.of_element(element)
    return _pointed(tree, xpointer, shown) if xpointer else tree.getroot()


_ELEMENT_SCHEME = re.compile(r"^element\(([^/()]+)\)$")


def _pointed(tree: etree._ElementTree, xpointer: str, shown: str) -> etree._Element:
    """The element an xpointer names: a bare id (`xpointer="hdr"`) or `element(hdr)`; no other scheme."""
    match = _ELEMENT_SCHEME.match(xpointer)
    name = match[1] if match else xpointer
    if not re.fullmatch(r"[^\s()/:]+", name):
        raise _Refused(f'xpointer="{xpointer}" is not supported; give the xml:id of the element to include')
    found = tree.xpath("//*[@xml:id = $name]", name=name)
    if not found:
        raise _Refused(f'{shown} has no element with xml:id="{name}" (xpointer)')
    return found[0]
