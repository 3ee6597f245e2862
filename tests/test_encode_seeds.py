"""The five seed documents: golden TEI, validity, round trip, and what their headers say."""

from __future__ import annotations

import difflib
import gc
import re
from pathlib import Path

import pytest
from lxml import etree

from tei import to_source
from tei.api import encode_document
from tei.authority import default_authorities
from tei.conventions import TEI_NS
from tei.reader.header import find_header
from tei.reader.source import comparable
from tests.conftest import ROOT, SEEDS

GOLDEN = Path(__file__).parent / "golden"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
STEMS = [p.stem for p in SEEDS]
HEADER_LABEL_WORDS = {"Citation", "Summary", "Credits", "Original", "Language", "Contents"}
# Delimiter words and list markers (kept in item/@n) are markup, not text.
SIGN_WORDS = re.compile(r"\[[A-Za-z][A-Za-z.' ]{0,58}[A-Za-z.']: |\[SIC\]|</?del>|^(?:- )?(?:\d+|[IVX]+)\. ",
                        re.MULTILINE)


def _tree(seed_tei: dict[str, bytes], stem: str) -> etree._Element:
    return etree.fromstring(seed_tei[stem])


def test_the_project_carries_the_five_seeds_unchanged() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    assert [p.name for p in SEEDS] == sorted(p.name for p in shared.glob("*.txt"))
    for seed in SEEDS:
        assert seed.read_bytes() == (shared / seed.name).read_bytes()


@pytest.mark.parametrize("stem", STEMS)
def test_seed_matches_its_golden_tei(stem: str, seed_tei: dict[str, bytes], tmp_path: Path) -> None:
    expected = (GOLDEN / f"{stem}.xml").read_text(encoding="utf-8")
    actual = seed_tei[stem].decode("utf-8")
    if actual != expected:
        dump = ROOT / "build" / "test-failures" / f"{stem}.xml"
        dump.parent.mkdir(parents=True, exist_ok=True)
        dump.write_text(actual, encoding="utf-8")
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), lineterm="",
                                              n=1))
        pytest.fail(f"TEI of {stem} differs from tests/golden (actual output in {dump}); "
                    f"if intended, run tests/regenerate.py and review:\n{diff[:3000]}")


@pytest.mark.parametrize("stem", STEMS)
def test_seed_is_valid_against_tei_all(stem: str, seed_tei: dict[str, bytes],
                                       tei_all: etree.RelaxNG) -> None:
    assert tei_all.validate(etree.ElementTree(_tree(seed_tei, stem))), str(tei_all.error_log)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_round_trips_to_its_source_exactly(seed: Path, seed_tei: dict[str, bytes]) -> None:
    """Every character comes back: only line-end style and U+0020 at line ends may differ."""
    source = seed.read_text(encoding="utf-8")
    regenerated = to_source(etree.ElementTree(_tree(seed_tei, seed.stem)))
    assert regenerated == comparable(source)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_has_no_unclassified_convention(seed: Path) -> None:
    encoded = encode_document(seed.read_text(encoding="utf-8"), str(seed))
    assert encoded.diagnostics == ()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_letter_of_the_seed_is_in_the_tei(seed: Path, seed_tei: dict[str, bytes]) -> None:
    """Independent of the round trip: the body's letters, in order, are in the TEI text;
    every word of the header is in the teiHeader."""
    source = seed.read_text(encoding="utf-8")
    body_start = find_header(source).end
    root = _tree(seed_tei, seed.stem)
    header_text = "".join(root.find("t:teiHeader", NS).itertext())
    for word in set(re.findall(r"\w+", source[:body_start])) - HEADER_LABEL_WORDS:
        assert word in header_text, f"header word {word!r} missing"
    body = SIGN_WORDS.sub("", source[body_start:])
    letters = [c for c in body if c.isalnum()]
    tei_text = "".join(root.find("t:text", NS).itertext())
    position = 0
    for letter in letters:
        found = tei_text.find(letter, position)
        assert found >= 0, f"{letter!r} missing after offset {position}"
        position = found + 1


