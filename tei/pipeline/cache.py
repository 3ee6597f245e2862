"""The build cache: what each output was made from, so unchanged work is not redone.

`build/.cache/manifest.sqlite` maps each document to a key, the SHA-256 of its
source bytes and of the build's fingerprint (the toolkit's version and code, its
stylesheets and schemas, the configuration and the stages that ran). A document
whose key is unchanged and whose outputs are all present is not rebuilt; its
diagnostics come from the manifest, so the report stays complete. The manifest is
a SQLite database, read and written a document at a time: the build never holds it.

The manifest is committed once, at the end, after the outputs are flushed to disk.
Between, `build/.cache/journal.jsonl` gets one line per finished document, as it
finishes, with the SHA-256 of each of its outputs: a build stopped by anything,
kill -9 or a power cut included, resumes where it stopped. Since the outputs it
names were not flushed yet, a journal entry is trusted only for a document whose
outputs are all present with those hashes; a torn last line is ignored.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from tei.errors import OutputError
from tei.fsutil import output_error, replace_atomically
from tei.pipeline.model import Diagnostic, DocumentRecord, Settings
from tei.resources import data_dir

MANIFEST_PATH = ".cache/manifest.sqlite"
JOURNAL_PATH = ".cache/journal.jsonl"
MANIFEST_FORMAT = 2
_PACKAGE = Path(__file__).resolve().parents[1]


def toolkit_version() -> str:
    from importlib import metadata  # costly to import: only the build's manifest needs it

    try:
        return metadata.version("tei-edition")
    except metadata.PackageNotFoundError:
        return "unknown"


def _tree_digest(digest: hashlib._Hash, folder: Path, pattern: str) -> None:
    """Feed the names and contents of a folder's files, in sorted order, into `digest`."""
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())


def _data_folder(name: str) -> Path | None:
    try:
        return data_dir(name)
    except FileNotFoundError:
        return None


def fingerprint(config_text: str, stage_names: tuple[str, ...], settings: Settings) -> str:
    """The hash of everything besides a source that decides its outputs."""
    digest = hashlib.sha256()
    digest.update(f"tei-edition {toolkit_version()}\0".encode())
    _tree_digest(digest, _PACKAGE, "*.py")
    for name in ("xslt", "schemas", "authorities"):
        folder = _data_folder(name)
        if folder is not None:
            _tree_digest(digest, folder, "*")
    digest.update(config_text.encode() + b"\0")
    digest.update(" ".join(stage_names).encode() + b"\0")
    digest.update(repr(settings).encode())
    return digest.hexdigest()


def document_key(source: bytes, build_fingerprint: str) -> str:
    return hashlib.sha256(build_fingerprint.encode() + b"\0" + source).hexdigest()


def shared_key(build_fingerprint: str, records: Iterable[tuple[str, str]]) -> str:
    """The key of the shared outputs: the fingerprint and every (document, key) pair, by name."""
    digest = hashlib.sha256(build_fingerprint.encode())
    for name, key in records:
        digest.update(f"\0{name}\0{key}".encode())
    return digest.hexdigest()


@dataclass
class Entry:
    """What the manifest remembers about one document."""

    source: str
    key: str
    outputs: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()
    digests: tuple[tuple[str, str], ...] = ()   # only from the journal: outputs not yet flushed

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def record(self, name: str) -> DocumentRecord:
        return DocumentRecord(name, self.source, self.outputs, self.meta)

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "key": self.key,
            "outputs": list(self.outputs),
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "meta": dict(self.meta),
        }

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        return cls(
            source=data["source"],
            key=data["key"],
            outputs=tuple(data["outputs"]),
            diagnostics=tuple(Diagnostic.from_json(d) for d in data["diagnostics"]),
            meta=tuple(sorted(data["meta"].items())),
        )


_SCHEMA = f"""
CREATE TABLE documents (name TEXT PRIMARY KEY, source TEXT, key TEXT, outputs TEXT, diagnostics TEXT,
                        meta TEXT, digests TEXT, failed INTEGER);
CREATE TABLE shared (key TEXT, outputs TEXT, diagnostics TEXT);
INSERT INTO shared VALUES ('', '[]', '[]');
PRAGMA user_version = {MANIFEST_FORMAT};
"""


class ManifestLocked(OutputError):
    """Another build holds the build folder's manifest."""


class ManifestDamaged(OutputError):
    """The manifest's pages are damaged past its header (a disk fault, a copy cut short): it is removed
    when the build lets go of it, so the next build rebuilds everything."""


