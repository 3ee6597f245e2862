"""The editors' layer: metadata sidecars, the edition order and frozen document numbers."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tei.errors import SourceError
from tei.numbering import OrderFacts, assign_numbers, edition_order, read_state, state_text
from tei.pipeline.build import BuildOptions, build_edition
from tei.pipeline.config import EditionConfig, EditionInfo
from tei.sidecar import read_sidecar
from tei.xmlsafe import parse_xml
from tests.test_build import FAKE_STAGES, log, work  # noqa: F401  (shared fixture)

ROOT = Path(__file__).resolve().parent.parent
NS = {"t": "http://www.tei-c.org/ns/1.0"}
FRAGMENT = "001_3072a39c7fc87f5a"


# ------------------------------------------------------------ the sidecar file

def test_a_sidecar_gives_title_date_people_place_summary_notes_and_alignment():
    sidecar = read_sidecar((ROOT / "metadata" / f"{FRAGMENT}.toml").read_bytes(), "m.toml")
    assert sidecar.title.startswith("Telegram from A. I. Mikoyan")
    assert (sidecar.date, sidecar.date_cert, sidecar.place) == ("1956-09-23", "high", "Pyongyang")
    assert sidecar.sender == "A. I. Mikoyan" and sidecar.recipient == "CPSU Central Committee"
    fixed = read_sidecar(b'[[alignment]]\noriginal = "p-ru-3"\ntranslation = ["p-en-3", "p-en-4"]\n', "m")
    assert fixed.alignment[0].translation == ("p-en-3", "p-en-4")


@pytest.mark.parametrize("text, message", [
    ('titel = "x"\n', "m.toml:1:1: error: unknown key 'titel'"),
    ('title = "x"\ndate = "23 September 1956"\n', "m.toml:2:1: error: date '23 September 1956' is not an ISO date"),
    ('date_cert = "sure"\n', "m.toml:1:1: error: date_cert 'sure': choose from high, medium, low"),
    ('notes = "one"\n', "m.toml:1:1: error: key 'notes' must be a list of strings"),
    ('title = "unclosed\n', "m.toml:1:18: error: Illegal character"),
])
def test_a_wrong_sidecar_is_one_positioned_error(text, message):
    with pytest.raises(SourceError) as caught:
        read_sidecar(text.encode(), "m.toml")
    assert str(caught.value).startswith(message)


# ------------------------------------------------------------ order and numbers

def test_the_edition_order_is_chronological_with_undated_documents_last():
    facts = [OrderFacts("c", "", "A"), OrderFacts("b", "1956-09-23", "B"), OrderFacts("a", "1956-09", "Z")]
    assert edition_order(facts) == ["a", "b", "c"]


def test_numbers_are_given_once_and_a_newcomer_is_numbered_after_its_predecessor():
    first = assign_numbers(["a", "b", "c"], {})
    assert first == {"a": "1", "b": "2", "c": "3"}
    assert assign_numbers(["a", "new", "b", "c"], first)["new"] == "1a"
    assert assign_numbers(["a", "b", "new", "new2", "c"], first) | {} == {**first, "new": "2a", "new2": "2b"}
    assert assign_numbers(["new", "a", "b", "c"], first)["new"] == "0a"
    assert assign_numbers(["a", "b", "c", "last"], first)["last"] == "4"
    assert assign_numbers(["a", "c", "d"], first)["d"] == "4", "a removed document's number is not reused"


def test_the_state_file_round_trips(tmp_path):
    path = tmp_path / "document-numbers.toml"
    path.write_text(state_text({"b": "2", "a \"odd\" name": "1a"}), encoding="utf-8")
    assert read_state(path) == {"b": "2", "a \"odd\" name": "1a"}


# ------------------------------------------------------------ in the build (fake stages)

@pytest.fixture
def dated_edition(tmp_path) -> EditionConfig:
    folder = tmp_path / "edition"
    (folder / "texts").mkdir(parents=True)
    (folder / "metadata").mkdir()
    for name, date in (("alpha", "1956-09-01"), ("beta", "1956-09-10"), ("gamma", "1956-09-20")):
        (folder / "texts" / f"{name}.txt").write_text(f"{name} text\n", encoding="utf-8")
        (folder / "metadata" / f"{name}.toml").write_text(f'date = "{date}"\n', encoding="utf-8")
    return EditionConfig(source_root=folder, sources=("texts/*.txt",), output_dir=folder / "build")


def build(config: EditionConfig):
    return build_edition(config, BuildOptions(stages=FAKE_STAGES, jobs=1))


def test_editing_one_sidecar_rebuilds_only_that_document_and_the_shared_outputs(dated_edition, log):  # noqa: F811
    build(dated_edition)
    work(log)
    (dated_edition.source_root / "metadata" / "beta.toml").write_text(
        'date = "1956-09-10"\ntitle = "Beta, titled"\n', encoding="utf-8")
    build(dated_edition)
    assert [line for line in work(log) if "edition" not in line] == [
        "encode beta", "pdf beta", "validate beta", "web beta"]


def test_an_earlier_newcomer_renumbers_nothing_and_rebuilds_only_its_neighbours(dated_edition, log):  # noqa: F811
    build(dated_edition)
    state = dated_edition.source_root / "document-numbers.toml"
    assert read_state(state) == {"alpha": "1", "beta": "2", "gamma": "3"}
    work(log)
    folder = dated_edition.source_root
    (folder / "texts" / "delta.txt").write_text("delta text\n", encoding="utf-8")
    (folder / "metadata" / "delta.toml").write_text('date = "1956-09-05"\n', encoding="utf-8")
    build(dated_edition)
    assert read_state(state) == {"alpha": "1", "beta": "2", "gamma": "3", "delta": "1a"}
    rebuilt = {line.split()[1] for line in work(log) if "edition" not in line}
    assert rebuilt == {"alpha", "delta", "beta"}, "gamma's page keeps its links and is not redone"


# ------------------------------------------------------------ in the build (real stages)

def fragment_edition(tmp_path: Path, with_sidecar: bool) -> EditionConfig:
    folder = tmp_path / "edition"
    (folder / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / f"{FRAGMENT}.txt", folder / "seeds")
    if with_sidecar:
        (folder / "metadata").mkdir()
        shutil.copy(ROOT / "metadata" / f"{FRAGMENT}.toml", folder / "metadata")
    return EditionConfig(edition=EditionInfo(title="Korea, 1956", version="2.1"), source_root=folder,
                         sources=("seeds/*.txt",), outputs=("tei",), output_dir=folder / "build")


def test_a_document_without_title_or_date_is_warned_about(tmp_path):
    report = build_edition(fragment_edition(tmp_path, with_sidecar=False), BuildOptions(jobs=1))
    lines = [str(d) for d in report.diagnostics]
    assert f"seeds/{FRAGMENT}.txt:1:1: warning: [missing-title] the document has no title: the source " \
        f"states none and metadata/{FRAGMENT}.toml gives none (add title = \"…\" there)" in lines
    assert any("[missing-date]" in line for line in lines)


def test_the_sidecar_goes_into_the_tei_header_marked_as_the_editors(tmp_path):
    config = fragment_edition(tmp_path, with_sidecar=True)
    report = build_edition(config, BuildOptions(jobs=1))
    assert report.errors == 0 and not [d for d in report.diagnostics if "missing" in d.rule]
    root = parse_xml(config.output_dir / "tei" / f"{FRAGMENT}.xml").getroot()
    def one(xpath):
        return root.xpath(xpath, namespaces=NS)
    assert one("string(//t:titleStmt/t:title[@resp='#editor'])").startswith("Telegram from A. I. Mikoyan")
    assert one("//t:titleStmt/t:title[@type='desc'][not(@resp)]"), "the encoder's own title is kept"
    assert one("string(//t:correspAction[@type='sent'][@resp='#editor']/t:date/@when)") == "1956-09-23"
    assert one("string(//t:correspAction[@type='sent'][@resp='#editor']/t:placeName)") == "Pyongyang"
    assert one("string(//t:abstract[@resp='#editor'])").strip().startswith("Mikoyan reports")
    assert len(one("//t:notesStmt/t:note[@type='editorial'][@resp='#editor']")) == 3
    assert one("string(//t:editionStmt/t:edition/@n)") == "2.1"
    assert one("string(//t:seriesStmt/t:biblScope[@unit='document']/@n)") == "1"
    assert one("//t:respStmt/*[@xml:id='editor']")


def test_the_citation_names_edition_editors_version_number_and_address(tmp_path):
    config = fragment_edition(tmp_path, with_sidecar=True)
    edition = EditionInfo(title="Korea, 1956", editors=("A. Editor", "B. Editor"), version="2.1",
                          base_url="https://example.org/korea/")
    config = replace(config, edition=edition, outputs=("tei", "web"))
    assert build_edition(config, BuildOptions(jobs=1)).errors == 0
    url = f"https://example.org/korea/{FRAGMENT}.html"
    root = parse_xml(config.output_dir / "tei" / f"{FRAGMENT}.xml").getroot()
    assert root.xpath("string(//t:seriesStmt/t:idno[@type='URI'])", namespaces=NS) == url
    page = (config.output_dir / "web" / f"{FRAGMENT}.html").read_text(encoding="utf-8")
    assert (f"1956. Document 1 in Korea, 1956, edited by A. Editor, B. Editor, version 2.1, {url}. "
            "Archival source: not stated in the transcription.") in page
    bibtex = (config.output_dir / "web" / "cite" / f"{FRAGMENT}.bib").read_text(encoding="utf-8")
    assert "  editor = {A. Editor and B. Editor},\n  version = {2.1},\n  number = {1}," in bibtex
    assert (config.output_dir / "web" / "edition.ris").read_bytes().startswith(b"TY  - EDBOOK\r\nTI  - Korea, 1956")
