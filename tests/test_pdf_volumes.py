"""A large edition is cut into volumes, by size or by year; numbers run on through them."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from lxml import html

from tei.cli import main
from tei.pipeline.model import DocumentRecord, Settings
from tei.pipeline.outputs import Layout, OutputReader
from tei.pipeline.stages import document_facts, tei_path, volume_stage
from tei.render.pdf import (
    PdfOptions,
    PrintError,
    VolumeSplit,
    load_tei,
    plan_volumes,
    tei_to_xhtml,
)
from tests.conftest import ROOT

FEATURES = ROOT / "tests" / "data" / "features.xml"


def _plan(dates, by="size", documents=500):
    return [(v.name, v.label, v.first_number, v.members) for v in plan_volumes(dates, VolumeSplit(by, documents))]


def test_an_edition_that_fits_is_one_volume_named_edition_pdf():
    assert _plan(["1956-01-01"] * 3) == [("edition.pdf", "", 1, (0, 1, 2))]


def test_by_size_volumes_hold_at_most_the_documents_asked_for():
    assert _plan([""] * 5, documents=2) == [
        ("edition-1.pdf", "Volume 1 of 3", 1, (0, 1)),
        ("edition-2.pdf", "Volume 2 of 3", 3, (2, 3)),
        ("edition-3.pdf", "Volume 3 of 3", 5, (4,)),
    ]


def test_by_year_one_volume_a_year_in_date_order_undated_last_big_years_in_parts():
    dates = ["1956-09-16", "", "1955-01-02", "1956-10-15", "1956-12", "1955"]
    assert _plan(dates, by="year", documents=2) == [
        ("edition-1955.pdf", "1955", 1, (2, 5)),
        ("edition-1956-1.pdf", "1956, part 1 of 2", 3, (0, 3)),
        ("edition-1956-2.pdf", "1956, part 2 of 2", 5, (4,)),
        ("edition-undated.pdf", "Undated documents", 6, (1,)),
    ]


def test_ten_thousand_documents_make_volumes_of_at_most_five_hundred():
    volumes = plan_volumes([f"{1950 + n % 7}-01-01" for n in range(10_000)])
    assert len(volumes) == 20 and max(len(v.members) for v in volumes) == 500
    assert sorted(m for v in volumes for m in v.members) == list(range(10_000))


@pytest.mark.parametrize(("by", "documents", "message"), [
    ("decade", 10, "unknown volume split 'decade'"), ("size", 0, "at least 1")])
def test_a_wrong_split_is_refused(by, documents, message):
    with pytest.raises(PrintError, match=message):
        VolumeSplit(by, documents)


def test_a_later_volume_names_itself_and_numbers_on():
    features = load_tei(FEATURES)
    page = html.fromstring(tei_to_xhtml([features], PdfOptions(volume_label="Volume 2 of 3", first_number=501),
                                        "volume"))
    assert page.xpath("string(//p[@class='volume-label'])") == "Volume 2 of 3"
    assert page.xpath("string(//head/title)").endswith(": Volume 2 of 3")
    assert page.xpath("//article/@id") == ["doc-501"]
    assert page.xpath("//nav//a/@href")[1:] == ["#doc-501"]
    assert page.xpath("normalize-space(//p[@class='document-number'])") == "Document 501"


@pytest.mark.slow
def test_tei_pdf_cuts_the_volume_by_documents_per_volume(tmp_path, seed_tei):
    for stem, data in seed_tei.items():
        (tmp_path / f"{stem}.xml").write_bytes(data)
    assert main(["pdf", str(tmp_path), "-o", str(tmp_path / "pdf"), "--documents-per-volume", "3"]) == 0
    assert sorted(p.name for p in (tmp_path / "pdf").glob("edition*.pdf")) == ["edition-1.pdf", "edition-2.pdf"]
    with pdfplumber.open(tmp_path / "pdf" / "edition-2.pdf") as pdf:
        assert "Volume 2 of 2" in pdf.pages[0].extract_text()
        assert any("Document 4" in page.extract_text() or "Fragment 4" in page.extract_text()
                   for page in pdf.pages)


@pytest.mark.slow
def test_the_build_cuts_its_volumes_by_year(seed_tei):
    teis = {stem: data for stem, data in seed_tei.items()}
    records = tuple(DocumentRecord(stem, f"{stem}.txt", (tei_path(stem),), document_facts(data, tei_path(stem)))
                    for stem, data in teis.items())
    held = OutputReader(Layout(Path("unused")), {tei_path(stem): data for stem, data in teis.items()})
    result = volume_stage(records, Settings(volumes="year"), held)
    years = {dict(r.meta)["date"][:4] or "undated" for r in records}
    assert sorted(name for name, _ in result.files) == sorted(f"pdf/edition-{year}.pdf" for year in years)
    assert all(pdf.startswith(b"%PDF-") for _, pdf in result.files)


@pytest.mark.slow
def test_volumes_typeset_on_threads_are_the_bytes_of_volumes_typeset_alone(seed_tei):
    from tei.render.pdf import TeiSource, render_volume, render_volumes
    from tei.xmlsafe import parse_xml

    sources = [TeiSource(Path(f"{stem}.xml"), data, parse_xml(data)) for stem, data in seed_tei.items()]
    options = PdfOptions()
    together = dict(render_volumes(sources, [""] * len(sources), options, VolumeSplit(documents=3)))
    alone = render_volume(sources[3:], PdfOptions(volume_label="Volume 2 of 2", first_number=4))
    assert sorted(together) == ["edition-1.pdf", "edition-2.pdf"]
    assert together["edition-2.pdf"] == alone
