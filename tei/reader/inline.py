"""Inline conventions: pair the delimiters of a text part, then build each unit's node tree.

Pairing runs first over the whole part, so that a `[handwritten: …]` span can run over
several paragraphs while every other convention must close in the unit it opened in.
A delimiter without a partner is kept as text (an `unbalanced` node) and reported.
Both passes use explicit stacks: nesting depth never reaches Python's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tei.conventions import BY_NAME, DEFAULT_PRESET, PRESETS, Convention, Shape
from tei.reader.model import Node
from tei.reader.tokens import (
    CLOSE,
    DOUBLE_OPEN,
    LABEL_OPEN,
    MAX_DEPTH,
    NEWLINE,
    OPEN,
    PAIR_CLOSE,
    PAIR_OPEN,
    RUN,
    TEXT,
    TOGGLE,
    Kind,
    Token,
)

OPENERS = {Kind.LABEL_OPEN, Kind.OPEN, Kind.DOUBLE_OPEN, Kind.PAIR_OPEN}
TOGGLES = {Kind.TOGGLE}
CLOSERS = {Kind.CLOSE, Kind.PAIR_CLOSE}
DELIMITERS = OPENERS | TOGGLES | CLOSERS | {Kind.RUN}  # the only tokens pairing looks at

Key = tuple[int, int]  # (unit index, token index)


@dataclass
class Pairing:
    """Which delimiter closes which, and which could not be paired (with the reason)."""

    partner: dict[Key, Key] = field(default_factory=dict)
    unpaired: dict[Key, str] = field(default_factory=dict)
    second_brackets: set[Key] = field(default_factory=set)  # the second "]" of a "]]"


def _closes(opener: Token, closer: Token) -> bool:
    """Brackets close brackets and labels; a table delimiter closes its own convention's opener."""
    if closer.kind is CLOSE:
        return opener.kind in (LABEL_OPEN, OPEN)
    return opener.kind in (PAIR_OPEN, TOGGLE) and opener.label == closer.label


def pair_delimiters(units: list[list[Token]], headings: frozenset[int] = frozenset(),
                    preset: str = DEFAULT_PRESET) -> Pairing:
    """Pair openers with closers over all units of a part, in one pass with one stack.

    A span may run over blocks only if its label says so, and never past a heading (the
    units numbered in `headings`).
    """
    pairer = _Pairer(units, preset)
    for u in range(len(units)):
        if u in headings:
            pairer.end_unit(spanning=False)
        pairer.pair_unit(u)
        pairer.end_unit()
    for key, _ in pairer.stack:
        pairer.pairing.unpaired[key] = "not closed before the end of the text"
    return pairer.pairing


