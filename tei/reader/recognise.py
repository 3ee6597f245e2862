"""The recognition pass: names and dates marked in a document's inline trees.

It runs after the inline conventions are built and changes only the model: runs of text (with
the line breaks inside them) get `person`, `organisation`, `place` and `date` nodes around what
the authority lists and the date rules find, and an OCR misreading a list records gets a
`correction` node inside its name. The header's fields (title, citation, summary, credits, other
fields) get the same names and dates as `Mark`s over their text, without corrections: header
fields are read as plain strings by every output, so they hold names, never two readings. The
text itself is never changed, so the round trip holds.
Everything it cannot decide goes to `Document.review`: ambiguous names, capitalised words no list
knows, date strings it did not understand.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import compress, count
from operator import itemgetter

from tei.authority import Entry, word_pattern
from tei.diagnostics import Diagnostic
from tei.reader.dates import find_dates, full_year, may_hold_dates, not_understood
from tei.reader.entities import Match, NameIndex, corrected
from tei.reader.header import web_addresses
from tei.reader.model import Document, Header, Inline, Mark, Node
from tei.reader.source import SourceText
from tei.reader.spans import Covered

# Conventions whose content is not running text: words cut inside (c[omrade]), a sign kept as
# it stood, a transliterated word, and what this pass has already marked.
OPAQUE = frozenset({"expansion", "ex", "sic", "unbalanced", "unclassified", "illegible", "transliterated",
                    "person", "organisation", "place", "date", "correction"})
SENTENCE_END = frozenset(".!?:;\"«»()—–-")
TITLES = frozenset({"Cde", "Cdes", "Com", "c", "C", "Tov", "Тов", "тов", "т", "Т", "Mr", "Mrs", "Dr"})
CAPITALISED = re.compile(r"[A-ZА-ЯЁ]")
NOTHING_TAKEN = Covered(())
_FIRST_LETTER = itemgetter(0)
# The label of each header field (tei.reader.header), where its reports are placed; the title has none.
HEADER_LABELS = {"title": "", "citation": "Citation", "summary": "Summary", "credits": "Credits"}


@dataclass
class _Span:
    start: int
    end: int
    node: Node


class Recogniser:
    """Marks one document's blocks; `review` collects what it reports."""

    def __init__(self, document: Document, source: SourceText, index: NameIndex, body_start: int) -> None:
        self.document, self.source, self.index = document, source, index
        self.year = document.header.date_iso[:4] or full_year(source.text[body_start:])
        self.area = (0, 0)  # the source of the block (or header) being marked, where reports are placed
        self.seen: dict[str, int] = {}  # where in the area each reported word was last found
        self.body_start = body_start
        self._named: set[str] | None = None
        # Runs of text already looked at that held no name, no date and nothing to report: a paragraph
        # of thousands of signs (`[x]` × 25,000) has thousands of runs alike, looked at once here.
        self.barren: set[str] = set()

    def run(self) -> None:
        self.mark_header()
        for part in self.document.parts:
            for block in part.blocks:
                if block.kind != "sheet":
                    self.area, self.seen = (block.line_start, block.end), {}
                    block.content = self.mark(block.content)

    def mark_header(self) -> None:
        """The names and dates of the header's fields, as marks over each paragraph's text. The
        translator the citation names is the edition's agent (`#translator`), neither an entry nor unknown."""
        header = self.document.header
        labels = [field.label for field in header.other_fields for _ in field.paragraphs]
        translator = re.compile(re.escape(header.translator)) if header.translator else None
        for key, text in header.texts():
            label = labels[key[1]] if key[0] == "field" else HEADER_LABELS[key[0]]
            self.area, self.seen = (self._label_end(label), self.body_start), {}
            header.marks[key] = self.marks(text, known=list(translator.finditer(text)) if translator else [])

    def marks(self, text: str, known: list[re.Match] | tuple = ()) -> list[Mark]:
        """The names and dates of a field's text, in order; `known` are spans that are no entries
        but no unknown names either."""
        known_spans = _known(text, known)
        dates = self._dates(text, known_spans)
        names = self._names(text, dates + known_spans)
        return [Mark(span.start, span.end, Node(span.node.name, data=span.node.data))
                for span in sorted(dates + names, key=lambda span: span.start)]

    def _label_end(self, label: str) -> int:
        """Where the header's field with this label begins (the title: at the start)."""
        found = self.source.text.find(f"{label}:", 0, self.body_start) if label else -1
        return found + len(label) + 1 if found >= 0 else 0

    def mark(self, content: list[Inline]) -> list[Inline]:
        out: list[Inline] = []
        run: list[Inline] = []
        for item in content:
            if isinstance(item, str) or _in_run(item):   # text, the commonest, without a call
                run.append(item)
                continue
            out += self._run(run)
            run = []
            if item.name not in OPAQUE:
                item.children = self.mark(item.children)
            out.append(item)
        return out + self._run(run)

    def _run(self, items: list[Inline]) -> list[Inline]:
        if not items:
            return []
        first = items[0]
        text = first if len(items) == 1 and isinstance(first, str) else "".join(map(_run_text, items))
        if text in self.barren:
            return items
        reviewed = len(self.document.review)
        known = _known(text)
        spans = self._dates(text, known)
        spans += self._names(text, spans + known)
        if not spans:
            if len(self.document.review) == reviewed:
                self.barren.add(text)
            return items
        spans = _whole_nodes(spans, items)
        if not spans:
            return items
        spans.sort(key=lambda span: span.start)
        return _wrap(items, spans)

    def _dates(self, text: str, known: list[_Span]) -> list[_Span]:
        """The dates of a text outside the `known` spans (web addresses); the date strings not understood
        there are reported."""
        if not may_hold_dates(text):
            return []
        spans = []
        skip = Covered((span.start, span.end) for span in known) if known else NOTHING_TAKEN
        found = [date for date in find_dates(text, self.year) if not skip.overlaps(date.start, date.end)]
        for date in found:
            if not date.when:
                continue
            data = {"when": date.when}
            if date.inferred_year:
                data["inferred"] = "year"
            spans.append(_Span(date.start, date.end, Node("date", data=data)))
        for offset, string in not_understood(text, found):
            if skip.holds(offset):
                continue
            self._report("date-not-understood", f"date {string!r} not understood; no date element made", string)
        return spans

    def _names(self, text: str, taken: list[_Span]) -> list[_Span]:
        pattern = word_pattern(text)
        words = pattern.findall(text)
        matches = self.index.find(words)
        # The words' positions only where a name was found or a span is taken: most runs have neither.
        tokens = list(pattern.finditer(text)) if matches or taken else []
        spans, marked = [], set()
        covered = Covered((span.start, span.end) for span in taken) if taken else NOTHING_TAKEN
        for match in matches:
            start, end = tokens[match.start].start(), tokens[match.end - 1].end()
            if taken and covered.overlaps(start, end):
                continue
            marked.update(range(match.start, match.end))
            # One entry, mostly: decided without a call or the written form's copy.
            entry = match.entries[0] if len(match.entries) == 1 else self._decide(match, text[start:end])
            if entry is not None:
                spans.append(_Span(start, end, self._name_node(match, entry, tokens, text)))
        self._unknown(tokens, words, marked, covered)
        return spans

    @property
    def named(self) -> set[str]:
        """The entries this document names beyond doubt (read once, at its first ambiguous form)."""
        if self._named is None:
            body = self.source.text[self.body_start:]
            self._named = self.index.named_in(word_pattern(body).findall(body))
        return self._named

    def _decide(self, match: Match, written: str) -> Entry | None:
        """The entry a form names: its only one, or the only one of its entries the document names
        elsewhere beyond doubt (marked cert="medium" and reported); else None, reported."""
        if len(match.entries) == 1 or len({entry.ident for entry in match.entries}) == 1:
            return match.entries[0]
        names = ", ".join(entry.ref for entry in match.entries)
        named = [entry for entry in match.entries if entry.ident in self.named]
        if len(named) != 1:
            self._report("name-ambiguous", f"{written!r} may name {names}; not marked", written.split()[0])
            return None
        self._report("name-resolved", f"{written!r} may name {names}; marked as {named[0].ref} (cert=\"medium\"), "
                     "the one this document names beyond doubt", written.split()[0])
        return named[0]

    def _name_node(self, match: Match, entry: Entry, tokens: list[re.Match], text: str) -> Node:
        node = Node(entry.kind, data={"ref": entry.ref})
        if len(match.entries) > 1:
            node.data["cert"] = "medium"
        if match.form.correction:
            chosen = tokens[match.start:match.end]
            gaps = [text[a.end():b.start()] for a, b in zip(chosen, chosen[1:])] + [""]
            node.children.append(Node("correction", data={"corr": corrected(match.form, [t.group() for t in chosen],
                                                                             gaps)}))
        return node

    def _unknown(self, tokens: list[re.Match], words: list[str], marked: set[int], taken: Covered) -> None:
        """Capitalised words no list knows and no sentence start explains, one report per run of them."""
        skip = self.index.not_names
        upper_first = compress(count(), map(str.isupper, map(_FIRST_LETTER, words)))  # the few, found in C
        # Most capitalised words start a sentence: that test comes first, the costlier ones run for the few others.
        found = [i for i in upper_first if i not in marked and not _sentence_start(words, i)
                 and words[i] not in skip and _capitalised(words[i])
                 and not (taken.starts and taken.holds(tokens[i].start()))]
        pending: list[str] = []
        for position, i in enumerate(found):
            pending.append(words[i])
            if position + 1 == len(found) or found[position + 1] != i + 1:
                self._report_unknown(pending)
                pending = []

    def _report_unknown(self, words: list[str]) -> None:
        name = " ".join(words)
        self._report("name-unknown", f"{name!r} looks like a name but no authority list has it "
                     "(add it to the edition's authority lists, or to its not-names list if it is not a name: "
                     "[authorities] in edition.toml, else authorities/)", words[0])

    def _report(self, rule: str, message: str, near: str) -> None:
        """A review item, positioned where the area's source first has the word."""
        area_start, area_end = self.area
        found = self.source.text.find(near, self.seen.get(near, area_start), area_end)
        offset = found if found >= 0 else area_start
        self.seen[near] = offset + len(near)
        self.document.review.append(Diagnostic("info", rule, message, self.source.position(offset)))


