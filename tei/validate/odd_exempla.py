"""The ODD's examples of the conventions, generated from the conventions table and the fixtures.

Each `exemplum` of `schemas/edition.odd` whose `egXML/@source` names a fixture is written from
it: the source notation is the fixture's source, the example its TEI without the `xml:id`s the
encoder numbers, and the prose, for a fixture named after a row of `tei/conventions.py`, the
row's `description` (the same words every TEI header's `tagsDecl` repeats). A fixture that shows
several rows at work (a span over paragraphs, a closer) keeps the prose the ODD gives it. A row
with a fixture and no example gets one, in the `elementSpec` of the element the row writes.
`tei schemas build` rewrites them; `--check` reports the ODD stale.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from tei.conventions import ALL, DEFAULT_PRESET, PRESETS, Convention
from tei.errors import TeiToolkitError

EXAMPLES_NS = "http://www.tei-c.org/ns/Examples"
SEPARATOR = "\n==== TEI ====\n"
_EXEMPLUM = re.compile(r'(?P<indent>[ ]*)<exemplum xml:lang="en">\n(?P<body>.*?)\n[ ]*</exemplum>\n', re.S)
_SOURCE = re.compile(r'<egXML xmlns="[^"]*" source="(?P<source>[^"]+)">')
_PROSE = re.compile(r"<p>(?P<prose>.*?)</p>", re.S)
_XML_ID = re.compile(r' xml:id="[^"]*"')
_ROWS = {row.name: row for row in ALL}


@dataclass(frozen=True)
class Fixture:
    """One fixture file: the transcription, and the TEI of its first division."""

    path: Path
    source: str
    tei: str

    @classmethod
    def read(cls, path: Path) -> Fixture:
        try:
            with path.open(encoding="utf-8", newline="") as file:
                source, tei = file.read().split(SEPARATOR)
        except (OSError, ValueError) as err:
            raise TeiToolkitError(f"{path}: not a fixture (source, {SEPARATOR.strip()!r}, TEI): {err}") from None
        return cls(path, source, tei.rstrip("\n"))

    @property
    def preset(self) -> str:
        """The preset it is encoded with: its folder's name under presets/, else the default."""
        return self.path.parent.name if self.path.parent.parent.name == "presets" else DEFAULT_PRESET

    @property
    def row(self) -> Convention | None:
        return _ROWS.get(self.path.stem)


def prose(row: Convention, preset: str) -> str:
    """A row's description as the ODD's sentence; another preset's rows say whose they are."""
    if preset != DEFAULT_PRESET:
        return escape(f"{PRESETS[preset].title} preset: {row.description}.")
    return escape(row.description[0].upper() + row.description[1:] + ".")


def exemplum(indent: str, sentence: str, fixture: Fixture, source_attribute: str) -> str:
    inner = indent + "  "
    return (f'{indent}<exemplum xml:lang="en">\n'
            f"{inner}<p>{sentence}</p>\n"
            f"{inner}<p>Source: <code>{escape(fixture.source)}</code></p>\n"
            f'{inner}<egXML xmlns="{EXAMPLES_NS}" source="{source_attribute}">{_XML_ID.sub("", fixture.tei)}</egXML>\n'
            f"{indent}</exemplum>\n")


def fixture_files(folder: Path) -> list[Path]:
    """The fixtures an ODD shows: one per convention, and one per convention of another preset."""
    return sorted(folder.glob("conventions/*.fixture")) + sorted(folder.glob("presets/*/*.fixture"))


def with_exempla(odd_text: str, odd: Path, fixtures: list[Path]) -> str:
    """The ODD's text with every exemplum written from its fixture, and one added for each row's
    fixture that has none."""
    shown: set[Path] = set()

    def rewrite(match: re.Match) -> str:
        source = _SOURCE.search(match.group("body"))
        if source is None:
            return match.group()
        fixture = Fixture.read((odd.parent / source.group("source")).resolve())
        shown.add(fixture.path)
        own = _PROSE.search(match.group("body")).group("prose")
        sentence = prose(fixture.row, fixture.preset) if fixture.row else own
        return exemplum(match.group("indent"), sentence, fixture, source.group("source"))

    text = _EXEMPLUM.sub(rewrite, odd_text)
    for path in sorted(p.resolve() for p in fixtures):
        fixture = Fixture.read(path)
        if path not in shown and fixture.row:
            text = _added(text, odd, fixture)
    return text


def _added(text: str, odd: Path, fixture: Fixture) -> str:
    """The ODD with a new exemplum for a row's fixture, after the last of its element's spec."""
    element = fixture.row.element
    spec = re.search(rf'\n(?P<indent>[ ]*)<elementSpec ident="{re.escape(element)}"[^>]*>'
                     r"(?:.*?)\n(?P=indent)</elementSpec>\n", text, re.S)
    if spec is None:
        raise TeiToolkitError(f"{odd}: no elementSpec for <{element}>, which {fixture.path.name} writes: add one")
    at = spec.end() - len(f"{spec.group('indent')}</elementSpec>\n")
    source_attribute = Path(os.path.relpath(fixture.path, odd.parent.resolve())).as_posix()
    new = exemplum(spec.group("indent") + "  ", prose(fixture.row, fixture.preset), fixture, source_attribute)
    return text[:at] + new + text[at:]
