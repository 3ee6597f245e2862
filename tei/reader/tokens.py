"""Inline tokens: every character of the body belongs to exactly one token, delimiters included."""

from __future__ import annotations

import re
from enum import StrEnum
from itertools import groupby
from operator import attrgetter
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
    RUN = "run"                    # a long run of delimiters none of which can pair, kept as written at once


# The kinds as module names, for the loops that run once a token (here and in tei.reader.inline): on
# Python 3.11 every `Kind.TEXT` goes through EnumType.__getattr__, about 100 ns against 15 for a global,
# and a paragraph of 25,000 signs looked kinds up some twenty times a sign, a tenth of its time.
LABEL_OPEN, DOUBLE_OPEN, OPEN, CLOSE = Kind.LABEL_OPEN, Kind.DOUBLE_OPEN, Kind.OPEN, Kind.CLOSE
TOGGLE, PAIR_OPEN, PAIR_CLOSE = Kind.TOGGLE, Kind.PAIR_OPEN, Kind.PAIR_CLOSE
NEWLINE, TEXT, RUN = Kind.NEWLINE, Kind.TEXT, Kind.RUN


# The deepest nesting pairing follows; an opener beyond it is kept as text.
MAX_DEPTH = 64
# The longest stretch of a run kept as one element: a PDF string holds at most 32,767 bytes, and
# the print edition writes a sign's words as one.
RUN_PIECE = 4000


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


KIND_OF, TEXT_OF, LABEL_OF = (attrgetter(name) for name in ("kind", "text", "label"))
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


class Run(NamedTuple):
    """Delimiters in a row, with only text between them, that pairing would keep as text one by one.

    The first `singly` of them and the last are tokens of their own (the first may still pair or
    attach to a word; the first and the last are what block rules look at); those between become
    one RUN token, so that a hostile paragraph of 25,000 `[` costs a few elements and warnings
    rather than 25,000. `reason` is why none of them can pair.
    """

    pattern: str  # its last delimiter, with the text before it, is the group named TAIL
    singly: int
    reason: str
    starts: str   # the characters it can begin with


def _repeated(sign: str, between: str, minimum: int) -> str:
    """`sign` at least `minimum` + 1 times, with `between` between; possessive, so that a "[["
    read as one opener or as two is never tried both ways (that would be exponential)."""
    return f"(?:{sign})(?:(?P<TAIL>{between}(?:{sign}))){{{minimum},}}+"


def _runs(alternatives: list[Alternative], text: str) -> list[Run]:
    """Runs of openers (past the nesting limit nothing more can be pushed), of one closer (after
    2 × the limit of them nothing is left open that it could close: each one closes at least one
    opener, or meets one it cannot pass) and of after-word signs with no space before them (after
    the first, none follows a word and a space). Labels never run: block rules look for them."""
    before_open = "|".join([LABEL_SYNTAX.replace("(?P<label>", "(?:")]
                           + [p for p, first, kind, _ in alternatives if kind is Kind.SIGN and first == "["])
    openers = "|".join(f"(?!{before_open}){p}" if kind is Kind.OPEN else p for p, _, kind, _ in alternatives
                       if kind in (Kind.DOUBLE_OPEN, Kind.OPEN, Kind.PAIR_OPEN))
    closers = [(p, first) for p, first, kind, _ in alternatives if kind in (Kind.CLOSE, Kind.PAIR_CLOSE)]
    opener_starts = "".join(first for _, first, kind, _ in alternatives if kind in (Kind.DOUBLE_OPEN, Kind.OPEN,
                                                                                    Kind.PAIR_OPEN))
    after_word_rows = [row for row in ALL if row.shape is Shape.AFTER_WORD]
    after_word = "|".join(row.sign for row in after_word_rows)
    extra = 16  # a run starts only well past the point where pairing could still matter
    return [
        Run(_repeated(openers, f"{text}*+", MAX_DEPTH + extra), MAX_DEPTH, f"nesting deeper than {MAX_DEPTH} levels",
            opener_starts),
        *(Run(_repeated(closer, f"{text}*+", 2 * MAX_DEPTH + extra), 2 * MAX_DEPTH, "nothing open for it to close",
              first) for closer, first in closers),
        Run(_repeated(after_word, f"(?:(?!\\s){text})*+", extra), 1, "does not follow a word and a space",
            "".join(row.starts_with for row in after_word_rows)),
    ]


