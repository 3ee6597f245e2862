"""Benchmark of the part of a full build after its document stages (the tail): this toolkit against
another revision, side by side.

    .venv/bin/python benchmarks/build_tail.py [--documents 10000] [--against main] [--repeat 1] [--workdir DIR]

Builds the synthetic corpus of benchmarks/corpus.py (`tei build`, formats tei and web, 2 workers) with
this toolkit and with the revision --against (its files taken with `git archive`), in turn, each from an
empty build folder in a fresh process, as at 100,000 documents: no search shard is indexed beside the
document stages (their memory check keeps every one back there; here `MEMORY_BUDGET` is 0), so the
search stage indexes every shard after them, beside the index stage. Samples the process tree every
50 ms (its CPU seconds, resident memory and the bundle's shard folders) and marks when the shared stages
and the build's end begin. Prints, for each build: the tail's wall and CPU seconds, the seconds from the
end of the document stages to the first search index in place and from the last one to the end, and
the peak memory of the tree during the tail and over the whole build. CPU seconds are the steadier
figure on a busy machine; the wall seconds say how well the tail keeps the cores busy.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402  (the sibling module, found through the line above)

ROOT = Path(__file__).resolve().parents[1]
DATA = ("schemas", "xslt", "seeds", "authorities")      # the data folders the toolkit reads beside tei/
# Run in the fresh process, with the toolkit to measure first on its path: `tei build`, every shard left
# to the search stage, with the times the shared stages and the build's end begin and end.
BUILD = """
import json, sys, time
from tei.pipeline import ahead, build
ahead.MEMORY_BUDGET = 0
marks = open(sys.argv[1], "a")
def marked(name, method):
    def run(self, *args):
        print(json.dumps([name, "begins", time.time()]), file=marks, flush=True)
        try:
            return method(self, *args)
        finally:
            print(json.dumps([name, "ends", time.time()]), file=marks, flush=True)
    return run
build.Build._run_shared = marked("shared", build.Build._run_shared)
build.Build._finish = marked("finish", build.Build._finish)
from tei.pipeline import cache, outputs, report
outputs.OutputWriter.settle = marked("sync", outputs.OutputWriter.settle)
report.BuildReport.write = marked("report", report.BuildReport.write)
cache.Manifest.save = marked("manifest", cache.Manifest.save)
from tei.cli import main
sys.exit(main(sys.argv[2:]))
"""


def toolkit_at(revision: str, workdir: Path) -> Path:
    """The toolkit's package and data folders at `revision`, in a folder of its own."""
    target = workdir / f"toolkit-{revision.replace('/', '-')}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "tei", *DATA],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def tree_sample(process) -> tuple[float, int]:
    """CPU seconds of the process tree so far (its finished children's included) and its resident bytes."""
    import psutil

    cpu, rss = 0.0, 0
    for member in [process, *process.children(recursive=True)]:
        try:
            times, rss = member.cpu_times(), rss + member.memory_info().rss
        except psutil.Error:          # a worker or Pagefind may end between list and read
            continue
        cpu += times.user + times.system
        if member is process:
            cpu += times.children_user + times.children_system
    return cpu, rss


