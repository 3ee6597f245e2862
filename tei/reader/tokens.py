"""Inline tokens: every character of the body belongs to exactly one token, delimiters included."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from tei.conventions import ALL, LABEL_SYNTAX, Convention, Shape


class Kind(StrEnum):
    LABEL_OPEN = "label_open"      # "[handwritten: ", or "[Handwritten notations:" ending a line
    SIGN = "sign"                  # a sign standing alone: "[SIC]", "[illegible signature]"
    DOUBLE_OPEN = "double_open"    # "[["
    OPEN = "open"                  # "["
    CLOSE = "close"                # "]"
    TOGGLE = "toggle"              # a delimiter that opens and closes: "~~", "*"
    PAIR_OPEN = "pair_open"        # a delimiter with a partner of its own: "<del>" …
    PAIR_CLOSE = "pair_close"      # … "</del>"
    FILLER = "filler"              # a run of layout fillers: "□□□", "\t\t", "\_\_"
    NEWLINE = "newline"
    TEXT = "text"


class Token(NamedTuple):
    """One token; a named tuple because a document makes thousands and tuples are cheap to make.

    `label` is a label's text for LABEL_OPEN, and the convention's name for the signs, delimiters,
    fillers and line breaks the table defines (SIGN, TOGGLE, PAIR_OPEN, PAIR_CLOSE, FILLER, NEWLINE).
    """

    kind: Kind
    text: str
    start: int
    end: int
    label: str = ""


Alternative = tuple[str, str, Kind, str]  # (regular expression, the sign's first character, kind, row name)


def _alternatives(rows: tuple[Convention, ...] = ALL) -> list[Alternative]:
    """Every sign of the conventions table, in the order they are tried: labels and the signs
    that stand alone before brackets, longer delimiters before shorter ones."""
    def literal(sign: str, kind: Kind, name: str = "") -> Alternative:
        return re.escape(sign), sign[0], kind, name

    found = [(LABEL_SYNTAX, "[", Kind.LABEL_OPEN, "")]
    found += [(row.sign, row.starts_with, Kind.SIGN, row.name) for row in rows
              if row.shape in (Shape.SIGN, Shape.AFTER_WORD)]
    bracket = next(row for row in rows if row.shape is Shape.BRACKET)
    found += [literal(bracket.open * 2, Kind.DOUBLE_OPEN), literal(bracket.open, Kind.OPEN),
              literal(bracket.close, Kind.CLOSE)]
    for row in sorted((r for r in rows if r.shape is Shape.DELIMITED), key=lambda r: -len(r.open)):
        if row.open == row.close:
            found.append(literal(row.open, Kind.TOGGLE, row.name))
        else:
            found += [literal(row.open, Kind.PAIR_OPEN, row.name), literal(row.close, Kind.PAIR_CLOSE, row.name)]
    found += [(f"(?:{re.escape(row.open)})+", row.open[0], Kind.FILLER, row.name) for row in rows
              if row.shape is Shape.FILLER]
    return found + [(row.sign, row.starts_with, Kind.NEWLINE, row.name) for row in rows if row.shape is Shape.BREAK]


def _compile() -> tuple[re.Pattern, list[tuple[Kind, str]]]:
    """One regular expression with a group per sign, and a catch-all for text that stops at
    every character a sign can start with."""
    alternatives = _alternatives()
    groups = [f"(?P<g{i}>{pattern})" for i, (pattern, _, _, _) in enumerate(alternatives)]
    starts = sorted({re.escape(first) for _, first, _, _ in alternatives})
    text = f"(?P<text>[^{''.join(starts)}]+|.)"
    return re.compile("|".join(groups + [text]), re.DOTALL), [(kind, name) for _, _, kind, name in alternatives]


_PATTERN, _GROUPS = _compile()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split `text[start:end]` into tokens; adjacent text runs are merged."""
    tokens: list[Token] = []
    for match in _PATTERN.finditer(text, start, len(text) if end is None else end):
        group = match.lastgroup
        if group == "text":
            if tokens and tokens[-1].kind is Kind.TEXT:
                last = tokens.pop()
                tokens.append(Token(Kind.TEXT, last.text + match.group(), last.start, match.end()))
            else:
                tokens.append(Token(Kind.TEXT, match.group(), *match.span()))
            continue
        kind, name = _GROUPS[int(group[1:])] if group != "label" else (Kind.LABEL_OPEN, "")
        label = match.group("label") if kind is Kind.LABEL_OPEN else name
        tokens.append(Token(kind, match.group(), *match.span(), label))
    return tokens


def plain_text(tokens: list[Token]) -> str:
    """The words of a run of tokens without their delimiters: what block rules look at."""
    keep = (Kind.TEXT, Kind.NEWLINE)
    return "".join([t.text for t in tokens if t.kind in keep]).strip()  # join makes a list anyway
