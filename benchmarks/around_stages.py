"""The CPU a document costs around the document stages of `tei build`: in the build's own process, and in
its workers beyond the stages' own CPU.

    .venv/bin/python benchmarks/around_stages.py [--documents 2000] [--rounds 2] [TOOLKIT ...]

Builds the synthetic corpus (benchmarks/corpus.py; encode, validate, web, no shared stage) with 2 workers,
`tei build`'s own code run in a process of its own whose pool's workers note their CPU once started. Prints,
in CPU milliseconds a document: the build's process while the document stages run (every thread of it), the
workers after their start (imports, schemas and stylesheets left out), the stages' own CPU (the summary's
`CPU s`), and their difference, the worker around the stages (files written, hashes, results sent back).
Each TOOLKIT (a folder holding a copy of `tei/` and its data, such as `git archive` makes) is measured in
turn, alternating, `--rounds` times; by default this checkout. The load average is printed with each row.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKER_LOG = "TEI_AROUND_STAGES_LOG"      # where each worker appends its CPU when it ends
DOCUMENT_STAGES = ("encode", "validate", "web")


def worker_started(stages, settings, parent) -> None:
    """The pool's initialiser: the build's own, then a note of this worker's CPU so far, and a finaliser
    that appends what it used since to the log."""
    from multiprocessing import util

    from tei.pipeline.worker import ignore_interrupts_then_prepare

    ignore_interrupts_then_prepare(stages, settings, parent)
    util.Finalize(None, _worker_ended, (time.process_time(),), exitpriority=100)


def _worker_ended(started: float) -> None:
    with open(os.environ[WORKER_LOG], "a", encoding="utf-8") as log:
        log.write(f"{time.process_time() - started}\n")


def measure(config: Path) -> dict[str, float]:
    """One build of the edition at `config` (its last build taken away first), in CPU ms a document."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from tei.pipeline import executors
    from tei.pipeline.build import Build, BuildOptions
    from tei.pipeline.config import load_config
    from tei.pipeline.stages import STAGES

    def start(pool):
        pool.pool = ProcessPoolExecutor(max_workers=pool.jobs, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=worker_started, initargs=(pool.stages, pool.settings, os.getpid()))
        return pool.pool

    executors.PoolExecutor._start = start
    during: dict[str, float] = {}
    run_documents = Build._run_documents

    def timed(build, todo):
        started = time.process_time()
        try:
            return run_documents(build, todo)
        finally:
            during["build"] = time.process_time() - started

    Build._run_documents = timed
    stages = tuple(stage for stage in STAGES if stage.name in DOCUMENT_STAGES)
    report = Build(load_config(config), BuildOptions(jobs=2, stages=stages)).run()
    workers = sum(float(line) for line in Path(os.environ[WORKER_LOG]).read_text().split())
    own = sum(tally.cpu_seconds for tally in report.stages if tally.name in DOCUMENT_STAGES)
    per_document = 1000 / report.rebuilt
    return {"build's process": during["build"] * per_document, "workers": workers * per_document,
            "stages": own * per_document, "workers around the stages": (workers - own) * per_document}


def measure_in_fresh_process(toolkit: Path, config: Path) -> dict[str, float]:
    """`measure` with the code of `toolkit`, in a process of its own; the last build moved aside (a file made
    in the minute after a large deletion costs this machine's kernel more, see benchmarks/build.py)."""
    build = config.parent / "build"
    if build.exists():
        build.rename(Path(tempfile.mkdtemp(prefix=".aside-", dir=config.parent)) / "build")
    with tempfile.NamedTemporaryFile(prefix="workers-", suffix=".log") as log:
        environment = {**os.environ, "PYTHONPATH": str(toolkit), WORKER_LOG: log.name}
        done = subprocess.run([sys.executable, __file__, "--one", str(config)], env=environment, check=True,
                              capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def edition(folder: Path, count: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    corpus.generate(count, folder / "texts")
    config = folder / "edition.toml"
    config.write_text('[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = ["tei", "web"]\n')
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("toolkits", nargs="*", type=Path, default=[ROOT], metavar="TOOLKIT")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)   # the measurement in its own process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="tei-around-"))
    try:
        config = edition(workdir, args.documents)
        print(f"{args.documents} synthetic documents, 2 workers; CPU ms a document")
        print("| toolkit | round | load before | build's process | workers | stages | workers around the stages |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for number in range(1, args.rounds + 1):
            for toolkit in args.toolkits:
                load = os.getloadavg()[0]
                row = measure_in_fresh_process(toolkit.resolve(), config)
                print(f"| {toolkit} | {number} | {load:.1f} | " + " | ".join(f"{value:.2f}" for value in row.values())
                      + " |", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