def measure(toolkit: Path, config: Path) -> dict[str, float]:
    """One full build by `toolkit` from an empty build folder, its tail timed (`BUILD`)."""
    import resource

    import psutil

    build.clean(config)
    marks_file = config.parent / "marks.jsonl"
    marks_file.unlink(missing_ok=True)
    bundle = config.parent / "build" / "web" / "pagefind"
    command = [sys.executable, "-c", BUILD, str(marks_file), "build", "--config", str(config), "--jobs", "2"]
    environment = {**os.environ, "PYTHONPATH": str(toolkit), "COLUMNS": "200"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    samples, shards_seen = [], {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (config.parent / "stderr.txt").open("wb") as stderr:
        process = psutil.Popen(command, cwd=config.parent, env=environment, stdout=subprocess.DEVNULL, stderr=stderr)
        while process.poll() is None:
            now = time.time()
            cpu, rss = tree_sample(process)
            samples.append((now, cpu, rss))
            if bundle.is_dir():
                for shard in bundle.iterdir():
                    if shard.is_dir() and not shard.name.startswith("."):
                        shards_seen.setdefault(shard.name, now)
            time.sleep(0.05)
        ended = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    samples.append((ended, cpu, 0))          # the whole tree's, every process waited for
    if process.returncode not in (0, 1):
        raise SystemExit(f"the build by {toolkit} failed: see {config.parent / 'stderr.txt'}")
    build.first_error(config.parent / "build" / "report.json")
    marks = {f"{name} {when}": at for name, when, at in map(json.loads, marks_file.read_text().splitlines())}
    return tail_figures(samples, marks, sorted(shards_seen.values()), ended)


def keep(config: Path, name: str) -> Path:
    """The edition's last build, kept under `name` (and deleted when the benchmark ends) to compare."""
    kept = config.parent / f"kept-{name.replace(' ', '-').replace('/', '-')}"
    if kept.exists():                # an earlier run's: out of the way (deleting now would slow the next build)
        kept.rename(Path(tempfile.mkdtemp(prefix=".deleted-build-", dir=config.parent)) / "build")
    (config.parent / "build").rename(kept)
    atexit.register(subprocess.run, ["rm", "-rf", str(kept), *map(str, config.parent.glob(".deleted-build-*"))],
                    check=True)
    return kept


def search_outputs(folder: Path) -> dict[str, bytes]:
    """The search bundle's records and word index (decompressed) and its other files, but those Pagefind
    numbers in the order it read the pages (`numbered_by_reading_order`), and what each shard was made from."""
    import gzip

    from tei.render.search import numbered_by_reading_order

    found = {}
    for path in sorted((folder / "web" / "pagefind").rglob("*")):
        name = path.relative_to(folder / "web").as_posix()
        if path.is_file() and not numbered_by_reading_order(name):
            data = path.read_bytes()
            found[name] = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    found["indexed.json"] = (folder / ".cache" / "search" / "indexed.json").read_bytes()
    return found


def tail_figures(samples, marks: dict[str, float], shards: list[float], ended: float) -> dict[str, float]:
    """The tail's figures from the samples (time, tree CPU, tree RSS) and the marks."""
    tail = marks["shared begins"]
    before = [sample for sample in samples if sample[0] <= tail]
    after = [sample for sample in samples if sample[0] >= tail]
    cpu = max(sample[1] for sample in samples) - before[-1][1]
    return {
        "documents s": tail - samples[0][0],
        "tail s": ended - tail,
        "tail CPU s": cpu,
        "to first index s": (shards[0] - tail) if shards else 0.0,
        "indexes": len(shards),
        "last index to end s": ended - shards[-1] if shards else 0.0,
        "finish s": marks["finish ends"] - marks["finish begins"],
        "of it sync, report, manifest s": " / ".join(f"{marks[part + ' ends'] - marks[part + ' begins']:.1f}"
                                                  for part in ("sync", "report", "manifest")),
        "tail peak MiB": max(sample[2] for sample in after) / 2**20,
        "peak MiB": max(sample[2] for sample in samples) / 2**20,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--against", default="main", help="the revision to compare with (default: main)")
    parser.add_argument("--repeat", type=int, default=1, help="builds by each, in turn")
    parser.add_argument("--workdir", type=Path, help="where the corpus and its builds go (kept; reused when there)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tei-build-tail-"))
    config = build.edition(workdir, args.documents, ("tei", "web"))
    toolkits = {args.against: toolkit_at(args.against, workdir), "this toolkit": build.snapshot(workdir)}
    subprocess.run([sys.executable, "-m", "compileall", "-q", *map(str, toolkits.values())], check=True)
    rows, kept = [], {}
    for run in range(1, args.repeat + 1):
        for name, toolkit in toolkits.items():
            load = os.getloadavg()[0]
            figures = measure(toolkit, config)
            rows.append((f"{name}, run {run} (load {load:.1f} → {os.getloadavg()[0]:.1f})", figures))
            kept[name] = keep(config, name)
            print(f"measured {name}, run {run}", file=sys.stderr)
    one, other = (search_outputs(folder) for folder in kept.values())
    same = one == other
    columns = list(rows[0][1])
    print(f"\n{args.documents} synthetic documents, 2 workers, every shard indexed after the document stages\n")
    print("| build | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for name, figures in rows:
        print(f"| {name} | " + " | ".join(f"{figures[column]:.1f}" if isinstance(figures[column], float)
                                         else str(figures[column]) for column in columns) + " |")
    print(f"\nthe search bundles of the last two builds: {len(one)} files compared (records and word index "
          f"decompressed, indexed.json), {'the same' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