def _compile() -> tuple[re.Pattern, re.Pattern, list[tuple[Kind, str]], list[Run]]:
    """One regular expression with a group per sign, and text that stops at every character a sign
    can start with; and the same with the runs of delimiters tried first among the signs.

    Text is tried first: no sign starts with a character it holds, so it matches exactly where it
    would as the last alternative, and the regex engine does not try every sign at every run of text
    (twice as fast on prose). A character a sign may start with where none does is text as well (STRAY).
    """
    alternatives = _alternatives()
    groups = [_guarded(first, f"(?P<g{i}>{pattern})") for i, (pattern, first, _, _) in enumerate(alternatives)]
    starts = _character_class(first for _, first, _, _ in alternatives)
    text, stray = f"(?P<text>[^{starts}]+)", "(?P<stray>.)"
    runs = _runs(alternatives, f"[^{starts}]")
    run_groups = [_guarded(run.starts, f"(?P<r{i}>{run.pattern.replace('(?P<TAIL>', f'(?P<t{i}>')})")
                  for i, run in enumerate(runs)]
    # Within a run (what SINGLE splits) signs are the commoner: they are tried first there.
    single = re.compile("|".join([*groups, text, stray]), re.DOTALL)
    return (re.compile("|".join([text, *run_groups, *groups, stray]), re.DOTALL), single,
            [(kind, name) for _, _, kind, name in alternatives], runs)


def _character_class(characters) -> str:
    return "".join(sorted({re.escape(character) for character in characters}))


def _guarded(starts: str, group: str) -> str:
    """A group behind a look at the character it must begin with: at a sign's character the regex engine
    then passes over the groups of other signs with one test each, not by trying their patterns."""
    return f"(?=[{_character_class(starts)}]){group}"


TEXT_GROUPS = frozenset({"text", "stray"})  # the groups of the regular expressions below that match text
_PATTERN, _SINGLE, _GROUPS, _RUNS = _compile()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split `text[start:end]` into tokens; adjacent text runs are merged."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _PATTERN.finditer(text, start, len(text) if end is None else end):
        group = match.lastgroup
        if group in TEXT_GROUPS:
            if tokens and tokens[-1].kind is TEXT:
                last = tokens.pop()
                append(Token(TEXT, last.text + match.group(), last.start, match.end()))
            else:
                append(Token(TEXT, match.group(), *match.span()))
        elif group[0] == "r":
            tokens += _split_run(text, match, int(group[1:]))
        else:
            append(_sign(match, group))
    return tokens


def _sign(match: re.Match, group: str) -> Token:
    kind, name = _SIGN_GROUPS[group]
    return Token(kind, match.group(), *match.span(), match.group("label") if kind is LABEL_OPEN else name)


# Each sign's group name (g0, g1 …) with its kind and row, looked up once per sign token.
_SIGN_GROUPS = {f"g{number}": kind_and_name for number, kind_and_name in enumerate(_GROUPS)}


def _split_run(text: str, match: re.Match, number: int) -> list[Token]:
    """The first `singly` delimiters of a run and its last as tokens of their own (with the text
    around them), the rest (from the next delimiter to the text before the last) as RUN tokens of
    at most RUN_PIECE characters."""
    run, tail = _RUNS[number], match.start(f"t{number}")
    tokens: list[Token] = []
    delimiters, rest = 0, match.start()
    for part in _SINGLE.finditer(text, match.start(), tail):
        if part.lastgroup in TEXT_GROUPS:
            tokens.append(Token(TEXT, part.group(), *part.span()))
        elif delimiters == run.singly:
            rest = part.start()
            break
        else:
            tokens.append(_sign(part, part.lastgroup))
            delimiters += 1
    tokens += [Token(RUN, text[at:min(at + RUN_PIECE, tail)], at, min(at + RUN_PIECE, tail), run.reason)
               for at in range(rest, tail, RUN_PIECE)]
    return tokens + [_sign(part, part.lastgroup) if part.lastgroup not in TEXT_GROUPS else
                     Token(TEXT, part.group(), *part.span()) for part in _SINGLE.finditer(text, tail, match.end())]


def plain_text(tokens: list[Token]) -> str:
    """The words of a run of tokens without their delimiters: what block rules look at."""
    keep = (TEXT, NEWLINE)
    if RUN not in map(KIND_OF, tokens):   # map: no Python frame per token
        return "".join([t.text for t in tokens if t.kind in keep]).strip()  # join makes a list anyway
    # A run's words count as they would delimiter by delimiter: a heading or closer rule must read the
    # same words whether or not the tokenizer matched the run at once. Its pieces are joined first,
    # since a piece may end inside a delimiter.
    parts = []
    for is_run, group in groupby(tokens, key=lambda t: t.kind is RUN):
        if is_run:
            run = "".join(t.text for t in group)
            parts += [part.group() for part in _SINGLE.finditer(run) if part.lastgroup in TEXT_GROUPS]
        else:
            parts += [t.text for t in group if t.kind in keep]
    return "".join(parts).strip()
