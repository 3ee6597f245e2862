"""The archive's header block: date, title, Citation, Summary, Credits, Original Language, Contents.

Markdown styling varies between files (`**Citation:**`, `### Citation:`,
`## **Summary:**`); it is layout and is dropped. What cannot be found is left empty:
nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from tei.reader.model import Header, HeaderField

FIELD_LINE = re.compile(r"^\s*#{0,6}\s*(?:\*\*)?\s*(?P<label>[A-Z][A-Za-z ]{2,40}?)\s*:\s*(?:\*\*)?\s*$")
KNOWN_FIELDS = ("Citation", "Summary", "Credits", "Original Language", "Contents")
CONTENTS_ITEM = re.compile(r"^(?:Original Scan|[A-Z][A-Za-z]+(?: [A-Za-z]+)* - [A-Z][a-z]+)$")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE_AT_START = re.compile(r"^(?P<month>" + "|".join(MONTHS) + r") (?P<day>\d{1,2}), (?P<year>\d{4})\b")
# The characters RFC 3986 allows outside an IPv6 host: an address with anything else is text.
URL = re.compile(r"<?(?P<url>https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+)>?")
TRANSLATOR = re.compile(r"\b[Tt]ranslated (?:for \S+ )?by (?P<name>(?:[A-Z][\w'’-]*\.? ?)+)")
ARCHIVE_ID = re.compile(r"\b(?P<kind>[Ff]ond|[Oo]pis|[Dd]elo|[Ll]isty?)\s+(?P<value>[\w-]+)")
REPOSITORY = re.compile(r"Wilson Center Digital Archive,\s*(?P<repo>[^,]+?),\s*(?:[Ff]ond|[Oo]pis)\b")
STYLING = re.compile(r"^\s*#{1,6}\s*|\*\*")


@dataclass(frozen=True)
class HeaderSpan:
    header: Header
    end: int  # offset where the body begins


HEADER_BLOCKS = 60   # a header is never longer; the body is not scanned here
LABELLED_BLOCKS = 40   # its field labels stand in the first blocks
BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


def _blocks(text: str) -> list[tuple[int, int, str]]:
    """The first blank-line separated blocks of `text` as (start, end, text)."""
    found = []
    for match in BLOCK.finditer(text):
        found.append((match.start(), match.end(), match.group()))
        if len(found) == HEADER_BLOCKS:
            break
    return found


def unstyled(text: str) -> str:
    """A header line without Markdown emphasis, heading marks or hard line breaks."""
    lines = [STYLING.sub("", line).strip() for line in text.splitlines()]
    return " ".join(line for line in lines if line)


def find_header(text: str) -> HeaderSpan:
    """Locate and parse the header; a text without a Citation or Summary field has none."""
    blocks = _blocks(text)
    # A label has a colon: the blocks without one (most of a body's) are not copied and matched.
    labels = [(i, FIELD_LINE.match(b[2].strip())) for i, b in enumerate(blocks[:LABELLED_BLOCKS]) if ":" in b[2]]
    fields = [(i, m.group("label")) for i, m in labels if m]
    if not any(label in ("Citation", "Summary") for _, label in fields):
        return HeaderSpan(Header(), 0)
    header = Header(present=True)
    _read_title_lines(header, [b[2] for b in blocks[: fields[0][0]]])
    last_block = fields[0][0]
    for number, (index, label) in enumerate(fields):
        following = fields[number + 1][0] if number + 1 < len(fields) else len(blocks)
        values = [b[2] for b in blocks[index + 1 : following]]
        taken = _read_field(header, label, values, is_last=following == len(blocks))
        last_block = index + taken
    return HeaderSpan(header, blocks[last_block][1] if last_block < len(blocks) else len(text))


def date_and_title(text: str) -> tuple[str, str]:
    """The header's ISO date and title as `find_header` reads them ("" when it has none), without
    reading its fields: a build places every source in the edition by these before encoding any.
    The blocks are read up to the first Citation or Summary label, which is usually the first label."""
    title_blocks: list[str] = []
    labelled = False
    for number, match in enumerate(BLOCK.finditer(text)):
        if number == LABELLED_BLOCKS:
            break
        label = FIELD_LINE.match(match.group().strip())
        if label and label.group("label") in ("Citation", "Summary"):
            header = Header(present=True)
            _read_title_lines(header, title_blocks)
            return header.date_iso, header.title
        labelled = labelled or label is not None
        if not labelled:
            title_blocks.append(match.group())
    return "", ""


def _read_title_lines(header: Header, blocks: list[str]) -> None:
    lines = [unstyled(block) for block in blocks]
    joined = " ".join(line for line in lines if line)
    match = DATE_AT_START.match(joined)
    if match:
        header.date_text = match.group()
        header.date_iso = iso_date(match.group("year"), match.group("month"), match.group("day"))
        joined = joined[match.end() :].strip()
    header.title = joined


def iso_date(year: str, month: str, day: str) -> str:
    return f"{int(year):04d}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def _read_field(header: Header, label: str, values: list[str], is_last: bool) -> int:
    """Store one field; return how many value blocks belong to the header."""
    if label == "Contents":
        items = []
        for block in values:
            lines = [unstyled(line) for line in block.splitlines() if line.strip()]
            if not all(CONTENTS_ITEM.match(line) for line in lines):
                break
            items.append(lines)
        header.contents = [line for lines in items for line in lines]
        return len(items)
    taken = values[:1] if is_last else values
    # A block of styling alone (a stray "**") says nothing: the header's verbatim copy keeps it.
    paragraphs = [paragraph for paragraph in map(unstyled, taken) if paragraph]
    _store_field(header, label, paragraphs)
    return len(taken)


def _store_field(header: Header, label: str, paragraphs: list[str]) -> None:
    if label == "Citation":
        _read_citation(header, paragraphs)
    elif label == "Summary":
        header.summary = paragraphs
    elif label == "Credits":
        header.credits = paragraphs
    elif label == "Original Language":
        header.original_language = " ".join(paragraphs)
    else:
        header.other_fields.append(HeaderField(label, paragraphs))


def _read_citation(header: Header, paragraphs: list[str]) -> None:
    header.citation = [URL.sub(lambda m: m.group("url"), p) for p in paragraphs]
    joined = " ".join(header.citation)
    url = next(web_addresses(joined), None)
    header.url = url.group("url") if url else ""
    translator = TRANSLATOR.search(joined)
    if translator:
        header.translator = _clean_name(translator.group("name"))
    repository = REPOSITORY.search(joined)
    header.repository = repository.group("repo").strip() if repository else ""
    header.archive_ids = [(m.group("kind").lower(), m.group("value")) for m in ARCHIVE_ID.finditer(joined)]


def web_addresses(text: str) -> Iterator[re.Match]:
    """The web addresses in a text that are URIs: a host, and a port only if it is a number."""
    return (match for match in URL.finditer(text) if _is_uri(match.group("url")))


@lru_cache(maxsize=1024)
def _is_uri(url: str) -> bool:
    """Whether an address is a URI (cached: the reader, the recogniser and the writer each ask of the
    same citation's address, and urlsplit is slow)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises ValueError
    except ValueError:
        return False
    # RFC 3986: one fragment, whole percent escapes
    well_formed = url.count("#") <= 1 and not re.search("%(?![0-9A-Fa-f]{2})", url)
    return well_formed and bool(parts.hostname) and not parts.netloc.endswith(":")


def _clean_name(name: str) -> str:
    """Drop the sentence's full stop, but keep the stop of a final initial (`James F.`)."""
    name = name.strip()
    last = name.split()[-1]
    if name.endswith(".") and len(last) > 2:
        name = name[:-1]
    return name
