"""Names of persons, organisations and places, found from the authority lists.

Every form of every entry is split into word tokens and put into one trie keyed by its first
token; a text is tokenised once and, at each word, the trie is walked as far as the text
follows it (the longest form wins). Time is linear in the text's length: each word starts
at most one walk, and no walk is longer than the longest form. Russian words may carry a case
ending (`Ким Ир Сена`, `Мао Цзе-дуну`, `Трудовой партии Кореи`): every Cyrillic word of a form
also answers to its stem with the endings of `ENDINGS`, looked up in one table.
White space between words, line breaks included, does not matter, so a name split over two
lines is one name. A form listed under two entries (`Pak`) is ambiguous: it is reported, never
guessed, as are capitalised words no list knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, count
from typing import NamedTuple

from tei.authority import (
    BUNDLED,
    WORD,
    Authorities,
    EditionAuthorities,
    Entry,
    Form,
    bundled_not_names,
    default_authorities,
)

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Russian case endings of nouns and adjectives; a stem drops the word's own ending first.
ENDINGS = ("", "а", "я", "у", "ю", "е", "и", "ы", "ом", "ем", "ой", "ей", "ою", "ую", "ая", "ые", "ых", "ым",
           "ого", "ому", "ам", "ами", "ах")
OWN_ENDINGS = ("ая", "яя", "ой", "ый", "ий", "а", "я", "й", "ь")
MIN_INFLECTED = 3
MAX_IDENTIFICATION = 8  # words of a bracketed identification that may complete an ambiguous name


class Match(NamedTuple):
    """A form found in a text: token positions [start, end) and the entries it may name (a named tuple: the
    recogniser makes one at every name it finds, and a frozen dataclass took three times as long to make)."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    form: Form


@dataclass
class _TrieNode:
    children: dict[str, _TrieNode] = field(default_factory=dict)
    forms: list[tuple[Entry, Form]] = field(default_factory=list)
    entries: tuple[Entry, ...] = ()      # those of `forms`, each once, in order
    # The children a text's word leads to: by the word itself and by the form words it inflects
    # (`NameIndex.keys`, in that order), filled in once every form is in the trie.
    steps: dict[str, tuple[_TrieNode, ...]] = field(default_factory=dict)


def stems(word: str) -> set[str]:
    """The stems a Russian word's case forms are made from (the word itself, and without its ending)."""
    found = {word}
    for ending in OWN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_INFLECTED - 1:
            found.add(word[: -len(ending)])
            break
    return found


