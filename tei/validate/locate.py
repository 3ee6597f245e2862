"""Where a finding stands: the file, line and column of an element or of a libxml2 error.

A document checked with its XIncludes expanded holds elements from several files; each
included element keeps the place it has in its own file, so a message names that file.
"""

from __future__ import annotations

from lxml import etree

from tei.validate.report import StartTags

Where = tuple[str, int, int]


class Locator:
    """Positions in one parsed document (and the files it included, when they were expanded)."""

    def __init__(self, tree: etree._ElementTree, path: str, data: bytes) -> None:
        self.tree = tree
        self.path = path
        self.tags = StartTags(tree, source=data)
        self.included: dict[etree._Element, Where] = {}   # element → its place in the file it came from
        self._namespaces: dict[str, str] | None = None

    def of_element(self, element: etree._Element) -> Where:
        if element in self.included:
            return self.included[element]
        return (self.path, element.sourceline or 1, self.tags.column(element))

    def of_log_entry(self, entry: etree._LogEntry) -> Where:
        """The element a validator's error names (libxml2 gives its path), else the line it gives."""
        element = self._element_at(entry.path)
        if element is not None:
            return self.of_element(element)
        return (self.path, entry.line, entry.column or 1)

    def _element_at(self, path: str | None) -> etree._Element | None:
        if not path:
            return None
        try:
            found = self.tree.xpath(path, namespaces=self._prefixes())
        except etree.XPathError:
            return None
        return found[0] if isinstance(found, list) and found and isinstance(found[0], etree._Element) else None

    def _prefixes(self) -> dict[str, str]:
        """Every prefix the document declares (libxml2 writes paths with the document's own prefixes)."""
        if self._namespaces is None:
            self._namespaces = {}
            for element in self.tree.iter(etree.Element):
                for prefix, uri in element.nsmap.items():
                    if prefix:
                        self._namespaces.setdefault(prefix, uri)
        return self._namespaces
