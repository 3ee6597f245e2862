"""Safe parsing: every classic XML attack is refused with a clear, positioned error."""

from __future__ import annotations

import pytest

from tei.errors import UnsafeXMLError, XMLSyntaxError
from tei.xmlsafe import parse_xml


def test_a_plain_tei_file_parses(tmp_path):
    path = tmp_path / "ok.xml"
    path.write_bytes(b'<?xml version="1.0"?>\n<!-- a comment -->\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    assert parse_xml(path).getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"


def test_xxe_reading_a_local_file_is_refused_and_nothing_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n<TEI>&x;</TEI>').encode()
    with pytest.raises(UnsafeXMLError) as caught:
        parse_xml(data, path="xxe.xml")
    assert (caught.value.line, caught.value.column) == (2, 1)
    assert "TOP-SECRET-CONTENT" not in str(caught.value)
    assert str(caught.value).startswith("xxe.xml:2:1: error: refused a document type declaration")


def test_an_external_dtd_over_http_is_refused_without_a_request():
    data = b'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/evil.dtd">\n<TEI/>'
    with pytest.raises(UnsafeXMLError, match="document type declaration"):
        parse_xml(data)


def test_billion_laughs_is_refused():
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    data = f'<!DOCTYPE lolz [<!ENTITY l0 "lol">{entities}]><lolz>&l9;</lolz>'.encode()
    with pytest.raises(UnsafeXMLError, match="entity bombs"):
        parse_xml(data)


def test_quadratic_blowup_is_refused():
    big = "x" * 100_000
    data = f'<!DOCTYPE kaboom [<!ENTITY a "{big}">]><kaboom>{"&a;" * 10_000}</kaboom>'.encode()
    with pytest.raises(UnsafeXMLError):
        parse_xml(data)


def test_a_doctype_is_refused_even_in_utf16():
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE T [<!ENTITY x "y">]><T>&x;</T>'.encode("utf-16")
    with pytest.raises(UnsafeXMLError):
        parse_xml(data)


def test_an_undeclared_entity_is_a_positioned_syntax_error():
    with pytest.raises(XMLSyntaxError) as caught:
        parse_xml(b"<TEI>\n  &xxe;</TEI>", path="e.xml")
    assert (caught.value.line, caught.value.column) == (2, 8)


def test_a_100_mb_text_node_is_refused():
    data = b"<TEI>" + b"a" * (100 * 1024 * 1024) + b"</TEI>"
    with pytest.raises(XMLSyntaxError, match="size and depth limits"):
        parse_xml(data)


def test_10000_deep_nesting_is_refused():
    data = b"<a>" * 10_000 + b"</a>" * 10_000
    with pytest.raises(XMLSyntaxError, match="depth"):
        parse_xml(data)


def test_a_doctype_mentioned_in_a_comment_is_not_mistaken_for_one():
    tree = parse_xml(b"<!-- <!DOCTYPE x> is refused -->\n<TEI/>")
    assert tree.getroot().tag == "TEI"


def test_a_syntax_error_says_its_position_once_and_where_an_unclosed_tag_opened():
    with pytest.raises(XMLSyntaxError) as caught:
        parse_xml(b"<TEI>\n<p>\ntext", "doc.xml")
    message = str(caught.value)
    assert message.count("line") == 1 and "column" not in message
    assert message.endswith("in tag <p> opened on line 2")
