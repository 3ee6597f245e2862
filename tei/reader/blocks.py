"""Body structure: blocks, the original/translation split, opener, paragraphs, lists, closer.

Block rules are tables of regular expressions tried on a block's plain text
(its words without editorial delimiters); the first rule that matches names the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from tei.conventions import HEADING_MARKS, LIST_DASH
from tei.reader.tokens import KIND_OF, TEXT_OF, Kind, Token, plain_text, tokenize

# What a blank line may hold: U+0020, tabs and no-break spaces (str.strip takes them off in C, where a
# regular expression's fullmatch of each line took eight times as long).
BLANK = " \t\u00a0\u2007\u202f"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)

SHEET = re.compile(r"^(?:лист|листы|л\.)\s*\d+[а-я]?$", re.IGNORECASE)
HEADING_MARK = re.compile("^(?P<mark>" + "|".join(re.escape(mark.mark) for mark in HEADING_MARKS) + ")")
HEADING_REND = {mark.mark: mark.rend for mark in HEADING_MARKS}
LIST_ITEM = re.compile(rf"^(?P<marker>(?:{re.escape(LIST_DASH.mark)})?(?:\d{{1,3}}|[IVX]{{1,5}})\.) ")

TOP_RULES = (
    (
        "classification",
        re.compile(
            r"^(?:top secret|secret|strictly secret|confidential|"
            r"совершенно секретно|секретно)[.!]?$",
            re.IGNORECASE,
        ),
    ),
    ("addressee", re.compile(r"^(?:to|кому)\b", re.IGNORECASE)),
    ("dateline", re.compile(r"^\d{1,2}\.\s?[IVXУШ]{1,5}\.\s?\d{2,4}(?:\s?г\.)?$")),
)

CLOSER_LINE_RULES = (
    ("signature", re.compile(r"^authenticated\b", re.IGNORECASE)),
    ("cipher", re.compile(r"(?:\bspets\s?N\s?\d|^No\.\s?\d|\bN\s?\d{3,}-\d+)", re.IGNORECASE)),
    ("dateline", re.compile(r"^\"?\d{1,2}\"?\s+" + MONTH + r"\s+\d{4}(?:\s?г\.)?$")),
    ("signature", re.compile(r"^\(?(?:[A-ZА-Я]\.\s?){1,2}\s?[A-ZА-Я][A-Za-zА-Яа-яё-]+\)?$")),
)
CLOSER_BLOCK_RULES = (("receipt", re.compile(r"\bfirst copy was\b.*\breceived\b", re.IGNORECASE | re.DOTALL)),)
STRONG_CLOSER = {"cipher"}
STRONG_SIGNATURE = re.compile(r"^authenticated\b", re.IGNORECASE)

CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]+")
LATIN_LETTER = re.compile("[A-Za-z]+")
LATIN_WORD = re.compile("[a-z]+")
ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "that",
        "is",
        "was",
        "with",
        "for",
        "on",
        "by",
        "we",
        "he",
        "it",
        "as",
        "at",
        "this",
        "be",
        "not",
        "have",
        "from",
        "which",
        "were",
        "are",
        "they",
        "his",
        "said",
    ]
)


@dataclass
class RawBlock:
    """A blank-line separated block of the body, with its tokens and line spans."""

    start: int
    end: int
    tokens: list[Token]
    lines: list[tuple[int, int]]
    joined: bool = False  # continues the previous block after a single line break

    @cached_property
    def plain(self) -> str:
        return plain_text(self.tokens)

    # The closer rules ask about the same last blocks several times (stray lines, the
    # closer's extent, its units); each block answers once.
    @cached_property
    def line_kinds(self) -> list[str | None]:
        """The closer kind of each line, None where a line is no closer line."""
        return [_closer_line_kind(plain_text(tokenize_range(self, s, e))) for s, e in self.lines]

    @cached_property
    def closer_kinds(self) -> list[str] | None:
        return _closer_kind_of_block(self)


@dataclass
class Unit:
    """A block-level unit before inline parsing: a kind and the source range it covers."""

    kind: str
    region: str
    start: int
    end: int
    joined: bool = False
    rend: str = ""
    marker: str = ""
    line_start: int = -1  # where its first line starts, before any heading mark or list marker

    def __post_init__(self) -> None:
        if self.line_start < 0:
            self.line_start = self.start


def split_blocks(text: str, start: int) -> list[RawBlock]:
    """Blank lines (white space only, NBSP included) separate blocks."""
    blocks: list[RawBlock] = []
    lines: list[tuple[int, int]] = []
    offset = start
    for line in text[start:].split("\n"):
        end = offset + len(line)
        if not line.strip(BLANK):
            _close_block(text, blocks, lines)
            lines = []
        else:
            lines.append((offset, end))
        offset = end + 1
    _close_block(text, blocks, lines)
    return blocks


def _close_block(text: str, blocks: list[RawBlock], lines: list[tuple[int, int]]) -> None:
    if lines:
        start, end = lines[0][0], lines[-1][1]
        blocks.append(RawBlock(start, end, tokenize(text, start, end), lines))


# --- original and translation ---------------------------------------------------------------


def script_of(block: RawBlock) -> str:
    """ "cyrillic", "english" or "neutral" (noise, numbers, Latin that reads as no language)."""
    text = block.plain
    if _has_cyrillic(text):
        # Counting letters is the costly part; only a block with both scripts needs it.
        if not LATIN_LETTER.search(text) or _letter_count(CYRILLIC_LETTER, text) > _letter_count(LATIN_LETTER, text):
            return "cyrillic"
    elif not LATIN_LETTER.search(text):
        return "neutral"
    if Kind.LABEL_OPEN in map(KIND_OF, block.tokens):
        return "english"
    words = LATIN_WORD.findall(text.lower())
    english = sum(map(ENGLISH_WORDS.__contains__, words))  # map: no Python frame per word
    return "english" if len(words) >= 3 and english / len(words) >= 0.12 else "neutral"


def _has_cyrillic(text: str) -> bool:
    """Whether a text has a Cyrillic letter: never an ASCII one, which Python knows without reading it
    (most blocks of an English text), so only the others are searched."""
    return not text.isascii() and CYRILLIC_LETTER.search(text) is not None


def _letter_count(letters: re.Pattern, text: str) -> int:
    return sum(map(len, letters.findall(text)))


def split_languages(blocks: list[RawBlock]) -> int:
    """Index of the first translation block when the body holds a Cyrillic original first, else 0.

    The split minimises Cyrillic blocks on the English side and English blocks on the
    Russian side; blocks that read as neither (OCR noise) stay with the original.
    """
    if not any(_has_cyrillic(b.plain) for b in blocks):
        return 0
    scripts = [script_of(b) for b in blocks]
    if "cyrillic" not in scripts or "english" not in scripts:
        return 0
    best, best_cost = 0, len(blocks) + 1
    for split in range(len(blocks) + 1):
        cost = scripts[:split].count("english") + scripts[split:].count("cyrillic")
        if cost <= best_cost:
            best, best_cost = split, cost
    return best


# --- units -----------------------------------------------------------------------------------


def classify_part(blocks: list[RawBlock]) -> list[Unit]:
    """Turn one text part's blocks into units, region by region."""
    blocks = _split_stray_lines(blocks)
    closer_start, trailing_start = _find_closer(blocks)
    opener_end = _find_opener(blocks[:closer_start])
    units: list[Unit] = []
    for index, block in enumerate(blocks):
        if index < opener_end:
            units.append(_top_unit(block, index))
        elif index < closer_start:
            units.extend(_body_units(block))
        elif index < trailing_start:
            units.extend(_closer_units(block))
        else:
            units.append(_trailing_unit(block))
    return units