def marks_in_texts(texts: list[tuple[tuple[str, int], str]], index: NameIndex, year: str,
                   name: str = "metadata") -> dict[tuple[str, int], list[Mark]]:
    """The names and dates of texts outside a transcription (the editors' title, summary, notes), by
    their keys; `year` is the one a date without a year takes. Nothing is reported: they are the
    editors' own words, checked where they are written."""
    if not texts:
        return {}
    joined = "\n\n".join(text for _, text in texts)
    document = Document(name, "", Header(date_iso=year[:4]), [], source=SourceText(joined, name))
    recogniser = Recogniser(document, document.source, index, 0)
    recogniser.area = (0, len(joined))
    return {key: recogniser.marks(text) for key, text in texts}


def _known(text: str, known: list[re.Match] | tuple = ()) -> list[_Span]:
    """Spans that are neither names nor dates nor unknown words: the `known` ones and the web addresses
    (`https://…/Kim-Il-Sung` names nobody: it is an address, and a citation's is written as a `ref`)."""
    addresses = web_addresses(text) if "://" in text else ()
    return [_Span(m.start(), m.end(), Node("known")) for m in (*known, *addresses)]


def _capitalised(word: str) -> bool:
    return word[0].isupper() and len(word) > 1 and word.isalpha() and bool(CAPITALISED.match(word))


