"""The build cache: what each output was made from, so unchanged work is not redone.

`build/.cache/manifest.json` maps each document to a key, the SHA-256 of its
source bytes and of the build's fingerprint (the toolkit's version and code, its
stylesheets and schemas, the configuration and the stages that ran). A document
whose key is unchanged and whose outputs are all present is not rebuilt; its
diagnostics come from the manifest, so the report stays complete.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from tei.fsutil import atomic_write
from tei.pipeline.model import Diagnostic, DocumentRecord, Settings
from tei.resources import data_dir

MANIFEST_PATH = ".cache/manifest.json"
MANIFEST_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parents[1]


def toolkit_version() -> str:
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
    for name in ("xslt", "schemas"):
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
        """The last build's manifest; an empty one if there is none or it cannot be read."""
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
        write_if_changed(build_dir / MANIFEST_PATH, self.to_bytes())


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
