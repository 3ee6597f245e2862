"""Source files as text: decoding with positioned errors, line ends, and offset → line:column."""

from __future__ import annotations

import bisect
import codecs
import hashlib
import re
from dataclasses import dataclass, field

from tei.errors import Position, SourceError

# XML 1.0 cannot carry these code points at all, not even as character references.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BINARY_SAMPLE = 8192
# Byte-order marks of UTF-32 before UTF-16's: UTF-32-LE's begins with UTF-16-LE's.
_WIDE_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
               (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# libxml2's longest text in one piece (XML_MAX_TEXT_LENGTH, UTF-8 bytes), a limit the safe parser keeps
# (tei/xmlsafe.py): a line longer than that, one text of the TEI, would be written as a file that no
# command of the toolkit could read back.
LONGEST_LINE = 10_000_000


@dataclass
class SourceText:
    """The text of one transcription, with what is needed to point into it."""

    text: str
    path: str = "<string>"
    line_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(self.path, line + 1, offset - self.line_starts[line] + 1, offset)


@dataclass(frozen=True)
class Prepared:
    """A transcription ready to read: its text, and what reading it must not forget."""

    text: str                    # without a BOM, LF line ends, no U+0020 at line ends
    sha256: str                  # of the bytes as read (of the UTF-8 text when given text)
    byte_order_mark: bool


def prepare(source: str | bytes, path: str = "<string>", encoding: str = "utf-8") -> Prepared:
    """The one way into the reader, for the API and the command line alike."""
    if isinstance(source, bytes):
        data, text = source, decode(source, path, encoding)
    else:
        data, text = source.encode("utf-8", "surrogatepass"), source
    return Prepared(comparable(text).removeprefix("\ufeff"), hashlib.sha256(data).hexdigest(),
                    text.startswith("\ufeff"))


def comparable(text: str) -> str:
    """The only two normalisations of the round trip: line-end style, and U+0020 at line ends."""
    if "\r" not in text and " \n" not in text and not text.endswith(" "):
        return text   # the usual file: nothing to normalise, three scans in C say so
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join([line.rstrip(" ") for line in lines])  # a regex would be quadratic on long runs


def decode(data: bytes, path: str = "<bytes>", encoding: str = "utf-8") -> str:
    """Bytes to text, exactly (BOM and line ends included); bad bytes are a positioned error."""
    if b"\x00" in data[:_BINARY_SAMPLE] and not _is_wide(encoding):
        raise SourceError(Position(path, 1, 1), "this looks like a binary file (it contains NUL bytes)",
                          _binary_hint(data))
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise _decode_error(data, path, encoding, err) from None
    except LookupError:
        raise SourceError(Position(path, 1, 1), f"unknown text encoding {encoding!r}",
                          "use a Python codec name such as utf-8, cp1251 or koi8-r") from None


def _is_wide(encoding: str) -> bool:
    """True for UTF-16 and UTF-32, whose text has NUL bytes: a NUL there does not mean binary."""
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False            # decode() says the encoding is unknown


def _binary_hint(data: bytes) -> str:
    """What to do with a file of NUL bytes: name the encoding when its byte-order mark gives it away."""
    for mark, encoding in _WIDE_MARKS:
        if data.startswith(mark):
            return f"it starts as {encoding} text does: pass --encoding {encoding}"
    return "give a plain-text transcription"


def _decode_error(data: bytes, path: str, encoding: str, err: UnicodeDecodeError) -> SourceError:
    before = data[: err.start].decode(encoding, errors="replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return SourceError(
        Position(path, line, column, err.start),
        f"byte 0x{data[err.start]:02x} at offset {err.start} is not valid {encoding}",
        "if the file is in another encoding, pass it with --encoding (e.g. --encoding cp1251)",
    )


def check_xml_characters(source: SourceText) -> None:
    """Refuse characters that no XML 1.0 file can hold, rather than write an ill-formed file."""
    bad = _XML_FORBIDDEN.search(source.text)
    if bad:
        raise SourceError(source.position(bad.start()),
                          f"character U+{ord(bad.group()):04X} cannot be written in XML 1.0",
                          "remove it or replace it in the transcription")


def check_line_lengths(source: SourceText) -> None:
    """Refuse a line longer than the safe parser reads back (LONGEST_LINE), rather than write TEI it refuses."""
    if len(source.text) * 4 <= LONGEST_LINE:
        return              # no line of it can be that long (a character is at most 4 bytes)
    start = 0
    for line in source.text.split("\n"):
        if len(line) * 4 > LONGEST_LINE and (size := len(line.encode("utf-8", "surrogatepass"))) > LONGEST_LINE:
            raise SourceError(source.position(start),
                              f"this line is {size:,} bytes long, more than XML parsers read in one piece "
                              f"({LONGEST_LINE:,})", "break it into lines or paragraphs")
        start += len(line) + 1


def check_not_empty(source: SourceText) -> None:
    if not source.text.strip():
        raise SourceError(Position(source.path, 1, 1), "the file is empty or holds only white space",
                          "a transcription needs at least one paragraph of text")
