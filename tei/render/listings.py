"""The edition's lists at any size: the document list, the name indices and the chronology, a page at a time.

The index stage meets every document's record (its row of the document list, its names, its dates);
an edition of 100,000 documents holds millions of names and dates. `Listings` takes the records one
at a time into a temporary SQLite database, keeping of each only what a list shows, and each page is
made from one query: memory holds a page, not the edition, and no page grows with it. The database keeps
each row as the JSON text the stylesheets read, and a page's JSON is those texts joined, never parsed again.

- The document list: DOCUMENT_ROWS documents to a page (`index.html`, `index-2.html` …,
  `tei.names.listing_page`).
- A name index (`persons.html` …) lists every entry of its kind the texts name, each with the passages
  where it occurs, one line a document; an entry named in more than ENTRY_ROWS documents lists them on
  pages of its own, ROWS lines each (`persons-kim-il-sung.html`, `persons-kim-il-sung.2.html` …,
  `tei.names.entry_page`), which its entry on the index links. A name in a text links to its entry
  (`persons.html#kim-il-sung`), which is always on the index page of its kind.
- The chronology: ROWS dated passages to a page, in date order (`chronology.html`, `chronology-2.html` …).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from tei.authority import KIND_BY_PREFIX

ROWS = 500           # rows of a page: dated passages, an entry's documents
DOCUMENT_ROWS = 100  # documents to a page of the document list: its first page is the index page with the
                     # search box, all of which a reader fetches before searching (benchmarks/web.py --search)
ENTRY_ROWS = 20      # documents an entry lists on its index page; more go to pages of its own

# What the document list shows of a record (xslt/html/index.xsl): the rest stays out of the database.
_INDEX_FIELDS = ("archive", "authors", "date", "dateLabel", "languages", "number", "recipient", "sender", "stem",
                 "title")
_KINDS = tuple(KIND_BY_PREFIX)   # the kinds of name, in the order their indices are linked

_SCHEMA = """
CREATE TABLE documents (position INTEGER PRIMARY KEY, year TEXT, row TEXT);
CREATE TABLE passages (kind TEXT, ref TEXT, position INTEGER, row TEXT);
CREATE TABLE events (moment TEXT, position INTEGER, rank INTEGER, row TEXT);
"""
_INDEXES = """
CREATE INDEX passages_by_entry ON passages (kind, ref, position);
CREATE INDEX events_in_order ON events (moment, position, rank);
"""


def year_of(record: dict) -> str:
    """The year a document is filed under in the list to browse by: "1956", or "undated"."""
    return record.get("date", "")[:4] or "undated"


def listed_facts(record: dict) -> dict:
    """All the lists need of a document's record, which the build keeps in its cache for each document (an
    edition of 100,000 holds them all): the document list's fields, where each name stands (not its
    words; once a place) and the dated passages."""
    named = record.get("names", ())
    places = dict.fromkeys((name["ref"], name.get("where", ""), name.get("anchor", "")) for name in named)
    names = [{"ref": ref, "where": where, "anchor": anchor} for ref, where, anchor in places]
    return {**{key: record[key] for key in _INDEX_FIELDS if key in record}, "names": names,
            "dates": record.get("dates", [])}


def index_row(record: dict) -> dict:
    """A record as the document list shows it: the refs of its names, each once, in the order of their first
    occurrence (for the filters, which take each ref once)."""
    row = {key: record[key] for key in _INDEX_FIELDS if key in record}
    return {**row, "names": [{"ref": ref} for ref in dict.fromkeys(name["ref"] for name in record.get("names", ()))]}


def passages_by_entry(record: dict) -> dict[str, dict]:
    """For each entry (ref) a record names, its line in that entry's list of documents: the document,
    the parts of its header that name the entry and the paragraphs of its texts that do."""
    found: dict[str, dict] = {}
    for name in record.get("names", ()):
        line = found.setdefault(name["ref"], {
            "stem": record["stem"], "number": record.get("number", ""), "title": record.get("title", ""),
            "dateLabel": record.get("dateLabel", ""), "places": {}, "anchors": {}})
        if name.get("where") != "text":
            line["places"][name.get("where", "")] = None
        elif name.get("anchor"):
            line["anchors"][name["anchor"]] = None
    return {ref: {**line, "places": list(line["places"]), "anchors": list(line["anchors"])}
            for ref, line in found.items()}


def events_of(record: dict) -> Iterator[dict]:
    """The record's dated passages, each with the document it stands in."""
    document = {"stem": record["stem"], "number": record.get("number", ""), "title": record.get("title", "")}
    for event in record.get("dates", ()):
        yield {**event, "record": document}