def _top_kind(block: RawBlock, index: int) -> str | None:
    text = HEADING_MARK.sub("", block.plain)
    if "\n" in text or len(text.split()) > 30:
        return None
    for name, pattern in TOP_RULES:
        if pattern.search(text) and len(text.split()) <= 12:
            return name
    words = len(text.split())
    if index == 0 and 0 < words <= 30 and not re.search(r"[.!?:;]$", text):
        return "heading"
    if HEADING_MARK.match(_raw_text(block)):
        return "heading"
    return None


def _raw_text(block: RawBlock) -> str:
    return "".join(map(TEXT_OF, block.tokens))


def _find_opener(blocks: list[RawBlock]) -> int:
    count = 0
    while count < len(blocks) and _top_kind(blocks[count], count):
        count += 1
    return count


def _top_unit(block: RawBlock, index: int) -> Unit:
    kind = _top_kind(block, index) or "paragraph"
    heading = HEADING_MARK.match(_raw_text(block))
    rend = HEADING_REND[heading.group("mark")] if heading else ""
    start = block.start + (heading.end() if heading else 0)
    return Unit(kind, "opener", start, block.end, rend=rend, line_start=block.start)


def _body_units(block: RawBlock) -> list[Unit]:
    raw = _raw_text(block)
    if SHEET.match(block.plain):
        return [Unit("sheet", "body", block.start, block.end)]
    heading = HEADING_MARK.match(raw)
    if heading:
        rend = HEADING_REND[heading.group("mark")]
        return [Unit("heading", "body", block.start + heading.end(), block.end, rend=rend, line_start=block.start)]
    items = [LIST_ITEM.match(raw[s - block.start : e - block.start]) for s, e in block.lines]
    if all(items):
        return [
            Unit("item", "body", s + m.end(), e, joined=i > 0, marker=m.group("marker"), line_start=s)
            for i, ((s, e), m) in enumerate(zip(block.lines, items))
        ]
    return [Unit("paragraph", "body", block.start, block.end)]


