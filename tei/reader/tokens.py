"""Inline tokens: every character of the body belongs to exactly one token, delimiters included."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from tei.conventions import BY_NAME, DELIMITED, FILLERS, LABEL_SYNTAX


class Kind(StrEnum):
    LABEL_OPEN = "label_open"      # "[handwritten: ", or "[Handwritten notations:" ending a line
    SIC = "sic"                    # "[SIC]"
    ILLEGIBLE = "illegible"        # "[illegible]", "[illegible signature]"
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

    `label` is a label's text for LABEL_OPEN, and the convention's name for the delimiters and
    fillers the table defines (TOGGLE, PAIR_OPEN, PAIR_CLOSE, FILLER).
    """

    kind: Kind
    text: str
    start: int
    end: int
    label: str = ""


def _alternatives() -> list[tuple[str, Kind, str]]:
    """(regular expression, kind, convention) for every delimiter of the conventions table, in the
    order they are tried: labels and the longer bracket signs before single brackets."""
    sic, illegible, supplied = BY_NAME["sic"], BY_NAME["illegible"], BY_NAME["supplied"]
    found = [(LABEL_SYNTAX, Kind.LABEL_OPEN, ""),
             (re.escape(sic.close.strip()), Kind.SIC, sic.name),
             (illegible.pattern or re.escape(illegible.open), Kind.ILLEGIBLE, illegible.name),
             (re.escape(supplied.open * 2), Kind.DOUBLE_OPEN, ""),
             (re.escape(supplied.open), Kind.OPEN, ""),
             (re.escape(supplied.close), Kind.CLOSE, "")]
    for row in sorted(DELIMITED, key=lambda c: -len(c.open)):
        if row.open == row.close:
            found.append((re.escape(row.open), Kind.TOGGLE, row.name))
        else:
            found += [(re.escape(row.open), Kind.PAIR_OPEN, row.name),
                      (re.escape(row.close), Kind.PAIR_CLOSE, row.name)]
    found += [(f"(?:{re.escape(row.open)})+", Kind.FILLER, row.name) for row in FILLERS]
    return found + [("\n", Kind.NEWLINE, "")]


def _compile() -> tuple[re.Pattern, list[tuple[Kind, str]]]:
    """One regular expression with a group per delimiter, and a catch-all for text."""
    alternatives = _alternatives()
    groups = [f"(?P<g{i}>{pattern})" for i, (pattern, _, _) in enumerate(alternatives)]
    starts = sorted({re.escape(pattern_start) for pattern_start in _first_characters()})
    text = f"(?P<text>[^{''.join(starts)}]+|.)"
    return re.compile("|".join(groups + [text]), re.DOTALL), [(kind, name) for _, kind, name in alternatives]


def _first_characters() -> set[str]:
    """The characters a delimiter can start with: text runs stop at each of them."""
    rows = (BY_NAME["sic"].close.strip(), BY_NAME["illegible"].open, BY_NAME["supplied"].open,
            BY_NAME["supplied"].close, *(r.open for r in DELIMITED), *(r.close for r in DELIMITED),
            *(r.open for r in FILLERS))
    return {delimiter[0] for delimiter in rows} | {"\n"}


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
