"""Whatever the edition's schema accepts, the official tei_all accepts too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei.resources import data_dir
from tei.validate import validate
from tei.xmlsafe import parse_xml

HERE = Path(__file__).parent
DOCUMENTS = [HERE / "data" / "features.xml", HERE / "invalid" / "passing" / "minimal.xml"]

pytestmark = pytest.mark.slow


def _valid_in_both(path: Path, tei_all) -> None:
    [result] = validate(path)
    assert result.valid, "\n".join(map(str, result.problems))
    assert tei_all.validate(parse_xml(path)), (
        f"{path}: valid for the edition but not for tei_all: {tei_all.error_log}"
    )


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_reference_documents_are_valid_in_both(path, tei_all):
    _valid_in_both(path, tei_all)


def test_every_seed_output_is_valid_in_both(seed_tei, tei_all, tmp_path):
    for stem, data in seed_tei.items():
        path = tmp_path / f"{stem}.xml"
        path.write_bytes(data)
        _valid_in_both(path, tei_all)


def test_synthetic_documents_are_valid_in_both(tei_all, tmp_path):
    from tei.api import encode_document
    from tei.validate.synthetic import synthetic_transcriptions

    seeds = sorted(data_dir("seeds").glob("*.txt"))
    for name, text in synthetic_transcriptions(seeds, 25):
        path = (tmp_path / name).with_suffix(".xml")
        path.write_bytes(encode_document(text, name).tei)
        _valid_in_both(path, tei_all)


def test_the_tei_all_option_reports_its_own_layer(tmp_path):
    from tei.validate.engine import Options, Validator
    from tests.conftest import TEI_ALL

    if not TEI_ALL.exists():
        pytest.skip(f"the official TEI schema is not at {TEI_ALL}")
    validator = Validator(Options(tei_all=TEI_ALL))
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><nonsense/></TEI>')
    problems = validator.check(bad).problems
    assert {p.layer for p in problems} >= {"relaxng", "tei-all"}
    assert any(p.rule.startswith("tei-all-") for p in problems)
