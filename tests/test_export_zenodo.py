"""The `zenodo` export: .zenodo.json, CITATION.cff and a DataCite record, checked against schemas."""

from __future__ import annotations

import json

import pytest
import yaml
from lxml import etree

from tei.export.jsonschemas import schema_problems
from tei.export.zenodo import CFF_SCHEMA, ZENODO_SCHEMA
from tests.export_helpers import EDITION_TOML, build_seeds, built_seeds

D = {"d": "http://datacite.org/schema/kernel-4"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    build = built_seeds(tmp_path_factory.mktemp("zenodo"), ("tei", "zenodo"))
    return build / "export/zenodo"


def test_citation_cff_is_valid_for_the_cff_1_2_0_schema(built):
    cff = yaml.safe_load((built / "CITATION.cff").read_text(encoding="utf-8"))
    assert schema_problems(cff, CFF_SCHEMA) == []
    assert cff["cff-version"] == "1.2.0" and cff["license"] == "CC-BY-4.0"
    assert cff["authors"][0] == {"given-names": "Ada", "family-names": "Editor"}


def test_the_cff_schema_catches_a_broken_file():
    assert schema_problems({"cff-version": "1.2.0", "title": "x", "message": "m", "authors": []}, CFF_SCHEMA)


def test_zenodo_json_is_valid_for_the_deposit_schema(built):
    zenodo = json.loads((built / ".zenodo.json").read_text(encoding="utf-8"))
    assert schema_problems(zenodo, ZENODO_SCHEMA) == []
    assert zenodo["creators"] == [{"name": "Editor, Ada"}, {"name": "Redaktor, Boris"}]
    assert {"name": "Goldberg, Gary", "type": "Other"} in zenodo["contributors"]
    assert {"identifier": "https://wilson-center.drivingcreative.com/document/120189", "relation": "isDerivedFrom",
            "scheme": "url"} in zenodo["related_identifiers"]


def test_the_zenodo_schema_catches_a_name_without_a_creator():
    assert schema_problems({"upload_type": "dataset", "title": "x", "creators": [{}]}, ZENODO_SCHEMA)


def test_the_datacite_record_names_creators_contributors_dates_languages_licence_and_sources(built):
    resource = etree.fromstring((built / "datacite.xml").read_bytes())
    assert resource.xpath("d:creators/d:creator/d:creatorName/text()", namespaces=D) == [
        "Editor, Ada", "Redaktor, Boris"]
    roles = {(c.get("contributorType"), c.findtext("d:contributorName", namespaces=D))
             for c in resource.iterfind("d:contributors/d:contributor", D)}
    assert ("Translator", "Goldberg, Gary") in roles and ("Translator", "Radchenko, Sergey") in roles
    encoder = resource.xpath("d:contributors/d:contributor[@contributorType = 'DataCurator']/d:contributorName",
                             namespaces=D)[0]
    assert encoder.text.startswith("tei-edition ") and encoder.get("nameType") == "Organizational"
    dates = {d.get("dateType"): d.text for d in resource.iterfind("d:dates/d:date", D)}
    assert dates == {"Issued": "2026-11-30", "Other": "1956-09-16/1956-10-15"}
    assert resource.findtext("d:language", namespaces=D) == "en"
    assert resource.find("d:rightsList/d:rights", D).get("rightsIdentifier") == "CC-BY-4.0"
    related = resource.xpath("d:relatedIdentifiers/d:relatedIdentifier[@relationType = 'IsDerivedFrom']/text()",
                             namespaces=D)
    assert "https://wilson-center.drivingcreative.com/document/114156" in related
    assert resource.findtext("d:publicationYear", namespaces=D) == "2026"


def test_an_edition_without_editors_is_one_error_naming_the_key(tmp_path):
    toml = EDITION_TOML.replace('editors = ["Ada Editor", "Boris Redaktor"]', "editors = []")
    _, report = build_seeds(tmp_path, ("tei", "zenodo"), toml)
    errors = [str(d) for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1 and "edition.editors is empty" in errors[0]
