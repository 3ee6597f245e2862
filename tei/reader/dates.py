"""Dates in running text, closers and datelines → ISO 8601, and the date strings not understood.

Understood: `22 September`, `September 23, 1956`, `"15" October 1956`, `22 сентября`,
`23 сентября 1956 г.`, `16. IX. 56 г.`, `16.IX.56`. A date without a year takes the document's
year (from its header, else from the first full date of its text) and is marked as inferred; a
two-digit year takes the century of the document's year. A day and month that do not exist, a
month named alone (`the August plenum`) and a day followed by an unknown month word
(`23 cent 1956`) are reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tei.reader.spans import Covered

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MONTH_NUMBERS = {name: n for names in (EN_MONTHS, RU_MONTHS, ROMAN) for n, name in enumerate(names, start=1)}
_EN = "|".join(EN_MONTHS)
_RU = "|".join(RU_MONTHS)
_ROMAN = "|".join(sorted(ROMAN, key=len, reverse=True))
_YEAR = r"(?P<year>\d{4})"
# A lookahead for the characters a match can begin with, before the alternatives: without it the
# regex engine tries every alternative (each behind a lookbehind) at every character of a text,
# with it it skips in C to the next digit, quote or month's initial (3-4 times faster on prose).
_INITIALS = "".join(sorted({month[0] for month in EN_MONTHS}))
DATE = re.compile(
    rf"(?=[\d\"{_INITIALS}])(?:"  # the characters a date can begin with: see _INITIALS
    rf"(?<![\w\"])(?P<month_first>{_EN})\s(?P<day_after>\d{{1,2}}),\s{_YEAR}(?!\w)"
    rf"|(?<!\w)(?:\"(?=\d{{1,2}}\"))?(?P<day>\d{{1,2}})\"?\s(?P<month>{_EN}|{_RU})(?:\s(?P<year2>\d{{4}})(?:\sг\.)?)?(?!\w)"
    rf"|(?<!\w)(?P<rday>\d{{1,2}})\.\s?(?P<rmonth>{_ROMAN})\.\s?(?P<ryear>\d{{4}}|\d{{2}})(?:\sг\.)?(?!\w))"
)
# What looks like a date but is not one of the above: a month alone, a day, a word and a year, or a day,
# a Roman numeral that is no month and a year (`16.XIII.56`).
DATE_LIKE = re.compile(rf"(?=[\d{_INITIALS}])(?:(?<!\w)(?:{_EN})(?!\w)"
                       rf"|(?<!\w)\d{{1,2}}\s[^\W\d]{{3,}}\.?\s\d{{4}}(?!\w)"
                       rf"|(?<!\w)\d{{1,2}}\.\s?[IVXLC]+\.\s?(?:\d{{4}}|\d{{2}})(?!\w))")
# Every date has a digit, and every date-like string a digit or a month's name: a text without them
# is not scanned by the two patterns above, which try each of its characters.
_DIGIT = re.compile(r"\d")
_MONTH_NAME = re.compile(_EN)


def may_hold_dates(text: str) -> bool:
    """Whether `text` may hold a date or a date-like string: most runs of text have neither a digit nor
    a month's name, and the recogniser then skips both scans (and their three searches) at once."""
    return _DIGIT.search(text) is not None or _MONTH_NAME.search(text) is not None


DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    when: str            # ISO 8601, "" if the date does not exist
    inferred_year: bool


def full_year(text: str) -> str:
    """The first four-digit year a full date in `text` gives, or ""."""
    for match in DATE.finditer(text):
        year = match.group("year") or match.group("year2") or match.group("ryear")
        if year and len(year) == 4:
            return year
    return ""


def find_dates(text: str, document_year: str) -> list[FoundDate]:
    """Every date in `text`, with its ISO form (empty when the day or month does not exist)."""
    found: list[FoundDate] = []
    if not _DIGIT.search(text):
        return found
    for match in DATE.finditer(text):
        day, month, year = _parts(match)
        inferred = not year
        if inferred:
            year = document_year
        elif len(year) == 2:
            year = (document_year[:2] or "19") + year
        when = _iso(year, month, day)
        found.append(FoundDate(match.start(), match.end(), when, inferred))
    return found


def _parts(match: re.Match) -> tuple[int, int, str]:
    if match.group("month_first"):
        return int(match.group("day_after")), MONTH_NUMBERS[match.group("month_first")], match.group("year")
    if match.group("month"):
        return int(match.group("day")), MONTH_NUMBERS[match.group("month")], match.group("year2") or ""
    return int(match.group("rday")), MONTH_NUMBERS[match.group("rmonth")], match.group("ryear")


def _iso(year: str, month: int, day: int) -> str:
    if not year or not 1 <= day <= DAYS[month - 1]:
        return ""
    if month == 2 and day == 29 and not _leap(int(year)):
        return ""
    return f"{year}-{month:02d}-{day:02d}"


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def not_understood(text: str, found: list[FoundDate]) -> list[tuple[int, str]]:
    """(offset, string) of every date found that does not exist (`31 February 1956`, `0 September`, a date
    without a year in a document without one) and of every date-like string outside the dates found."""
    if not (found or _DIGIT.search(text) or _MONTH_NAME.search(text)):
        return []
    covered = Covered((d.start, d.end) for d in found)
    return sorted([(d.start, text[d.start:d.end]) for d in found if not d.when]
                  + [(m.start(), m.group()) for m in DATE_LIKE.finditer(text) if not covered.holds(m.start())])
