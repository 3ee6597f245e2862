"""Benchmark of the search stage's CPU: this toolkit against another revision, side by side.

    .venv/bin/python benchmarks/search_stage.py [--documents 10000] [--against main] [--repeat 3] [--workdir DIR]

Builds (`tei build`, formats tei and web, 2 workers) the synthetic corpus of benchmarks/corpus.py,
or takes the build already in --workdir, then indexes its search pages (`write_search_index`, the
search stage's work: every shard indexed by Pagefind, its metadata rewritten, its dates written) with
this toolkit and with the revision --against (its tei/ taken with `git archive`), in turn, each run in
a fresh process on a fresh copy of the pages and an empty bundle. Prints the medians of --repeat runs:
the CPU seconds of the process (Python: the rewrite, the moves, the checks) and of its Pagefind
processes, their sum per document, and the ratio to the other revision's. CPU seconds, not wall: the
machine may be busy with other work, which moves them far less than it moves the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402  (the sibling module, found through the line above)

ROOT = Path(__file__).resolve().parents[1]
# Run in the fresh process, with the toolkit to measure first on its path.
MEASURE = """
import json, resource, sys, time
from pathlib import Path
from tei.render.search import write_search_index
started = time.process_time()
write_search_index(Path(sys.argv[1]), Path(sys.argv[2]))
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"python": time.process_time() - started, "pagefind": children.ru_utime + children.ru_stime}))
"""


def built_pages(workdir: Path, documents: int) -> Path:
    """The search pages of a build of `documents` synthetic documents in `workdir` (built if missing)."""
    config = workdir / "edition.toml"
    pages = workdir / "build" / ".cache" / "search"
    if not pages.is_dir():
        config = build.edition(workdir, documents, ("tei", "web"))
        build.run_build(config, jobs=2)
    return pages


def toolkit_at(revision: str, workdir: Path) -> Path:
    """The toolkit's tei/ at `revision`, in a folder of its own (the search stage reads no data folder)."""
    target = workdir / f"toolkit-{revision.replace('/', '-')}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "tei"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def measure(toolkit: Path, pages: Path, scratch: Path) -> dict[str, float]:
    """CPU seconds of one search stage run by `toolkit` on a copy of `pages`."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(pages, scratch / "pages", ignore=shutil.ignore_patterns("indexed.json"))
    environment = {**os.environ, "PYTHONPATH": str(toolkit)}
    result = subprocess.run([sys.executable, "-c", MEASURE, str(scratch / "pages"), str(scratch / "pagefind")],
                            check=True, capture_output=True, text=True, env=environment, cwd=scratch)
    shutil.rmtree(scratch)
    return json.loads(result.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--against", default="main", help="the revision to compare with (default: main)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, help="where the corpus and its build go (kept; reused when there)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tei-search-stage-"))
    pages = built_pages(workdir, args.documents)
    toolkits = {"this toolkit": ROOT, args.against: toolkit_at(args.against, workdir)}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in toolkits}
    load = [os.getloadavg()[0]]
    for _ in range(args.repeat):
        for name, toolkit in toolkits.items():
            runs[name].append(measure(toolkit, pages, workdir / "scratch"))
    load.append(os.getloadavg()[0])
    texts = sum(1 for _ in pages.glob("*/*/*/*.html"))
    print(f"\n{args.documents} documents, {texts} texts; medians of {args.repeat} runs, in turn; "
          f"load average {load[0]:.1f} → {load[1]:.1f}\n")
    print("| toolkit | Python CPU s | Pagefind CPU s | CPU s | CPU ms/doc | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    medians = {name: {part: statistics.median(run[part] for run in found) for part in ("python", "pagefind")}
               for name, found in runs.items()}
    baseline = sum(medians[args.against].values())
    for name, parts in medians.items():
        total = sum(parts.values())
        print(f"| {name} | {parts['python']:.2f} | {parts['pagefind']:.2f} | {total:.2f} "
              f"| {total / args.documents * 1000:.2f} | {total / baseline:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
