"""The print edition, read back from its PDFs: what a publisher and an archive would check.

The seeds' PDFs and volume are built once per session (about 10 s) by `tei pdf`.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tei.cli import main
from tei.xmlsafe import parse_xml
from tests.conftest import ROOT, SEEDS
from tests.pdf_helpers import (
    body_stream,
    footnote_calls,
    footnote_marks,
    letters,
    outline_entries,
    printed_text,
    text_blocks,
)

pytestmark = pytest.mark.slow

EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
FEATURES = ROOT / "tests" / "data" / "features.xml"
EDITION_TITLE = "Korea and the Soviet Union, 1956"
FONT_FAMILIES = ("LinLibertineO",)  # the PostScript names of Linux Libertine O's faces
# The glyphs edition.typ sets in another face on purpose: the half brackets around an insertion
# (and the caret they replaced).
DELIBERATE = {("\u2e22", "NotoSerif-Regular"), ("\u2e23", "NotoSerif-Regular"), ("\u2038", "NotoSerif-Regular")}


@pytest.fixture(scope="session")
def printed(tmp_path_factory, seed_tei) -> Path:
    """The seeds and features.xml encoded to TEI, printed by `tei pdf` into one folder."""
    folder = tmp_path_factory.mktemp("print")
    tei_dir = folder / "tei"
    tei_dir.mkdir()
    for stem, data in seed_tei.items():
        (tei_dir / f"{stem}.xml").write_bytes(data)
    (tei_dir / "zz-features.xml").write_bytes(FEATURES.read_bytes())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        code = main(["pdf", str(tei_dir), "-o", str(folder / "pdf"), "--title", EDITION_TITLE,
                     "--editor", "Ada Editor", "--editor", "Boris Redaktor",
                     "--licence", "CC BY 4.0"])
    assert code == 0
    return folder


def tei_files(printed: Path) -> list[Path]:
    return sorted((printed / "tei").glob("*.xml"))


def pdf_of(printed: Path, tei: Path) -> Path:
    return printed / "pdf" / f"{tei.stem}.pdf"


@pytest.fixture(scope="session")
def volume(printed) -> Path:
    return printed / "pdf" / "edition.pdf"


@pytest.fixture(scope="session")
def volume_pages(volume):
    """The volume opened once with pdfplumber (reading its pages is the slow part)."""
    with pdfplumber.open(volume) as pdf:
        yield pdf.pages


@pytest.fixture(scope="session")
def volume_lines(volume_pages) -> list[list[str]]:
    """The text lines of every page of the volume."""
    return [page.extract_text().splitlines() for page in volume_pages]


# ---------------------------------------------------------------- the command

def test_tei_pdf_writes_one_pdf_per_document_and_the_volume(printed):
    names = sorted(path.name for path in (printed / "pdf").glob("*.pdf"))
    expected = sorted([f"{tei.stem}.pdf" for tei in tei_files(printed)] + ["edition.pdf"])
    assert names == expected


def test_a_broken_input_is_reported_with_its_position_and_the_rest_still_print(tmp_path, capsys):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>\n</TEI>")
    code = main(["pdf", str(broken), str(FEATURES), "-o", str(tmp_path / "out")])
    assert code == 1
    assert f"{broken}:2:" in capsys.readouterr().err
    assert (tmp_path / "out" / "features.pdf").exists()
    assert (tmp_path / "out" / "edition.pdf").exists()


def test_letter_paper_by_option(tmp_path):
    assert main(["pdf", str(FEATURES), "-o", str(tmp_path), "--page-size", "letter",
                 "--no-volume"]) == 0
    box = PdfReader(tmp_path / "features.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a4_by_default(volume):
    box = PdfReader(volume).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


# ---------------------------------------------------------------- text

@pytest.mark.parametrize("index", range(len(SEEDS) + 1))
def test_every_paragraph_of_original_and_translation_is_printed_in_order(printed, index):
    tei = tei_files(printed)[index]
    with pdfplumber.open(pdf_of(printed, tei)) as pdf:
        stream = body_stream(pdf)
    blocks = text_blocks(parse_xml(tei))
    assert len(blocks) >= 5
    cursor = 0
    for block in blocks:
        expected = letters(printed_text(block))
        found = stream.find(expected, cursor)
        assert found >= 0, f"{tei.name}:{block.sourceline}: not printed in order: {expected[:80]}"
        cursor = found + len(expected)


def test_original_and_translation_are_labelled(printed):
    tei = next(path for path in tei_files(printed) if path.name == "zz-features.xml")
    with pdfplumber.open(pdf_of(printed, tei)) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert text.index("Original (Russian)") < text.index("Translation (English)")


def test_an_insertion_names_its_hand_after_its_closing_bracket(printed):
    """As the web edition's diplomatic view does, readable without hovering."""
    tei = next(path for path in tei_files(printed) if path.name == "zz-features.xml")
    with pdfplumber.open(pdf_of(printed, tei)) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert re.search(r"⸢at the initiative of Cde\. Kim Il Sung⸣ ?\(hand 1\)", text.replace("\n", " "))


