"""Which parts of a text are already taken (by a date, a name), asked in logarithmic time.

The recogniser asks, for every name and every capitalised word of a paragraph, whether a date
found before stands there; asking each span in turn made a long paragraph full of dates and names
quadratic. The spans are merged once into sorted, disjoint ranges and each question is one bisection.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class Covered:
    """The union of ranges [start, end) of a text."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(r for r in ranges if r[1] > r[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with the ranges."""
        i = bisect_left(self.starts, end) - 1      # the last range starting before `end`
        return i >= 0 and self.ends[i] > start

    def holds(self, offset: int) -> bool:
        """Whether the character at `offset` lies in the ranges."""
        return self.overlaps(offset, offset + 1)
