"""Citation exports: BibTeX, RIS and CSL-JSON of a document and of the whole edition.

The facts come from one place, the common XSLT layer's `ed:citation-fields` (carried in each
document's web record as `citation`); this module only writes them in each format. Every
export names the edition, its version and the document's number, and the archival source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from tei.names import DocumentOutputs

FORMATS = {"bibtex": "bib", "ris": "ris", "csl": "json"}
EDITION_CITATION = "edition"     # the whole edition's files: web/edition.bib, .ris, .json


@dataclass(frozen=True)
class EditionFacts:
    """What the edition says about itself (edition.toml), for the volume's citation."""

    title: str
    editors: tuple[str, ...] = ()
    publisher: str = ""
    version: str = ""
    url: str = ""


def document_citation_files(fields: dict, name: str) -> list[tuple[str, bytes]]:
    """The document's citation files (`web/cite/NAME.bib` …), paths relative to the build folder."""
    exports = document_exports(fields, name)
    return [(DocumentOutputs(name).citation(FORMATS[kind]), text.encode("utf-8")) for kind, text in exports.items()]


def edition_citation_files(edition: EditionFacts) -> list[tuple[str, bytes]]:
    """The whole edition's citation files, beside its index page."""
    return [(f"web/{EDITION_CITATION}.{FORMATS[kind]}", text.encode("utf-8"))
            for kind, text in edition_exports(edition).items()]


def document_exports(fields: dict, key: str) -> dict[str, str]:
    """The document's citation in every format, by format name."""
    return {"bibtex": _bibtex_document(fields, key), "ris": _ris_document(fields),
            "csl": _csl_json([_csl_document(fields, key)])}


def edition_exports(edition: EditionFacts) -> dict[str, str]:
    """The whole edition's citation in every format."""
    return {"bibtex": _bibtex_edition(edition), "ris": _ris_edition(edition),
            "csl": _csl_json([_csl_edition(edition)])}


# ---------------------------------------------------------------- BibTeX (biblatex fields)

# BibTeX counts every brace of a value, "\{" too, so a brace of the text is written as a command that
# has none unpaired: a title with one "}" would otherwise end its field and leave the entry broken.
_BIBTEX_COMMANDS = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}", "\\": r"\textbackslash{}"}


def _bibtex_escape(text: str) -> str:
    return re.sub(r"[{}\\&%$#_]", lambda found: _BIBTEX_COMMANDS.get(found[0], "\\" + found[0]), text)


def _bibtex_url(url: str) -> str:
    """biblatex reads `url` verbatim: "a\\_b" would be the address. Only what BibTeX itself counts,
    the braces, and a backslash are percent-encoded, as an address may write any character."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _bibtex(kind: str, key: str, entries: list[tuple[str, str]]) -> str:
    lines = [f"  {name} = {{{_bibtex_url(value) if name == 'url' else _bibtex_escape(value)}}},"
             for name, value in entries if value]
    return f"@{kind}{{{key},\n" + "\n".join(lines) + "\n}\n"


def _bibtex_document(f: dict, key: str) -> str:
    return _bibtex("misc", _bibtex_key(key), [
        ("title", f["title"]), ("author", f.get("sender", "")), ("date", f.get("date", "")),
        ("booktitle", f["editionTitle"]), ("editor", " and ".join(f.get("editors", []))),
        ("version", f.get("version", "")), ("number", f.get("number", "")),
        ("publisher", f.get("publisher", "")), ("url", f.get("url", "")),
        ("howpublished", _document_in(f)), ("note", _source_note(f)),
        ("langid", f.get("language", "")),
    ])


def _bibtex_edition(e: EditionFacts) -> str:
    return _bibtex("collection", EDITION_CITATION, [
        ("title", e.title), ("editor", " and ".join(e.editors)), ("publisher", e.publisher),
        ("version", e.version), ("url", e.url),
    ])


def _bibtex_key(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:-]+", "-", name) or "document"


# ---------------------------------------------------------------- RIS

# What a reader of RIS may take for the end of a line (those str.splitlines() ends a line at).
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def _ris(kind: str, entries: list[tuple[str, str]]) -> str:
    # A RIS record is one tag a line: a value keeps to its line, or its second line would be read as
    # a tag of its own ("UR  - javascript:…", or "TY  - " opening a record).
    lines = [f"TY  - {kind}"] + [f"{tag}  - {_LINE_BREAKS.sub(' ', value)}" for tag, value in entries if value]
    return "\r\n".join([*lines, "ER  - ", ""])


def _ris_document(f: dict) -> str:
    parts = _date_parts(f.get("date", ""))
    return _ris("MANSCPT", [
        ("TI", f["title"]), ("AU", f.get("sender", "")),
        ("DA", "/".join(parts)), ("PY", parts[0] if parts else ""),
        ("T2", f["editionTitle"]), *(("ED", name) for name in f.get("editors", [])),
        ("ET", f.get("version", "")), ("SE", f.get("number", "")), ("PB", f.get("publisher", "")),
        ("AV", f.get("archive", "")), ("UR", f.get("url", "")), ("LA", f.get("language", "")),
        ("N1", _source_note(f)),
    ])


def _ris_edition(e: EditionFacts) -> str:
    return _ris("EDBOOK", [("TI", e.title), *(("ED", name) for name in e.editors),
                           ("PB", e.publisher), ("ET", e.version), ("UR", e.url)])


# ---------------------------------------------------------------- CSL-JSON

def _csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _names(names: list[str]) -> list[dict[str, str]]:
    return [{"literal": name} for name in names if name]


def _csl_document(f: dict, key: str) -> dict:
    item = {
        "id": key, "type": "manuscript", "title": f["title"],
        "author": _names([f.get("sender", "")]), "recipient": _names([f.get("recipient", "")]),
        "container-title": f["editionTitle"], "editor": _names(f.get("editors", [])),
        "version": f.get("version", ""), "number": f.get("number", ""),
        "publisher": f.get("publisher", ""), "URL": f.get("url", ""),
        "archive": f.get("archive", ""), "language": f.get("language", ""),
        "note": _source_note(f),
    }
    if parts := _date_parts(f.get("date", "")):
        item["issued"] = {"date-parts": [[int(part) for part in parts]]}
    return {name: value for name, value in item.items() if value}


def _csl_edition(e: EditionFacts) -> dict:
    item = {"id": EDITION_CITATION, "type": "book", "title": e.title, "editor": _names(list(e.editors)),
            "publisher": e.publisher, "version": e.version, "URL": e.url}
    return {name: value for name, value in item.items() if value}


# ---------------------------------------------------------------- shared wording

# The year, month and day at the start of a TEI date (@when): a year before the common era is
# negative ("-0044-03-15"), a time of day is left out ("1956-02-29T10:00:00").
_DATE = re.compile(r"(-?\d{4,})(?:-(\d\d)(?:-(\d\d))?)?(?![\d:])")


def _date_parts(date: str) -> list[str]:
    """Year, month and day of the date as written, as far as it gives them; [] for a date that is none of these."""
    found = _DATE.match(date)
    return [part for part in found.groups() if part] if found else []


def _document_in(f: dict) -> str:
    number = f.get("number", "")
    return f"Document {number} in {f['editionTitle']}" if number else f["editionTitle"]


def _source_note(f: dict) -> str:
    return "; ".join(part for part in (
        f.get("archive", "") and f"Archival source: {f['archive']}",
        f.get("translator", "") and f"translated by {f['translator']}",
        f.get("sourceUrl", "")) if part)
