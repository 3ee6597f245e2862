"""Bad input gets a positioned, actionable error and never loses text."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from unittest.mock import patch
from xml.sax.saxutils import escape

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei import encode, to_source
from tei.api import encode_document
from tei.commands.encode import encode_file
from tei.errors import SourceError
from tei.fsutil import atomic_write
from tei.reader import tokens
from tei.reader.inline import MAX_DEPTH
from tei.reader.tokens import RUN_PIECE

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_e138d62deb00a27f.txt"


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    return path


def test_bytes_that_are_not_utf8_are_reported_with_line_column_and_offset(tmp_path: Path) -> None:
    path = _write(tmp_path, "First line.\nВторая строка.".encode("cp1251"))
    with pytest.raises(SourceError) as error:
        encode_file(path)
    assert error.value.position.line == 2 and error.value.position.column == 1
    assert "offset 12" in str(error.value) and "--encoding" in str(error.value)


def test_another_encoding_can_be_chosen(tmp_path: Path) -> None:
    path = _write(tmp_path, "Вторая строка текста.".encode("cp1251"))
    assert "Вторая строка текста." in encode_file(path, "cp1251").tei.decode()


def test_an_unknown_encoding_name_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="unknown text encoding"):
        encode_file(_write(tmp_path, b"Text."), "no-such-codec")


def _without_hash(tei: bytes) -> bytes:
    return re.sub(rb'<idno type="sha256">[0-9a-f]+</idno>', b"", tei)


def test_line_ends_change_only_the_recorded_hash(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    plain = encode_file(_write(tmp_path, text.encode())).tei
    for line_end in ("\r\n", "\r"):
        assert _without_hash(encode_file(_write(tmp_path, text.replace("\n", line_end).encode())).tei) == \
            _without_hash(plain)


def test_the_hash_is_of_the_bytes_as_read(tmp_path: Path) -> None:
    data = "Первая строка.\r\n".encode("cp1251")
    tei = encode_file(_write(tmp_path, data), "cp1251").tei
    assert hashlib.sha256(data).hexdigest().encode() in tei


def test_a_byte_order_mark_is_recorded_and_restored(tmp_path: Path) -> None:
    for text in (SEED.read_text(encoding="utf-8"), "A fragment without a header.\n"):
        tree = etree.fromstring(encode_file(_write(tmp_path, b"\xef\xbb\xbf" + text.encode())).tei)
        assert to_source(tree) == "\ufeff" + text


def test_the_api_and_the_command_line_give_the_same_tei(tmp_path: Path) -> None:
    text = "Para one.\r\n\r\n# Heading\r\nPara [two].\r\n"
    assert encode_document(text, "doc.txt").tei == encode_file(_write(tmp_path, text.encode())).tei


def test_a_character_xml_cannot_hold_is_refused_with_its_position() -> None:
    with pytest.raises(SourceError) as error:
        encode("Line one.\nBad \x01 char.")
    assert (error.value.position.line, error.value.position.column) == (2, 5)
    assert "U+0001" in str(error.value)


@pytest.mark.parametrize("text", ["", "   \n\t\n\u00a0\n"])
def test_an_empty_file_is_refused(text: str) -> None:
    with pytest.raises(SourceError, match="empty"):
        encode(text)


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="binary"):
        encode_file(_write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le"])
def test_a_utf16_or_utf32_transcription_is_encoded_when_its_encoding_is_given(tmp_path: Path, encoding: str) -> None:
    text = "Первая строка.\n\nA second [handwritten: paragraph].\n"
    tree = etree.fromstring(encode_file(_write(tmp_path, text.encode(encoding)), encoding).tei)
    assert to_source(tree) == text


def test_a_utf16_file_read_as_utf8_is_refused_naming_its_encoding(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="binary") as error:
        encode_file(_write(tmp_path, "A line.\n".encode("utf-16")))
    assert "--encoding utf-16" in str(error.value)


def test_brackets_nested_ten_thousand_deep_are_kept_and_reported() -> None:
    text = "Deep " + "[" * 10_000 + "x" + "]" * 10_000 + " end."
    encoded = encode_document(text)
    assert to_source(etree.fromstring(encoded.tei)).strip() == text
    assert any(f"deeper than {MAX_DEPTH}" in d.message for d in encoded.diagnostics)


@pytest.mark.parametrize("text, delimiter", [
    ("An open [ bracket.", "["), ("A close ] bracket.", "]"),
    ("A lone ~~ strike.", "~~"), ("A lone <del> tag.", "<del>"), ("A lone </del> tag.", "</del>"),
])
def test_unbalanced_delimiters_are_kept_as_text_and_reported(text: str, delimiter: str) -> None:
    encoded = encode_document(text, "doc.txt")
    assert f'<seg type="unbalanced">{escape(delimiter, {">": "&gt;"})}</seg>' in encoded.tei.decode()
    [diagnostic] = encoded.diagnostics
    assert diagnostic.rule == "unbalanced"
    assert str(diagnostic).startswith(f"doc.txt:1:{text.index(delimiter) + 1}: warning: [unbalanced]")


def test_a_long_run_of_unpaired_delimiters_is_kept_in_a_few_elements_with_a_few_warnings() -> None:
    """The first delimiters past the nesting limit and the last are kept one by one, those between
    in pieces of a few thousand characters."""
    text = "Para " + "[x" * 25_000 + " end."
    encoded = encode_document(text, "doc.txt")
    assert to_source(etree.fromstring(encoded.tei)).strip() == text
    segs = etree.fromstring(encoded.tei).findall(".//{*}seg[@type='unbalanced']")
    pieces = -(-49_869 // RUN_PIECE)
    assert len(segs) == MAX_DEPTH + pieces + 1 and "".join(s.text for s in segs[MAX_DEPTH:-1]) == \
        ("[x" * (25_000 - MAX_DEPTH - 1))[:-1]
    run_start = len("Para ") + 2 * MAX_DEPTH
    assert len(encoded.diagnostics) == len(segs)
    assert str(encoded.diagnostics[MAX_DEPTH]).startswith(f"doc.txt:1:{run_start + 1}: warning: [unbalanced] '[x[x")
    assert f"({RUN_PIECE:,} characters)" in encoded.diagnostics[MAX_DEPTH].message


SIGNS = ["[", "[[", "]", "]]", "<del>", "</del>", "~~", "*", "[SIC]", "[handwritten: ", "[illegible]", "x", " w ",
         "\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SIGNS), st.integers(1, 200)), min_size=1, max_size=6))
@example([("[", 100), (" w ", 1), ("]", 100)])
@example([("[[", 40), ("~~", 3), ("]", 200), ("[SIC]", 30)])
@example([("[", 156), (" w ", 30), ("[", 3), ("\n", 2)])  # the run's words count towards the heading rule
def test_runs_of_delimiters_encode_as_they_would_one_by_one(pieces: list[tuple[str, int]]) -> None:
    """Where a run of delimiters becomes one element, each of them alone would have been kept as text too:
    without the `seg type="unbalanced"` tags, the TEI is the same as when every delimiter is a token."""
    text = "Para " + "".join(sign * count for sign, count in pieces) + " end."
    merged = encode_document(text, "doc.txt", names=False).tei
    with patch.object(tokens, "_PATTERN", tokens._SINGLE):
        single = encode_document(text, "doc.txt", names=False).tei
    assert re.sub(rb'<seg type="unbalanced">|</seg>', b"", merged) == re.sub(rb'<seg type="unbalanced">|</seg>', b"",
                                                                            single)


def test_an_unknown_label_is_kept_and_reported_with_its_position() -> None:
    encoded = encode_document("Text.\n\nA mark [Marginal mark: X] here.", "doc.txt")
    assert '<seg type="unclassified" rend="brackets">Marginal mark: X</seg>' in encoded.tei.decode()
    assert [str(d.position) for d in encoded.diagnostics] == ["doc.txt:3:8"]


def test_a_twenty_megabyte_transcription_is_encoded() -> None:
    paragraph = SEED.read_text(encoding="utf-8").split("\n\n")[3] + "\n\n"
    text = paragraph * (20_000_000 // len(paragraph) + 1)
    tei = encode_document(text).tei
    assert len(tei) > 20_000_000
    assert tei.count(b"<p ") == text.count("\n\n")


def test_an_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "doc.xml"
    target.write_bytes(b"<good/>")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"<half")
    assert target.read_bytes() == b"<good/>"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.xml"]


def test_a_contents_list_that_disagrees_with_the_text_is_reported() -> None:
    text = (SEED.parent / "004_e498531131f8b392.txt").read_text(encoding="utf-8")
    encoded = encode_document(text.replace("Transcript - Russian\n\n", ""), "doc.txt")
    assert [d.rule for d in encoded.diagnostics] == ["contents-mismatch"]
    assert b'type="transcription"' in encoded.tei


def test_a_line_longer_than_xml_parsers_read_in_one_piece_is_refused_where_it_starts(tmp_path: Path) -> None:
    """10,000,000 bytes of UTF-8 (libxml2's limit, which the safe parser keeps): the TEI of a longer line
    could not be read back by `tei validate`, `source`, `web` or `pdf`."""
    from tei.reader.source import LONGEST_LINE

    fits = "я" * (LONGEST_LINE // 2)
    path = _write(tmp_path, f"A short line.\n\n{fits}\n\nAnother.\n\nx{fits}\n".encode())
    with pytest.raises(SourceError) as error:
        encode_file(path)
    assert (error.value.position.line, error.value.position.column) == (7, 1)
    assert f"{LONGEST_LINE + 1:,} bytes long" in str(error.value)
