"""The convention fixture format: the source, a separator line, the expected TEI of the div."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei import encode

SEPARATOR = "\n==== TEI ====\n"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def read_fixture(path: Path) -> tuple[str, str]:
    source, expected = path.read_text(encoding="utf-8").split(SEPARATOR)
    return source, expected.rstrip("\n")


def body_fragment(source: str) -> str:
    """The children of the encoded document's first div, serialised without namespaces."""
    div = encode(source, "fixture.txt").getroot().find(f".//{{{TEI_NS}}}div")
    parts = [etree.tostring(child, encoding="unicode", with_tail=False) for child in div]
    return "\n".join(parts).replace(f' xmlns="{TEI_NS}"', "")
