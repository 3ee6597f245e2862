"""The paragraphs' permalinks of a web page, computed once per document from lxml's tree.

The rule is `ed:permalink` in xslt/common/ids.xsl, and stays there: a stylesheet run without
Python computes the same links. Computing them here costs the web stage less than in Saxon (a
hash of every paragraph's code points and a key over every block's text), so `WebRenderer`
hands the stylesheets the result (`handed_permalinks`, the parameter `paragraph-permalinks`)
and `h:permalink` (xslt/html/core.xsl) only looks each one up. Every step keeps XPath's meaning:
a block's string value (its text nodes, not its comments' or processing instructions'),
`normalize-space` (XML's four whitespace characters only), lengths and sums in code points.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from operator import mul

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The blocks the key ed:block-by-text numbers repeats among, and the ones with a permalink.
BLOCKS = frozenset(f"{{{TEI_NS}}}{name}" for name in ("p", "ab", "head", "item", "l", "salute", "dateline", "signed"))
PARAGRAPHS = frozenset((f"{{{TEI_NS}}}p", f"{{{TEI_NS}}}ab"))
# The elements named p or ab in any namespace (or none): the stylesheets count them by local name
# (the accumulator ed:element-counts), so the handed list has a line for each.
NAMED_LIKE_PARAGRAPHS = ("{*}p", "{*}ab")
_XML_SPACE = re.compile(r"[ \t\n\r]+")
# The characters str.split() also splits at besides XML's four whitespace characters (str.isspace()):
# a text without them is split as normalize-space splits it, quicker than by _XML_SPACE.
OTHER_SPACE = re.compile("[\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# Code points as machine integers (memoryview.cast("I") reads the machine's byte order).
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
NOT_CLASS_WORD = re.compile(r"[^\w-]+")
HASH_MODULUS = 4294967291
HEAD = 48
HEAD_PLACES = range(1, HEAD + 1)


def normalize_space(text: str) -> str:
    """XPath's normalize-space: runs of space, tab, line feed and carriage return as one space, none at the ends.

    Text without str.split's other whitespace characters (OTHER_SPACE: those of ASCII XML cannot hold)
    takes str.split."""
    if text.isascii() or not OTHER_SPACE.search(text):
        return " ".join(text.split())
    return _XML_SPACE.sub(" ", text).strip(" ")


def string_value(element: etree._Element) -> str:
    """XPath's string value of an element: its descendant text nodes (CDATA too), not the text of its
    comments or processing instructions."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def text_hash(text: str) -> int:
    """ed:text-hash: the length, the sum of the code points and the first HEAD weighted by place."""
    if text.isascii():
        points = text.encode("ascii")
        head = points[:HEAD]
    else:
        points = memoryview(text.encode(_UTF32)).cast("I")
        head = points[:HEAD]
    weighted = sum(map(mul, HEAD_PLACES, head)) * 7919
    return (len(text) * 1000003 + sum(points) * 131 + weighted) % HASH_MODULUS


def permalink(language: str, text: str, repeats: int) -> str:
    """ed:permalink's value for a block of `text` that `repeats` earlier blocks of its language share:
    the second gets "-2", the third "-3", and so on."""
    word = class_word(language)
    parts = [word] if word else []
    parts.append(format(text_hash(text), "x"))
    if repeats:
        parts.append(str(repeats + 1))
    return "-".join(parts)


def class_word(value: str) -> str:
    """ed:class-word: the value as one word, each run of characters other than letters, digits, "_"
    and "-" made one "-" (a language tag with a space, not xs:language but read, would split an id)."""
    return NOT_CLASS_WORD.sub("-", normalize_space(value))


def _language(element: etree._Element, known: dict[etree._Element, str]) -> str:
    """The nearest xml:lang, unless it is "mul" (the stylesheets' rule, not the inherited one above it);
    `known` keeps each parent's, since blocks share them."""
    language = element.get(XML_LANG)
    if language is not None:
        return "" if language == "mul" else language
    parent = element.getparent()
    if parent is None:
        return ""
    if parent not in known:
        known[parent] = _language(parent, known)
    return known[parent]


def handed_permalinks(tree: etree._ElementTree) -> str:
    """The stylesheets' parameter `paragraph-permalinks`: a line for every element named p or ab, in
    document order, its permalink (empty for one outside TEI's namespace). No link holds a line break:
    the language is a class word (an xml:lang with one gives "d-e"), the rest hexadecimal digits."""
    seen: Counter[str] = Counter()
    languages: dict[etree._Element, str] = {}
    lines = []
    for element in tree.getroot().iter(*BLOCKS, *NAMED_LIKE_PARAGRAPHS):
        if element.tag not in BLOCKS:
            lines.append("")
            continue
        language = _language(element, languages)
        text = normalize_space(string_value(element))
        key = f"{language}|{text}"
        if element.tag in PARAGRAPHS:
            lines.append(permalink(language, text, seen[key]))
        seen[key] += 1
    return "\n".join(lines)
