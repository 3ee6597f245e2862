"""A document's export record: the facts of its TEI header and its plain texts, as one dict.

The common XSLT layer decides what the header means (xslt/common/metadata.xsl, the same
functions the web edition uses); `xslt/export/export.xsl` gathers them into one JSON object
per document. The record travels in the build's cache (a document stage's facts), so the
edition-wide exports are made without reading every document again.
"""

from __future__ import annotations

import json
import re

from saxonche import PySaxonApiError

from tei.errors import Position, TeiToolkitError
from tei.pipeline.model import Diagnostic
from tei.resources import data_dir
from tei.threads import per_thread
from tei.xmlsafe import parse_xml, saxon_processor

EXPORT_NS = "urn:x-tei-edition:export"
ISO_DATE = re.compile(r"^-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")


class ExportError(TeiToolkitError):
    """A document's header cannot give what an export needs."""


class RecordReader:
    """The compiled export stylesheet; one per thread (Saxon executables keep their mode)."""

    def __init__(self) -> None:
        self._processor = saxon_processor()
        self._compiler = self._processor.new_xslt30_processor()   # kept: Saxon frees orphaned executables
        stylesheet = data_dir("xslt") / "export" / "export.xsl"
        try:
            self._executable = self._compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
        except PySaxonApiError as err:
            raise ExportError(f"{stylesheet}: error: the stylesheet does not compile: {err}") from None
        self._executable.set_initial_mode(f"{{{EXPORT_NS}}}record")

    def record(self, tei: bytes, path: str) -> dict:
        """The record of one TEI document, parsed safely and handed to Saxon as a tree."""
        from lxml import etree

        tree = parse_xml(tei, path)
        document = self._processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))
        try:
            value = self._executable.apply_templates_returning_value(xdm_value=document)
        except PySaxonApiError as err:
            raise ExportError.at(path, f"cannot read the document's metadata: {err}") from None
        return json.loads(value.head.string_value)


@per_thread
def record_reader() -> RecordReader:
    return RecordReader()


def document_record(tei: bytes, path: str) -> dict:
    """The export record of one document's TEI (`path` names it in messages)."""
    return record_reader().record(tei, path)


def metadata_problems(record: dict, path: str) -> list[Diagnostic]:
    """What in the header no export can use: one error per field, naming the document and the field."""
    problems = []
    if not record["titleGiven"]:
        problems.append(("teiHeader/fileDesc/titleStmt/title", "is missing or empty; every export names the "
                         "document by its title"))
    if record["date"] and "when" not in record["sentDate"] and not ISO_DATE.match(record["date"]):
        problems.append(("the date's @when", f"is {record['date']!r}, not an ISO 8601 date (YYYY, YYYY-MM or "
                         "YYYY-MM-DD)"))
    for attribute, value in record["sentDate"].items():
        if not ISO_DATE.match(value):
            problems.append((f"correspAction[@type='sent']/date/@{attribute}", f"is {value!r}, not an ISO 8601 "
                             "date (YYYY, YYYY-MM or YYYY-MM-DD)"))
    return [export_error(path, f"{field} {message}") for field, message in problems]


def export_error(path: str, message: str, rule: str = "export-metadata") -> Diagnostic:
    return Diagnostic("error", rule, message, Position(path, 1, 1), layer="export")
