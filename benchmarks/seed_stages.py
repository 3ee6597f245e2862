"""CPU of the validate and index stages on copies of the seeds, toolkit against toolkit, side by side.

    .venv/bin/python benchmarks/seed_stages.py [--documents 2000] [--rounds 3] [--workdir DIR] [TOOLKIT ...]

Builds once, with this checkout, an edition of DOCUMENTS copies of the seeds (`benchmarks/build.py`
seed_copies; TEI and web). Then each TOOLKIT (a folder holding a copy of `tei/` and its data, such as
`git archive COMMIT tei xslt schemas authorities | tar -x -C DIR` makes; by default this checkout) is
measured in turn, alternating, `--rounds` times, each time in a fresh process with the stylesheets and
schemas compiled first:

- validate: the build's validate stage (`tei.pipeline.stages.validate_stage`) on each seed copy's TEI
  and source (the five seeds in turn, 40 times each), CPU milliseconds a document of the process;
- index: the build's index stage (`index_stage`) over the build's manifest records, its pages written to a
  scratch folder, CPU milliseconds a document of its thread (what `tei build`'s summary counts).

Every toolkit's index pages are compared with the first's: the table says whether they are the same bytes.
CPU time, not wall time: the machine is shared. The load average is printed with each row.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402  (the sibling module, found through the line above)

ROOT = Path(__file__).resolve().parents[1]
VALIDATIONS = 40      # times each of the five seeds' TEI is validated


def make_edition(folder: Path, documents: int) -> Path:
    """The edition of `documents` seed copies, built by this checkout (once: kept in `folder`)."""
    config = build.edition(folder, documents, ("tei", "web"), make=build.seed_copies)
    if not (folder / "build" / ".cache" / "manifest.sqlite").is_file():
        environment = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-m", "tei", "build", "--config", str(config)], cwd=folder,
                       env=environment, stdout=subprocess.DEVNULL, check=False)
    return config


def measure(toolkit: Path, config: Path, pages: Path) -> dict[str, float | str]:
    """One round of one toolkit, in a process of its own."""
    environment = {**os.environ, "PYTHONPATH": str(toolkit)}
    command = [sys.executable, __file__, "--child", str(config), str(pages)]
    found = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return json.loads(found.stdout)


def child(config: Path, pages: Path) -> dict[str, float | str]:
    """Both stages measured by the toolkit this process imports."""
    from tei.pipeline.build import settings_for
    from tei.pipeline.config import load_config
    from tei.pipeline.stages import STAGES

    settings = settings_for(load_config(config), STAGES)
    return {"validate": validate_ms(config.parent, settings), "index": index_ms(config.parent, settings, pages),
            "pages": pages_digest(pages)}


def validate_ms(folder: Path, settings) -> float:
    from tei.pipeline.model import SourceDocument
    from tei.pipeline.stages import prepare_validate, validate_stage

    prepare_validate(settings)
    copies = []
    for number in range(5):
        name = f"copy-{number:06d}"
        source = SourceDocument(name, f"texts/{name}.txt", (folder / "texts" / f"{name}.txt").read_bytes())
        copies.append((source, (folder / "build" / "tei" / f"{name}.xml").read_bytes()))
    for source, tei in copies:                      # a first run of each: caches filled
        validate_stage(source, tei, settings)
    started = time.process_time()
    for _ in range(VALIDATIONS):
        for source, tei in copies:
            validate_stage(source, tei, settings)
    return (time.process_time() - started) * 1000 / (VALIDATIONS * len(copies))


def index_ms(folder: Path, settings, pages: Path) -> float:
    import sqlite3

    from tei.pipeline.model import DocumentRecord
    from tei.pipeline.outputs import Layout, OutputReader
    from tei.pipeline.stages import index_stage, web_renderer

    with sqlite3.connect(folder / "build" / ".cache" / "manifest.sqlite") as db:
        rows = db.execute("SELECT name, source, outputs, meta FROM documents ORDER BY name").fetchall()
    records = [DocumentRecord(name, source, tuple(json.loads(outputs)), tuple(sorted(json.loads(meta).items())))
               for name, source, outputs, meta in rows]
    web_renderer(settings)                          # the stylesheets compiled, as a build has them by now
    started = time.thread_time()
    index_stage(records, settings, OutputReader(Layout(pages)))
    return (time.thread_time() - started) * 1000 / len(records)


def pages_digest(pages: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(pages.rglob("*.html")):
        digest.update(path.relative_to(pages).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000, help="seed copies in the edition")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every toolkit, alternating")
    parser.add_argument("--workdir", type=Path, help="where the edition is built (kept, and reused)")
    parser.add_argument("toolkits", nargs="*", type=Path, help="folders holding a copy of the toolkit")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="seed-stages-"))
    config = make_edition(workdir / f"seeds-{args.documents}", args.documents)
    toolkits = args.toolkits or [ROOT]
    results: dict[Path, list[dict]] = {toolkit: [] for toolkit in toolkits}
    print("| toolkit | round | load | validate CPU ms/doc | index CPU ms/doc | index pages |")
    print("|---|---:|---:|---:|---:|---|")
    first_pages = ""
    for round_number in range(1, args.rounds + 1):
        for toolkit in toolkits:
            with tempfile.TemporaryDirectory(prefix="seed-stages-pages-") as pages:
                found = measure(toolkit, config, Path(pages))
            first_pages = first_pages or found["pages"]
            results[toolkit].append(found)
            same = "same bytes" if found["pages"] == first_pages else "DIFFER"
            print(f"| {toolkit} | {round_number} | {os.getloadavg()[0]:.1f} | {found['validate']:.2f} "
                  f"| {found['index']:.2f} | {same} |", flush=True)
    for toolkit, rounds in results.items():
        print(f"median {toolkit}: validate {statistics.median(r['validate'] for r in rounds):.2f}, "
              f"index {statistics.median(r['index'] for r in rounds):.2f} CPU ms a seed copy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