class Manifest:
    """The cache's record of the last build: a SQLite database read a document at a time.

    An edition of 100,000 documents has a manifest of some 300 MB (most of it the names and dates
    left to review), so it is never read whole. Every change a build makes is one transaction,
    committed by `save` once the outputs are on disk; a build stopped before leaves the previous
    manifest as it was (SQLite rolls the transaction back), and its journal says what it finished.
    """

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db, self.path = db, path
        self.damaged = False
        key, outputs, diagnostics = db.execute("SELECT key, outputs, diagnostics FROM shared").fetchone()
        self.shared_key: str = key
        self.shared_outputs: tuple[str, ...] = tuple(json.loads(outputs))
        self.shared_diagnostics: tuple[Diagnostic, ...] = _diagnostics(diagnostics)

    @classmethod
    def load(cls, build_dir: Path) -> Manifest:
        """The last build's manifest, with the journal of an interrupted build after it."""
        manifest = cls(_open(build_dir / MANIFEST_PATH), build_dir / MANIFEST_PATH)
        for name, entry in read_journal(build_dir):
            manifest.put(name, entry)
        return manifest

    def get(self, name: str) -> Entry | None:
        with self._using():
            row = self.db.execute("SELECT source, key, outputs, diagnostics, meta, digests FROM documents "
                                  "WHERE name = ?", (name,)).fetchone()
        return _entry(*row) if row else None

    def put(self, name: str, entry: Entry) -> None:
        with self._using():
            self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
                name, entry.source, entry.key, _json(list(entry.outputs)),
                _json([d.to_json() for d in entry.diagnostics]), _json(dict(entry.meta)), _json(dict(entry.digests)),
                entry.failed))

    def remove(self, name: str) -> None:
        with self._using():
            self.db.execute("DELETE FROM documents WHERE name = ?", (name,))

    @contextlib.contextmanager
    def _using(self) -> Iterator[None]:
        """A full or read-only disk met while writing the manifest, as the one line of any output's;
        damaged pages met while reading or writing it, as one line that says a rebuild follows."""
        try:
            yield
        except sqlite3.Error as err:
            if _primary_code(err) not in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
                raise cannot_write(self.path, err) from None
            self.damaged = True
            raise ManifestDamaged(f"{self.path}: error: the build cache is damaged ({err}); "
                                  "it is removed: build again to rebuild everything") from None

    def _rows(self, query: str, *parameters) -> Iterator[tuple]:
        """The rows of a query, read as they are reached."""
        with self._using():
            yield from self.db.execute(query, parameters)

    def __len__(self) -> int:
        with self._using():
            return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def set_order(self, names: Iterable[str]) -> None:
        """The documents of this build in the edition order: `gone` and `records` go by it."""
        with self._using():
            self._set_order(names)

    def _set_order(self, names: Iterable[str]) -> None:
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS edition_order (position INTEGER PRIMARY KEY, name TEXT)")
        self.db.execute("DELETE FROM temp.edition_order")
        self.db.executemany("INSERT INTO temp.edition_order (name) VALUES (?)", ((name,) for name in names))
        self.db.execute("CREATE UNIQUE INDEX IF NOT EXISTS temp.edition_order_names ON edition_order (name)")

    def gone(self) -> list[str]:
        """The documents the manifest holds and the edition order does not, by name."""
        return [name for name, in self._rows(
            "SELECT name FROM documents WHERE name NOT IN (SELECT name FROM temp.edition_order) ORDER BY name")]

    def outputs_of(self, name: str) -> tuple[str, ...]:
        row = next(self._rows("SELECT outputs FROM documents WHERE name = ?", name), None)
        return tuple(json.loads(row[0])) if row else ()

    def records(self) -> Records:
        """The documents of the edition order the manifest holds, as the shared stages see them."""
        return Records(self)

    def document_keys(self) -> Iterator[tuple[str, str]]:
        """(name, key) of every document, by name."""
        return self._rows("SELECT name, key FROM documents ORDER BY name")

    def failed(self) -> tuple[str, ...]:
        """The documents whose last build reported an error, by name."""
        return tuple(name for name, in self._rows("SELECT name FROM documents WHERE failed ORDER BY name"))

    def save(self, build_dir: Path) -> None:
        """Commit the manifest (durably), then drop the journal it now contains."""
        with self._using():
            self.db.execute("UPDATE shared SET key = ?, outputs = ?, diagnostics = ?", (
                self.shared_key, _json(list(self.shared_outputs)),
                _json([d.to_json() for d in self.shared_diagnostics])))
            self.db.execute("COMMIT")
        try:
            (build_dir / JOURNAL_PATH).unlink(missing_ok=True)
        except OSError as err:
            raise output_error(build_dir / JOURNAL_PATH, err) from None

    def close(self) -> None:
        """Let go of the database; what `save` did not commit is rolled back, a damaged one removed."""
        self.db.close()
        if self.damaged:
            with contextlib.suppress(OSError):      # then the next build finds it damaged again
                self.path.unlink()


class Records:
    """The shared stages' view of the manifest: each document in the edition order, read as it is
    reached (`tei.pipeline.model.DocumentRecord`), as often as a stage goes through them."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest

    def __iter__(self) -> Iterator[DocumentRecord]:
        rows = self.manifest._rows("SELECT d.name, d.source, d.outputs, d.meta FROM temp.edition_order AS o "
                                   "JOIN documents AS d ON d.name = o.name ORDER BY o.position")
        for name, source, outputs, meta in rows:
            yield DocumentRecord(name, source, tuple(json.loads(outputs)), tuple(sorted(json.loads(meta).items())))


def _open(path: Path) -> sqlite3.Connection:
    """The manifest's database, in a transaction of this build's; a new one where there is none, or
    where it is damaged or has another format (a damaged cache only costs a full rebuild)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "manifest.json").unlink(missing_ok=True)      # the format before SQLite
        return _opened(path) or _new_database(path)
    except OSError as err:
        raise output_error(path, err) from None
    except sqlite3.Error as err:
        raise cannot_write(path, err) from None


