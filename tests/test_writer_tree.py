"""The writer's tree is written as text: the same bytes lxml writes for the same tree, whatever the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tei.api import encode_document
from tei.conventions import TEI_NS, XML_NS
from tei.writer.inline import tei
from tei.writer.tree import Element, indent, to_bytes

# Any text XML can hold, with what must be escaped made likely: markup, entities, CDATA's end,
# quotes, line ends and tabs, no-break spaces, a BOM and characters beyond the BMP.
HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(["<", ">", "&", "]]>", '"', "'", "\n", "\r", "\t", "\u00a0", "\ufeff", "&amp;", "😀", " "]),
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff", min_codepoint=0x20),
    ),
    max_size=12,
).map("".join)
NAMES = st.sampled_from(["p", "seg", "note", "hi", "lb"])
ATTRIBUTES = st.dictionaries(st.sampled_from(["type", "n", "rend", f"{{{XML_NS}}}id", f"{{{XML_NS}}}lang"]),
                             HOSTILE, max_size=3)


@st.composite
def trees(draw, depth: int = 3) -> Element:
    root = tei("TEI", draw(ATTRIBUTES))
    _grow(draw, root, depth)
    return root


def _grow(draw, parent: Element, depth: int) -> None:
    parent.text = draw(st.none() | HOSTILE)
    for _ in range(draw(st.integers(0, 3 if depth else 0))):
        child = tei(draw(NAMES), draw(ATTRIBUTES), parent=parent)
        _grow(draw, child, depth - 1)
        child.tail = draw(st.none() | HOSTILE)


def as_lxml(element: Element, parent: etree._Element | None = None) -> etree._Element:
    made = (etree.Element(element.tag, element.attrib, nsmap={None: TEI_NS}) if parent is None
            else etree.SubElement(parent, element.tag, element.attrib))
    made.text, made.tail = element.text, element.tail
    for child in element:
        as_lxml(child, made)
    return made


@settings(max_examples=300, deadline=None)
@given(trees())
def test_the_writers_tree_is_written_byte_for_byte_as_lxml_writes_it(root):
    expected = etree.tostring(as_lxml(root).getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"
    assert to_bytes(root) == expected


@settings(max_examples=300, deadline=None)
@given(trees(), st.integers(0, 4))
def test_the_writers_tree_is_indented_as_lxml_indents_it(root, level):
    """The editorial layer indents what it adds to the writer's tree as it did on a parsed tree: texts and
    tails that are empty or white space (a no-break space too) are replaced, others kept."""
    expected = as_lxml(root)
    etree.indent(expected, space="  ", level=level)
    indent(root, level=level)
    assert to_bytes(root) == etree.tostring(expected.getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"


def test_markup_in_text_and_quotes_in_attributes_are_escaped():
    root = tei("TEI", {"n": 'a "quoted" <tag> & more\n'})
    tei("p", text="1 < 2 && 3 > 2 ]]> <del>", parent=root)
    written = to_bytes(root).decode()
    assert 'n="a &quot;quoted&quot; &lt;tag&gt; &amp; more&#10;"' in written
    assert "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2 ]]&gt; &lt;del&gt;</p>" in written
    assert etree.fromstring(written.encode()).findtext(f"{{{TEI_NS}}}p") == "1 < 2 && 3 > 2 ]]> <del>"


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1f", "\ufffe"])
def test_a_character_xml_cannot_hold_is_refused_as_lxml_refuses_it(character):
    root = tei("TEI")
    tei("ref", {"target": f"doc{character}.txt"}, parent=root)
    with pytest.raises(ValueError, match="XML compatible"):
        to_bytes(root)


def test_an_encoded_transcription_is_the_tree_lxml_reads_back():
    encoded = encode_document("Para <del>x</del> & [Translator's note: \"quoted\" ]]>]\n", "hostile.txt")
    root = etree.fromstring(encoded.tei)
    assert etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n" == encoded.tei
