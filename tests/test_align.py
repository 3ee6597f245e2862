"""The aligner: original ‖ translation paragraphs linked when their counts or order differ."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tei.api import encode_document
from tei.cli import main
from tei.reader import align as align_module
from tei.reader.align import align, anchors
from tei.sidecar import AlignmentFix
from tei.writer.alignment import apply_fixes
from tei.xmlsafe import parse_xml

ROOT = Path(__file__).resolve().parent.parent
SEED_002 = ROOT / "seeds" / "002_3e0987d1e7ed6dfd.txt"
SEED_004 = ROOT / "seeds" / "004_e498531131f8b392.txt"
NS = {"t": "http://www.tei-c.org/ns/1.0"}

# Seed 002 (27 Russian, 26 English paragraphs), checked by reading both texts: the OCR cut one
# Russian paragraph in two (18 + 19), one Russian paragraph holds two English ones (20), the
# end of English 9 stands in Russian 10 (a 2–2), and Russian 27 is OCR noise of the receipt
# note, which the English has in its closer.
SEED_002_LINKS = [((f"p-ru-{n}",), (f"p-en-{n}",)) for n in range(1, 9)] + [
    (("p-ru-9", "p-ru-10"), ("p-en-9", "p-en-10")),
    *[((f"p-ru-{n}",), (f"p-en-{n}",)) for n in range(11, 18)],
    (("p-ru-18", "p-ru-19"), ("p-en-18",)),
    (("p-ru-20",), ("p-en-19", "p-en-20")),
    *[((f"p-ru-{n}",), (f"p-en-{n}",)) for n in range(21, 26)],
    (("p-ru-26", "p-ru-27"), ("p-en-26",)),
]


def encoded(path: Path):
    return encode_document(path.read_text(encoding="utf-8"), str(path))


def test_seed_002_gives_24_rows_each_checked_by_reading():
    rows = encoded(SEED_002).alignment
    assert [(row.original, row.translation) for row in rows] == SEED_002_LINKS
    assert all(0 < row.confidence <= 1 for row in rows)


def test_seed_004_stays_one_to_one():
    rows = encoded(SEED_004).alignment
    assert [(row.original, row.translation) for row in rows] == [
        ((f"p-ru-{n}",), (f"p-en-{n}",)) for n in range(1, 5)]


def test_links_are_written_both_ways_in_corresp():
    root = parse_xml(encoded(SEED_002).tei).getroot()
    def corresp(ident):
        return root.xpath(f"string(//t:p[@xml:id='{ident}']/@corresp)", namespaces=NS)
    assert corresp("p-ru-20") == "#p-en-19 #p-en-20"
    assert corresp("p-en-19") == corresp("p-en-20") == "#p-ru-20"
    assert corresp("p-en-18") == "#p-ru-18 #p-ru-19"


def test_anchors_compare_names_numbers_and_months_across_scripts():
    russian = anchors("Вечером 22 сентября состоялась беседа с Ким Ир Сеном и Нам Иром.")
    english = anchors("On the evening of 22 September a conversation was held with Kim Il Sung.")
    assert {"22", "month-9", "kim"} <= russian & english


# Synthetic shuffles: one text against itself, changed in one place.
PARAGRAPHS = [
    "Short opening line of 1956.",
    "A much longer paragraph that talks at length about Mao Zedong and the situation in the "
    "Korean Workers' Party, with the events of 19 September and a great many more words in it.",
    "Kim Il Sung answered briefly on 20 September.",
    "Another long paragraph about the plenum of the Central Committee, which met on 23 September "
    "and adopted a resolution after hearing the report of the delegation from Moscow.",
    "The last words of Mikoyan.",
]


@pytest.mark.parametrize("change, translation, expected", [
    ("split", PARAGRAPHS[:1] + [PARAGRAPHS[1][:80], PARAGRAPHS[1][80:]] + PARAGRAPHS[2:],
     [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]),
    ("merged", PARAGRAPHS[:2] + [PARAGRAPHS[2] + " " + PARAGRAPHS[3]] + PARAGRAPHS[4:],
     [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,))]),
    ("dropped", PARAGRAPHS[:3] + PARAGRAPHS[4:],
     [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,))]),
    ("added", PARAGRAPHS[:2] + ["Peng Dehuai and Choe Yong-geon arrived on 2 October with the Chinese Ambassador."]
     + PARAGRAPHS[2:], [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]),
])
def test_a_split_merged_dropped_or_added_paragraph_is_found(change, translation, expected):
    links = align(PARAGRAPHS, translation)
    assert [(link.original, link.translation) for link in links] == expected, change


def test_two_swapped_paragraphs_leave_the_others_one_to_one():
    swapped = PARAGRAPHS[:1] + [PARAGRAPHS[2], PARAGRAPHS[1]] + PARAGRAPHS[3:]
    links = [(link.original, link.translation) for link in align(PARAGRAPHS, swapped)]
    assert links[0] == ((0,), (0,)) and links[-2:] == [((3,), (3,)), ((4,), (4,))]


def test_a_long_text_aligns_in_the_band_as_it_would_over_the_whole_square(monkeypatch):
    # The DP explores a band around the line between the texts' ends, so its cost grows with
    # the number of paragraphs; with the drops bunched at one end the band must not change a link.
    original = [PARAGRAPHS[n % 5].replace("1956", str(1000 + n)) for n in range(240)]
    dropped = {200, 203, 207, 211, 215, 219, 223, 227}
    translation = [text for n, text in enumerate(original) if n not in dropped]
    in_band = align(original, translation)
    monkeypatch.setattr(align_module, "BAND_WIDTH", 10**6)
    assert in_band == align(original, translation)


@pytest.mark.parametrize("original, translation", [(1, 50), (2, 130), (3, 500)])
def test_a_translation_of_many_more_paragraphs_than_the_original_aligns(original, translation):
    # More translation paragraphs to each of the original's than the band is wide left no path (a traceback).
    links = align(PARAGRAPHS[:original], [f"Paragraph {n} of the translation." for n in range(translation)])
    assert [n for link in links for n in link.original] == list(range(original))
    assert [n for link in links for n in link.translation] == list(range(translation))


def test_a_document_of_one_original_paragraph_and_fifty_translated_encodes():
    text = "Первый абзац текста по-русски, довольно длинный.\n\n" + "\n\n".join(
        f"English paragraph number {n} with words." for n in range(50))
    assert len(encode_document(text, "many.txt").alignment) >= 50


@pytest.mark.parametrize("translation", [["", ""], ["", "A long paragraph of the translation, with words."]])
def test_a_text_with_no_words_to_measure_is_not_aligned_by_length(translation):
    # Paragraphs holding only notes have no length outside them: no ratio to align by (this crashed).
    links = align(["Первый абзац.", "Второй абзац."], translation)
    assert all(len(link.original) + len(link.translation) for link in links)


def test_a_translation_of_notes_only_encodes_with_its_paragraphs_unlinked():
    text = ("Привет мир, это текст по-русски.\n\nВторой абзац текста по-русски.\n\n"
            "[Translator's note: one two three]\n\n[Translator's note: two three four]\n")
    root = parse_xml(encode_document(text, "notes.txt").tei).getroot()
    assert root.xpath("//t:p[@xml:id='p-en-1']/t:note", namespaces=NS)
    assert not root.xpath("//t:p/@corresp", namespaces=NS)


def test_an_editors_fix_replaces_the_aligners_links():
    root = parse_xml(encoded(SEED_002).tei).getroot()
    unknown = apply_fixes(root, (AlignmentFix(("p-ru-27",), ()), AlignmentFix(("p-ru-99",), ("p-en-1",))))
    def corresp(ident):
        return root.xpath(f"string(//t:p[@xml:id='{ident}']/@corresp)", namespaces=NS)
    assert corresp("p-ru-27") == "" and corresp("p-en-26") == "#p-ru-26"
    assert unknown == ["p-ru-99"] and corresp("p-en-1") == "#p-ru-1", "an unknown id changes nothing"


def test_tei_encode_report_lists_the_rows_with_their_confidence(tmp_path, capsys):
    assert main(["encode", str(SEED_002), "-o", str(tmp_path), "--report"]) == 0
    out = capsys.readouterr().out
    assert f"alignment of {SEED_002}: 24 rows, original ‖ translation" in out
    assert "  p-ru-20 ‖ p-en-19 + p-en-20  1–2  confidence 0." in out
    assert main(["encode", str(SEED_002), "-o", str(tmp_path), "--report", "--report-format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["alignment"][str(SEED_002)]
    assert rows[8] == {"original": ["p-ru-9", "p-ru-10"], "translation": ["p-en-9", "p-en-10"],
                       "confidence": rows[8]["confidence"]}
