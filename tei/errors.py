"""The toolkit's exceptions: one hierarchy, positioned where a source position is known."""

from __future__ import annotations

import re
from typing import NamedTuple

# What would break a message's line or play tricks in a terminal: control characters (a newline, an escape),
# the line and paragraph separators and the direction overrides (a name that reads backwards); and what no
# stream can write as UTF-8: the lone surrogates that stand for a file name's bytes that are not UTF-8.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(text: str) -> str:
    """`text` with each character _UNPRINTABLE matches written as in a Python string (`\\n`, `\\x1b`): a
    file may be named anything, and each message must stay one line that shows which file it is."""
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


class TeiToolkitError(Exception):
    """Base class of every error the toolkit raises on purpose.

    One made with `at` also keeps where and what apart (`position`, `message`), so the build
    turns it into a diagnostic without reading its text again.
    """

    position: Position | None = None
    message: str = ""

    @classmethod
    def at(cls, path: str | object, message: str, line: int = 0, column: int = 0) -> TeiToolkitError:
        """The error `path[:line:column]: error: message`; a line of 0 means the file as a whole."""
        where = f"{one_line(str(path))}:{line}:{column or 1}" if line else one_line(str(path))
        error = cls(f"{where}: error: {message}")
        error.position, error.message = Position(str(path), line or 1, column or 1), message
        return error


class Position(NamedTuple):
    """A place in a source file: 1-based line and column, 0-based character offset.

    A named tuple rather than a dataclass: the reader makes one per convention it meets.
    """

    path: str
    line: int
    column: int
    offset: int = 0

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}:{self.column}"


class SourceError(TeiToolkitError):
    """A source file cannot be read as a transcription; says where and what was expected."""

    def __init__(self, position: Position, message: str, hint: str = "") -> None:
        self.position = position
        self.message = message
        self.hint = hint
        text = f"{position}: error: {message}"
        super().__init__(f"{text} ({hint})" if hint else text)


class UnsafeXMLError(TeiToolkitError):
    """An XML file asks for something a safe parser refuses (entities, DTDs, network)."""


class XMLSyntaxError(TeiToolkitError):
    """An XML file is not well-formed; carries the position lxml reported."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        self.path, self.line, self.column, self.message = path, line, column, message
        self.position = Position(path, line, column)
        super().__init__(f"{self.position}: error: {message}")


class OutputError(TeiToolkitError):
    """An output cannot be written (disk full, read-only, a file where a folder should be)."""
