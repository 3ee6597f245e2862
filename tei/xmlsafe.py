"""Parse untrusted XML safely: no DTDs, no entities, no network, no huge-tree tricks.

Every reader of XML in the toolkit goes through `parse_xml`; Saxon is handed the
parsed result, never a path, because its own parser resolves external entities.

Defences, each with its own clear error:
- a document type declaration is refused before parsing (it is where XXE, external DTDs
  and entity-expansion bombs start), with the line and column where it stands;
- entities are never resolved and the network is never touched, should a DTD slip through;
- libxml2's limits stay on (no `huge_tree`): text nodes over 10 MB and nesting deeper than
  256 levels are refused as errors, not processed.

`parse_allowing_doctype` (the commands' `--allow-doctype`) reads a DOCTYPE instead of refusing
it: entities declared in the internal subset are expanded within libxml2's limits (a billion
laughs still stops at its amplification limit), while the external DTD, external entities and
attribute defaults are ignored, never loaded, and listed in one warning; the tree it returns has
no DOCTYPE left, so nothing downstream can read one.
"""

from __future__ import annotations

import codecs
import copy
import re
from pathlib import Path

from lxml import etree

from tei.diagnostics import Diagnostic
from tei.errors import Position, UnsafeXMLError, XMLSyntaxError

# What may precede the root element: whitespace, processing instructions, comments.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)


def _safe_parser(collect_ids: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=collect_ids,
    )


def _unsafe(path: str, line: int, column: int, message: str) -> UnsafeXMLError:
    """An UnsafeXMLError that also carries its position, for compiler-style reports."""
    error = UnsafeXMLError.at(path, message, line, column)
    error.path, error.line, error.column = path, line, column
    return error


_DOCTYPE_MESSAGE = (
    "refused a document type declaration (<!DOCTYPE …>); TEI files need none, "
    "and DTDs can read local files, fetch URLs or expand entity bombs"
)