def test_a_stray_fragment_says_what_it_is_above_its_words(volume_lines):
    """Words found after the end of a document are printed, under the same label as on the web."""
    lines = [line for page in volume_lines for line in page]
    label = next(i for i, line in enumerate(lines) if line.startswith("Stray fragment: words after the end"))
    assert "Zab" in lines[label + 1:label + 3]


def test_sheet_numbers_stand_in_the_margin(printed):
    tei = next(path for path in tei_files(printed) if path.name == "zz-features.xml")
    with pdfplumber.open(pdf_of(printed, tei)) as pdf:
        page = pdf.pages[0]
        body_left = min(c["x0"] for c in page.chars if c["size"] >= 10 and c["text"] == "П")
        labels = [w for w in page.extract_words() if w["text"] == "лист"]
    assert len(labels) == 2
    assert all(word["x1"] < body_left for word in labels)


def test_long_words_are_hyphenated_in_english_and_russian(volume_lines, printed):
    # Typst's hyphen reads back as a hyphen-minus or a soft hyphen: a break is a line end whose
    # two halves make a word of the TEI when joined without it.
    words = set(" ".join(path.read_text(encoding="utf-8") for path in tei_files(printed)).split())
    broken = [line.split()[-1][:-1] + following.split()[0] for lines in volume_lines
              for line, following in zip(lines, lines[1:])
              if line.endswith(("-", "\u00ad")) and line.split() and following.split()]
    broken = [word for word in broken if word.strip(".,;:") in words or word in words]
    assert any(word[0].isascii() and word[0].isalpha() for word in broken)
    assert any("\u0400" <= word[0] <= "\u04ff" for word in broken)


# ---------------------------------------------------------------- notes and apparatus

