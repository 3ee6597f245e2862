"""Validating TEI held in memory: `Validator.check_bytes`/`check_tree` and the build's validate stage."""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from tei.pipeline.model import Settings, SourceDocument
from tei.pipeline.stages import validate_stage
from tei.validate import get_validator
from tei.xmlsafe import parse_xml

HERE = Path(__file__).parent
GALLERY = sorted((HERE / "invalid").glob("*.xml"))
HAND = HERE / "invalid" / "hand-declared.xml"          # [hand-declared] at line 46
WRONG_ORDER = HERE / "invalid" / "rng-wrong-order.xml"  # [rng-element-misplaced] at line 45
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND

# ---------------------------------------------------------------- no file is written

_watched: set[int] = set()      # threads whose file writes are recorded
_writes: list[tuple] = []


def _audit(event: str, args: tuple) -> None:
    if not _watched or threading.get_ident() not in _watched:
        return
    if event == "open":
        path, mode, flags = args
        writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & _WRITE_FLAGS)
        if writing:
            _writes.append((event, path))
    elif event in ("os.mkdir", "os.rename", "os.remove", "shutil.rmtree"):
        _writes.append((event, args[0]))


sys.addaudithook(_audit)  # audit hooks cannot be removed; it does nothing outside `no_writes`


@contextmanager
def no_writes():
    """Record every file this thread opens for writing, and every folder it makes, meanwhile."""
    _writes.clear()
    _watched.add(threading.get_ident())
    try:
        yield _writes
    finally:
        _watched.discard(threading.get_ident())


def test_the_audit_hook_sees_a_temporary_file(tmp_path):
    """The guard itself can fail: a temporary folder and file are seen."""
    import tempfile

    with no_writes() as writes, tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        (Path(folder) / "x.xml").write_bytes(b"<x/>")
    assert {event for event, _ in writes} >= {"open", "os.mkdir"}


def test_the_validate_stage_writes_no_file(seed_tei):
    name, tei = sorted(seed_tei.items())[0]
    doc = SourceDocument(name, f"seeds/{name}.txt", b"")
    validate_stage(doc, tei, Settings())  # first call: imports and compiled schemas
    with no_writes() as writes:
        result = validate_stage(doc, tei, Settings())
    assert writes == []
    assert [d for d in result.diagnostics if d.severity == "error"] == []


# ---------------------------------------------------------------- positions and paths


def test_stage_messages_name_the_tei_path_and_the_right_line():
    result = validate_stage(SourceDocument("doc-7", "seeds/doc-7.txt", b""), HAND.read_bytes(), Settings())
    found = {(d.path, d.line, d.rule) for d in result.diagnostics}
    assert ("tei/doc-7.xml", 46, "hand-declared") in found, found
    assert {d.path for d in result.diagnostics} == {"tei/doc-7.xml"}


@pytest.mark.parametrize("path", GALLERY, ids=[p.stem for p in GALLERY])
def test_checking_bytes_reports_what_checking_the_file_reports(path):
    """Same rules, lines, columns and messages; only the path is the one given."""
    validator = get_validator()
    from_file = validator.check(path)
    from_bytes = validator.check_bytes(path.read_bytes(), "elsewhere/doc.xml")
    assert from_bytes.path == "elsewhere/doc.xml"
    assert from_bytes.problems == tuple(
        replace(p, position=p.position._replace(path="elsewhere/doc.xml")) for p in from_file.problems)
    assert from_bytes.problems  # every gallery file is reported


def test_checking_a_parsed_tree_keeps_lines_and_columns():
    data = WRONG_ORDER.read_bytes()
    validator = get_validator()
    from_tree = validator.check_tree(parse_xml(data, "given.xml"), "given.xml", data)
    misplaced = [p for p in from_tree.problems if p.rule == "rng-element-misplaced"]
    assert [(p.path, p.line) for p in misplaced] == [("given.xml", 45)]
    assert from_tree.problems == validator.check_bytes(data, "given.xml").problems


def test_a_tree_without_its_bytes_still_has_its_lines():
    data = HAND.read_bytes()
    result = get_validator().check_tree(parse_xml(data, "t.xml"), "t.xml")
    assert ("t.xml", 46, "hand-declared") in {(p.path, p.line, p.rule) for p in result.problems}


def test_ill_formed_bytes_are_reported_at_their_position_under_the_given_path():
    result = get_validator().check_bytes(b"<TEI>\n  <p>\n</TEI>\n", "in/memory.xml")
    [problem] = result.problems
    assert (problem.path, problem.line, problem.rule) == ("in/memory.xml", 3, "xml-syntax")
