"""The `dts` export: a static DTS 1-alpha API under the web edition, valid for schemas written from the spec."""

from __future__ import annotations

import json
import re

import pytest

from tei.export.jsonschemas import schema_problems
from tei.xmlsafe import parse_xml
from tests.export_helpers import build_seeds, built_seeds

DTS_SCHEMA = "dts-1-alpha.schema.json"
BASE = "https://example.org/edition/"


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    build = built_seeds(tmp_path_factory.mktemp("dts"), ("tei", "web", "dts"))
    return build / "web"


def _load(web, url: str) -> dict:
    assert url.startswith(BASE), url
    return json.loads((web / url.removeprefix(BASE)).read_text(encoding="utf-8"))


def _expand(template: str, **values: str) -> str:
    """RFC 6570 expansion of the path forms the static API uses: {var}, {/var}, {;var}."""
    def one(match):
        operator, name = match[1], match[2]
        if name not in values:
            return ""
        return {"": "", "/": "/", ";": f";{name}="}[operator] + values[name]
    return re.sub(r"\{([/;]?)(\w+)\}", one, template)


def test_every_file_is_valid_for_the_dts_schema(web):
    files = sorted((web / "dts").rglob("*.json"))
    assert len(files) > 10
    for path in files:
        assert schema_problems(json.loads(path.read_text(encoding="utf-8")), DTS_SCHEMA) == [], path


def test_the_schema_catches_a_response_without_its_version():
    assert schema_problems({"@context": "x", "@id": "x", "@type": "EntryPoint"}, DTS_SCHEMA)


def test_the_entry_point_leads_to_every_document_its_tree_and_its_tei(web):
    entry = json.loads((web / "dts/index.json").read_text(encoding="utf-8"))
    assert entry["dtsVersion"] == "1-alpha" and entry["@type"] == "EntryPoint"
    root = _load(web, _expand(entry["collection"]))
    assert root["totalItems"] == len(root["member"]) == 5
    for member in root["member"]:
        name = member["@id"]
        assert _load(web, _expand(entry["collection"], id=name))["@type"] == "Resource"
        assert _load(web, _expand(entry["collection"], id=name, nav="parents"))["member"][0]["@id"] == "edition"
        tree = _load(web, _expand(entry["navigation"], resource=name, down="-1"))
        assert tree["member"] and tree["member"][0]["level"] == 1
        tei = web / _expand(entry["document"], resource=name).removeprefix(BASE)
        assert parse_xml(tei.read_bytes(), str(tei)).getroot().tag.endswith("}TEI")


def test_the_citation_tree_is_the_texts_then_their_paragraphs_by_xml_id(web):
    name = "002_3e0987d1e7ed6dfd"
    tree = _load(web, f"{BASE}dts/navigation/{name};down=-1.json")
    texts = [unit["identifier"] for unit in tree["member"] if unit["level"] == 1]
    assert texts == ["text-ru", "text-en"]
    paragraphs = [u["identifier"] for u in tree["member"] if u.get("citeType") == "paragraph"]
    tei = parse_xml((web / "tei" / f"{name}.xml").read_bytes())
    assert paragraphs == tei.xpath("//*[local-name() = 'p'][ancestor::*[local-name() = 'body']]/@xml:id")
    children = _load(web, f"{BASE}dts/navigation/{name};down=-1/text-en.json")
    assert children["ref"]["identifier"] == "text-en"
    assert {unit["parent"] for unit in children["member"]} == {"text-en"}
    top = _load(web, f"{BASE}dts/navigation/{name};down=1.json")
    assert [unit["identifier"] for unit in top["member"]] == texts


def test_dts_without_the_web_edition_is_one_error_naming_the_key(tmp_path):
    _, report = build_seeds(tmp_path, ("tei", "dts"))
    errors = [str(d) for d in report.diagnostics if d.severity == "error"]
    assert len(errors) == 1 and 'outputs.formats has "dts" without "web"' in errors[0]