@pytest.mark.parametrize("index", range(len(SEEDS) + 1))
def test_each_footnote_sits_on_the_page_of_its_call(printed, index):
    tei = tei_files(printed)[index]
    with pdfplumber.open(pdf_of(printed, tei)) as pdf:
        pages = [(footnote_calls(page), footnote_marks(page)) for page in pdf.pages]
    for number, (calls, marks) in enumerate(pages, start=1):
        assert calls == [mark for mark in marks if mark in calls], f"page {number}"
    tree = parse_xml(tei)
    inline_notes = tree.xpath("//tei:text//tei:note[not(parent::tei:div)]"
                              "[not(ancestor::tei:note)] | //tei:text//tei:app",
                              namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    assert sum(len(calls) for calls, _ in pages) == len(inline_notes)


def test_notes_are_numbered_and_variants_lettered_as_separate_series(printed):
    tei = next(path for path in tei_files(printed) if path.name == "zz-features.xml")
    with pdfplumber.open(pdf_of(printed, tei)) as pdf:
        calls = footnote_calls(pdf.pages[0])
    assert [c for c in calls if c.isdigit()] == ["1", "2", "3"]
    assert [c for c in calls if c.isalpha()] == ["a", "b", "c", "d"]


# ---------------------------------------------------------------- the volume

def test_title_page_names_edition_editors_date_and_licence(volume_lines):
    text = " ".join(" ".join(volume_lines[0]).split())
    for expected in (EDITION_TITLE, "Ada Editor, Boris Redaktor", "14 November 2023",
                     "CC BY 4.0"):
        assert expected in text


def test_outline_matches_the_table_of_contents_and_its_page_numbers(
        volume, volume_pages, volume_lines, printed):
    outline = outline_entries(PdfReader(volume))
    toc = volume_pages[1]
    numbers = [int(w["text"]) for w in toc.extract_words()
               if w["text"].isdigit() and w["x0"] > toc.width * 0.8]
    toc_text = letters(" ".join(volume_lines[1]))
    assert [page for _, page in outline] == numbers
    titles = [title for title, _ in outline]
    assert titles[0] == "Note on editorial method"
    assert titles[-2:] == ["Index of names", "Index of places"]  # at the back, after the documents
    assert len(titles) == 1 + len(tei_files(printed)) + 2
    for title in titles[1:]:
        assert letters(title) in toc_text


def test_each_document_starts_on_a_new_page_with_number_title_date_and_source(
        volume, volume_lines):
    for number, (title, page) in enumerate(outline_entries(PdfReader(volume))[1:-2], start=1):
        lines = volume_lines[page - 1]
        # No running head above a document's heading: its number is the first line.
        assert lines[0] in (f"Document {number}", f"Fragment {number}")
        assert title.split(". ", 1)[1].split()[0] in lines[1]
        assert any(line.startswith("Source:") for line in lines)


def test_running_heads_and_page_numbers(volume, volume_lines):
    for number, lines in enumerate(volume_lines[2:], start=3):
        assert lines[-1] == str(number)
    outline = outline_entries(PdfReader(volume))
    starts = [page for _, page in outline[1:]] + [len(volume_lines) + 1]
    checked = 0
    for (title, first), following in zip(outline[1:], starts[1:], strict=True):
        for page in range(first + 1, following):
            # Documents' titles on right (odd) pages, the edition's on left (even) pages.
            expected = title.split(". ", 1)[1] if page % 2 else EDITION_TITLE
            assert volume_lines[page - 1][0] == expected, f"page {page}"
            checked += 1
    assert checked >= 2


# The signs features.xml, printed in the volume, uses.
SIGNS_IN_THE_VOLUME = ("handwritten", "addition", "deletion", "ocr-deletion", "variant", "supplied",
                       "identification", "expansion", "sic", "gap", "stamp", "foreign", "space",
                       "sheet-break", "translator-note", "editorial-note", "unclassified", "unbalanced")


def _sign_meanings() -> dict[str, str]:
    """The reader's meaning of each sign, as xslt/common/signs.xsl words it for both editions."""
    signs = parse_xml(ROOT / "xslt" / "common" / "signs.xsl")
    select = signs.xpath("//*[@name='ed:sign-meanings']/@select")[0]
    return dict(re.findall(r"'([a-z-]+)': '([^']*)'", select))


def test_method_note_explains_each_sign_in_a_readers_words_without_input_notation(volume, volume_pages):
    outline = outline_entries(PdfReader(volume))
    method, first_document = outline[0][1], outline[1][1]
    text = " ".join(volume_pages[number].extract_text() for number in range(method - 1, first_document - 1))
    meanings = _sign_meanings()
    missing = [sign for sign in SIGNS_IN_THE_VOLUME if letters(meanings[sign]) not in letters(text)]
    assert missing == []
    assert "In the transcription" not in text
    assert not re.search(r"\[(handwritten|inserted by hand|in the handwritten version|Stamp):", text)
    assert "⸢text⸣ (hand 1)" in text or "⸢text⸣(hand 1)" in text


# ---------------------------------------------------------------- fonts

def _font_files() -> dict[str, Path]:
    faces = {"regular": "Linux Libertine O", "italic": "Linux Libertine O:italic",
             "bold": "Linux Libertine O:bold"}
    found = {}
    for face, pattern in faces.items():
        path = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                              text=True, check=True).stdout
        found[face] = Path(path)
    return found


def test_every_seed_character_has_a_glyph_in_every_face_the_edition_uses():
    characters = {ch for path in SEEDS for ch in path.read_text(encoding="utf-8")
                  if not ch.isspace()}
    for face, path in _font_files().items():
        assert "Libertine" in path.name or "Biolinum" in path.name, f"{face}: {path}"
        cmap = TTFont(path).getBestCmap()
        missing = sorted(ch for ch in characters if ord(ch) not in cmap)
        assert missing == [], f"{face} ({path.name}) lacks {''.join(missing)}"