class _Pairer:
    """The open delimiters (with whether anything stands inside them yet) and the pairing so far.

    A pair that would enclose nothing (`~~~~`, `[]`, `[[]]`) is not a convention: both
    delimiters are kept as text, so that no empty `del` or `supplied` is ever written.
    """

    def __init__(self, units: list[list[Token]], preset: str) -> None:
        self.units = units
        self.preset = PRESETS[preset]
        self.pairing = Pairing()
        self.stack: list[list] = []  # [key, filled]

    def token(self, key: Key) -> Token:
        return self.units[key[0]][key[1]]

    def end_unit(self, spanning: bool = True) -> None:
        kept = []
        for entry in self.stack:
            if spanning and self._spans_blocks(self.token(entry[0])):
                kept.append(entry)
            else:
                self._unpaired(entry[0], "not closed before the end of the paragraph" if spanning
                               else "not closed before the next heading")
        self.stack = kept

    def pair_unit(self, u: int) -> None:
        for i, tok in enumerate(self.units[u]):
            if tok.kind not in DELIMITERS:
                if self.stack and (tok.kind is not NEWLINE and (tok.kind is not TEXT or tok.text.strip())):
                    self.stack[-1][1] = True
                continue
            key = (u, i)
            if key in self.pairing.second_brackets or key in self.pairing.unpaired:
                continue
            if tok.kind is RUN:
                self._unpaired(key, tok.label)
            elif tok.kind in TOGGLES and self.stack and self.token(self.stack[-1][0]).text == tok.text:
                self._pair(key)
            elif tok.kind in OPENERS or tok.kind in TOGGLES:
                self._push(key)
            else:
                self._close(key)

    def _spans_blocks(self, token: Token) -> bool:
        convention = self.preset.for_label(token.label) if token.kind is LABEL_OPEN else None
        return bool(convention and convention.spans_blocks)

    def _push(self, key: Key) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self._unpaired(key, f"nesting deeper than {MAX_DEPTH} levels")
        else:
            self.stack.append([key, False])

    def _unpaired(self, key: Key, reason: str) -> None:
        """Keep a delimiter as text; as an element of its own it fills whatever encloses it."""
        self.pairing.unpaired[key] = reason
        if self.stack:
            self.stack[-1][1] = True

    def _pair(self, key: Key, second: Key | None = None) -> None:
        opener, filled = self.stack.pop()
        if not filled:
            for delimiter in (opener, key, second):
                if delimiter is not None:
                    self._unpaired(delimiter, "encloses nothing; kept as text")
            return
        self.pairing.partner[opener] = key
        if second is not None:
            self.pairing.second_brackets.add(second)
        if self.stack:
            self.stack[-1][1] = True

    def _close(self, key: Key) -> None:
        """Pair a closer with the nearest opener it fits (a "]]" closes a "[[" with both brackets)."""
        closer = self.token(key)
        while self.stack:
            opener = self.token(self.stack[-1][0])
            if opener.kind is DOUBLE_OPEN and closer.kind is CLOSE:
                unit = self.units[key[0]]
                following = unit[key[1] + 1] if key[1] + 1 < len(unit) else None
                if following is not None and following.kind is CLOSE and following.start == closer.end:
                    self._pair(key, (key[0], key[1] + 1))
                    return
            if _closes(opener, closer):
                self._pair(key)
                return
            if opener.kind in TOGGLES or opener.kind is DOUBLE_OPEN:
                self._unpaired(self.stack.pop()[0], "no partner before an enclosing bracket closes")
                continue
            break
        self._unpaired(key, "nothing open for it to close")


# --- building ---------------------------------------------------------------------------------

Report = Callable[[str, str, Token], None]  # (rule, message, token) → None


@dataclass
class Frame:
    """An open convention: the node receiving content, and the chain parts of a spanning one."""

    key: Key
    node: Node
    children: list
    parts: list[Node] = field(default_factory=list)


