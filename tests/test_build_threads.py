"""The document stages on several threads of one process, as a Dask worker runs them.

`distributed` runs tasks on several threads per worker unless told `--nthreads 1`; the
compiled schemas and stylesheets must then not be shared between threads. Each test
compares what two threads make at once with what one thread makes alone.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tei.pipeline.model import Settings, SourceDocument
from tei.pipeline.stages import STAGES, validate_stage, web_renderer
from tei.pipeline.worker import run_document
from tei.validate import get_validator

HERE = Path(__file__).parent
SEEDS = sorted((HERE.parent / "seeds").glob("*.txt"))
GALLERY = sorted((HERE / "invalid").glob("*.xml"))
ROUNDS = 3
SETTINGS = Settings(outputs=("tei", "web"))


def _stages(*names: str):
    found = tuple(s for s in STAGES if s.name in names and s.probe() is None)
    if {s.name for s in found} != set(names):
        pytest.skip(f"not every stage of {names} is available")
    return found


def _in_threads(count: int, work, *inputs):
    """`work(inputs[i])` for each input, each on its own thread, all started together."""
    start = threading.Barrier(count)

    def run(argument):
        start.wait(timeout=60)
        return work(argument)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return [future.result(timeout=600) for future in [pool.submit(run, a) for a in inputs]]


def _alone(work, argument):
    """`work(argument)` on a fresh thread of its own, so no cache of this thread is used."""
    [result] = _in_threads(1, work, argument)
    return result


def _documents() -> list[SourceDocument]:
    return [SourceDocument(path.stem, f"seeds/{path.name}", path.read_bytes()) for path in SEEDS]


def _built(docs: list[SourceDocument], stages) -> dict[str, tuple]:
    """Every document's files, diagnostics, facts and stages run, `ROUNDS` times over."""
    made: dict[str, tuple] = {}
    for round_ in range(ROUNDS):
        for doc in docs:
            result = run_document(doc, stages, SETTINGS)
            outcome = (result.files, result.diagnostics, result.meta, result.stages_run)
            assert made.setdefault(doc.name, outcome) == outcome, f"{doc.name} differs in round {round_}"
    return made


def test_two_threads_encode_validate_and_render_the_seeds_as_one_thread_does():
    stages = _stages("encode", "validate", "web")
    docs = _documents()
    expected = _alone(lambda d: _built(d, stages), docs)
    assert sorted(expected) == [path.stem for path in SEEDS]
    assert all(any(name.startswith("web/") for name, _ in files) for files, *_ in expected.values())
    # One thread goes forwards and the other backwards, so different documents meet.
    forwards, backwards = _in_threads(2, lambda d: _built(d, stages), docs, docs[::-1])
    assert forwards == expected
    assert backwards == expected


def _validated(files: list[Path]) -> dict[str, tuple]:
    made: dict[str, tuple] = {}
    for _ in range(ROUNDS * 2):
        for path in files:
            doc = SourceDocument(path.stem, str(path), b"")
            outcome = validate_stage(doc, path.read_bytes(), SETTINGS).diagnostics
            assert made.setdefault(path.stem, outcome) == outcome, path.stem
    return made


def test_two_threads_validating_invalid_files_each_get_their_own_errors():
    """The gallery's errors: a RELAX NG error log shared between threads would mix them."""
    expected = _alone(_validated, GALLERY)
    assert all(expected.values())
    forwards, backwards = _in_threads(2, _validated, GALLERY, GALLERY[::-1])
    assert forwards == expected
    assert backwards == expected


def test_compiled_schemas_and_stylesheets_are_per_thread_and_reused_within_a_thread():
    _stages("validate", "web")

    def objects(_):
        first = (get_validator(), web_renderer(SETTINGS))
        again = (get_validator(), web_renderer(SETTINGS))
        assert all(a is b for a, b in zip(first, again, strict=True))
        return first

    one, two = _in_threads(2, objects, None, None)
    assert all(a is not b for a, b in zip(one, two, strict=True))


def test_two_threads_make_the_print_xhtml_one_thread_makes():
    _stages("pdf")
    from tei.api import encode_document
    from tei.render.pdf import PdfOptions, TeiSource, print_stylesheet, tei_to_xhtml
    from tei.xmlsafe import parse_xml

    one, two = _in_threads(2, lambda _: print_stylesheet(), 1, 2)
    assert one is not two and print_stylesheet() not in (one, two)
    sources = []
    for path in SEEDS:
        tei = encode_document(path.read_text(encoding="utf-8"), str(path)).tei
        sources.append(TeiSource(Path(f"tei/{path.stem}.xml"), tei, parse_xml(tei, path.stem)))
    options = PdfOptions(title="Threads", editors=("A. Editor",))

    def xhtml(order):
        return {s.stem: tei_to_xhtml([s], options, "document") for _ in range(ROUNDS) for s in order}

    expected = _alone(xhtml, sources)
    forwards, backwards = _in_threads(2, xhtml, sources, sources[::-1])
    assert forwards == expected == backwards
