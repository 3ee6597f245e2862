"""The reviewed lists of each seed's names and dates (tests/data/entities/STEM.toml), in its text and
in its header, and what the encoder finds, in the same shape: (ref, text as written) and (when, text)
with their counts."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

from lxml import etree

from tei.conventions import TEI_NS

T = f"{{{TEI_NS}}}"
LISTS = Path(__file__).resolve().parent / "data" / "entities"


def written(element: etree._Element) -> str:
    """The text as the source writes it: an OCR misreading as read (not its correction), a line break
    as a space, white space collapsed."""

    def source(node: etree._Element) -> str:
        if node.tag == T + "corr":
            return ""
        parts = [" " if node.tag == T + "lb" else node.text or ""]
        for child in node:
            parts += [source(child), child.tail or ""]
        return "".join(parts)

    return " ".join(source(element).split())


def found(tei: bytes) -> tuple[Counter, Counter]:
    """The names and the dates of a document's texts (not its header)."""
    root = etree.fromstring(tei)
    names, dates = Counter(), Counter()
    for text in root.iter(T + "text"):
        if text.find(T + "group") is not None:
            continue
        for element in text.iter(T + "persName", T + "orgName", T + "placeName"):
            names[(element.get("ref"), written(element))] += 1
        for element in text.iter(T + "date"):
            dates[(element.get("when"), written(element))] += 1
    return names, dates


def found_in_header(tei: bytes) -> tuple[Counter, Counter]:
    """The names (with a @ref: an entry's, or the translator's "#translator") and the dates of a
    document's header; the respStmt's own names (xml:id="translator", "editor") are no mentions."""
    header = etree.fromstring(tei).find(T + "teiHeader")
    names, dates = Counter(), Counter()
    for element in header.iter(T + "persName", T + "orgName", T + "placeName"):
        if element.get("ref"):
            names[(element.get("ref"), written(element))] += 1
    for element in header.iter(T + "date"):
        dates[(element.get("when"), written(element))] += 1
    return names, dates


def found_in_editors_metadata(tei: bytes) -> tuple[Counter, Counter]:
    """The names and dates of what the editors' metadata file adds to the header (resp="#editor":
    title, summary, notes, archive, sender, recipient, place and date)."""
    header = etree.fromstring(tei).find(T + "teiHeader")
    names, dates = Counter(), Counter()
    for element in header.iter(T + "persName", T + "orgName", T + "placeName", T + "date"):
        if not any(e.get("resp") == "#editor" for e in (element, *element.iterancestors())):
            continue
        if element.tag == T + "date":
            dates[(element.get("when"), written(element))] += 1
        elif element.get("ref"):
            names[(element.get("ref"), written(element))] += 1
    return names, dates


def expected(stem: str, part: str = "") -> tuple[Counter, Counter]:
    """The reviewed names and dates of a seed's text, of its header (`part="header"`) or of what its
    editors' metadata adds (`part="editors"`)."""
    data = tomllib.loads((LISTS / f"{stem}.toml").read_text(encoding="utf-8"))
    prefix = f"{part}_" if part else ""
    names = Counter({(item["ref"], item["text"]): item["count"] for item in data.get(f"{prefix}name", [])})
    dates = Counter({(item["when"], item["text"]): item["count"] for item in data.get(f"{prefix}date", [])})
    return names, dates


def recall_precision(want: Counter, got: Counter) -> tuple[float, float]:
    """Nothing to find and nothing found is full recall and precision."""
    hits, wanted, got_count = sum((want & got).values()), sum(want.values()), sum(got.values())
    return hits / wanted if wanted else 1.0, hits / got_count if got_count else 1.0