def _doctype_position(data: bytes) -> tuple[int, int] | None:
    """Where a DOCTYPE stands in the prolog (UTF-8 and ASCII files), or None."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    end = _PROLOG.match(data, start).end()
    if not data.startswith(b"<!DOCTYPE", end):
        return None
    return data.count(b"\n", 0, end) + 1, end - (data.rfind(b"\n", 0, end) + 1) + 1


def _refuse_doctype_early(data: bytes, path: str) -> None:
    """Find a DOCTYPE in the prolog before libxml2 reads it."""
    if where := _doctype_position(data):
        raise _unsafe(path, *where, _DOCTYPE_MESSAGE)


def _refuse_doctype(tree: etree._ElementTree, path: str) -> None:
    """The backstop for encodings the early scan cannot read (e.g. UTF-16)."""
    info = tree.docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise _unsafe(path, 1, 1, _DOCTYPE_MESSAGE)


def _readable(message: str) -> str:
    """libxml2's words without lxml's position suffix (the finding's prefix has it), and the line an
    unclosed tag opened on said as such: 'in tag a line 2, line 5, column 1' → 'in tag <a> opened on line 2'."""
    message = re.sub(r", line \d+, column \d+$", "", message)
    return re.sub(r"in tag (\S+) line (\d+)$", r"in tag <\1> opened on line \2", message)


def _syntax_error(err: etree.XMLSyntaxError, path: str) -> XMLSyntaxError:
    line, column = err.position if err.position else (1, 1)
    message = _readable(err.msg or str(err))
    if any(word in message.lower() for word in ("huge", "excessive depth", "resource limit")):
        message += " (refused: the safe parser keeps libxml2's size and depth limits)"
    elif "amplification" in message.lower():
        message += " (refused: the safe parser keeps libxml2's limit on entity expansion)"
    return XMLSyntaxError(path, line, column, message)


def _bytes_and_name(source: bytes | str | Path, path: str | None) -> tuple[bytes, str]:
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes(), path or str(source)
    return source, path or "<bytes>"


def parse_xml(source: bytes | str | Path, path: str | None = None, *,
              refuse_duplicate_ids: bool = True) -> etree._ElementTree:
    """Parse XML from bytes or a file path with a parser that cannot be abused.

    Raises `XMLSyntaxError` (with line and column) for ill-formed input and
    `UnsafeXMLError` for DTDs, entity declarations and other refused constructs. A repeated
    `xml:id` is a syntax error unless `refuse_duplicate_ids` is False (then it is left to
    the checks that report it, as jing does for TEI the toolkit did not write).
    """
    data, path = _bytes_and_name(source, path)
    _refuse_doctype_early(data, path)
    try:
        tree = etree.fromstring(data, _safe_parser(refuse_duplicate_ids), base_url=path).getroottree()
    except etree.XMLSyntaxError as err:
        raise _syntax_error(err, path) from None
    _refuse_doctype(tree, path)
    return tree


class _NothingExternal(etree.Resolver):
    """Answers every request for an external entity with nothing, and remembers what was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def resolve(self, url, public_id, context):
        self.asked.append(url or public_id or "?")
        return self.resolve_string("", context)


def parse_allowing_doctype(source: bytes | str | Path, path: str | None = None, *,
                           refuse_duplicate_ids: bool = True) -> tuple[etree._ElementTree, Diagnostic | None]:
    """Parse like `parse_xml`, but read a DOCTYPE: its internal entities are expanded, nothing
    external is loaded. Returns a tree without DOCTYPE (comments and processing instructions
    around the root are not kept) and, when there was one, a warning saying what was ignored."""
    data, path = _bytes_and_name(source, path)
    where = _doctype_position(data) or (1, 1)
    parser = etree.XMLParser(resolve_entities=True, load_dtd=False, no_network=True, dtd_validation=False,
                             attribute_defaults=False, huge_tree=False, remove_blank_text=False,
                             collect_ids=refuse_duplicate_ids)
    external = _NothingExternal()
    parser.resolvers.add(external)
    try:
        tree = etree.fromstring(data, parser, base_url=path).getroottree()
    except etree.XMLSyntaxError as err:
        raise _syntax_error(err, path) from None
    info = tree.docinfo
    if info.internalDTD is None and info.externalDTD is None and not info.doctype:
        return tree, None
    attribute_lists = _ATTLIST.findall(data[:data.find(b"]>") + 1 if b"]>" in data else 0])
    note = Diagnostic("warning", "doctype-ignored", _what_was_ignored(info, external.asked, attribute_lists),
                      Position(path, *where), layer="wellformed")
    return etree.ElementTree(copy.deepcopy(tree.getroot())), note


_ATTLIST = re.compile(rb"<!ATTLIST\s+([^\s>]+)")


def _what_was_ignored(info, asked: list[str], attribute_lists: list[bytes]) -> str:
    dtd = info.internalDTD
    entities = list(dtd.iterentities()) if dtd is not None else []
    internal = [e.name for e in entities if e.system_url is None]
    external = [e.name for e in entities if e.system_url is not None]
    defaults = [name.decode("utf-8", "replace") for name in attribute_lists]
    ignored = [f'the external DTD "{info.system_url}" (never loaded)'] if info.system_url else []
    if external:
        ignored.append(f"{_count(external, 'external entity', 'external entities')} "
                       f"(never read; {len(asked)} reference(s) left empty)")
    if defaults:
        ignored.append(f"{_count(defaults, 'attribute list', 'attribute lists')} (defaults not applied)")
    expanded = f"{_count(internal, 'internal entity', 'internal entities')} expanded"
    return f"<!DOCTYPE> read (--allow-doctype): {expanded}; ignored: {'; '.join(ignored) or 'nothing'}"


def _count(names: list[str], one: str, many: str) -> str:
    shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
    return f"{len(names)} {one if len(names) == 1 else many}" + (f" ({shown})" if names else "")


# libxml2's nesting limit without huge_tree; Saxon's own parser stops at 100 levels, so a
# document the safe parser accepted at 101–256 levels would fail in the renderers.
MAX_DEPTH = 256
_SAXON_PARSER_PROPERTY = "http://saxon.sf.net/feature/parserProperty?uri=http%3A//www.oracle.com/xml/jaxp/properties/"
# Saxon's parser also stops at 200 attributes on an element and at names of 1,000 characters, where
# libxml2 stops at neither (its longest name is 50,000 characters): without these, such a document
# failed in the renderers with Saxon's own lines on stderr ("JAXP00010002: Element "p" has more than
# "200" attributes"). 0 is no limit; the safe parser has already read the tree in linear time.
_SAXON_LIMITS = {"maxElementDepth": str(MAX_DEPTH + 1), "elementAttributeLimit": "0", "maxXMLNameLimit": "0"}


def saxon_processor():
    """A Saxon processor whose parser takes every tree `parse_xml` accepts (nesting up to 256, any
    number of attributes, names of any length)."""
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    for name, value in _SAXON_LIMITS.items():
        processor.set_configuration_property(_SAXON_PARSER_PROPERTY + name, value)
    return processor

