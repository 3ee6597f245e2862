"""Tiny stand-in stages for the build tests: fast, deterministic, and they log their work.

They follow the stage adapters' contract (see tei.pipeline.stages) so the tests
exercise the real scheduler, cache, executors and report. Each call appends
"stage name" to the file named by $TEI_BUILD_FAKE_LOG, which the tests read to
see which documents were worked on, even in pool or Dask workers.
"""

from __future__ import annotations

import os

from tei.errors import Position
from tei.pipeline.model import DOCUMENT, SHARED, Diagnostic, Stage, StageResult


def _log(stage: str, name: str) -> None:
    path = os.environ.get("TEI_BUILD_FAKE_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{stage} {name}\n")


def _position_of(data: bytes, word: bytes) -> tuple[int, int]:
    before = data[: data.index(word)]
    return before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1


def fake_encode(doc, tei, settings) -> StageResult:
    _log("encode", doc.name)
    if b"INTERRUPT" in doc.data:
        raise KeyboardInterrupt
    if b"BROKEN" in doc.data:
        line, column = _position_of(doc.data, b"BROKEN")
        error = Diagnostic("error", "fake-broken", "cannot encode this", Position(doc.path, line, column))
        return StageResult(diagnostics=(error,))
    warnings = ()
    if b"ODD" in doc.data:
        line, column = _position_of(doc.data, b"ODD")
        warnings = (Diagnostic("warning", "fake-odd", "odd sign kept", Position(doc.path, line, column)),)
    body = doc.data.decode().upper().encode()
    dated = f"<date>{settings.build_date or 'none'}</date>".encode()
    out = b"<TEI>" + dated + body + b"</TEI>"
    title = doc.data.decode().splitlines()[0] if doc.data else ""
    return StageResult(((f"tei/{doc.name}.xml", out),), warnings, out, (("title", title),))


def fake_validate(doc, tei, settings) -> StageResult:
    _log("validate", doc.name)
    if b"INVALID" in tei:
        error = Diagnostic("error", "fake-schema", "not valid", Position(f"tei/{doc.name}.xml", 1, 6))
        return StageResult(diagnostics=(error,))
    return StageResult()


def fake_web(doc, tei, settings) -> StageResult:
    _log("web", doc.name)
    return StageResult(((f"web/{doc.name}.html", b"<html>" + tei + b"</html>"),))


def fake_pdf(doc, tei, settings) -> StageResult:
    _log("pdf", doc.name)
    return StageResult(((f"pdf/{doc.name}.pdf", b"%PDF " + tei),))


def fake_index(records, settings, read) -> StageResult:
    _log("index", "edition")
    lines = [f"{r.name}: {dict(r.meta).get('title', '')}" for r in records]
    return StageResult((("web/index.html", "\n".join(lines).encode()),))


def fake_volume(records, settings, read) -> StageResult:
    _log("volume", "edition")
    parts = [read(f"tei/{r.name}.xml") for r in records if f"tei/{r.name}.xml" in r.outputs]
    return StageResult((("pdf/edition.pdf", b"%PDF " + b"".join(parts)),))


def not_here() -> str | None:
    return "the fake renderer is switched off"


FAKE_STAGES = (
    Stage("encode", DOCUMENT, "tei", fake_encode),
    Stage("validate", DOCUMENT, "tei", fake_validate),
    Stage("web", DOCUMENT, "web", fake_web),
    Stage("pdf", DOCUMENT, "pdf", fake_pdf),
    Stage("index", SHARED, "web", fake_index),
    Stage("volume", SHARED, "pdf", fake_volume),
)


def broken_prepare(settings) -> None:
    raise RuntimeError("the web stylesheet does not compile")


def broken_web(doc, tei, settings) -> StageResult:
    broken_prepare(settings)
    return StageResult()


def killing_web(doc, tei, settings) -> StageResult:
    """The fake web stage, but a document that says KILL kills its worker process (as the kernel's
    out-of-memory killer or a `kill -9` would): once if $TEI_BUILD_FAKE_KILLED names a file to make the
    first time, each time if not."""
    import signal

    marker = os.environ.get("TEI_BUILD_FAKE_KILLED")
    if b"KILL" in doc.data and not (marker and os.path.exists(marker)):
        if marker:
            open(marker, "x").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return fake_web(doc, tei, settings)


def busy_web(doc, tei, settings) -> StageResult:
    """The fake web stage after a tenth of a second of work on the CPU."""
    import time

    started = time.thread_time()
    while time.thread_time() - started < 0.1:
        pass
    return fake_web(doc, tei, settings)


def idle_validate(doc, tei, settings) -> StageResult:
    """The fake validation after a tenth of a second of waiting (no work)."""
    import time

    time.sleep(0.1)
    return fake_validate(doc, tei, settings)


def meeting(run, both):
    """A shared stage that first waits (10 s at most) until the other stage holding `both` (a
    threading.Barrier of two) runs too: it crashes unless the two run at the same time."""
    def met_then_run(records, settings, read) -> StageResult:
        both.wait()
        return run(records, settings, read)
    return met_then_run


def fake_search(records, settings, read) -> StageResult:
    """The fake search index, made by a helper process that works a fifth of a second on the CPU."""
    import subprocess
    import sys

    _log("search", "edition")
    busy = "import time\nstarted = time.process_time()\nwhile time.process_time() - started < 0.2: pass"
    subprocess.run([sys.executable, "-c", busy], check=True)
    return StageResult((("web/search.json", b"[]"),))
