"""Command-level fuzzing: mutated TEI through `tei validate`, `source`, `web` and `pdf`.

Each example takes a seed's TEI, the reference document or the minimal valid document and mutates
it: hostile text and attribute values (script addresses, HTML, Typst code, XML's special
characters, any printable text), elements deleted, duplicated, renamed or added, or bytes
overwritten so that the file is no longer well-formed. Whatever comes of it, every command ends
with its exit status and no traceback, an error is one line `path: error: …`, pages are well-formed
XHTML that runs nothing and links only to http, https, mailto and relative addresses, and no PDF
links anywhere else (the checks of tests/hostile_checks.py). Deterministic in CI; set
TEI_FUZZ_EXAMPLES=N to run N examples, TEI_FUZZ_RANDOM=1 for new ones each run.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei import encode
from tei.cli import main
from tests.hostile_checks import command_problems, pdf_problems, site_problems

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014.icc:ResourceWarning")]

HERE = Path(__file__).parent
SEED = HERE.parent / "seeds" / "004_e498531131f8b392.txt"
BASES = {
    "seed-004": etree.tostring(encode(SEED.read_text(encoding="utf-8"), name=SEED.name), encoding="utf-8"),
    "features": (HERE / "data" / "features.xml").read_bytes(),
    "minimal": (HERE / "invalid" / "passing" / "minimal.xml").read_bytes(),
}
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"

HOSTILE = [
    "javascript:alert(document.cookie)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", " javascript:x",
    "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd", "//evil.example/x",
    "https://example.org/a?b=1&c=<2>", "mailto:a@example.org", "#p-1", "#nowhere", "a:b", "",
    "<script>alert(1)</script>", "\" onmouseover=\"alert(1)", "' onfocus='alert(1)", "</p><iframe src=x>",
    '#read("/etc/passwd")', '#import "@preview/x:1.0.0": *', '#include "/etc/passwd"', "$x$", "\\\\", "]",
    "& < > \" '", "&amp;lt;", "1956-02-30", "9999-99-99", "\u202eevil", "x" * 300,
]
PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n"), max_size=30)
VALUES = st.sampled_from(HOSTILE) | PRINTABLE
ATTRIBUTES = ["target", "rend", f"{{{XML_NS}}}id", "when", "ref", "corresp", "hand", "type", "n", "url",
              "facs", f"{{{XML_NS}}}lang", "next", "prev", "wit", "reason", "resp", "href", "onclick"]
NAMES = ["p", "note", "ref", "ptr", "idno", "licence", "title", "del", "add", "seg", "hi", "div", "head",
         "app", "rdg", "graphic", "script", "a", "iframe", "unknownThing"]

# One mutation: (kind, element index, a name, a value); indices are taken modulo the element count.
MUTATION = st.tuples(
    st.sampled_from(["address", "text", "attribute", "delete", "duplicate", "rename", "insert", "bytes"]),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(NAMES + ATTRIBUTES),
    VALUES,
)


def _set_text(element, _name, value):
    element.text = value


def _set_attribute(element, name, value):
    element.set(name if name in ATTRIBUTES else "target", value)


def _delete(element, _name, _value):
    if element.getparent() is not None:
        element.getparent().remove(element)


def _duplicate(element, _name, _value):
    if element.getparent() is not None:
        element.addnext(copy.deepcopy(element))


def _rename(element, name, _value):
    element.tag = f"{{{TEI_NS}}}{name if name in NAMES else 'seg'}"


def _insert(element, name, value):
    child = etree.SubElement(element, f"{{{TEI_NS}}}{name if name in NAMES else 'ref'}")
    child.text = value
    child.set("target", value)


def _address(element, name, value):
    """Give the document an address where the outputs look for one: source URL, licence, link."""
    root = element.getroottree().getroot()
    publication = root.find(f".//{{{TEI_NS}}}publicationStmt")
    if name in NAMES[:8] and publication is not None:
        etree.SubElement(publication, f"{{{TEI_NS}}}idno", type="URI").text = value
    elif publication is not None and name in NAMES:
        availability = etree.SubElement(publication, f"{{{TEI_NS}}}availability")
        etree.SubElement(availability, f"{{{TEI_NS}}}licence", target=value).text = "Licence"
    else:
        etree.SubElement(element, f"{{{TEI_NS}}}ref", target=value).text = "link"


EDITS = {"address": _address, "text": _set_text, "attribute": _set_attribute, "delete": _delete,
         "duplicate": _duplicate, "rename": _rename, "insert": _insert}


def mutate(base: bytes, mutations: list[tuple[str, int, str, str]]) -> bytes:
    root = etree.fromstring(base)
    broken: list[tuple[int, str]] = []
    for kind, index, name, value in mutations:
        if kind == "bytes":
            broken.append((index, value))
            continue
        elements = list(root.iter(etree.Element))
        EDITS[kind](elements[index % len(elements)], name, value)
    data = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    for index, value in broken:
        at = index % len(data)
        data = data[:at] + value.encode("utf-8") + data[at + len(value):]
    return data


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    event(f"tei {argv[0]} exit status {status}")  # --hypothesis-show-statistics shows the mix
    return status, out.getvalue(), err.getvalue()


def check_every_command(path: Path, folder: Path) -> list[str]:
    problems = []
    status, out, err = run(["validate", str(path)])
    problems += command_problems(status, out + err)
    status, _, err = run(["source", str(path)])
    problems += command_problems(status, err)
    status, _, err = run(["web", str(path), "-o", str(folder / "web")])
    problems += command_problems(status, err) + site_problems(folder / "web")
    status, _, err = run(["pdf", str(path), "-o", str(folder / "pdf"), "--no-volume"])
    problems += command_problems(status, err)
    problems += [p for pdf in sorted((folder / "pdf").glob("*.pdf")) for p in pdf_problems(pdf)]
    return problems


@settings(max_examples=int(os.environ.get("TEI_FUZZ_EXAMPLES", "30")), deadline=None,
          derandomize=os.environ.get("TEI_FUZZ_RANDOM") is None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(base=st.sampled_from(sorted(BASES)), mutations=st.lists(MUTATION, min_size=1, max_size=5))
def test_mutated_tei_through_every_command(base, mutations):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "mutated.xml"
        path.write_bytes(mutate(BASES[base], mutations))
        assert check_every_command(path, folder) == []
