"""One edition order and one frozen number per document.

The order is chronological, undated documents last, then by title and name: the same
function orders the web index, the pages' previous/next links and the PDF volume.

A number, once given, is kept in the edition's state file (`document-numbers.toml`, beside
`edition.toml`) and never recomputed, so adding a document neither renumbers nor re-renders
the others. A newcomer that goes after every numbered document gets the next whole number;
one that goes between two numbered documents gets the number of the one before it plus the
first free letter (`12a`, then `12b`); one that goes before the first gets `0a`. The number
of a document whose source is removed is kept, so it is never given to another.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tei import tomlsafe
from tei.errors import TeiToolkitError
from tei.fsutil import read_file

STATE_FILE = "document-numbers.toml"
STATE_HEADER = """\
# The document numbers of this edition, written by `tei build`. A number is given once and
# never recomputed: a newcomer between two documents gets the earlier one's number and a
# letter (12a), one after every other the next whole number. Keep this file with the sources.
"""


class NumberingError(TeiToolkitError):
    """The state file of document numbers cannot be read."""


@dataclass(frozen=True)
class OrderFacts:
    """What places a document in the edition: its ISO date ("" when undated) and title."""

    name: str
    date: str = ""
    title: str = ""


def edition_order(facts: Iterable[OrderFacts]) -> list[str]:
    """The documents' names in edition order: by date, undated last, then title and name."""
    return [f.name for f in sorted(facts, key=lambda f: (not f.date, f.date, f.title.casefold(), f.name))]


def assign_numbers(order: list[str], frozen: dict[str, str]) -> dict[str, str]:
    """Every document's number: the frozen ones kept, newcomers numbered as the module says.

    One pass, linear in the documents: which places have a frozen document after them is
    known beforehand, and the highest number and the numbers taken are kept as they grow.
    """
    numbers = dict(frozen)
    taken = set(numbers.values())
    highest = _highest_whole(taken)
    frozen_after = _frozen_after(order, frozen)
    for index, name in enumerate(order):
        if name in numbers:
            continue
        if not frozen_after[index]:
            highest += 1
            numbers[name] = str(highest)
        else:
            before = numbers[order[index - 1]] if index else "0"
            numbers[name] = _lettered(_whole_part(before), taken)
        taken.add(numbers[name])
    return numbers


def _frozen_after(order: list[str], frozen: dict[str, str]) -> list[bool]:
    """For each place of the order: whether a document with a frozen number comes later."""
    after, seen = [False] * len(order), False
    for index in range(len(order) - 1, -1, -1):
        after[index] = seen
        seen = seen or order[index] in frozen
    return after


def _whole_part(number: str) -> str:
    match = re.match(r"\d+", number)
    return match.group() if match else "0"


def _highest_whole(numbers: Iterable[str]) -> int:
    return max((int(_whole_part(n)) for n in numbers), default=0)


def _lettered(whole: str, taken: set[str]) -> str:
    """`whole` with the first free suffix: a … z, then za … zz."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for suffix in [*letters, *("z" + letter for letter in letters)]:
        if whole + suffix not in taken:
            return whole + suffix
    raise NumberingError(f"no free number left after {whole}: renumber by hand in {STATE_FILE}")


def read_state(path: Path) -> dict[str, str]:
    """The frozen numbers, by document name; none when the file does not exist yet."""
    try:
        text = read_file(path).decode("utf-8")
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise NumberingError(f"{path}: error: cannot read the document numbers: {err.strerror}") from None
    try:
        table = tomlsafe.loads(text).get("numbers", {})
    except tomlsafe.TOMLDecodeError as err:
        raise NumberingError(f"{path}: error: {err}") from None
    if not isinstance(table, dict) or not all(isinstance(v, str) and v for v in table.values()):
        raise NumberingError(f"{path}: error: [numbers] must map document names to numbers as strings")
    return dict(table)


def state_text(numbers: dict[str, str]) -> str:
    """The state file: one `"name" = "number"` line per document, sorted by name."""
    lines = [f"{json.dumps(name, ensure_ascii=False)} = {json.dumps(number)}"
             for name, number in sorted(numbers.items())]
    return STATE_HEADER + "\n[numbers]\n" + "\n".join(lines) + "\n"