class InlineBuilder:
    """Builds the node trees of a part's units from their tokens and the pairing."""

    def __init__(
        self,
        units: list[list[Token]],
        pairing: Pairing,
        report: Report,
        record: Callable[[str, Token], None],
        chain_ids: Callable[[str], str],
        preset: str = DEFAULT_PRESET,
    ) -> None:
        self.preset = PRESETS[preset]
        self.units, self.pairing = units, pairing
        self.partner, self.unpaired, self.second_brackets = pairing.partner, pairing.unpaired, pairing.second_brackets
        self.report, self.record, self.next_chain_id = report, record, chain_ids
        self.open: list[Frame] = []
        # The row a bracket's content is read by, by content: a paragraph of 25,000 `[x]` asks 25,000 times.
        self.bracket_rows: dict[str, tuple[Convention | None, Convention]] = {}

    def build_all(self) -> list[list]:
        return [self._build_unit(u) for u in range(len(self.units))]

    def _build_unit(self, u: int) -> list:
        root: list = []
        carried, self.open = self.open, []
        for frame in carried:
            self._reopen(frame, root if not self.open else self.open[-1].children)
        self.extend_expansion: Node | None = None
        for i, tok in enumerate(self.units[u]):
            target = self.open[-1].children if self.open else root
            if tok.kind is TEXT:  # the commonest token, and never paired: no lookups needed
                self._text(tok, target)
            else:
                self._token((u, i), tok, target)
        for frame in self.open:
            if len(frame.parts) == 1:
                frame.node.data["chain"] = self.next_chain_id(BY_NAME[frame.node.name].id_prefix)
        return root

    def _reopen(self, frame: Frame, target: list) -> None:
        part = Node(frame.node.name, [], {"chain": frame.node.data["chain"]})
        frame.parts.append(part)
        target.append(part)
        self.open.append(Frame(frame.key, frame.node, part.children, frame.parts))

    def _token(self, key: Key, tok: Token, target: list) -> None:
        """A token other than text."""
        if key in self.second_brackets:
            return
        if key in self.unpaired:
            self._unbalanced(key, tok, target)
        elif key in self.partner:
            self._open(key, tok, target)
        elif tok.kind in (CLOSE, PAIR_CLOSE, TOGGLE):
            self._close()
        else:
            self._atom(tok, target)

    def _text(self, tok: Token, target: list) -> None:
        text = tok.text
        if self.extend_expansion is not None:
            rest = re.match(r"\w*", text).group()
            if rest:
                self.extend_expansion.data["word-after"] = rest
                text = text[len(rest) :]
        self.extend_expansion = None
        if text:
            _append_text(target, text)

    def _atom(self, tok: Token, target: list) -> None:
        """A sign that stands alone: a line break, a run of fillers, `[illegible]`, `[SIC]`."""
        self.extend_expansion = None
        row = BY_NAME[tok.label]
        if row.shape is Shape.BREAK:
            target.append(Node(row.name, start=tok.start))
            return
        if row.shape is Shape.FILLER:
            target.append(Node(row.name, data={"quantity": str(len(tok.text) // len(row.open))}, start=tok.start))
        elif row.shape is Shape.SIGN:
            target.append(Node(row.name, [tok.text[1:-1]], start=tok.start))
        elif not self._after_word(row, tok, target):
            return
        self.record(row.name, tok)

    def _after_word(self, row: Convention, tok: Token, target: list) -> bool:
        """Wrap the word before a marker (`August [SIC]`); without one, keep the marker as text."""
        last = target[-1] if target else None
        word = re.search(r"(\S+) $", last) if isinstance(last, str) else None
        if word is None:
            target.append(Node("unbalanced", [tok.text], start=tok.start))
            self.report(f"{row.name}-without-word", f"{tok.text} does not follow a word and a space", tok)
            return False
        target[-1] = last[: word.start()]
        if not target[-1]:
            target.pop()
        target.append(Node(row.name, [word.group(1)], start=tok.start - len(last) + word.start()))
        return True

    def _unbalanced(self, key: Key, tok: Token, target: list) -> None:
        self.extend_expansion = None
        target.append(Node("unbalanced", [tok.text], start=tok.start))
        if tok.kind is RUN:
            self.report("unbalanced", f"{_excerpt(tok.text)} ({len(tok.text):,} characters): delimiters in a row "
                        f"that cannot pair, {tok.label}; kept as text", tok)
        else:
            self.report("unbalanced", f"{tok.text.strip()!r} {self.pairing.unpaired[key]}; kept as text", tok)

    def _close(self) -> None:
        frame = self.open.pop()
        if len(frame.parts) > 1:
            frame.parts[-1].data["part"] = "F"
            frame.parts[0].data["part"] = "I"
            for middle in frame.parts[1:-1]:
                middle.data["part"] = "M"
        # Letters right after an in-word sign's bracket end its word (c[omrade]s), after any other close they do not.
        self.extend_expansion = frame.node if BY_NAME[frame.node.name].shape is Shape.IN_WORD else None

    def _open(self, key: Key, tok: Token, target: list) -> None:
        self.extend_expansion = None
        node, content = self._node_for(key, tok, target)
        node.start = tok.start - len(node.data.get("word-before", ""))
        target.append(node)
        self.open.append(Frame(key, node, content, [node]))

    def _node_for(self, key: Key, tok: Token, target: list) -> tuple[Node, list]:
        """The node an opener starts, and the list its content goes into."""
        if tok.kind is LABEL_OPEN:
            return self._labelled(tok)
        if tok.kind in (OPEN, DOUBLE_OPEN):
            return self._bracket(key, tok, target)
        self.record(tok.label, tok)
        node = Node(tok.label)
        return node, node.children

    def _labelled(self, tok: Token) -> tuple[Node, list]:
        convention = self.preset.for_label(tok.label)
        label_line = not tok.text.endswith(" ")
        if label_line and convention is not None and not convention.spans_blocks:
            convention = None  # only a span over blocks may put its label on a line of its own
        if convention is None:
            self.report(
                "unknown-label",
                f"unknown convention [{tok.label}: …]; kept as an "
                "unclassified bracket (add a row to tei/conventions.py to classify it)",
                tok,
            )
            self.record("unclassified", tok)
            node = Node("unclassified", [tok.text[1:]])
            return node, node.children
        self.record(convention.name, tok)
        node = Node(convention.name, data={"label": tok.label} if tok.label != convention.label else {})
        if label_line:
            node.data["label-line"] = "yes"
        return node, node.children

    def _bracket(self, key: Key, tok: Token, target: list) -> tuple[Node, list]:
        inside_label = bool(self.open) and any(self.units[f.key[0]][f.key[1]].kind is LABEL_OPEN
                                                for f in self.open)
        double = tok.kind is DOUBLE_OPEN
        content = self._content_text(key)
        rows = self.bracket_rows.get(content)
        if rows is None:
            rows = self.bracket_rows[content] = (self._statement(content), self.preset.for_brackets(content))
        statement = rows[0] if not double else None
        if statement is not None:
            self.record(statement.name, tok)
            node = Node(statement.name)
            return node, node.children
        # An expansion holds plain letters only (TEI's ex holds text): c[omrade], never c[*x*].
        prefix = _word_before(target) if not double and content and _touches_word(target) else ""
        if prefix:
            in_word = self.preset.in_word
            self.record(in_word.name, tok)
            node = Node(in_word.name, data={"word-before": prefix})
            return node, node.children
        name = rows[1].name
        self.record(name, tok)
        data = {}
        if double != inside_label:
            data["brackets"] = "double" if double else "single"
        node = Node(name, data=data)
        return node, node.children

    def _statement(self, content: str) -> Convention | None:
        """A bracketed statement the preset knows by its first words (`[Omitted here is …]`)."""
        return next((c for c in self.preset.statements if content.startswith(c.open[1:])), None)

    def _content_text(self, key: Key) -> str:
        close = self.pairing.partner[key]
        tokens = self.units[key[0]][key[1] + 1 : close[1]]
        if len(tokens) == 1:   # the commonest: one run of text (tokenize merges adjacent text)
            return tokens[0].text if tokens[0].kind is TEXT else ""
        if any([t.kind is not TEXT for t in tokens]):
            return ""
        return "".join([t.text for t in tokens])


def _excerpt(text: str, width: int = 24) -> str:
    return repr(text) if len(text) <= width else f"{text[:width]!r}…"


def _append_text(target: list, text: str) -> None:
    if target and isinstance(target[-1], str):
        target[-1] += text
    else:
        target.append(text)


def _touches_word(target: list) -> bool:
    return bool(target) and isinstance(target[-1], str) and target[-1][-1:].isalpha()


def _word_before(target: list) -> str:
    """Remove and return the letters that end the text before an in-word bracket."""
    word = re.search(r"\w+$", target[-1]).group()
    target[-1] = target[-1][: -len(word)]
    if not target[-1]:
        target.pop()
    return word
