"""The build cache: what each output was made from, so unchanged work is not redone.

`build/.cache/manifest.json` maps each document to a key, the SHA-256 of its
source bytes and of the build's fingerprint (the toolkit's version and code, its
stylesheets and schemas, the configuration and the stages that ran). A document
whose key is unchanged and whose outputs are all present is not rebuilt; its
diagnostics come from the manifest, so the report stays complete.

The manifest is written once, at the end, after the outputs are flushed to disk.
Between, `build/.cache/journal.jsonl` gets one line per finished document, as it
finishes, with the SHA-256 of each of its outputs: a build stopped by anything,
kill -9 or a power cut included, resumes where it stopped. Since the outputs it
names were not flushed yet, a journal entry is trusted only for a document whose
outputs are all present with those hashes; a torn last line is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from tei.fsutil import atomic_write, output_error
from tei.pipeline.model import Diagnostic, DocumentRecord, Settings
from tei.resources import data_dir

MANIFEST_PATH = ".cache/manifest.json"
JOURNAL_PATH = ".cache/journal.jsonl"
MANIFEST_FORMAT = 1
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


def shared_key(build_fingerprint: str, records: list[tuple[str, str]]) -> str:
    """The key of the shared outputs: the fingerprint and every (document, key) pair."""
    digest = hashlib.sha256(build_fingerprint.encode())
    for name, key in sorted(records):
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


@dataclass
class Manifest:
    """The cache's record of the last build, read at the start and written at the end."""

    documents: dict[str, Entry] = field(default_factory=dict)
    shared_key: str = ""
    shared_outputs: tuple[str, ...] = ()
    shared_diagnostics: tuple[Diagnostic, ...] = ()

    @classmethod
    def load(cls, build_dir: Path) -> Manifest:
        """The last build's manifest, with the journal of an interrupted build after it."""
        manifest = cls._load_manifest(build_dir)
        for name, entry in read_journal(build_dir):
            manifest.documents[name] = entry
        return manifest

    @classmethod
    def _load_manifest(cls, build_dir: Path) -> Manifest:
        """The manifest alone; an empty one if there is none or it cannot be read."""
        try:
            data = json.loads((build_dir / MANIFEST_PATH).read_bytes())
            if data.get("format") != MANIFEST_FORMAT:
                return cls()
            return cls(
                documents={n: Entry.from_json(e) for n, e in data["documents"].items()},
                shared_key=data["shared"]["key"],
                shared_outputs=tuple(data["shared"]["outputs"]),
                shared_diagnostics=tuple(
                    Diagnostic.from_json(d) for d in data["shared"]["diagnostics"]
                ),
            )
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged cache only costs a full rebuild; it must never stop one.
            return cls()

    def to_bytes(self) -> bytes:
        data = {
            "format": MANIFEST_FORMAT,
            "documents": {n: self.documents[n].to_json() for n in sorted(self.documents)},
            "shared": {
                "key": self.shared_key,
                "outputs": list(self.shared_outputs),
                "diagnostics": [d.to_json() for d in self.shared_diagnostics],
            },
        }
        # Compact, so that json's fast C encoder writes it: the manifest of a large
        # edition is written on every build.
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return text.encode() + b"\n"

    def save(self, build_dir: Path) -> None:
        """Write the manifest (durably), then drop the journal it now contains."""
        write_if_changed(build_dir / MANIFEST_PATH, self.to_bytes())
        (build_dir / JOURNAL_PATH).unlink(missing_ok=True)


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


def read_journal(build_dir: Path) -> list[tuple[str, Entry]]:
    """The journal's entries in the order written; unreadable lines (a torn last one) skipped."""
    try:
        lines = (build_dir / JOURNAL_PATH).read_bytes().splitlines()
    except OSError:
        return []
    entries = []
    for line in lines:
        try:
            data = json.loads(line)
            entry = Entry.from_json(data["entry"])
            digests = tuple(sorted(data["digests"].items()))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
        entries.append((data["name"], replace(entry, digests=digests)))
    return entries


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


def holds(path: Path, data: bytes) -> bool:
    """Whether the file exists and holds exactly these bytes (the size is compared first)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write atomically unless the file already holds exactly these bytes; True if written."""
    if holds(path, data):
        return False
    atomic_write(path, data, durable=durable)
    return True
