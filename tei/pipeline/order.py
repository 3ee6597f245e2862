"""Each document's place in the edition, settled on the client before any document is built.

The sources and the editors' sidecars say each document's date and title; `tei.numbering`
turns them into the edition order and the frozen numbers. A document's place (its number and
its previous and next documents) travels with it to the worker and is part of its cache key,
so a newcomer re-renders only the two documents whose previous/next links it changes. The
links name the neighbour by its number, not its title, so that editing one document's title
re-renders that document alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path, PurePosixPath

from tei.numbering import OrderFacts, assign_numbers, edition_order, read_state, state_text
from tei.pipeline.cache import write_if_changed
from tei.pipeline.config import ConfigError, EditionConfig
from tei.pipeline.model import SourceDocument

# The date and title of each source's header, by the SHA-256 of its bytes: a rebuild of a large
# edition meets the same sources again and again.
_FACTS: dict[str, tuple[str, str]] = {}


def planned_source(name: str, shown: str, file: Path) -> SourceDocument:
    """A source as `tei build` plans it: read once here for the digest of its bytes (its cache key)
    and its header's date and title (its place in the edition), then let go; the worker building
    it reads it again (`SourceDocument.with_data`), so the client never holds the edition's sources."""
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _FACTS:
        _FACTS[digest] = _source_facts(data)
    return SourceDocument(name, shown, b"", file=str(file), digest=digest)


def read_sidecars(config: EditionConfig, sources: list[SourceDocument]) -> list[SourceDocument]:
    """The sources with their editors' metadata (`metadata/STEM.toml`, STEM the source file's
    name without its extension), where there is one."""
    folder = inside_edition(config, config.metadata, "sources.metadata")
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder}: error: sources.metadata names a file; give the folder of the editors' "
                          "metadata (one STEM.toml a source), or leave it out")
    if not folder.is_dir():
        return sources
    return [replace(doc, sidecar=path.read_bytes())
            if (path := folder / f"{PurePosixPath(doc.path).stem}.toml").is_file() else doc
            for doc in sources]


def inside_edition(config: EditionConfig, relative: str, key: str) -> Path:
    """A path the edition names, refused when it leads out of the edition's folder."""
    path = config.source_root / relative
    root = config.source_root.resolve()
    if not path.resolve().is_relative_to(root):
        raise ConfigError(f"{key} = {relative!r} leads outside the edition's folder {root}")
    return path


def order_facts(doc: SourceDocument) -> OrderFacts:
    """The date and title that place a document: the editors' when they give them, else the source's."""
    from tei.sidecar import read_sidecar

    digest = doc.source_digest()
    if digest not in _FACTS:
        _FACTS[digest] = _source_facts(doc.with_data().data)
    date, title = _FACTS[digest]
    if doc.sidecar:
        try:
            sidecar = read_sidecar(doc.sidecar, doc.path)
        except Exception:  # noqa: BLE001 - the encode stage reports a bad sidecar, positioned
            sidecar = None
        if sidecar is not None:
            date, title = sidecar.date or date, sidecar.title or title
    return OrderFacts(doc.name, date, title)


def _source_facts(data: bytes) -> tuple[str, str]:
    from tei.reader.header import date_and_title

    return date_and_title(data.decode("utf-8", errors="replace"))


def place_documents(config: EditionConfig, sources: list[SourceDocument]) -> list[SourceDocument]:
    """The sources in edition order, each with its place; new numbers are saved in the state file."""
    facts = {doc.name: order_facts(doc) for doc in sources}
    order = edition_order(facts.values())
    state = inside_edition(config, config.numbers, "sources.numbers")
    frozen = read_state(state)
    numbers = assign_numbers(order, frozen)
    if numbers != frozen:
        write_if_changed(state, state_text(numbers).encode("utf-8"))
    by_name = {doc.name: doc for doc in sources}
    return [replace(by_name[name], place=place) for name, place in places(order, numbers).items()]


def places(order: list[str], numbers: dict[str, str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each document's place, in the edition `order`: its number, and its previous and next documents
    with theirs."""
    placed = {}
    for index, name in enumerate(order):
        neighbours = (("previous", order[index - 1] if index else ""),
                      ("next", order[index + 1] if index + 1 < len(order) else ""))
        place = [("number", numbers[name])]
        for role, other in neighbours:
            if other:
                place += [(role, other), (f"{role}-number", numbers[other])]
        placed[name] = tuple(place)
    return placed
