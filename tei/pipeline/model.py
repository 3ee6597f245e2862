"""The values that travel through the build: documents in, stage results out.

They are plain frozen dataclasses of strings and bytes so that a process pool or a
Dask cluster can ship them to a worker and back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tei.authority import EditionAuthorities
from tei.diagnostics import Diagnostic
from tei.pipeline.config import EditionInfo

DOCUMENT = "document"   # a stage run once per source, in a worker
SHARED = "shared"       # a stage run once per build, on the client, over every document


@dataclass(frozen=True)
class Settings:
    """What any stage may need besides its input; the same for every document of a build."""

    edition: EditionInfo = field(default_factory=EditionInfo)
    preset: str = "wilson-center"
    page_size: str = "A4"
    source_date_epoch: int | None = None   # from SOURCE_DATE_EPOCH; None: print no date at all
    outputs: tuple[str, ...] = ()          # the output formats this build makes (pages link them)
    volumes: str = "size"                  # [pdf] volumes: cut the edition by "size" or "year"
    documents_per_volume: int = 500        # [pdf] documents_per_volume
    source_encoding: str = "utf-8"         # `tei encode --encoding`
    conventions_report: bool = False       # `tei encode --report`: keep every convention found
    validation: object = None              # `tei validate`'s layers (tei.validate.Options); None: the default
    authorities: EditionAuthorities = field(default_factory=EditionAuthorities)  # the edition's lists

    @property
    def build_datetime(self) -> datetime | None:
        if self.source_date_epoch is None:
            return None
        return datetime.fromtimestamp(self.source_date_epoch, tz=UTC)

    @property
    def build_date(self) -> str | None:
        """The build's ISO date, for outputs that print one."""
        moment = self.build_datetime
        return moment.date().isoformat() if moment else None


@dataclass(frozen=True)
class SourceDocument:
    """One input as shipped to a worker: its name, its path for messages, its bytes.

    Usually a transcription; for `tei web` and `tei pdf` a TEI file (`tei_input`), which
    the `read` stage hands on as the document's TEI. `tei build` does not hold the bytes of
    its sources (an edition of 100,000 is a gigabyte): it names the `file` and the `digest`
    of the bytes it planned with, and the worker reads them when the document's turn comes
    (`with_data`).
    """

    name: str
    path: str
    data: bytes
    sidecar: bytes = b""                          # the editors' metadata/NAME.toml, if any
    place: tuple[tuple[str, str], ...] = ()       # number, previous and next (tei.pipeline.order)
    tei_input: bool = False
    file: str = ""                                # where to read `data` from, when it is not held
    digest: str = ""                              # SHA-256 of the source bytes, when they are not held

    def with_data(self) -> SourceDocument:
        """This document with its bytes: read from its `file` if they are not held (OSError if unreadable)."""
        if not self.file:
            return self
        return replace(self, data=Path(self.file).read_bytes(), file="")

    def source_digest(self) -> str:
        """The SHA-256 of the source bytes, held or not."""
        return self.digest or hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class StageResult:
    """What a stage made: files (path relative to the build folder → bytes) and diagnostics.

    The encode stage also hands its TEI to the stages after it (`tei`) and a few
    facts for the shared stages (`meta`: title, date …), kept in the cache so an
    index can be rebuilt without reading every document again. A shared stage whose
    outputs are too many to hold in memory writes them itself and names them (`written`).
    """

    files: tuple[tuple[str, bytes], ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    tei: bytes | None = None
    meta: tuple[tuple[str, str], ...] = ()
    written: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


@dataclass(frozen=True)
class DocumentResult:
    """Everything the document stages made for one source, returned to the client.

    `files` are for the client to write; `written` names the outputs a worker on the
    client's machine has written into the build folder itself. `digests` holds the
    SHA-256 of every output, for the cache's journal.
    """

    name: str
    files: tuple[tuple[str, bytes], ...]
    diagnostics: tuple[Diagnostic, ...]
    meta: tuple[tuple[str, str], ...]
    seconds: tuple[tuple[str, float], ...]
    stages_run: tuple[str, ...]
    written: tuple[str, ...] = ()
    digests: tuple[tuple[str, str], ...] = ()
    cpu_seconds: tuple[tuple[str, float], ...] = ()   # each stage's CPU time on its worker thread

    @property
    def outputs(self) -> set[str]:
        return {name for name, _ in self.files} | set(self.written)

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


@dataclass(frozen=True)
class DocumentRecord:
    """A document as the shared stages see it: name, source path, outputs and cached facts."""

    name: str
    source: str
    outputs: tuple[str, ...]
    meta: tuple[tuple[str, str], ...]


def always_available() -> str | None:
    """The probe of a stage that needs nothing beyond the toolkit's own dependencies."""
    return None


@dataclass(frozen=True)
class Stage:
    """One step of the build, as a row of the stage table.

    `run` is pure: for a document stage `run(document, tei, settings)`, for a shared
    stage `run(records, settings, read)` where `read(name)` returns an earlier output and
    `read.path(name)` where it is (`tei.pipeline.outputs.OutputReader`);
    both return a `StageResult`. `probe()` says why the stage cannot run here (or None);
    `prepare(settings)` compiles schemas and stylesheets once per worker; a stage that takes
    milliseconds a document says how many documents make a process worth starting; a shared stage
    may run `beside` another.
    """

    name: str
    scope: str
    output: str | tuple[str, ...]    # the format it makes; a tuple: it serves each of them
    run: object
    probe: object = always_available
    prepare: object = None
    # The fewest documents worth a worker process of their own: starting one (a new
    # interpreter, its imports, compiled schemas and stylesheets) costs about a second.
    documents_per_process: int = 1
    # A shared stage whose work is mostly in processes of its own (Pagefind) may name an earlier shared
    # stage to run beside, on a thread, so that both cores work: neither reads what the other makes.
    beside: str = ""
    # A shared stage may do part of its work while the document stages run: `ahead(out, todo, settle)`
    # gives an object that orders the documents to build (`order`), hears of each one built (`accepted`)
    # and, before the stage runs, waits for its work (`finish`: None, or the stage's failed result) or
    # drops it (`cancel`). `settle()` waits for the files the build is still writing.
    ahead: object = None

    @property
    def formats(self) -> tuple[str, ...]:
        return self.output if isinstance(self.output, tuple) else (self.output,)