def _sentence_start(words: list[str], i: int) -> bool:
    """The first word of a run, or one after a sentence's end that is not a title's full stop (`Cde. Kim`)."""
    if i == 0:
        return True
    before = words[i - 1]
    if before not in SENTENCE_END:
        return False
    return not (before == "." and i >= 2 and words[i - 2] in TITLES)


def _wrap(items: list[Inline], spans: list[_Span]) -> list[Inline]:
    """The run's items with each span's items moved into its node (strings cut at span edges)."""
    cuts = sorted({edge for span in spans for edge in (span.start, span.end)})
    out: list[Inline] = []
    spans_left = iter(spans)
    span = next(spans_left, None)
    for start, piece in _pieces(items, cuts):
        while span is not None and start >= span.end:
            span = next(spans_left, None)
        if span is None or start < span.start:
            _append(out, piece)
            continue
        if not out or out[-1] is not span.node:
            out.append(span.node)
        _append(_content(span.node), piece)
    return out


def _content(node: Node) -> list[Inline]:
    """Where a marked span's text goes: into the name, or into its correction's misreading."""
    first = node.children[0] if node.children else None
    return first.children if isinstance(first, Node) and first.name == "correction" else node.children


def _in_run(item: Inline) -> bool:
    """Text, a line break, and a word reproduced [SIC] belong to the run a date or name is looked for in
    (`19 August [SIC]` is a date); other conventions end it."""
    if isinstance(item, str) or item.name == "line-break":
        return True
    return item.name == "sic" and all(isinstance(child, str) for child in item.children)


def _run_text(item: Inline) -> str:
    if isinstance(item, str):
        return item
    return "\n" if item.name == "line-break" else "".join(item.children)


def _whole_nodes(spans: list[_Span], items: list[Inline]) -> list[_Span]:
    """The spans that hold each node of the run whole or not at all (a node cannot be cut); an edge
    is looked up among the nodes' starts, so a run of many nodes stays linear."""
    starts, ends, position = [], [], 0
    for item in items:
        length = len(_run_text(item))
        if not isinstance(item, str):
            starts.append(position)
            ends.append(position + length)
        position += length

    def inside_node(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and starts[i] < offset < ends[i]

    return [span for span in spans if not (inside_node(span.start) or inside_node(span.end))] if starts else spans


def _pieces(items: list[Inline], cuts: list[int]) -> list[tuple[int, Inline]]:
    """(offset, item) for every item, strings cut at the offsets in `cuts`."""
    pieces: list[tuple[int, Inline]] = []
    position = 0
    for item in items:
        if not isinstance(item, str):
            pieces.append((position, item))
            position += len(_run_text(item))
            continue
        end = position + len(item)
        bounds = [position, *cuts[bisect_right(cuts, position):bisect_right(cuts, end - 1)], end]
        pieces += [(a, item[a - position:b - position]) for a, b in zip(bounds, bounds[1:]) if b > a]
        position = end
    return pieces


def _append(target: list[Inline], piece: Inline) -> None:
    if isinstance(piece, str) and target and isinstance(target[-1], str):
        target[-1] += piece
    else:
        target.append(piece)
