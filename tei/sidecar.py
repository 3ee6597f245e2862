"""The editor's layer: one metadata sidecar per document, `metadata/NAME.toml` beside the sources.

A transcription says only what its source says. What the editors add (a title and a date
for a headerless fragment, sender and recipient, an archive reference, a summary, notes,
alignment fixes, whether a text is machine-read) lives in the sidecar, so re-encoding a
transcription never erases it and editing it never touches the transcription. The writer
(`tei.writer.editorial`) puts it into the TEI header with `resp="#editor"`.

Every key is optional; an unknown key or a value of the wrong type is an error positioned at
its line, like `edition.toml`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path

from tei import tomlsafe
from tei.errors import Position, SourceError

METADATA_FOLDER = "metadata"
CERTAINTIES = ("high", "medium", "low")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class AlignmentFix:
    """An editor's link between paragraphs of the original and of the translation (by xml:id)."""

    original: tuple[str, ...]
    translation: tuple[str, ...]


@dataclass(frozen=True)
class Sidecar:
    """What the editor says about one document; empty strings and tuples: nothing said."""

    editor: str = ""
    title: str = ""
    date: str = ""
    date_cert: str = "high"
    date_label: str = ""
    sender: str = ""
    recipient: str = ""
    place: str = ""
    archive: str = ""
    summary: str = ""
    notes: tuple[str, ...] = ()
    machine_read: tuple[str, ...] = ()
    scan_url: str = ""
    alignment: tuple[AlignmentFix, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self == Sidecar()

    @property
    def summary_paragraphs(self) -> list[str]:
        """The summary's paragraphs (blank-line separated), each on one line."""
        return [" ".join(paragraph.split()) for paragraph in self.summary.split("\n\n") if paragraph.strip()]

    def texts(self) -> list[tuple[tuple[str, int], str]]:
        """The editors' prose that may name people, bodies, places and dates, each with a key
        (field, paragraph number): title, summary, notes, archive."""
        fields = (("title", [self.title] if self.title else []), ("summary", self.summary_paragraphs),
                  ("notes", list(self.notes)), ("archive", [self.archive] if self.archive else []))
        return [((name, number), text) for name, texts in fields for number, text in enumerate(texts)]


_LISTS = ("notes", "machine_read")
_KNOWN = tuple(f.name for f in fields(Sidecar))


def sidecar_path(source_root: Path, name: str, folder: str = METADATA_FOLDER) -> Path:
    """Where the sidecar of the source named `name` (its file stem) lives."""
    return source_root / folder / f"{name}.toml"


def read_sidecar(data: bytes, path: str) -> Sidecar:
    """The sidecar's metadata; raises SourceError, positioned, for anything it cannot use."""
    if not data.strip():
        return Sidecar()
    text = data.decode("utf-8", errors="strict") if _is_utf8(data, path) else ""
    try:
        table = tomlsafe.loads(text)
    except tomlsafe.TOMLDecodeError as err:
        match = re.search(r"at line (\d+), column (\d+)", str(err))
        line, column = (int(match[1]), int(match[2])) if match else (1, 1)
        raise SourceError(Position(path, line, column), re.sub(r" \(at line.*\)", "", str(err))) from None
    values = {key: _checked(key, value, path, text) for key, value in table.items()}
    return Sidecar(**values)


def _is_utf8(data: bytes, path: str) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceError(Position(path, 1, 1), f"byte {data[err.start]:#04x} at offset {err.start} "
                          "is not valid utf-8 (metadata files are UTF-8)") from None
    return True


def _checked(key: str, value: object, path: str, text: str) -> object:
    where = _position(path, text, key)
    if key not in _KNOWN:
        raise SourceError(where, f"unknown key {key!r} (known keys: {', '.join(_KNOWN)})")
    if key == "alignment":
        return _alignment(value, where)
    if key in _LISTS:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise SourceError(where, f"key {key!r} must be a list of strings")
        return tuple(value)
    if not isinstance(value, str):
        raise SourceError(where, f"key {key!r} must be a string, not {type(value).__name__}")
    _check_value(key, value, where)
    return value.strip()


def _check_value(key: str, value: str, where: Position) -> None:
    if key == "date" and not ISO_DATE.match(value):
        raise SourceError(where, f"date {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if key == "date_cert" and value not in CERTAINTIES:
        raise SourceError(where, f"date_cert {value!r}: choose from {', '.join(CERTAINTIES)}")
    if key == "scan_url" and value and not re.match(r"^https?://\S+$", value):
        raise SourceError(where, f"scan_url {value!r} is not an http(s) address")


def _alignment(value: object, where: Position) -> tuple[AlignmentFix, ...]:
    """`[[alignment]]` tables: original = "p-ru-3", translation = ["p-en-3", "p-en-4"]."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise SourceError(where, "alignment must be [[alignment]] tables with original and translation")
    fixes = []
    for item in value:
        sides = [_ids(item.get(side), side, where) for side in ("original", "translation")]
        if set(item) - {"original", "translation"} or not any(sides):
            raise SourceError(where, "each [[alignment]] has only 'original' and 'translation' "
                              "(an xml:id or a list of them; an empty list links to nothing)")
        fixes.append(AlignmentFix(*sides))
    return tuple(fixes)


def _ids(value: object, side: str, where: Position) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if items is None or not all(isinstance(item, str) and item for item in items):
        raise SourceError(where, f"alignment {side} must be an xml:id or a list of xml:ids")
    return tuple(items)


def _position(path: str, text: str, key: str) -> Position:
    """The line where `key` (or its `[[key]]` table) is written."""
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[\[\s*{re.escape(key)}\s*\]\])")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return Position(path, number, len(line) - len(line.lstrip()) + 1)
    return Position(path, 1, 1)
