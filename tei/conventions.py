"""The editorial conventions of the transcriptions: one ordered table, read in three directions.

The reader uses it to recognise a convention in the source, the TEI writer to build
its element, and the source renderer (`tei.render.source`) to write the notation back.
Adding an archive's label is one row here and one fixture in tests/fixtures/conventions/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

HAND = "#hand-1"
TRANSLATOR = "#translator"
WIT_TYPESCRIPT = "#wit-typescript"
WIT_HANDWRITTEN = "#wit-handwritten"


class Shape(StrEnum):
    """How a sign stands in the text: what the tokenizer looks for, the reader builds, the
    writer writes and the source renderer writes back. A new row picks one of these."""

    DELIMITED = "delimited"    # open … close around words: "~~…~~", "<del>…</del>", "*…*"
    LABELLED = "labelled"      # "[Label: …]"
    BRACKET = "bracket"        # "[…]" whose words say what it is: supplied words, an identification
    STATEMENT = "statement"    # "[…]" known by its first words ("[Omitted here …]"): the words describe a gap
    IN_WORD = "in-word"        # brackets inside a word: "c[omrade]", the word wrapped in `wrapper`
    AFTER_WORD = "after-word"  # a marker qualifying the word before it: "August [SIC]"
    SIGN = "sign"              # a whole sign matched by `pattern`: "[illegible signature]"
    FILLER = "filler"          # a run of one character: "□□□", counted in @quantity
    BREAK = "break"            # a line break inside a block
    KEPT = "kept"              # what the rules do not recognise, kept as written


@dataclass(frozen=True)
class Words:
    """What the words between a BRACKET row's brackets must be for that row to apply: each word
    capitalised or a number, or one of `joining`; the first word capitalised and not one of
    `not_first` (a capitalised pronoun or article starts supplied words, not a name)."""

    not_first: frozenset[str]
    joining: frozenset[str]

    def fit(self, text: str) -> bool:
        words = text.split()
        if not words or words[0] in self.not_first or not _capitalised(words[0]):
            return False
        return all(_capitalised(word) or word in self.joining for word in words)


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


# The words of an identification: a name, a title, a body ("[Chinese Minister of Defense]").
NAME_WORDS = Words(
    not_first=frozenset(["We", "He", "She", "They", "It", "I", "You", "Our", "His", "Her", "Their", "This", "That",
                         "And", "But", "The"]),
    joining=frozenset(["of", "the", "and", "de", "for", "on", "in"]),
)


@dataclass(frozen=True)
class Convention:
    """One editorial sign: how it is written in the source and which TEI element it becomes.

    `element` and `attributes` describe the element that holds the content; when
    `variant` is set, that element sits in `app/rdg` (a reading of the handwritten
    version) and the app carries `type=variant`; when `wrapper` is set, it sits in that
    element together with the rest of its word (`expan`). A STATEMENT or SIGN's words go
    into the element's `desc` (`gap/desc`), between the brackets of the supplied-words row.
    """

    name: str
    open: str
    close: str
    element: str
    attributes: tuple[tuple[str, str], ...] = ()
    description: str = ""
    example: str = ""
    label: str | None = None
    variant: str | None = None
    spans_blocks: bool = False
    lang: str | None = None
    optional: tuple[tuple[str, str], ...] = ()  # attribute values written only when the source says so
    # Other spellings of the label, as a regular expression; the label as written is kept in @n.
    label_pattern: str | None = None
    id_prefix: str = ""  # of the xml:ids of a span's parts when it runs over several blocks
    pattern: str | None = None  # a sign of several spellings (`[illegible signature]`), as a regular expression
    shape: Shape = Shape.DELIMITED
    wrapper: str | None = None  # the element around an IN_WORD sign and its word
    # The words a BRACKET row's brackets must hold for it to apply; the row without is the one left.
    words: Words | None = None

    @property
    def attrs(self) -> dict[str, str]:
        return dict(self.attributes)

    @property
    def brackets(self) -> tuple[str, str]:
        """The brackets around the words of a SIGN or STATEMENT, which its `desc` holds."""
        return self.open[:1], self.close

    @property
    def sign(self) -> str:
        """The regular expression the tokenizer matches for a sign that stands alone (SIGN, AFTER_WORD, BREAK)."""
        return self.pattern or re.escape(self._standing_sign)

    @property
    def starts_with(self) -> str:
        """The character the sign that stands alone begins with: text runs stop there."""
        return self._standing_sign[0]

    @property
    def _standing_sign(self) -> str:
        return (self.open or self.close).strip(" ")


# A span over blocks may put its label on a line of its own ("[Handwritten notations:" ⏎);
# its element then says so, so that the label is written back without the usual space.
LABEL_LINE = "label-line"


def _labelled(name: str, label: str, element: str, attributes: dict[str, str], **kw) -> Convention:
    if kw.get("spans_blocks"):
        kw["optional"] = kw.get("optional", ()) + (("rend", LABEL_LINE),)
    return Convention(
        name=name, open=f"[{label}: ", close="]", element=element,
        attributes=tuple(attributes.items()), label=label, shape=Shape.LABELLED, **kw,
    )


LABELLED = (
    _labelled("handwritten", "handwritten", "seg", {"type": "handwritten", "hand": HAND},
              description="a passage written by hand; may run over several paragraphs",
              example="[handwritten: said Kim Il Sung]", spans_blocks=True, id_prefix="hw"),
    _labelled("handwritten-notations", "Handwritten notations", "seg",
              {"type": "handwritten", "subtype": "notations", "hand": HAND},
              description="notations written by hand on the document; may run over several paragraphs",
              example="[Handwritten notations: to G. Ye. Samsonov]", spans_blocks=True,
              label_pattern="[Hh]andwritten notations?", id_prefix="notations",
              optional=(("n", "Handwritten notation"),)),
    _labelled("inserted-by-hand-in-handwritten-version",
              "inserted by hand in the handwritten version", "add", {"hand": HAND},
              description="words the handwritten version adds by hand",
              example="[inserted by hand in the handwritten version: and the CC plenum]",
              variant="inserted-in-handwritten-version"),
    _labelled("inserted-by-hand", "inserted by hand", "add", {"hand": HAND},
              description="words inserted by hand into the typescript",
              example="[inserted by hand: 18 September]"),
    _labelled("deleted-in-handwritten-version", "deleted in the handwritten version", "rdg", {},
              description="words struck out in the handwritten version",
              example="[deleted in the handwritten version: ~~reprisals … are halted~~]",
              variant="deleted-in-handwritten-version"),
    _labelled("in-handwritten-version", "in the handwritten version", "rdg", {},
              description="the reading of the handwritten version at this point",
              example="[in the handwritten version: ~~absolutely~~]",
              variant="handwritten-version"),
    _labelled("translator-note", "Translator's note", "note",
              {"type": "translator", "resp": TRANSLATOR},
              description="a note by the translator; may run over several paragraphs",
              example="[Translator's note: a handwritten version … follows]", spans_blocks=True,
              id_prefix="tn"),
    _labelled("editor-note", "Editor's note", "note", {"type": "editorial"},
              description="a note by the editor; may run over several paragraphs", example="[Editor's note: …]",
              spans_blocks=True, id_prefix="en"),
    _labelled("ed-note", "Ed. note", "note", {"type": "editorial", "subtype": "ed"},
              description="a note by the editor (abbreviated label)", example="[Ed. note: …]",
              spans_blocks=True, id_prefix="en"),
    _labelled("stamp", "Stamp", "stamp", {},
              description="the text of a stamp on the document, with its issuer if the label names one; "
              "may run over several paragraphs",
              example="[CPSU CC stamp: 40929 … 15 December 1969]", spans_blocks=True,
              label_pattern="(?:[A-Z][\\w.' ]* )?[Ss]tamp", id_prefix="stamp",
              optional=(("n", "CPSU CC stamp"),)),
)

# Supplied words take single brackets, or double ones inside a bracketed label; the other
# style is recorded so that it is written back as it stood.
BRACKET_STYLES = (("rend", "double-brackets"), ("rend", "single-brackets"))


@dataclass(frozen=True)
class BlockMark:
    """A mark that opens a block's line and is kept as one `@rend` value of its element: `## ` is
    rend="h2" on the heading, `- ` before a numbered item is rend="dash" on its list. The reader
    finds the marks, the writer records them and the source renderer writes them back from here."""

    mark: str
    rend: str


HEADING_MARKS = tuple(BlockMark("#" * level + " ", f"h{level}") for level in range(1, 7))
LIST_DASH = BlockMark("- ", "dash")
HEADING_LEVELS = tuple(("rend", mark.rend) for mark in HEADING_MARKS)

DELIMITED = (
    Convention("struck", "~~", "~~", "del", (("rend", "strikethrough"),),
               description="words struck through", example="~~absolutely~~"),
    Convention("deleted-ocr", "<del>", "</del>", "del", (("type", "ocr"),),
               description="a deletion marked in the recognised text of a scan",
               example="у<del>казаниями</del>"),
    Convention("transliterated", "*", "*", "foreign", (), lang="ru-Latn",
               description="a word of the original, transliterated", example="*vystupili*"),
)

BRACKETED = (
    Convention("supplied", "[", "]", "supplied", (("reason", "omitted"), ("resp", TRANSLATOR)),
               description="words the translator supplied", example="[We] discussed",
               optional=BRACKET_STYLES, shape=Shape.BRACKET),
    Convention("identification", "[", "]", "supplied",
               (("reason", "identification"), ("resp", TRANSLATOR)),
               description="the translator's identification of a person, body or place",
               example="[Chinese Minister of Defense] Peng Dehuai", optional=BRACKET_STYLES, shape=Shape.BRACKET,
               words=NAME_WORDS),
    Convention("expansion", "[", "]", "ex", (),
               description="an abbreviation expanded inside a word", example="c[omrade]",
               shape=Shape.IN_WORD, wrapper="expan"),
    Convention("sic", "", " [SIC]", "sic", (),
               description="the word before is reproduced as it stands in the original",
               example="19 August [SIC]", shape=Shape.AFTER_WORD),
    Convention("illegible", "[illegible", "]", "gap", (("reason", "illegible"),),
               description="words that cannot be read", example="[illegible]",
               pattern=r"\[illegible(?: [a-z]+){0,3}\]", shape=Shape.SIGN),
)

FILLERS = (
    Convention("filler-box", "□", "", "space", (("unit", "chars"), ("rend", "box")),
               description="layout filler squares before a signature", example="□□□□□", shape=Shape.FILLER),
    Convention("filler-tab", "\t", "", "space", (("unit", "chars"), ("rend", "tab")),
               description="tab indentation", example="\\t\\t\\t", shape=Shape.FILLER),
    Convention("filler-underscore", "\\_", "", "space", (("unit", "chars"), ("rend", "underscore")),
               description="escaped underscores used as a blank line to write on", example="\\_\\_\\_",
               shape=Shape.FILLER),
)

LAYOUT = (
    Convention("line-break", "\n", "", "lb", (),
               description="a single line break inside a block", example="first line⏎second line",
               shape=Shape.BREAK),
)

UNKNOWN = (
    Convention("unclassified", "[", "]", "seg", (("type", "unclassified"), ("rend", "brackets")),
               description="a bracketed remark the rules do not recognise, kept as it stands",
               example="[Marginal mark: X]", shape=Shape.KEPT),
    Convention("unbalanced", "", "", "seg", (("type", "unbalanced"),),
               description="a bracket or delimiter with no partner, kept as it stands",
               example="an open [ with no close", shape=Shape.KEPT),
)

# The bracket conventions of the Foreign Relations of the United States series: a second,
# small preset, so that nothing above is taken for granted.
FRUS = (
    _labelled("footnote", "Footnote", "note", {"type": "footnote"},
              description="a footnote of the printed volume, kept where its mark stood",
              example="[Footnote: Printed from a copy.]", spans_blocks=True, id_prefix="fn"),
    Convention("omission", "[Omitted here ", "]", "gap", (("reason", "omitted"),),
               description="the editors' statement of what they left out",
               example="[Omitted here is a list of the participants.]", shape=Shape.STATEMENT),
)
GENERIC = DELIMITED + BRACKETED + FILLERS + LAYOUT + UNKNOWN


@dataclass(frozen=True)
class Preset:
    """The conventions one archive's transcriptions follow: labels, and bracketed statements.

    Delimiters, supplied words, fillers and the keeping of unknown signs are shared; a preset
    says which `[Label: …]` labels it knows and which bracketed statements (`[Omitted here …]`)
    it recognises by their first words.
    """

    name: str
    conventions: tuple[Convention, ...]
    title: str = ""   # the archive's name, in the prose of the ODD's examples of its rows

    @cached_property
    def _labels(self) -> dict[str, Convention]:
        return {c.label: c for c in self.conventions if c.label}

    @cached_property
    def _label_patterns(self) -> list[tuple[re.Pattern, Convention]]:
        return [(re.compile(c.label_pattern), c) for c in self.conventions if c.label_pattern]

    @cached_property
    def statements(self) -> tuple[Convention, ...]:
        """Bracketed statements known by their opening words, e.g. `[Omitted here …]`."""
        return tuple(c for c in self.conventions if c.shape is Shape.STATEMENT)

    @cached_property
    def in_word(self) -> Convention:
        """The sign written in brackets inside a word (`c[omrade]`)."""
        return next(c for c in self.conventions if c.shape is Shape.IN_WORD)

    @cached_property
    def _bracket_rows(self) -> tuple[Convention, ...]:
        """The BRACKET rows, those that ask for certain words first, in table order."""
        rows = [c for c in self.conventions if c.shape is Shape.BRACKET and not c.variant]
        return tuple(sorted(rows, key=lambda c: c.words is None))

    def for_brackets(self, text: str) -> Convention:
        """The row a plain `[…]` holding `text` is read by: the first whose words fit it, else the one
        that asks for none (supplied words)."""
        return next(c for c in self._bracket_rows if c.words is None or c.words.fit(text))

    def for_label(self, label: str) -> Convention | None:
        """The labelled convention a `[label: …]` opens: by its label, or by another spelling of it."""
        convention = self._labels.get(label)
        if convention is None:
            convention = next((c for pattern, c in self._label_patterns if pattern.fullmatch(label)), None)
        return convention


PRESETS = {preset.name: preset for preset in (
    Preset("wilson-center", LABELLED + GENERIC, "Wilson Center Digital Archive"),
    Preset("frus", FRUS + GENERIC, "FRUS"),   # Foreign Relations of the United States
)}
DEFAULT_PRESET = "wilson-center"
# Every row of every preset: the TEI writer and the source renderer know them all.
ALL = LABELLED + GENERIC + FRUS
BY_NAME = {convention.name: convention for convention in ALL}
# The syntax of a label: `[Label: ` (or `[Label:` ending a line); which labels mean what is the
# preset's business.
LABEL_SYNTAX = r"\[(?P<label>[A-Za-z][A-Za-z.' ]{0,58}[A-Za-z.']):(?:\ |(?=\n)|$)"


def convention_for_label(label: str, preset: str = DEFAULT_PRESET) -> Convention | None:
    """The labelled convention a `[label: …]` opens in a preset."""
    return PRESETS[preset].for_label(label)


@dataclass(frozen=True)
class BlockConvention:
    """A block-level sign (headings, lists, sheet numbers, closers) and its TEI element."""

    name: str
    element: str
    description: str
    example: str
    attributes: dict[str, str] = field(default_factory=dict)
    optional: tuple[tuple[str, str], ...] = ()  # attribute values written only when the source says so


BLOCKS = (
    BlockConvention("paragraph", "p", "a paragraph (blank-line separated)", "Cde. Kim Il Sung said:"),
    BlockConvention("heading", "head", "a heading (Markdown #) or a title line at the top",
                    "Cable by c[omrade] Mikoyan …", optional=HEADING_LEVELS),
    BlockConvention("addressee", "salute", "the addressee at the top", "## TO THE CPSU CENTRAL COMMITTEE",
                    optional=HEADING_LEVELS),
    BlockConvention("classification", "seg", "a security classification at the top", "Top Secret",
                    {"type": "classification"}, optional=HEADING_LEVELS),
    BlockConvention("dateline", "dateline", "a date line at the top or in the closer", "16. IX. 56 г.",
                    optional=HEADING_LEVELS),
    BlockConvention("item", "item", "a numbered item", "- 1. He completely agrees …"),
    BlockConvention("sheet", "pb", "a sheet number of the archival file", "лист 2"),
    BlockConvention("signature", "signed", "a signature or authentication", "A. MIKOYAN"),
    BlockConvention("cipher", "seg", "a cipher or registration number", "Spets N 1423-1427",
                    {"type": "cipher"}),
    BlockConvention("receipt", "seg", "a note of receipt", "The first copy was received …",
                    {"type": "receipt"}),
    BlockConvention("trailing-note", "note", "a note standing after the closer",
                    "[Translator's note: a handwritten version … follows]"),
    BlockConvention("stray-fragment", "p", "text after the end of the document that is not part of "
                    "it, kept in back/div[@type='stray-fragment']", "Zab", optional=(("rend", "same-block"),)),
)