class Listings:
    """The records of an edition's documents, in edition order, in a temporary SQLite database."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="tei-listings-")
        self.db = sqlite3.connect(Path(self._folder.name) / "listings.sqlite")
        self.db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        self.count = 0

    def close(self) -> None:
        self.db.close()
        self._folder.cleanup()

    def __enter__(self) -> Listings:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add_all(self, records: Iterable[dict]) -> Listings:
        """Take the records in edition order, one at a time; then index them for the queries."""
        for record in records:
            self.add(record)
        self.db.executescript(_INDEXES)
        return self

    def add(self, record: dict) -> None:
        position, self.count = self.count, self.count + 1
        self.db.execute("INSERT INTO documents VALUES (?, ?, ?)",
                        (position, year_of(record), json_text(index_row(record))))
        self.db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?)",
                            [(ref.split(":", 1)[0], ref, position, json_text(line))
                             for ref, line in passages_by_entry(record).items()])
        self.db.executemany("INSERT INTO events VALUES (?, ?, ?, ?)",
                            [(event["when"], position, rank, json_text(event))
                             for rank, event in enumerate(events_of(record))])

    # ------------------------------------------------------------ the document list

    def index_pages(self) -> int:
        return pages(self.count, DOCUMENT_ROWS)

    def index_rows(self, page: int) -> str:
        """The rows of page `page` (from 1) of the document list, as a JSON array."""
        cursor = self.db.execute("SELECT row FROM documents WHERE position >= ? AND position < ? ORDER BY position",
                                 ((page - 1) * DOCUMENT_ROWS, page * DOCUMENT_ROWS))
        return json_array(row for row, in cursor)

    def years(self) -> list[tuple[str, int, int]]:
        """Each year of the document list in edition order: (year, documents, position where it starts)."""
        return list(self.db.execute(
            "SELECT year, count(*), min(position) FROM documents GROUP BY year ORDER BY min(position)"))

    # ------------------------------------------------------------ the name indices

    def kinds(self) -> tuple[str, ...]:
        """The kinds of name some text uses, and "chronology" when some text has a date."""
        used = {kind for kind, in self.db.execute("SELECT DISTINCT kind FROM passages")}
        dated = self.db.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None
        return (*(kind for kind in _KINDS if kind in used), *(("chronology",) if dated else ()))

    def entries(self, kind: str) -> list[tuple[str, int]]:
        """Each entry of a kind the texts name: (ref, the number of documents that name it)."""
        return list(self.db.execute(
            "SELECT ref, count(*) FROM passages WHERE kind = ? GROUP BY ref ORDER BY ref", (kind,)))

    def passages(self, ref: str) -> str:
        """An entry's lines, one a document that names it, in edition order, as a JSON array."""
        return json_array(row for row, in self._entry_rows(ref))

    def entry_pages(self, ref: str) -> Iterator[str]:
        """An entry's lines, ROWS to a page, each page a JSON array."""
        return _chunks(self._entry_rows(ref))

    def _entry_rows(self, ref: str):
        return self.db.execute("SELECT row FROM passages WHERE kind = ? AND ref = ? ORDER BY position",
                               (ref.split(":", 1)[0], ref))

    # ------------------------------------------------------------ the chronology

    def events(self) -> int:
        return self.db.execute("SELECT count(*) FROM events").fetchone()[0]

    def event_chunks(self) -> Iterator[str]:
        """The dated passages in date order (those of one date in edition order), ROWS to a page, each page a
        JSON array."""
        return _chunks(self.db.execute("SELECT row FROM events ORDER BY moment, position, rank"))

    def event_years(self) -> list[tuple[str, int, int]]:
        """Each year of the chronology: (year, dated passages, the row where it starts, from 0)."""
        years, start = [], 0
        for year, count in self.db.execute(
                "SELECT substr(moment, 1, 4) AS year, count(*) FROM events GROUP BY year ORDER BY year"):
            years.append((year, count, start))
            start += count
        return years


def pages(rows: int, per_page: int | None = None) -> int:
    """How many pages `rows` rows fill, `per_page` (else ROWS) to a page; one when there are none."""
    return max(1, -(-rows // (per_page or ROWS)))


def _chunks(cursor) -> Iterator[str]:
    """The rows of a query (JSON texts), ROWS at a time, each chunk a JSON array; one (empty) when there are none."""
    page: list[str] = []
    for row, in cursor:
        if len(page) == ROWS:
            yield json_array(page)
            page = []
        page.append(row)
    yield json_array(page)


def json_array(texts: Iterable[str]) -> str:
    """The JSON array of values each written as JSON text already."""
    return "[" + ",".join(texts) + "]"


def json_object(**members: str) -> str:
    """The JSON object of members whose values are written as JSON text already, keys in sorted order."""
    return "{" + ",".join(f"{json_text(key)}:{members[key]}" for key in sorted(members)) + "}"


# One encoder for every row: json.dumps with options makes a new one each call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_text(value) -> str:
    """A value as the compact JSON text the database keeps (keys sorted, so the same value is the same text)."""
    return _ENCODER.encode(value)