@pytest.mark.parametrize("stem", STEMS)
def test_every_pointer_resolves(stem: str, seed_tei: dict[str, bytes]) -> None:
    root = _tree(seed_tei, stem)
    ids = set(root.xpath("//@xml:id"))
    pointers = root.xpath("//@hand | //@resp | //@wit | //@corresp | //@next | //@prev | //@who"
                          " | //@ref")
    entries = set(default_authorities().refs())
    prefixes = set(root.xpath("//t:prefixDef/@ident", namespaces={"t": TEI_NS}))
    for pointer in pointers:
        for target in pointer.split():
            if ":" in target:  # a name's pointer into the authority lists, through the header's listPrefixDef
                assert target in entries and target.split(":")[0] in prefixes, f"{pointer} does not resolve"
            else:
                assert target.startswith("#") and target[1:] in ids, f"{pointer} does not resolve"


def test_encoding_is_deterministic() -> None:
    seed = SEEDS[2]
    text = seed.read_text(encoding="utf-8")
    assert encode_document(text, str(seed)).tei == encode_document(text, str(seed)).tei


def test_encoding_makes_no_reference_cycles() -> None:
    """`encode_document` pauses the cycle collector while it works, on the ground that the reader's
    model and the writer's tree hold no cycles: reference counting alone must free all it made."""
    gc.collect()
    for seed in SEEDS:
        encode_document(seed.read_bytes(), seed.name)
    encode_document("Para " + "[x]~~x~~*x*" * 500 + " end.\n", "signs.txt")
    assert gc.collect() == 0
    assert gc.isenabled()


def test_header_facts_of_the_telegram(seed_tei: dict[str, bytes]) -> None:
    root = _tree(seed_tei, "002_3e0987d1e7ed6dfd")
    ids = {i.get("type"): i.text for i in root.findall(".//t:msIdentifier/t:idno", NS)}
    assert ids == {"fond": "5446", "opis": "98c", "delo": "718", "listy": "3-6"}
    assert root.findtext(".//t:msIdentifier/t:repository", namespaces=NS) == "GARF"
    assert root.findtext(".//t:titleStmt/t:respStmt/t:persName", namespaces=NS) == "Gary Goldberg"
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "wcda-120189"
    assert root.find(".//t:correspAction[@type='received']/t:orgName", NS).text == \
        "CPSU Central Committee"


def test_bilingual_document_has_original_and_translation(seed_tei: dict[str, bytes]) -> None:
    root = _tree(seed_tei, "004_e498531131f8b392")
    texts = root.findall(".//t:group/t:text", NS)
    assert [(t.get("type"), t.get("{http://www.w3.org/XML/1998/namespace}lang")) for t in texts] == [
        ("transcription", "ru"), ("translation", "en")]
    assert [pb.get("n") for pb in root.findall(".//t:pb", NS)] == ["2", "3"]
    assert root.xpath(".//t:p[@xml:id='p-ru-1']/@corresp", namespaces=NS) == ["#p-en-1"]


@pytest.mark.parametrize("stem", ["001_3072a39c7fc87f5a", "003_e138d62deb00a27f"])
def test_headerless_fragment_says_so_and_invents_nothing(stem: str, seed_tei: dict[str, bytes]) -> None:
    root = _tree(seed_tei, stem)
    assert root.find(".//t:sourceDesc/t:bibl[@type='fragment']", NS) is not None
    assert root.find(".//t:notesStmt/t:note[@type='fragment']", NS) is not None
    assert root.find(".//t:msIdentifier", NS) is None
    assert root.find(".//t:creation/t:date", NS) is None


def test_stray_fragments_are_kept_in_back(seed_tei: dict[str, bytes]) -> None:
    back = _tree(seed_tei, "000_423cda980137f6e9").find(".//t:back/t:div[@type='stray-fragment']", NS)
    assert "".join(back.itertext()).strip() == "Zab"


def test_handwritten_span_across_closer_lines_is_one_chain(seed_tei: dict[str, bytes]) -> None:
    root = _tree(seed_tei, "002_3e0987d1e7ed6dfd")
    parts = root.findall(".//t:closer//t:seg[@type='handwritten']", NS)
    assert [p.get("part") for p in parts] == ["I", "M", "M", "M", "F"]
    for before, after in zip(parts, parts[1:]):
        assert before.get("next") == "#" + after.get("{http://www.w3.org/XML/1998/namespace}id")