def test_no_character_falls_back_to_another_font(volume_pages):
    strays = {(c["text"], c["fontname"].split("+")[-1]) for page in volume_pages
              for c in page.chars
              if not any(family in c["fontname"] for family in FONT_FAMILIES)}
    assert strays <= DELIBERATE


def test_all_fonts_are_embedded(volume):
    reader = PdfReader(volume)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), \
                font["/BaseFont"]


# ---------------------------------------------------------------- archival PDF

def test_metadata_title_author_subject_keywords_language(volume, printed):
    reader = PdfReader(volume)
    info = reader.metadata
    assert info.title == EDITION_TITLE
    assert info.author == "Ada Editor, Boris Redaktor"
    assert f"{len(tei_files(printed))} archival documents" in info.subject
    assert "Russian" in reader.metadata["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


def _xmp(path) -> str:
    return PdfReader(path).trailer["/Root"]["/Metadata"].get_object().get_data().decode()


@pytest.mark.parametrize("which", ["volume", "document"])
def test_pdf_a_3a_and_pdf_ua_1_are_declared_in_one_file(volume, printed, which):
    path = volume if which == "volume" else pdf_of(printed, tei_files(printed)[0])
    xmp = _xmp(path)
    assert re.search(r"pdfaid:part(=\"|>)3", xmp) and re.search(r"pdfaid:conformance(=\"|>)A", xmp)
    assert re.search(r"pdfuaid:part(=\"|>)1", xmp)


def test_the_pdf_is_tagged_with_its_title_shown(volume):
    root = PdfReader(volume).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def _structure(reader) -> list[tuple[str, str | None]]:
    """(role, /Lang or None) of every element of the structure tree, in document order."""
    found = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            found.append((str(node["/S"]), node.get("/Lang")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is not None and (hasattr(kid, "get_object") or isinstance(kid, dict)):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_structure_tree_tags_headings_paragraphs_lists_notes_and_tables(volume):
    roles = {role for role, _ in _structure(PdfReader(volume))}
    assert {"/Document", "/H1", "/H2", "/P", "/L", "/LI", "/Note", "/Table", "/TH", "/Link"} <= roles


def test_russian_text_carries_its_own_language(volume):
    reader = PdfReader(volume)
    assert ("/P", "ru") in _structure(reader)
    # A Russian word inside an English paragraph: "лист" in the note on editorial method.
    outline = outline_entries(reader)
    method = reader.pages[outline[0][1] - 1].get_contents().get_data()
    assert b"/Lang(ru)" in method and b"/Lang(en)" in method


def test_the_attached_tei_equals_the_encoded_file_byte_for_byte(printed, volume):
    files = tei_files(printed)
    attached = PdfReader(volume).attachments
    assert sorted(attached) == sorted(path.name for path in files)
    for path in files:
        assert attached[path.name] == [path.read_bytes()]
        single = PdfReader(pdf_of(printed, path)).attachments
        assert single == {path.name: [path.read_bytes()]}


def test_the_same_input_gives_the_same_bytes(printed, tmp_path, monkeypatch):
    """The same TEI files printed again: each PDF the same, bytes for bytes (a document's PDF prints its
    number among the documents printed with it, so the input is the whole set)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert main(["pdf", str(printed / "tei"), "-o", str(tmp_path), "--title", EDITION_TITLE,
                 "--editor", "Ada Editor", "--editor", "Boris Redaktor",
                 "--licence", "CC BY 4.0", "--no-volume"]) == 0
    for tei in tei_files(printed):
        assert (tmp_path / f"{tei.stem}.pdf").read_bytes() == pdf_of(printed, tei).read_bytes(), tei.name


def test_source_date_epoch_is_the_creation_date(volume):
    info = PdfReader(volume).metadata
    assert info["/CreationDate"].startswith("D:20231114221320")


def test_without_source_date_epoch_the_pdf_carries_the_epoch_and_no_printed_date(tmp_path, monkeypatch):
    # PDF/A requires a date: an undated build gives the fixed 1 January 1970, never the clock.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert main(["pdf", str(FEATURES), "-o", str(tmp_path)]) == 0
    data = (tmp_path / "features.pdf").read_bytes()
    assert PdfReader(io.BytesIO(data)).metadata["/CreationDate"].startswith("D:19700101000000")
    with pdfplumber.open(tmp_path / "edition.pdf") as pdf:
        assert "1970" not in pdf.pages[0].extract_text()
