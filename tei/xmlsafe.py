"""Parse untrusted XML safely: no DTDs, no entities, no network, no huge-tree tricks.

Every reader of XML in the toolkit goes through `parse_xml`; Saxon is handed the
parsed result, never a path, because its own parser resolves external entities.

Defences, each with its own clear error:
- a document type declaration is refused before parsing (it is where XXE, external DTDs
  and entity-expansion bombs start), with the line and column where it stands;
- entities are never resolved and the network is never touched, should a DTD slip through;
- libxml2's limits stay on (no `huge_tree`): text nodes over 10 MB and nesting deeper than
  256 levels are refused as errors, not processed.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from tei.errors import UnsafeXMLError, XMLSyntaxError

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


def _refuse_doctype_early(data: bytes, path: str) -> None:
    """Find a DOCTYPE in the prolog before libxml2 reads it (UTF-8 and ASCII files)."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    end = _PROLOG.match(data, start).end()
    if data.startswith(b"<!DOCTYPE", end):
        line = data.count(b"\n", 0, end) + 1
        column = end - (data.rfind(b"\n", 0, end) + 1) + 1
        raise _unsafe(path, line, column, _DOCTYPE_MESSAGE)


def _refuse_doctype(tree: etree._ElementTree, path: str) -> None:
    """The backstop for encodings the early scan cannot read (e.g. UTF-16)."""
    info = tree.docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise _unsafe(path, 1, 1, _DOCTYPE_MESSAGE)


def _syntax_error(err: etree.XMLSyntaxError, path: str) -> XMLSyntaxError:
    line, column = err.position if err.position else (1, 1)
    message = err.msg or str(err)
    if any(word in message.lower() for word in ("huge", "excessive depth", "resource limit")):
        message += " (refused: the safe parser keeps libxml2's size and depth limits)"
    return XMLSyntaxError(path, line, column, message)


def parse_xml(source: bytes | str | Path, path: str | None = None, *,
              refuse_duplicate_ids: bool = True) -> etree._ElementTree:
    """Parse XML from bytes or a file path with a parser that cannot be abused.

    Raises `XMLSyntaxError` (with line and column) for ill-formed input and
    `UnsafeXMLError` for DTDs, entity declarations and other refused constructs. A repeated
    `xml:id` is a syntax error unless `refuse_duplicate_ids` is False (then it is left to
    the checks that report it, as jing does for TEI the toolkit did not write).
    """
    if isinstance(source, (str, Path)):
        path = path or str(source)
        data = Path(source).read_bytes()
    else:
        data = source
        path = path or "<bytes>"
    _refuse_doctype_early(data, path)
    try:
        tree = etree.fromstring(data, _safe_parser(refuse_duplicate_ids), base_url=path).getroottree()
    except etree.XMLSyntaxError as err:
        raise _syntax_error(err, path) from None
    _refuse_doctype(tree, path)
    return tree


# libxml2's nesting limit without huge_tree; Saxon's own parser stops at 100 levels, so a
# document the safe parser accepted at 101–256 levels would fail in the renderers.
MAX_DEPTH = 256
_SAXON_DEPTH = ("http://saxon.sf.net/feature/parserProperty?uri="
                "http%3A//www.oracle.com/xml/jaxp/properties/maxElementDepth")


def saxon_processor():
    """A Saxon processor whose parser takes every tree `parse_xml` accepts (nesting up to 256)."""
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    processor.set_configuration_property(_SAXON_DEPTH, str(MAX_DEPTH + 1))
    return processor

