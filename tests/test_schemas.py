"""The edition's schemas: generated from the ODD, never stale, loadable by every tool."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tei.cli import main
from tei.errors import TeiToolkitError
from tei.resources import data_dir
from tei.validate.odd import NS, TOPICS, generate, read_odd
from tei.validate.schematron import Schematron
from tei.xmlsafe import parse_xml

SCHEMAS = data_dir("schemas")
ODD = SCHEMAS / "edition.odd"
FEATURES = Path(__file__).parent / "data" / "features.xml"


@pytest.fixture(scope="module")
def generated() -> dict[str, bytes]:
    return generate(ODD)


def test_the_committed_schemas_are_what_the_odd_generates(generated):
    stale = [name for name, data in generated.items() if (SCHEMAS / name).read_bytes() != data]
    assert not stale, f"stale: {stale}; regenerate with `tei schemas build`"


def test_schemas_build_check_reports_a_stale_file(tmp_path, capsys):
    for name in (p.name for p in SCHEMAS.iterdir()):
        shutil.copy(SCHEMAS / name, tmp_path / name)
    assert main(["schemas", "build", "--odd", str(tmp_path / "edition.odd"), "--check"]) == 0
    (tmp_path / "dates.sch").write_text("<stale/>")
    assert main(["schemas", "build", "--odd", str(tmp_path / "edition.odd"), "--check"]) == 1
    assert "dates.sch: stale" in capsys.readouterr().err


def test_schemas_build_writes_every_file_deterministically(tmp_path):
    shutil.copy(ODD, tmp_path / "edition.odd")
    assert main(["schemas", "build", "--odd", str(tmp_path / "edition.odd")]) == 0
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert main(["schemas", "build", "--odd", str(tmp_path / "edition.odd")]) == 0
    assert first == {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert {"edition.rng", "edition.xsd", "xml.xsd", *(f"{t}.sch" for t in TOPICS)} <= set(first)


def test_the_relaxng_compiles_in_lxml():
    etree.RelaxNG(parse_xml(SCHEMAS / "edition.rng"))


def test_the_xsd_loads_in_xmlschema_and_accepts_the_reference_document():
    import xmlschema

    schema = xmlschema.XMLSchema(str(SCHEMAS / "edition.xsd"))
    assert schema.is_valid(str(FEATURES))


def test_libxml2_and_xmlschema_agree_on_the_xsd_for_every_gallery_file():
    import xmlschema

    fast = etree.XMLSchema(parse_xml(SCHEMAS / "edition.xsd"))
    reference = xmlschema.XMLSchema(str(SCHEMAS / "edition.xsd"))
    gallery = sorted((Path(__file__).parent / "invalid").rglob("*.xml"))
    for path in [FEATURES, *gallery]:
        try:
            tree = parse_xml(path)
        except TeiToolkitError:
            continue
        assert fast.validate(tree) == reference.is_valid(tree), path.name


@pytest.mark.skipif(not shutil.which("jing"), reason="jing is not installed (Debian package jing)")
def test_jing_accepts_the_relaxng_and_the_reference_document():
    done = subprocess.run(
        ["jing", str(SCHEMAS / "edition.rng"), str(FEATURES)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


def test_every_included_element_has_a_content_model():
    odd = read_odd(ODD)
    assert "TEI" in odd.content and len(odd.content) > 60


def test_every_closed_value_is_glossed():
    tree = parse_xml(ODD)
    unglossed = [
        item.get("ident")
        for item in tree.iterfind(".//tei:valItem", NS)
        if not (item.findtext("tei:gloss", namespaces=NS) or "").strip()
    ]
    assert not unglossed


def test_every_schematron_assert_has_a_unique_id():
    ids = Schematron([SCHEMAS / f"{topic}.sch" for topic in TOPICS]).assert_ids
    assert len(ids) == len(set(ids)) >= 20


def test_each_topic_file_holds_only_its_own_patterns():
    for topic in TOPICS:
        root = parse_xml(SCHEMAS / f"{topic}.sch").getroot()
        ids = [p.get("id") for p in root.iterfind("{http://purl.oclc.org/dsdl/schematron}pattern")]
        assert ids and all(i.startswith(topic + "-") for i in ids), (topic, ids)


@pytest.mark.slow
def test_the_odd_is_itself_valid_tei(tei_all):
    assert tei_all.validate(parse_xml(ODD)), tei_all.error_log
