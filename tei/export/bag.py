"""The `bagit` export: the edition as a BagIt bag (RFC 8493) for a repository's ingest.

The payload is what the build made: the TEI, the web edition, the PDFs, the other exports, the
edition's schemas (the ODD and what it compiles to) and a README saying what the bag holds. The
`bagit` library (PyPI) writes the manifests and tag files in a scratch folder and validates the
bag there; the files then go into the build folder like every other output, atomically.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tei.licences import licence
from tei.names import EditionExports
from tei.resources import data_dir

CHECKSUMS = ("sha256", "sha512")
PAYLOAD_FOLDERS = ("tei/", "web/", "pdf/", "export/")


class BagError(ValueError):
    """The bag the library wrote does not validate."""


def payload_names(names) -> list[str]:
    """The build's outputs that go into the bag: everything published, never the bag itself nor
    the search index (made again from the pages, and numbered in the order Pagefind read them)."""
    from tei.render.search import BUNDLE

    left_out = (EditionExports.BAG + "/", f"web/{BUNDLE}/")
    return sorted(name for name in names if name.startswith(PAYLOAD_FOLDERS) and not name.startswith(left_out))


def schema_files() -> dict[str, bytes]:
    """The edition's schemas as the toolkit ships them (schemas/ in the bag)."""
    folder = data_dir("schemas")
    return {f"schemas/{path.name}": path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def readme(edition, payload: list[str]) -> str:
    """What the bag holds, for whoever opens it first: from edition.toml and the payload itself."""
    known = licence(edition.licence)
    counts = {folder: sum(name.startswith(folder) for name in payload) for folder in PAYLOAD_FOLDERS}
    about = [f"Version {edition.version}." if edition.version else "",
             f"Edited by {', '.join(edition.editors)}." if edition.editors else "",
             f"Published at {edition.base_url}" if edition.base_url else "",
             f"Licence: {known.name} ({known.url})." if known else f"Licence: {edition.licence}."]
    contents = [
        f"- tei/: the TEI P5 file of every document ({counts['tei/']} files);",
        f"- web/: the static web edition with its DTS API and CMIF file; open web/index.html "
        f"({counts['web/']} files);",
        f"- pdf/: the print edition, one PDF per document and the volumes ({counts['pdf/']} files);",
        f"- export/: plain texts, metadata table, teiCorpus, deposit records ({counts['export/']} files);",
        "- schemas/: the edition's TEI customisation (edition.odd) and the schemas made from it.",
    ]
    return "\n".join([f"# {edition.title}", "", *[line for line in about if line], "",
                      "This BagIt bag (RFC 8493) holds, under data/:", "", *contents, "",
                      "Made by tei-edition (`tei export bagit`).", ""])


def _scratch_parent() -> str | None:
    """Where the bag is made before it is copied into the build: in memory (/dev/shm) where the
    system offers it, since creating and removing thousands of small files on a disk costs far
    more than the bag itself (3 ms a file on the build machine, against 0.05 ms in memory)."""
    memory = Path("/dev/shm")
    return str(memory) if memory.is_dir() and os.access(memory, os.W_OK) else None


def bag_files(payload: dict[str, bytes], info: dict[str, str]) -> list[tuple[str, bytes]]:
    """The bag's files (under export/bag/), written and validated by the `bagit` library."""
    import bagit

    with tempfile.TemporaryDirectory(prefix="tei-bag-", dir=_scratch_parent()) as scratch:
        root = Path(scratch)
        for name, data in payload.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        bag = bagit.make_bag(scratch, bag_info=info, checksums=list(CHECKSUMS))
        try:
            bag.validate()
        except bagit.BagValidationError as err:
            raise BagError(f"the bag does not validate: {err}") from None
        return [(f"{EditionExports.BAG}/{path.relative_to(root).as_posix()}", path.read_bytes())
                for path in sorted(root.rglob("*")) if path.is_file()]


def edition_bag(edition, build_date: str, read):
    """The bag's files from what the build published (`read.names()`, `read(name)`), or the reason it failed."""
    from tei.errors import Position
    from tei.pipeline.model import Diagnostic

    names = payload_names(read.names())
    payload = {name: read(name) for name in names} | schema_files()
    payload["README.md"] = readme(edition, names).encode("utf-8")
    try:
        return bag_files(payload, bag_info(edition, build_date)), []
    except BagError as err:
        return [], [Diagnostic("error", "export-bagit", str(err), Position(EditionExports.BAG, 1, 1), layer="export")]


def bag_info(edition, build_date: str) -> dict[str, str]:
    """bag-info.txt's fields, from edition.toml; the date is the edition's, never the clock's."""
    info = {
        "Bagging-Date": edition.published or build_date or "1970-01-01",
        "External-Description": edition.title + (f", version {edition.version}" if edition.version else ""),
        "Source-Organization": edition.publisher or ", ".join(edition.editors),
        "External-Identifier": f"doi:{edition.doi}" if edition.doi else edition.base_url,
    }
    return {key: value for key, value in info.items() if value}
