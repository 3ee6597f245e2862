"""Property tests: documents built from the conventions and seeds mutated with the conventions'
own delimiters round-trip exactly and are valid TEI; arbitrary text never crashes the encoder."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei import encode, to_source
from tei.api import encode_document
from tei.conventions import ALL
from tei.errors import SourceError
from tei.reader.source import comparable
from tei.validate.engine import Options, get_validator
from tests.conftest import SEEDS

WORDS = st.sampled_from(
    [
        "the",
        "delegation",
        "said",
        "that",
        "comrade",
        "Kim",
        "agreed",
        "plenum",
        "report",
        "party",
        "Moscow",
        "Mao",
        "resolution",
        "arrest",
    ]
)
PHRASE = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)
CAPITALISED = st.sampled_from(["Mao Zedong", "Peng Dehuai", "Chinese Minister of Defense", "Pak"])


def _sign(phrase: str, name: str, kind: str) -> str:
    return {
        "plain": phrase,
        "handwritten": f"[handwritten: {phrase}]",
        "inserted": f"[inserted by hand: {phrase}]",
        "note": f"[Translator's note: {phrase}]",
        "struck": f"~~{phrase}~~",
        "variant": f"[in the handwritten version: ~~{phrase}~~]",
        "supplied": f"[{phrase}]",
        "identification": f"[{name}] said",
        "expansion": "c[omrade]",
        "sic": f"{phrase} [SIC]",
        "foreign": f"*{phrase}*",
    }[kind]


KINDS = st.sampled_from(
    [
        "plain",
        "handwritten",
        "inserted",
        "note",
        "struck",
        "variant",
        "supplied",
        "identification",
        "expansion",
        "sic",
        "foreign",
    ]
)
SENTENCE = st.lists(st.tuples(PHRASE, CAPITALISED, KINDS).map(lambda t: _sign(*t)), min_size=1, max_size=6).map(
    lambda parts: "We said " + " ".join(parts) + "."
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


@st.composite
def documents(draw) -> str:
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=5))
    if draw(st.booleans()):  # a handwritten span over several paragraphs
        first, last = sorted(draw(st.lists(st.integers(0, len(paragraphs) - 1), min_size=2, max_size=2)))
        paragraphs[first] = "[handwritten: " + paragraphs[first]
        paragraphs[last] = paragraphs[last] + "]"
    return "\n\n".join(paragraphs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_round_trip_exactly(text: str) -> None:
    assert to_source(encode(text)) == comparable(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_are_valid_tei(tei_all: etree.RelaxNG, text: str) -> None:
    tree = encode(text)
    assert tei_all.validate(tree), str(tei_all.error_log)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
    | st.text(alphabet="[]~*<>/delSIC:handwritten \n\t□\\_", max_size=120)
)
def test_arbitrary_text_gives_tei_or_a_clear_error(text: str) -> None:
    try:
        tree = encode(text)
    except SourceError as error:
        assert error.position.line >= 1 and error.message
        return
    assert etree.tostring(tree)
    assert to_source(tree) == comparable(text)


# --- mutations of the seeds -------------------------------------------------------------------

SEED_TEXTS = [path.read_text(encoding="utf-8") for path in SEEDS]
# The conventions' own delimiters, and the block and header notation around them.
DELIMITERS = sorted({c.open for c in ALL if c.open} | {c.close for c in ALL if c.close} | {
    "[[", "]]", "[SIC]", "[illegible]", "\n", "\n\n", "\r\n", "\r", "# ", "## ", "- 1. ", "2. ", "лист 2",
    "**", "**Citation:**", "Summary:", "**Contents:**", "<", ">", "https://", "http://[", "\u00a0", " ",
    "\t", "\ufeff", "Top Secret", "A. MIKOYAN", "N 1423-1427", "[Unknown label: ",
})


@st.composite
def mutated_seeds(draw) -> str:
    """A seed with a few delimiters inserted and a few slices cut, anywhere."""
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(DELIMITERS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 400)):]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_seeds())
def test_mutated_seeds_are_valid_against_the_edition_schema_and_round_trip_exactly(text: str) -> None:
    try:
        encoded = encode_document(text, "mutant.txt")
    except SourceError as error:  # only white space is left, or a character XML cannot hold
        assert error.position.line >= 1 and error.message
        return
    result = get_validator(Options()).check_bytes(encoded.tei, "mutant.xml")
    assert result.valid, "\n".join(str(p) for p in result.problems if p.severity == "error")
    assert to_source(etree.fromstring(encoded.tei)) == comparable(text)


HEADER_LINE = st.one_of(
    st.sampled_from(["**Citation:**", "### Summary:", "Credits:", "## **Original Language:**", "Contents:",
                     "Notes:", "Citation", "**Summary**", "September 23, 1956", "**October 1, 1950**",
                     "Original Scan", "English Translation - Russian", "  ", "#"]),
    PHRASE,
)
HEADER_BLOCK = st.lists(HEADER_LINE, min_size=1, max_size=3).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(HEADER_BLOCK, max_size=50), PHRASE)
def test_a_build_places_a_source_by_the_date_and_title_its_encoder_reads(blocks: list[str], body: str) -> None:
    from tei.reader.header import date_and_title, find_header

    text = "\n\n".join(blocks) + "\n\n" + body + "\n"
    header = find_header(text).header
    assert date_and_title(text) == (header.date_iso, header.title)