class NameIndex:
    """The trie of every form of every entry, and the table of inflected Russian words."""

    def __init__(self, authorities: Authorities, not_names: frozenset[str] | None = None) -> None:
        self.root = _TrieNode()
        self.inflected: dict[str, set[str]] = {}
        self.not_names = bundled_not_names() if not_names is None else not_names   # never reported as unknown
        for entry in authorities.entries:
            for form in entry.written_forms:
                self._add(entry, form)
        # A word's keys in a fixed order, its own spelling first: a set's order changes with the process's
        # hash seed, and the same text must give the same TEI in every process.
        self.inflected_keys = {word: (word, *sorted(forms - {word})) for word, forms in self.inflected.items()}
        # The words a match can start at: a form's first word, or a word that inflects one.
        self.starters = frozenset(self.root.children) | frozenset(self.inflected)
        self._link_steps()

    def _add(self, entry: Entry, form: Form) -> None:
        node = self.root
        for word in WORD.findall(form.text):
            node = node.children.setdefault(word, _TrieNode())
            if len(word) >= MIN_INFLECTED and CYRILLIC.match(word):
                for stem in stems(word):
                    for ending in ENDINGS:
                        self.inflected.setdefault(stem + ending, set()).add(word)
        if all(known is not entry for known, _ in node.forms):
            node.forms.append((entry, form))
            node.entries = tuple(dict.fromkeys(known for known, _ in node.forms))

    def _link_steps(self) -> None:
        """Each node's `steps`: the text words that lead to its children, so that a walk looks a word
        up once per node rather than each of its keys."""
        inflecting: dict[str, set[str]] = {}   # a form's word: the text words that inflect it
        for word, keys in self.inflected_keys.items():
            for key in keys:
                inflecting.setdefault(key, set()).add(word)
        nodes = [self.root]
        while nodes:
            node = nodes.pop()
            children = node.children
            words = set(children).union(*(inflecting.get(key, ()) for key in children))
            node.steps = {word: tuple(children[key] for key in self.keys(word) if key in children) for word in words}
            nodes.extend(children.values())

    def keys(self, word: str) -> tuple[str, ...]:
        """The words of forms a text's word may stand for: itself first, then the form words it inflects."""
        return self.inflected_keys.get(word) or (word,)

    def longest(self, words: list[str], start: int) -> Match | None:
        """The longest form starting at `words[start]`, or None."""
        states: tuple[_TrieNode, ...] = (self.root,)
        end, named = start, ()
        for index in range(start, len(words)):
            # One node, mostly: followed here without a call.
            states = states[0].steps.get(words[index], ()) if len(states) == 1 else self.follow(states, words[index])
            if not states:
                break
            if len(states) == 1:
                if states[0].forms:
                    end, named = index + 1, states
            elif any(state.forms for state in states):
                end, named = index + 1, [state for state in states if state.forms]
        if not named:
            return None
        # A word that is one entry's form and inflects another's may name either: ambiguous.
        entries = named[0].entries if len(named) == 1 else tuple(
            dict.fromkeys(entry for state in named for entry in state.entries))
        return Match(start, end, entries, named[0].forms[0][1])

    @staticmethod
    def follow(states: tuple[_TrieNode, ...], word: str) -> tuple[_TrieNode, ...]:
        """The trie's nodes one word on from `states` (one, mostly: a word that inflects two forms' words
        leads to two)."""
        if len(states) == 1:
            return states[0].steps.get(word, ())
        return tuple(child for state in states for child in state.steps.get(word, ()))

    def find(self, words: list[str]) -> list[Match]:
        """Every longest form in a sequence of word tokens, left to right, never overlapping (a list, not a
        generator: the recogniser asks this of every run of text, and most runs name nobody)."""
        starters = self.starters
        if starters.isdisjoint(words):  # most runs of text name nobody: one set operation in C says so
            return []
        found: list[Match] = []
        end = 0
        # Only a word that begins a form (or inflects one) can start a match: the rest are skipped in C.
        for index in compress(count(), map(starters.__contains__, words)):
            if index < end:
                continue
            match = self.longest(words, index)
            if match is not None:
                found.append(match)
                end = match.end
        return found

    def named_in(self, words: list[str]) -> set[str]:
        """The entries a text names without doubt: by a form of theirs alone, or by an ambiguous form
        the translator's identification completes (`Pak [Heon-yeong]` names Pak Heon-yeong)."""
        named: set[str] = set()
        for match in self.find(words):
            idents = {entry.ident for entry in match.entries}
            if len(idents) == 1:
                named |= idents
            else:
                named |= self._identified(words, match)
        return named

    def _identified(self, words: list[str], match: Match) -> set[str]:
        if match.end >= len(words) or words[match.end] != "[":
            return set()
        inside = words[match.end + 1: match.end + 1 + MAX_IDENTIFICATION]
        if "]" not in inside:
            return set()
        combined = words[match.start:match.end] + inside[:inside.index("]")]
        found = self.longest(combined, 0)
        if found is None or found.end != len(combined) or len({e.ident for e in found.entries}) != 1:
            return set()
        return {found.entries[0].ident}


@cache
def default_index() -> NameIndex:
    return NameIndex(default_authorities())


@cache
def edition_index(lists: EditionAuthorities) -> NameIndex:
    """The index of an edition's lists, built once per process."""
    if lists == BUNDLED:
        return default_index()
    return NameIndex(lists.authorities(), lists.words_not_names())


def corrected(form: Form, written: list[str], gaps: list[str]) -> str:
    """The reading an OCR misreading stands for, with the written word's case ending kept.

    `written` are the words as the text has them, `gaps` the white space after each.
    """
    wrong, right = WORD.findall(form.text), WORD.findall(form.correction)
    if len(wrong) != len(written) or len(right) != len(wrong):
        return form.correction
    words = [_replace(text, bad, good) for text, bad, good in zip(written, wrong, right)]
    return "".join(word + " " * bool(gap) for word, gap in zip(words, gaps)).rstrip()


def _replace(text: str, wrong: str, right: str) -> str:
    if wrong != right and text.startswith(wrong):
        return right + text[len(wrong):]
    return text
