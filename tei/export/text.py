"""The `text` export: each document's plain text in the reading and the diplomatic form, and a
table of the documents' metadata (CSV and JSON, one row per document), for corpus tools."""

from __future__ import annotations

import csv
import io
import json

from tei.names import DocumentOutputs, EditionExports

FORMS = ("reading", "diplomatic")
# The table's columns, in order: (column, how to get it from a document's name and record).
COLUMNS = (
    ("name", lambda name, r: name),
    ("number", lambda name, r: r["number"]),
    ("title", lambda name, r: r["title"]),
    ("date", lambda name, r: r["date"]),
    ("date_label", lambda name, r: r["dateLabel"]),
    ("sender", lambda name, r: r["sender"]),
    ("recipient", lambda name, r: r["recipient"]),
    ("place", lambda name, r: r["place"]),
    ("languages", lambda name, r: r["languages"]),
    ("archive", lambda name, r: r["archive"]),
    ("translators", lambda name, r: [person["name"] for person in r["translators"]]),
    ("source_url", lambda name, r: r["sourceUrl"]),
    ("edition_url", lambda name, r: r["editionUrl"]),
    ("tei", lambda name, r: DocumentOutputs(name).tei),
    ("reading_text", lambda name, r: DocumentOutputs(name).plain_text("reading")),
    ("diplomatic_text", lambda name, r: DocumentOutputs(name).plain_text("diplomatic")),
)


def document_text_files(name: str, record: dict) -> list[tuple[str, bytes]]:
    """The document's plain texts, UTF-8, one file per form."""
    return [(DocumentOutputs(name).plain_text(form), record[form].encode("utf-8")) for form in FORMS]


def table_rows(documents: list[tuple[str, dict]]) -> list[dict]:
    """One row per document, in the edition order given; lists stay lists."""
    return [{column: value(name, record) for column, value in COLUMNS} for name, record in documents]


def table_files(documents: list[tuple[str, dict]]) -> list[tuple[str, bytes]]:
    """documents.csv (lists joined by "; ") and documents.json (an array of objects)."""
    rows = table_rows(documents)
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=[column for column, _ in COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "; ".join(value) if isinstance(value, list) else value for key, value in row.items()})
    as_json = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    return [(EditionExports.TABLE_CSV, text.getvalue().encode("utf-8")),
            (EditionExports.TABLE_JSON, as_json.encode("utf-8"))]
