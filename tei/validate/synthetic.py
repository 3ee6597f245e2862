"""Synthetic transcriptions for benchmarks and property tests: seeds with varied paragraphs.

Each variant repeats some of a seed's plain paragraphs (right after the original, where a
plain paragraph is always allowed) with different numbers, so the encoder meets the seeds'
conventions in new documents of similar size. Deterministic: variant i is always the same.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

# A block the encoder reads as an ordinary paragraph: no heading, list, bracket or markup start.
_PLAIN = re.compile(r"^[A-Za-zА-Яа-яЁё\"'(][^\n]{80,}$")


def _vary_numbers(text: str, rng: random.Random) -> str:
    return re.sub(r"\b\d{1,2}\b", lambda m: str(rng.randint(1, 28)), text)


def variant(text: str, index: int) -> str:
    """The index-th variant of a transcription."""
    rng = random.Random(index)
    blocks = text.split("\n\n")
    out: list[str] = []
    for block in blocks:
        out.append(block)
        if _PLAIN.match(block) and rng.random() < 0.3:
            out.extend(_vary_numbers(block, rng) for _ in range(rng.randint(1, 2)))
    return "\n\n".join(out)


def synthetic_transcriptions(seeds: list[Path], count: int) -> Iterator[tuple[str, str]]:
    """(file name, text) for `count` variants, cycling through the seeds."""
    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(seeds)]
    for index in range(count):
        stem, text = texts[index % len(texts)]
        yield f"synthetic-{index:04d}-{stem}.txt", variant(text, index)
