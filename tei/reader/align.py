"""Paragraph alignment of an original and its translation, when they do not match one to one.

Gale and Church's method (1993): the lengths of a paragraph and of its translation are
proportional, so dynamic programming over the two sequences finds the likeliest pairing
from lengths alone, allowing one paragraph to match two (1–2, 2–1), or none (1–0, 0–1).
Lengths are sharpened by anchors both texts share whatever the language: numbers, months and
capitalised words compared after transliterating Cyrillic to Latin (`Ким Ир Сен` → `kim`).
Each link gets a confidence between 0 and 1: the mean of how close its lengths are to the
expected ratio (shorter / longer) and of the share of anchors both sides have (when they
have any); a link to nothing (1–0, 0–1) has confidence 0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise

from tei.names import CYRILLIC

# Prior probability of each kind of link (Gale and Church's estimates), and the variance of
# the translation's length per character of the original.
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
VARIANCE = 6.8
ANCHOR_WEIGHT = 6.0        # how many nats of length cost a perfect anchor match is worth
UNMATCHED_COST = 4.0       # the length cost of a paragraph with no counterpart (1–0, 0–1)
SQRT_2 = math.sqrt(2)
# Lengths this many standard deviations apart have no tail to measure: erf(FAR / √2) is 1.0 in floating
# point (from 6 / √2 on), so the fit is 0 and the link costs what the least likely one does.
FAR = 8.5
BAND_WIDTH = 20            # paragraphs a path may stray from the line between the two texts' ends
MONTHS = {
    **{name: str(n) for n, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"), start=1)},
    **{stem: str(n) for n, stem in enumerate(
        ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
         "ноябр", "декабр"), start=1)},
}
# Russian month names are inflected (сентября, сентябре): matched by stem.
_INFLECTED_MONTHS = tuple(stem for stem in MONTHS if len(stem) > 2 and not stem.isascii())
WORD = re.compile(r"[^\W\d_]+|\d+")
# The same words in an ASCII text (str.isascii reads no character), where the engine tests two ranges of
# letters rather than Unicode's categories (an English paragraph: twice as fast).
_ASCII_WORD = re.compile(r"[A-Za-z]+|[0-9]+")
_LATIN = str.maketrans({**CYRILLIC, **{k.upper(): v for k, v in CYRILLIC.items()}})


@dataclass(frozen=True)
class Link:
    """Paragraphs of the original (indexes) matched to paragraphs of the translation."""

    original: tuple[int, ...]
    translation: tuple[int, ...]
    confidence: float


def anchors(text: str) -> frozenset[str]:
    """What a paragraph shares with its translation: numbers, months, capitalised names."""
    return frozenset(filter(None, map(_anchor, (_ASCII_WORD if text.isascii() else WORD).findall(text))))


@lru_cache(maxsize=1 << 16)
def _anchor(word: str) -> str:
    """The anchor a word is, or "" (a text repeats its words, and one document's words the next's)."""
    if word.isdigit():
        return word.lstrip("0") or "0"
    if (month := _month(word.lower())) is not None:
        return "month-" + month
    if word[0].isupper() and len(word) > 2 and not word.isupper():
        return word.translate(_LATIN).lower()[:4]
    return ""


def _month(word: str) -> str | None:
    if word in MONTHS:
        return MONTHS[word]
    if word.isascii():
        return None
    stem = next((stem for stem in _INFLECTED_MONTHS if word.startswith(stem)), None)
    return MONTHS[stem] if stem and len(word) - len(stem) <= 2 else None


def align(original: list[str], translation: list[str]) -> list[Link]:
    """The likeliest links between two lists of paragraph texts, in order."""
    if not original or not translation:
        return []
    sides = _SharedAnchors(original, translation)
    lengths = ([len(t) for t in original], [len(t) for t in translation])
    ratio = sum(lengths[1]) / max(1, sum(lengths[0]))
    if not ratio:   # no words in the translation outside its notes: nothing to measure
        return []
    links = _trace(_best_paths(sides, ratio), len(original), len(translation), sides, ratio)
    # The ratio of the whole texts is skewed by any paragraph without a counterpart: estimate
    # it again from the one-to-one links found, and align once more with it.
    pairs = [(lengths[0][link.original[0]], lengths[1][link.translation[0]])
             for link in links if len(link.original) == len(link.translation) == 1]
    better = sum(b for _, b in pairs) / max(1, sum(a for a, _ in pairs)) if pairs else ratio
    if better == ratio or not better:   # every paragraph had its one counterpart: a second pass would
        return links                    # find the same; or the pairs found have no length to go by
    return _trace(_best_paths(sides, better), len(original), len(translation), sides, better)


def _best_paths(sides, ratio) -> list[list[tuple[int, int] | None]]:
    """The step that reached each cell (i, j) near the diagonal on its cheapest path (`_paths_in_band`).

    A translation with more paragraphs to each of the original's than the band is wide (one paragraph
    against fifty) has no path in it from one row to the next: its band is widened by that many, so
    its cost still grows with the number of paragraphs (every other text keeps its band, and its links).
    """
    rows, columns = (len(anchors) for anchors in sides.sides)
    taken = _paths_in_band(sides, ratio, BAND_WIDTH)
    if taken[rows][columns] is None:
        taken = _paths_in_band(sides, ratio, BAND_WIDTH + math.ceil(columns / rows))
    return taken


def _paths_in_band(sides, ratio, width: int) -> list[list[tuple[int, int] | None]]:
    """Dynamic programming: the step that reached each cell (i, j) near the diagonal on its cheapest path.

    Only cells within `width` of the straight line between the two texts' ends are explored:
    the line already absorbs the difference in paragraph counts, and the band only has to hold
    where unmatched or merged paragraphs bunch together. So the cost grows with the number of
    paragraphs, not with its square. This loop is the aligner's hot spot, hence plain lists, and
    each row's step costs computed in one go (`_StepCosts.row`) rather than cell by cell.
    """
    rows, columns = (len(anchors) for anchors in sides.sides)
    step_costs = _StepCosts(sides, ratio)
    costs: list[list[float | None]] = [[None] * (columns + 1) for _ in range(rows + 1)]
    taken: list[list[tuple[int, int] | None]] = [[None] * (columns + 1) for _ in range(rows + 1)]
    costs[0][0], taken[0][0] = 0.0, (0, 0)
    for i in range(rows + 1):
        centre = round(i * columns / rows)
        band = range(max(0, centre - width), min(columns, centre + width) + 1)
        steps = [(step, costs[i - step[0]], step[1], row) for step, row in step_costs.row(i, band)]
        row_costs, row_taken = costs[i], taken[i]
        for column, j in enumerate(band):
            found = row_costs[j]
            for step, before, back, row in steps:
                reached = before[j - back] if j >= back else None
                if reached is not None:
                    cost = reached + row[column]
                    if found is None or cost < found:
                        found = row_costs[j] = cost
                        row_taken[j] = step
    return taken


def _trace(taken, rows: int, columns: int, sides, ratio) -> list[Link]:
    links = []
    i, j = rows, columns
    while (i, j) != (0, 0):
        step = taken[i][j]
        start = (i - step[0], j - step[1])
        confidence = _confidence(start, step, sides, ratio)
        links.append(Link(tuple(range(start[0], i)), tuple(range(start[1], j)), round(confidence, 2)))
        i, j = start
    return links[::-1]


def _confidence(start: tuple[int, int], step: tuple[int, int], sides, ratio) -> float:
    """How sure the link is, between 0 and 1 (see the module's docstring)."""
    original, translation = sides.lengths(start, step)
    shared = sides.share(start, step)
    expected = original * ratio
    agreement = min(expected, translation) / max(expected, translation) if expected and translation else 0.0
    return agreement if shared is None else (agreement + shared) / 2


class _StepCosts:
    """The cost of one link (lower is likelier) for each kind of step, as a function of its start cell.

    A matched link costs -log(Gale and Church's probability that lengths this far apart are
    translations × the step's prior), less ANCHOR_WEIGHT × the share of anchors both sides have;
    a link to nothing shares no anchors and costs the same wherever it starts.
    """

    def __init__(self, sides: _SharedAnchors, ratio: float) -> None:
        self.sides, self.ratio = sides, ratio
        self.unmatched = {step: -math.log(max(math.exp(-UNMATCHED_COST), 1e-12) * PRIORS[step])
                          for step in PRIORS if not (step[0] and step[1])}
        # The characters of the translation's groups of one and two paragraphs by their end (column j at
        # j - count), and the same divided by the ratio: each is the same for every row.
        right = sides.prefix[1]
        # As floats: Python's arithmetic mixing an int and a float goes the slow, generic way (the same values:
        # a length is exactly a float).
        self.translations = {count: [float(right[j] - right[j - count]) for j in range(count, len(right))]
                             for count in (1, 2)}
        self.scaled = {count: [length / ratio for length in lengths] for count, lengths in self.translations.items()}

    def row(self, i: int, band: range) -> list[tuple[tuple[int, int], list[float]]]:
        """The cost of each step that can end in row `i`, for each column of `band` it ends in (in
        PRIORS's order, which decides between equal costs)."""
        return [(step, self._matched(step, i - step[0], band) if step[0] and step[1]
                 else [self.unmatched[step]] * len(band))
                for step in PRIORS if i >= step[0]]

    def _matched(self, step: tuple[int, int], first: int, band: range) -> list[float]:
        """A matched step's cost from row `first` to each column of `band` (0.0 where it cannot start)."""
        prior, (a, b) = PRIORS[step], step
        left = self.sides.prefix[0]
        original = float(left[first + a] - left[first])   # a float, as `translations` are
        expected = original * self.ratio
        start = max(band.start, b)   # the first column a group of b paragraphs can end in
        costs = [0.0] * (start - band.start)
        ends = slice(start - b, band.stop - b)
        sqrt, erf, log = math.sqrt, math.erf, math.log
        least_likely = -log(1e-12 * prior)
        for translation, scaled, bonus in zip(self.translations[b][ends], self.scaled[b][ends],
                                              self.sides.bonuses(step, first, band)[start - band.start:], strict=True):
            mean = (original + scaled) / 2.0
            if mean == 0.0:
                fit = 1.0
            else:  # both tails of the normal distribution beyond ±delta
                delta = abs(translation - expected) / sqrt(mean * VARIANCE)
                if delta >= FAR:
                    costs.append(least_likely - bonus)
                    continue
                # 2 × (1 - (1 + erf) / 2), to the last bit: each step of that is exact in floating point
                fit = 2.0 - (1.0 + erf(delta / SQRT_2))
            costs.append(-log(fit * prior if fit >= 1e-12 else 1e-12 * prior) - bonus)
        return costs


class _SharedAnchors:
    """Each paragraph's anchors and length; what a group of them shares."""

    def __init__(self, original: list[str], translation: list[str]) -> None:
        self.sides = ([anchors(t) for t in original], [anchors(t) for t in translation])
        self.prefix = tuple(list(accumulate((len(t) for t in texts), initial=0)) for texts in (original, translation))
        # The anchors of a group of 0, 1 or 2 paragraphs by its first paragraph, on each side.
        # Each anchor is a bit (in any order: only counts of bits are asked), so that what two groups share
        # is one `&` of two integers, not a new set.
        bits = {anchor: 1 << n for n, anchor in enumerate(set().union(*self.sides[0], *self.sides[1]))}
        masks = tuple([sum(map(bits.__getitem__, anchors)) for anchors in side] for side in self.sides)
        self.groups = tuple(([0] * (len(side) + 1), side, [a | b for a, b in pairwise(side)]) for side in masks)
        self._bonuses: dict[tuple[tuple[int, int], int, int, int], list[float]] = {}

    def lengths(self, start: tuple[int, int], step: tuple[int, int]) -> tuple[int, int]:
        """The characters of the original's and the translation's paragraphs in one link."""
        return tuple(prefix[first + count] - prefix[first]
                     for prefix, first, count in zip(self.prefix, start, step, strict=True))

    def bonuses(self, step: tuple[int, int], first: int, band: range) -> list[float]:
        """ANCHOR_WEIGHT × the share of anchors of a step from row `first` to each column of `band`;
        worked out once for both passes of the aligner, as they do not depend on the length ratio."""
        key = (step, first, band.start, band.stop)
        found = self._bonuses.get(key)
        if found is None:
            a, b = step
            ours, theirs = self.groups[0][a][first], self.groups[1][b]
            found = self._bonuses[key] = [ANCHOR_WEIGHT * _jaccard(ours, theirs[j - b]) if j >= b and ours else 0.0
                                          for j in band]
        return found

    def share(self, start: tuple[int, int], step: tuple[int, int]) -> float | None:
        """The share of anchors both sides of a link have (Jaccard), None when neither has any."""
        left, right = self.groups[0][step[0]][start[0]], self.groups[1][step[1]][start[1]]
        common = (left & right).bit_count()
        union = left.bit_count() + right.bit_count() - common
        return common / union if union else None


def _jaccard(ours: int, theirs: int) -> float:
    """The share of anchors two groups have in common, of all they have (each anchor a bit)."""
    common = (ours & theirs).bit_count()
    union = ours.bit_count() + theirs.bit_count() - common
    return common / union if union else 0.0
