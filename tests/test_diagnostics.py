"""One diagnostic type for the reader, the validator and the build; build findings name the transcription's place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tei.api import encode_document
from tei.cli import main
from tei.diagnostics import Diagnostic
from tei.errors import Position
from tei.pipeline.model import SourceDocument
from tei.pipeline.worker import _run_stage
from tei.render.html import WebRenderError
from tei.validate import get_validator

HERE = Path(__file__).parent
TRANSCRIPTION = ("First paragraph.\n\nSecond paragraph with a [Marginal mark: X] sign.\n\n"
                 "Third [Archive seal: 1956] here.\n")


def test_the_reader_the_validator_and_the_build_share_one_diagnostic_type():
    reader = encode_document(TRANSCRIPTION, "doc.txt").diagnostics
    validator = get_validator().check(HERE / "invalid" / "text-lang.xml").problems
    assert reader and validator
    assert {type(d) for d in (*reader, *validator)} == {Diagnostic}
    assert validator[0].layer == "schematron" and validator[0].position.line == validator[0].line == 42


def test_a_diagnostic_round_trips_through_json_with_its_origin():
    diagnostic = Diagnostic("warning", "seg-unclassified", "kept", Position("tei/doc.xml", 52, 49),
                            layer="schematron", stage="validate", origin=Position("doc.txt", 3, 1))
    assert Diagnostic.from_json(json.loads(json.dumps(diagnostic.to_json()))) == diagnostic
    assert str(diagnostic) == ("tei/doc.xml:52:49: warning: [seg-unclassified] kept (transcription: doc.txt:3:1)")


@pytest.fixture
def built(tmp_path) -> dict:
    (tmp_path / "doc.txt").write_text(TRANSCRIPTION, encoding="utf-8")
    (tmp_path / "edition.toml").write_text('[outputs]\nformats = ["tei"]\n[sources]\ninclude = ["doc.txt"]\n',
                                           encoding="utf-8")
    assert main(["build", "--quiet", "-j", "1", "--config", str(tmp_path / "edition.toml")]) == 0
    return json.loads((tmp_path / "build" / "report.json").read_text(encoding="utf-8"))


def test_a_validation_finding_in_the_build_names_the_transcription_line_and_column_that_made_the_element(built):
    found = [d for d in built["diagnostics"] if d["stage"] == "validate"]
    assert [(d["rule"], d["path"], d["origin"]) for d in found] == [
        ("seg-unclassified", "tei/doc.xml", {"path": "doc.txt", "line": 3, "column": 25}),
        ("seg-unclassified", "tei/doc.xml", {"path": "doc.txt", "line": 5, "column": 7}),
    ]


def test_each_sign_and_block_the_writer_makes_names_where_it_begins_in_the_transcription():
    """An element's origin is its sign's first character: the bracket, the word a [SIC] marks, the
    word an expansion is in; a later part of a span over paragraphs begins with its paragraph."""
    from tei.reader.parse import read
    from tei.writer.document import write_document

    text = ("Met 19 August [SIC] with c[omrade] Kim.\n\n"
            "[handwritten: one\n\ntwo [illegible]]\n")
    origins: list = []
    write_document(read(text, "doc.txt"), origins)
    named = [(element.tag.split("}")[1], element.get("part"), (at.line, at.column)) for element, at in origins]
    assert named == [("p", None, (1, 1)), ("p", None, (3, 1)), ("p", None, (5, 1)),       # the blocks
                     ("sic", None, (1, 8)), ("expan", None, (1, 26)),                   # the signs
                     ("seg", "I", (3, 1)), ("gap", None, (5, 5))]   # the span's second part: its block's


def test_the_readers_own_findings_keep_their_exact_column(built):
    found = [(d["line"], d["column"]) for d in built["diagnostics"] if d["rule"] == "unknown-label"]
    assert found == [(3, 25), (5, 7)]


def test_a_stage_error_keeps_the_position_it_was_raised_with():
    class Stage:
        name = "web"

        @staticmethod
        def run(doc, tei, settings):
            raise WebRenderError.at("tei/doc.xml", "cannot render the web page: boom", 7, 3)

    doc = SourceDocument("doc", "doc.txt", b"")
    [diagnostic] = _run_stage(Stage, doc, b"", None).diagnostics
    assert (diagnostic.position, diagnostic.rule, diagnostic.message) == (
        Position("tei/doc.xml", 7, 3), "web-failed", "cannot render the web page: boom")