def _opened(path: Path) -> sqlite3.Connection | None:
    """The manifest in a transaction of this build's, made afresh where it is new or of another format;
    None if it is damaged."""
    db = _connect(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        if db.execute("PRAGMA user_version").fetchone()[0] == MANIFEST_FORMAT:
            db.execute("SELECT key FROM shared").fetchone()       # its first pages read, or it is damaged
        else:
            _made_afresh(db)
        return db
    except sqlite3.Error as err:
        db.close()
        code = _primary_code(err)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise ManifestLocked(f"{path}: error: another build is using this build folder") from None
        if code not in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
            raise
        return None


def _made_afresh(db: sqlite3.Connection) -> None:
    """An empty manifest (a new one, or one of another format) made in this build's transaction, whose
    lock is kept from the first look: a second build starting at the same moment finds it taken."""
    tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    for table, in tables.fetchall():
        db.execute(f'DROP TABLE "{table}"')
    for statement in _SCHEMA.strip().split(";\n"):
        db.execute(statement)


def _new_database(path: Path) -> sqlite3.Connection:
    """A new manifest in place of a damaged one."""
    for stale in (path, path.with_name(path.name + "-journal")):
        stale.unlink(missing_ok=True)
    db = _connect(path)
    db.execute("BEGIN IMMEDIATE")
    _made_afresh(db)
    return db


def _connect(path: Path) -> sqlite3.Connection:
    """Transactions begun and committed by the manifest itself; usable from the thread of a shared stage
    that runs beside another (`Stage.beside`: SQLite serialises the calls)."""
    return sqlite3.connect(path, isolation_level=None, timeout=1, check_same_thread=False)


def _primary_code(err: sqlite3.Error) -> int:
    return (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF


def cannot_write(path: Path, err: sqlite3.Error) -> OutputError:
    """SQLite's error while writing `path`, said as an operating-system error would be (`output_error`)."""
    code = {sqlite3.SQLITE_FULL: errno.ENOSPC, sqlite3.SQLITE_READONLY: errno.EROFS}.get(_primary_code(err))
    return output_error(path, OSError(code, os.strerror(code)) if code else OSError(str(err)))


def _entry(source, key, outputs, diagnostics, meta, digests) -> Entry:
    return Entry(source, key, tuple(json.loads(outputs)), _diagnostics(diagnostics),
                 tuple(sorted(json.loads(meta).items())), tuple(sorted(json.loads(digests).items())))


def _diagnostics(text: str) -> tuple[Diagnostic, ...]:
    return tuple(Diagnostic.from_json(d) for d in json.loads(text))


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class Journal:
    """The append-only record of the documents this build finished, one JSON line each.

    Each line is handed to the operating system as soon as it is written (a killed
    process loses nothing), but not flushed to disk: `verified` checks the outputs.
    """

    def __init__(self, build_dir: Path) -> None:
        self.path = build_dir / JOURNAL_PATH
        self.handle = None

    def record(self, name: str, entry: Entry) -> None:
        line = json.dumps({"name": name, "entry": entry.to_json(), "digests": dict(entry.digests)},
                          sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        try:
            if self.handle is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.handle = open(self.path, "ab")   # noqa: SIM115 - kept open for the whole build
            self.handle.write(line.encode() + b"\n")
            self.handle.flush()
        except OSError as err:
            raise output_error(self.path, err) from None

    def close(self) -> None:
        if self.handle is not None:
            with contextlib.suppress(OSError):    # a full disk was reported when it was written
                self.handle.close()
            self.handle = None


def read_journal(build_dir: Path) -> Iterator[tuple[str, Entry]]:
    """The journal's entries in the order written, a line at a time; unreadable lines (a torn last one) skipped."""
    try:
        handle = (build_dir / JOURNAL_PATH).open("rb")
    except OSError:
        return
    with handle:
        for line in handle:
            try:
                data = json.loads(line)
                entry = Entry.from_json(data["entry"])
                digests = tuple(sorted(data["digests"].items()))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            yield data["name"], replace(entry, digests=digests)


def verified(build_dir: Path, entry: Entry) -> bool:
    """Whether every output a journal entry names is on disk with the hash it recorded."""
    digests = dict(entry.digests)
    for name in entry.outputs:
        try:
            data = (build_dir / name).read_bytes()
        except OSError:
            return False
        if digests.get(name) != hashlib.sha256(data).hexdigest():
            return False
    return True


def holds(path: str | Path, data: bytes) -> bool:
    """Whether the file exists and holds exactly these bytes (the size is compared first)."""
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def write_if_changed(path: str | Path, data: bytes, *, durable: bool = True) -> bool:
    """Write atomically unless the file already holds exactly these bytes; True if written."""
    if holds(path, data):
        return False
    replace_atomically(os.fspath(path), (data,), durable=durable)
    return True
