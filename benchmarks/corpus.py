"""A deterministic synthetic corpus in the seeds' conventions, for benchmarks.

`generate(n, folder)` writes n transcriptions, each with a Wilson Center style
header (date, title, citation, summary, credits, languages) and a body that mixes
the editorial signs of the seeds ([handwritten: …], [inserted by hand: …],
[Translator's note: …], *transliteration*, c[omrade], [illegible], ~~struck~~,
numbered lists, sheet markers, a closer) over text drawn from the seeds' own
words. The same n always gives the same bytes: the only randomness is a
`random.Random` seeded with the document's number.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from tei.resources import data_dir

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ARCHIVES = ("RGANI, Fond 5, Opis 28, Delo {d}, List {l}",
            "State Archive of the Russian Federation, fond 5446, opis 98c, delo {d}",
            "AVP RF, Fond 0102, Opis 12, Delo {d}, Listy {l}-{m}")
KINDS = ("Report", "Cable", "Letter", "Memorandum of Conversation", "Telegram", "Note")
PEOPLE = ("Kim Il Sung", "A. Mikoyan", "Peng Dehuai", "V. Ivanov", "Mao Zedong", "I. Vinogradov")
TRANSLITERATED = ("vystupili", "tovarishch", "soveshchanie", "partiinost'", "kollektiv")


def _vocabulary() -> list[str]:
    """The English words of the seeds, lower-case, in first-seen order (no duplicates)."""
    words: dict[str, None] = {}
    for path in sorted(data_dir("seeds").glob("*.txt")):
        for word in re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8")):
            words.setdefault(word.lower(), None)
    return list(words)


class _Writer:
    """Sentences, paragraphs and editorial signs for one document, from its own Random."""

    def __init__(self, number: int, vocabulary: list[str]) -> None:
        self.rng = random.Random(number)
        self.number = number
        self.words = vocabulary

    def sentence(self, low: int = 8, high: int = 24) -> str:
        words = self.rng.choices(self.words, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def sign(self) -> str:
        """One editorial sign of the seeds, with varied content."""
        rng, words = self.rng, " ".join(self.rng.choices(self.words, k=self.rng.randint(2, 6)))
        signs = (
            f"[handwritten: {words}]",
            f"[inserted by hand: {words}]",
            f"[Translator's note: {words}]",
            f"*{rng.choice(TRANSLITERATED)}*",
            "c[omrade]",
            "[illegible]",
            f"~~{words}~~",
            f"[in the handwritten version: ~~{words}~~]",
            f"[{rng.choice(PEOPLE)}]",
        )
        return rng.choice(signs)

    def paragraph(self) -> str:
        parts = [self.sentence() for _ in range(self.rng.randint(2, 6))]
        for _ in range(self.rng.randint(0, 3)):
            at = self.rng.randrange(len(parts))
            parts[at] = parts[at][:-1] + " " + self.sign() + "."
        return " ".join(parts)

    def header(self) -> str:
        rng = self.rng
        year, month, day = rng.randint(1950, 1962), rng.choice(MONTHS), rng.randint(1, 28)
        date = f"{month} {day}, {year}"
        title = f"{rng.choice(KINDS)} on {' '.join(rng.choices(self.words, k=5))}".title()
        archive = rng.choice(ARCHIVES).format(d=rng.randint(1, 999), l=rng.randint(1, 300),
                                              m=rng.randint(301, 400))
        return (
            f"\n\n**{date}**\n\n**{title}**\n\n**Citation:**\n\n"
            f'"{title}", {date}, Wilson Center Digital Archive, {archive}. '
            f"Translated by {rng.choice(PEOPLE)}.\n\n"
            f"<https://example.org/document/{100000 + self.number}>\n\n"
            f"**Summary:**\n\n{self.sentence()}\n\n**Credits:**\n\n"
            "This document was made possible with support from a foundation.\n\n"
            "**Original Language:**\n\nRussian\n\n**Contents:**\n\nTranslation - English\n\n"
        )

    def body(self) -> str:
        rng = self.rng
        blocks = ["## TO THE CPSU CENTRAL COMMITTEE"]
        for index in range(rng.randint(3, 9)):
            if index and rng.random() < 0.15:
                blocks.append(f"лист {index + 1}")
            if rng.random() < 0.15:
                blocks.append("\n".join(f"{n}. {self.sentence(4, 10)}" for n in range(1, 4)))
            blocks.append(self.paragraph())
        blocks.append(f"{rng.choice(PEOPLE).upper()}\n\n"
                      f'"{rng.randint(1, 28)}" {rng.choice(MONTHS)} {rng.randint(1950, 1962)}  \n'
                      f"No. {rng.randint(10, 99)}-C-{rng.randint(1000, 9999)}")
        return "\n\n".join(blocks) + "\n"


def document(number: int, vocabulary: list[str] | None = None) -> str:
    """The text of synthetic document `number`."""
    writer = _Writer(number, vocabulary or _vocabulary())
    return writer.header() + writer.body()


def generate(count: int, folder: Path) -> list[Path]:
    """Write documents 0 … count-1 as folder/doc-NNNNN.txt; files already right are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    vocabulary = _vocabulary()
    paths = []
    for number in range(count):
        path = folder / f"doc-{number:05d}.txt"
        text = document(number, vocabulary)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
