"""Parse untrusted XML safely: no DTDs, no entities, no network, no huge-tree tricks.

Every reader of XML in the toolkit goes through `parse_xml`; Saxon is handed the
parsed result, never a path, because its own parser resolves external entities.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei.errors import UnsafeXMLError, XMLSyntaxError


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _refuse_doctype(tree: etree._ElementTree, path: str) -> None:
    """A document type declaration is how entity attacks start; TEI never needs one."""
    info = tree.docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise UnsafeXMLError(
            f"{path}:1:1: error: refused a document type declaration (<!DOCTYPE …>); "
            "TEI files need none, and DTDs can read local files or expand entity bombs"
        )


def parse_xml(source: bytes | str | Path, path: str | None = None) -> etree._ElementTree:
    """Parse XML from bytes or a file path with a parser that cannot be abused.

    Raises `XMLSyntaxError` (with line and column) for ill-formed input and
    `UnsafeXMLError` for DTDs, entity declarations and other refused constructs.
    """
    if isinstance(source, (str, Path)):
        path = path or str(source)
        data = Path(source).read_bytes()
    else:
        data = source
        path = path or "<bytes>"
    try:
        tree = etree.fromstring(data, _safe_parser()).getroottree()
    except etree.XMLSyntaxError as err:
        line, column = err.position if err.position else (1, 1)
        raise XMLSyntaxError(path, line, column, err.msg or str(err)) from None
    _refuse_doctype(tree, path)
    return tree
