"""The fixture format: the source, a separator line, the expected TEI of the div.

Files are read without newline translation, so a fixture can hold carriage returns.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei import encode
from tei.conventions import DEFAULT_PRESET

SEPARATOR = "\n==== TEI ====\n"
TEI_NS = "http://www.tei-c.org/ns/1.0"
FIXTURES = Path(__file__).parent / "fixtures"
# One file per convention, one per input the fuzzer once found a fault with, and one per
# convention of another preset (presets/NAME/*.fixture, encoded with that preset).
ALL_FIXTURES = sorted((FIXTURES / "conventions").glob("*.fixture")) + sorted(
    (FIXTURES / "reproducers").glob("*.fixture")) + sorted((FIXTURES / "presets").glob("*/*.fixture"))


def preset_of(path: Path) -> str:
    """The preset a fixture is encoded with: its folder's name under presets/, else the default."""
    return path.parent.name if path.parent.parent.name == "presets" else DEFAULT_PRESET


def read_fixture(path: Path) -> tuple[str, str]:
    with path.open(encoding="utf-8", newline="") as file:
        source, expected = file.read().split(SEPARATOR)
    return source + "\n", expected.rstrip("\n")  # the line end before the separator ends the source


def body_fragment(source: str, preset: str = DEFAULT_PRESET) -> str:
    """The children of the encoded document's first div, serialised without namespaces.

    Encoded without name and date recognition: a fixture shows one convention (tests/test_entities.py
    covers recognition)."""
    div = encode(source, "fixture.txt", preset=preset, names=False).getroot().find(f".//{{{TEI_NS}}}div")
    parts = [etree.tostring(child, encoding="unicode", with_tail=False) for child in div]
    return "\n".join(parts).replace(f' xmlns="{TEI_NS}"', "")
