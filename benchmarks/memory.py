"""Memory of the document stages in one process, as a pool worker runs them, document after document.

    .venv/bin/python benchmarks/memory.py [--documents 20000] [--step 1000] [--stages encode,validate,web]
                                          [--workdir DIR]

Runs `tei.pipeline.worker.run_document` over that many synthetic documents (benchmarks/corpus.py) in this
one process, without a pool and without recycling it, and prints after every STEP documents the resident
memory, the number of live Python objects and the CPU milliseconds a document since the last line. A
stage that keeps something of each document shows as memory rising with the documents while the objects
stay the same (outside Python) or rise too (in Python); `--stages` runs fewer stages to find which.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def planned(folder: Path, count: int, stages: list[str]):
    """The synthetic edition's documents, as a build plans them, and its settings and chosen stages."""
    import corpus

    from tei.pipeline.build import read_sources, select_stages, settings_for
    from tei.pipeline.config import load_config
    from tei.pipeline.model import DOCUMENT
    from tei.pipeline.order import place_documents, read_sidecars
    from tei.pipeline.stages import STAGES

    corpus.generate(count, folder / "texts")
    (folder / "edition.toml").write_text('[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = ["tei", "web"]\n')
    config = load_config(folder / "edition.toml")
    table, _ = select_stages(STAGES, config.outputs)
    chosen = tuple(stage for stage in table if stage.scope == DOCUMENT and stage.name in stages)
    documents = place_documents(config, read_sidecars(config, read_sources(config)))[:count]
    return documents, chosen, settings_for(config, table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--step", type=int, default=1000)
    parser.add_argument("--stages", default="encode,validate,web", help="the document stages to run, in order")
    parser.add_argument("--workdir", type=Path, help="where the corpus goes (kept)")
    args = parser.parse_args(argv)
    from tei.pipeline.worker import prepare_worker, run_document

    folder = args.workdir or Path(tempfile.mkdtemp(prefix="tei-memory-"))
    documents, stages, settings = planned(folder, args.documents, args.stages.split(","))
    prepare_worker(stages, settings)
    print(f"stages {', '.join(stage.name for stage in stages)}; {resident_mib():.0f} MiB before the first document")
    print("\n| documents | resident MiB | Python objects | CPU ms/doc |\n|---:|---:|---:|---:|")
    started = time.process_time()
    for done, document in enumerate(documents, start=1):
        if run_document(document, stages, settings).failed:
            raise SystemExit(f"{document.path}: the document stages reported an error")
        if done % args.step == 0:
            now = time.process_time()
            print(f"| {done:,} | {resident_mib():.0f} | {len(gc.get_objects()):,} | "
                  f"{(now - started) / args.step * 1000:.2f} |", flush=True)
            started = now
    return 0


if __name__ == "__main__":
    sys.exit(main())
