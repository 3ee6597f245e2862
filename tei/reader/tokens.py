"""Inline tokens: every character of the body belongs to exactly one token, delimiters included."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    LABEL_OPEN = "label_open"      # "[handwritten: ", or "[Handwritten notations:" ending a line
    SIC = "sic"                    # "[SIC]"
    ILLEGIBLE = "illegible"        # "[illegible]", "[illegible signature]"
    DOUBLE_OPEN = "double_open"    # "[["
    OPEN = "open"                  # "["
    CLOSE = "close"                # "]"
    STRIKE = "strike"              # "~~"
    DEL_OPEN = "del_open"          # "<del>"
    DEL_CLOSE = "del_close"        # "</del>"
    STAR = "star"                  # "*"
    BOXES = "boxes"                # "□□□"
    TABS = "tabs"                  # "\t\t"
    UNDERSCORES = "underscores"    # "\_\_"
    NEWLINE = "newline"
    TEXT = "text"


class Token(NamedTuple):
    """One token; a named tuple because a document makes thousands and tuples are cheap to make."""

    kind: Kind
    text: str
    start: int
    end: int
    label: str = ""


_PATTERN = re.compile(
    r"""
     (?P<label_open>\[(?P<label>[A-Za-z][A-Za-z.' ]{0,58}[A-Za-z.']):(?:\ |(?=\n)|$))
    |(?P<sic>\[SIC\])
    |(?P<illegible>\[illegible(?:\ [a-z]+){0,3}\])
    |(?P<double_open>\[\[)
    |(?P<open>\[)
    |(?P<close>\])
    |(?P<strike>~~)
    |(?P<del_open><del>)
    |(?P<del_close></del>)
    |(?P<star>\*)
    |(?P<boxes>□+)
    |(?P<tabs>\t+)
    |(?P<underscores>(?:\\_)+)
    |(?P<newline>\n)
    |(?P<text>[^\[\]~<*□\t\\\n]+|[~<\\])
    """,
    re.VERBOSE,
)


_KINDS = {kind.value: kind for kind in Kind} | {"label": Kind.LABEL_OPEN}


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split `text[start:end]` into tokens; adjacent text runs are merged."""
    tokens: list[Token] = []
    for match in _PATTERN.finditer(text, start, len(text) if end is None else end):
        kind = _KINDS[match.lastgroup]
        if kind is Kind.TEXT and tokens and tokens[-1].kind is Kind.TEXT:
            last = tokens.pop()
            tokens.append(Token(Kind.TEXT, last.text + match.group(), last.start, match.end()))
            continue
        label = match.group("label") if kind is Kind.LABEL_OPEN else ""
        tokens.append(Token(kind, match.group(), *match.span(), label))
    return tokens


def plain_text(tokens: list[Token]) -> str:
    """The words of a run of tokens without their delimiters: what block rules look at."""
    keep = (Kind.TEXT, Kind.NEWLINE)
    return "".join([t.text for t in tokens if t.kind in keep]).strip()  # join makes a list anyway