def _closer_kind_of_block(block: RawBlock) -> list[str] | None:
    """Kinds of the closer units a block holds (one per line, or one for the block), or None."""
    for name, pattern in CLOSER_BLOCK_RULES:
        if pattern.search(block.plain):
            return [name]
    kinds = block.line_kinds
    if all(kinds):
        return kinds
    if len(kinds) > 1 and kinds[-1] == "signature" and not any(kinds[:-1]):
        return ["signature-block"]
    return None


def _closer_line_kind(line: str) -> str | None:
    for name, pattern in CLOSER_LINE_RULES:
        if pattern.search(line):
            return name
    return None


def _find_closer(blocks: list[RawBlock]) -> tuple[int, int]:
    """(first closer block, first trailing block); both len(blocks) when there is no closer."""
    for skipped in range(0, 4):
        end = len(blocks) - skipped
        start = end
        while start > 0 and blocks[start - 1].closer_kinds:
            start -= 1
        if start == end:
            continue
        found = [k for block in blocks[start:end] for k in block.closer_kinds]
        strong = any(k in STRONG_CLOSER for k in found) or any(
            STRONG_SIGNATURE.search(b.plain) for b in blocks[start:end]
        )
        if skipped == 0 or strong:
            return start, end
    return len(blocks), len(blocks)


def _split_stray_lines(blocks: list[RawBlock]) -> list[RawBlock]:
    """Split a last block whose first lines end the closer and whose last lines do not belong.

    Text pasted after a cipher number without a blank line (seed 001) is still a stray
    fragment, not part of the closer line.
    """
    if not blocks or blocks[-1].closer_kinds:
        return blocks
    last = blocks[-1]
    kinds = last.line_kinds
    closer_lines = next((i for i, kind in enumerate(kinds) if not kind), len(kinds))
    if closer_lines == 0 or not any(k in STRONG_CLOSER for k in kinds[:closer_lines]):
        return blocks
    head, tail = last.lines[:closer_lines], last.lines[closer_lines:]
    return blocks[:-1] + [
        RawBlock(head[0][0], head[-1][1], tokenize_range(last, head[0][0], head[-1][1]), head),
        RawBlock(tail[0][0], tail[-1][1], tokenize_range(last, tail[0][0], tail[-1][1]), tail, True),
    ]


def _closer_units(block: RawBlock) -> list[Unit]:
    kinds = block.closer_kinds or ["paragraph"]
    if len(kinds) == 1:
        kind = "signature" if kinds[0] == "signature-block" else kinds[0]
        return [Unit(kind, "closer", block.start, block.end)]
    return [Unit(kind, "closer", s, e, joined=i > 0) for i, (kind, (s, e)) in enumerate(zip(kinds, block.lines))]


def tokenize_range(block: RawBlock, start: int, end: int) -> list[Token]:
    return [t for t in block.tokens if start <= t.start and t.end <= end]


def _trailing_unit(block: RawBlock) -> Unit:
    tokens = block.tokens
    is_note = (
        tokens
        and tokens[0].kind is Kind.LABEL_OPEN
        and "note" in tokens[0].label.lower()
        and tokens[-1].kind is Kind.CLOSE
    )
    kind = "trailing-note" if is_note else "stray-fragment"
    return Unit(kind, "trailing" if is_note else "back", block.start, block.end, joined=block.joined)


def body_tokens(text: str, units: list[Unit]) -> list[list[Token]]:
    """The tokens of each unit (a unit's range never splits a token)."""
    return [tokenize(text, unit.start, unit.end) for unit in units]
