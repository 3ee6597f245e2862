"""Benchmark of `tei build` on a synthetic corpus: scaling, incremental rebuilds, workers, memory.

    .venv/bin/python benchmarks/build.py            # the full table (about 12 minutes on 2 cores)
    .venv/bin/python benchmarks/build.py --quick    # a smoke run on small corpora
    .venv/bin/python benchmarks/build.py --only-pdf --pdf-documents 1000   # PDFs and volumes only
    .venv/bin/python benchmarks/build.py --huge [--huge-documents 100000] [--huge-corpus synthetic]
                                                    # not for CI: an hour or more

--huge measures encode + validate + web + search (no PDF) of 100,000 documents, synthetic and
copies of the seeds (each seed repeated under its own name), with the no-change and one-change
rebuilds: wall and CPU seconds of the whole process tree (CPU over the cores is the wall time
of an idle machine), peak memory (of the tree, and of the build's own process, its largest worker
and Pagefind apart), the load average, and each stage's CPU milliseconds per document;
--huge-documents sets a smaller size for a trial run.

Every measurement runs `python -m tei build` in a fresh process on a corpus from
benchmarks/corpus.py and samples the resident memory of the whole process tree.
The baseline is the first row, measured in the same run: the full build of the
smallest corpus; "ratio" is each row's seconds per document over the baseline's
(about 1.0 everywhere means linear scaling). Rows with --repeat > 1 give medians.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (the sibling module, found through the line above)

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Row:
    what: str
    documents: int
    jobs: int
    seconds: list[float]
    peak_mib: float
    cpu_seconds: float = 0.0                      # the process tree's, summed over the runs
    load: tuple[float, float] = (0.0, 0.0)        # 1-minute load average before and after
    stage_cpu: dict[str, float] = field(default_factory=dict)   # CPU seconds of each stage (last run)
    peaks: dict[str, float] = field(default_factory=dict)       # peak MiB of each role (`_rss_by_role`)
    at_peak: str = ""                                           # what the tree held at its peak, and when

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _rss_by_role(process) -> dict[str, int]:
    """Resident bytes now: of the whole tree, of the build's own process ("main"), of its largest
    Python child ("worker") and of its largest other child ("pagefind", the search index's); and, to
    say what the tree holds at its peak, all the workers together ("workers") and how many ("count")."""
    import psutil

    found = {"tree": 0, "main": 0, "worker": 0, "pagefind": 0, "workers": 0, "count": 0}
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):   # a worker may end between list and read
            rss = member.memory_info().rss
            found["tree"] += rss
            role = "main" if member is process else "worker" if "python" in member.name() else "pagefind"
            if role == "worker" and _is_resource_tracker(member):
                continue        # multiprocessing's own helper, no worker: counted in the tree only
            found[role] = max(found[role], rss)
            if role == "worker":
                found["workers"] += rss
                found["count"] += 1
    return found


def _is_resource_tracker(member) -> bool:
    return any("resource_tracker" in part for part in member.cmdline())


def snapshot(workdir: Path) -> Path:
    """A copy of the toolkit to benchmark, so edits made while it runs change no measurement
    (the build cache's fingerprint covers the toolkit's code, stylesheets and schemas)."""
    import shutil
    import tomllib

    target = workdir / "toolkit"
    shutil.rmtree(target, ignore_errors=True)
    # The package and the data folders its wheel ships (pyproject.toml's force-include).
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]
    for name in ("tei", *wheel["force-include"]):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


TOOLKIT = ROOT


def run_build(config: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak MiB of one `tei build` in a fresh process (memory sampled every 50 ms)."""
    seconds, peaks, _, _ = run_build_measured(config, jobs)
    return seconds, peaks["tree"]


def run_build_measured(config: Path, jobs: int) -> tuple[float, dict[str, float], dict[str, float], str]:
    """Seconds, peak MiB of each role (`_rss_by_role`), the CPU seconds of each stage from the build's
    summary table, and what the tree held at its peak; the memory a second goes to memory-timeline.tsv
    beside the configuration."""
    import psutil

    command = [sys.executable, "-m", "tei", "build", "--config", str(config), "--jobs", str(jobs)]
    # Bytecode is cached, as in any installation (this sandbox's default turns it off);
    # the summary table is printed wide enough to keep every column.
    environment = {**os.environ, "PYTHONPATH": str(TOOLKIT), "COLUMNS": "200"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    errors, output = config.parent / "stderr.txt", config.parent / "stdout.txt"
    with errors.open("wb") as stderr, output.open("wb") as stdout:
        started = time.perf_counter()
        process = psutil.Popen(command, cwd=TOOLKIT, env=environment, stdout=stdout, stderr=stderr)
        peaks = dict.fromkeys(("tree", "main", "worker", "pagefind"), 0)
        at_peak: dict[str, float] = {}
        next_line = started
        with (config.parent / "memory-timeline.tsv").open("w") as timeline:
            timeline.write("seconds\ttree MiB\tmain MiB\tworkers MiB\tworkers\tpagefind MiB\n")
            while process.poll() is None:
                now = _rss_by_role(process)
                if now["tree"] > peaks["tree"]:
                    at_peak = {**now, "seconds": time.perf_counter() - started}
                for role in peaks:
                    peaks[role] = max(peaks[role], now[role])
                if time.perf_counter() >= next_line:      # a line a second
                    next_line += 1.0
                    _sample(timeline, time.perf_counter() - started, now)
                time.sleep(0.05)
        seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        tail = errors.read_text(errors="replace")[-2000:]
        raise SystemExit(f"tei build failed ({process.returncode}): {tail}")
    first_error(config.parent / "build" / "report.json")
    mib = {role: rss / 2**20 for role, rss in peaks.items()}
    stages = stage_cpu(output.read_text(encoding="utf-8", errors="replace"))
    return seconds, mib, stages, _composition(at_peak, seconds)


def _sample(timeline, seconds: float, now: dict[str, int]) -> None:
    """A line of the timeline (the build's memory over time, to find what makes its peak)."""
    timeline.write(f"{seconds:.1f}\t{now['tree'] / 2**20:.0f}\t{now['main'] / 2**20:.0f}\t"
                   f"{now['workers'] / 2**20:.0f}\t{now['count']}\t{now['pagefind'] / 2**20:.0f}\n")


def _composition(at_peak: dict[str, float], seconds: float) -> str:
    """What the tree held at its peak, and when: "at 62 % (180 s): main 270 + 2 workers 502 + Pagefind 359"."""
    if not at_peak:
        return "not sampled"
    return (f"at {at_peak['seconds'] / seconds:.0%} ({at_peak['seconds']:,.0f} s): "
            f"main {at_peak['main'] / 2**20:.0f} + {at_peak['count']} workers {at_peak['workers'] / 2**20:.0f}"
            f" + Pagefind {at_peak['pagefind'] / 2**20:.0f}")


def first_error(report: Path) -> None:
    """Stop the benchmark at a build that reported an error: its time would measure a failure."""
    import json

    errors = [d for d in json.loads(report.read_text(encoding="utf-8"))["diagnostics"] if d["severity"] == "error"]
    if errors:
        raise SystemExit(f"{report}: {len(errors)} errors, the first: {errors[0]['path']}: {errors[0]['message']}")


def stage_cpu(summary: str) -> dict[str, float]:
    """CPU seconds per stage that ran, from the last column of `tei build`'s summary table."""
    seconds = {}
    for line in summary.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if len(cells) >= 8 and cells[1].startswith("ran"):
            seconds[cells[0]] = float(cells[-1])
    return seconds


@contextlib.contextmanager
def tree_cpu_and_load():
    """CPU seconds of the builds run inside (every process they waited for) and the load average
    before and after, filled into the yielded dict on leaving."""
    import resource

    found: dict[str, object] = {}
    before, load = resource.getrusage(resource.RUSAGE_CHILDREN), os.getloadavg()[0]
    yield found
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found["load"] = (load, os.getloadavg()[0])


def seed_copies(count: int, folder: Path) -> None:
    """`count` transcriptions, each a copy of a bundled seed in turn, under its own name."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [path.read_bytes() for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for number in range(count):
        path = folder / f"copy-{number:06d}.txt"
        if not path.is_file():
            path.write_bytes(seeds[number % len(seeds)])


def edition(folder: Path, count: int, formats: tuple[str, ...], make=corpus.generate) -> Path:
    """A corpus of `count` documents (`make(count, folder)`) and an edition.toml building `formats` from it."""
    make(count, folder / "texts")
    config = folder / "edition.toml"
    quoted = ", ".join(f'"{name}"' for name in formats)
    config.write_text(f'[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = [{quoted}]\n')
    return config


def clean(config: Path) -> None:
    """Take the edition's last build out of the way; it is deleted when the benchmark ends.

    Not deleted now: on ext4 without a journal (this machine's disk) the kernel, making a file,
    passes over every inode deleted in the last minute or more (`recently_deleted`), so a build
    measured right after deleting another spent 60-300 µs of system time a file instead of 20.
    """
    build = config.parent / "build"
    if build.exists():
        aside = Path(tempfile.mkdtemp(prefix=".deleted-build-", dir=config.parent))
        build.rename(aside / "build")
        atexit.register(subprocess.run, ["rm", "-rf", str(aside)], check=True)


def measure_full(what: str, config: Path, count: int, jobs: int, repeat: int) -> Row:
    runs = []
    for _ in range(repeat):
        clean(config)
        runs.append(run_build(config, jobs))
    return Row(what, count, jobs, [s for s, _ in runs], max(m for _, m in runs))


def measure_pdf(workdir: Path, count: int, jobs: int) -> Row:
    """One clean build of everything: TEI, web, a PDF per document and the volumes (at most
    500 documents each, the default of `[pdf] documents_per_volume`)."""
    from pypdf import PdfReader

    config = edition(workdir / f"pdf-{count}", count, ("tei", "web", "pdf"))
    # CPU seconds of the build and its workers (reaped children count here): on a shared
    # machine the steadier figure; divided by the cores, the wall-clock time of an idle machine.
    with tree_cpu_and_load() as found:
        row = measure_full("full build with PDFs and volumes", config, count, jobs, 1)
    cpu = found["cpu"]
    volumes = sorted((config.parent / "build" / "pdf").glob("edition*.pdf"))
    pages = [len(PdfReader(volume).pages) for volume in volumes]
    print(f"{count} documents: {len(volumes)} volume PDFs, {sum(pages)} pages, the largest "
          f"{max(pages, default=0)} pages; {cpu:.0f} CPU seconds, {cpu / jobs:.0f} s on {jobs} idle cores",
          file=sys.stderr)
    return row


def measure_workers(config: Path, count: int, repeat: int) -> tuple[Row, Row]:
    """Clean builds with 1 and with 2 workers, alternated so that load from other
    programs on the machine weighs on both alike."""
    runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            clean(config)
            runs[jobs].append(run_build(config, jobs))
    return tuple(
        Row(f"full build, {jobs} worker{'s' if jobs > 1 else ''}", count, jobs,
            [s for s, _ in runs[jobs]], max(m for _, m in runs[jobs]))
        for jobs in (1, 2)
    )


def measure_rebuilds(config: Path, count: int, jobs: int, repeat: int) -> list[Row]:
    """No-change and one-change rebuilds of an edition built already."""
    nothing, one = [], []
    source = sorted((config.parent / "texts").glob("*.txt"))[count // 2]
    original = source.read_text(encoding="utf-8")
    for attempt in range(repeat):
        nothing.append(run_build(config, jobs))
        source.write_text(original + f"\nA paragraph added for run {attempt}.\n", encoding="utf-8")
        one.append(run_build(config, jobs))
    source.write_text(original, encoding="utf-8")
    run_build(config, jobs)
    return [
        Row("no-change rebuild", count, jobs, [s for s, _ in nothing], max(m for _, m in nothing)),
        Row("one-change rebuild", count, jobs, [s for s, _ in one], max(m for _, m in one)),
    ]


def measured(what: str, config: Path, count: int, jobs: int) -> Row:
    """One build with everything --huge records: wall and CPU seconds, peak memory, the load
    average, each stage's CPU seconds."""
    with tree_cpu_and_load() as found:
        seconds, peaks, stages, composition = run_build_measured(config, jobs)
    return Row(what, count, jobs, [seconds], peaks["tree"], found["cpu"], found["load"], stages, peaks,
               composition)


def measure_huge(workdir: Path, count: int, jobs: int, corpora: tuple[str, ...]) -> list[Row]:
    """One full build and its rebuilds, on the synthetic corpus and on copies of the seeds."""
    rows = []
    makers = {"synthetic": corpus.generate, "seed copies": seed_copies}
    for name in corpora:
        config = edition(workdir / f"huge-{name.replace(' ', '-')}-{count}", count, ("tei", "web"), makers[name])
        clean(config)
        rows.append(measured(f"full build: encode+validate+web+search, {name}", config, count, jobs))
        print(f"measured the full build of {count} documents ({name})", file=sys.stderr)
        rows.append(measured(f"no-change rebuild, {name}", config, count, jobs))
        source = sorted((config.parent / "texts").glob("*.txt"))[count // 2]
        original = source.read_text(encoding="utf-8")
        source.write_text(original + "\nA paragraph added.\n", encoding="utf-8")
        rows.append(measured(f"one-change rebuild, {name}", config, count, jobs))
        source.write_text(original, encoding="utf-8")
    return rows


def print_huge(rows: list[Row]) -> None:
    """Wall and CPU seconds (CPU/cores: the wall time of an idle machine), peak memory, the
    load average; then each stage's CPU milliseconds per document of the full builds."""
    print("\n| measurement | docs | wall s | wall ms/doc | CPU s | CPU ms/doc | CPU s / cores "
          "| peak MiB | main / a worker / Pagefind MiB | load before → after |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print(f"| {row.what} | {row.documents} | {row.median:.1f} | {row.median / row.documents * 1000:.2f} "
              f"| {row.cpu_seconds:.1f} | {row.cpu_seconds / row.documents * 1000:.2f} "
              f"| {row.cpu_seconds / row.jobs:.1f} | {row.peak_mib:.0f} "
              f"| {' / '.join(f'{row.peaks[role]:.0f}' for role in ('main', 'worker', 'pagefind'))} "
              f"| {row.load[0]:.1f} → {row.load[1]:.1f} |")
    print()
    for row in rows:
        print(f"- {row.what}: the tree's peak came {row.at_peak} MiB")
    full = [row for row in rows if row.what.startswith("full build")]
    stages = [name for name in full[0].stage_cpu] if full else []
    print("\n| stage, CPU ms/doc | " + " | ".join(row.what.rsplit(", ", 1)[-1] for row in full) + " |")
    print("|---|" + "---:|" * len(full))
    for stage in stages:
        cells = " | ".join(f"{row.stage_cpu.get(stage, 0) / row.documents * 1000:.2f}" for row in full)
        print(f"| {stage} | {cells} |")


def print_table(rows: list[Row]) -> None:
    baseline = rows[0].median / rows[0].documents
    print(f"\nbaseline: {rows[0].what}, {rows[0].documents} documents, "
          f"{baseline * 1000:.1f} ms per document\n")
    header = ("measurement", "docs", "jobs", "runs", "median s", "ms/doc", "ratio", "peak MiB")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        per_doc = row.median / row.documents
        print(f"| {row.what} | {row.documents} | {row.jobs} | {len(row.seconds)} | "
              f"{row.median:.2f} | {per_doc * 1000:.1f} | {per_doc / baseline:.2f} | "
              f"{row.peak_mib:.0f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpora only (smoke run)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per small measurement")
    parser.add_argument("--workdir", type=Path, help="where corpora and builds go (kept)")
    parser.add_argument("--pdf-documents", type=int, metavar="N",
                        help="documents of the build with per-document PDFs and volumes "
                             "(default 10000; 10 with --quick)")
    parser.add_argument("--only-pdf", action="store_true", help="only the build with PDFs and volumes")
    parser.add_argument("--huge", action="store_true",
                        help="only the 100,000-document rows (encode, validate, web, search; synthetic, seed copies)")
    parser.add_argument("--huge-documents", type=int, default=100_000, metavar="N", help="their size")
    parser.add_argument("--huge-corpus", choices=("synthetic", "seed copies", "both"), default="both",
                        help="which corpus the --huge rows build (default both, one after the other)")
    args = parser.parse_args(argv)
    sizes = (20, 100) if args.quick else (100, 1000, 10000)
    pdf_size = args.pdf_documents or (10 if args.quick else 10000)
    workers_size = 40 if args.quick else 1000
    jobs = len(os.sched_getaffinity(0))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tei-bench-"))
    global TOOLKIT
    TOOLKIT = snapshot(workdir)
    run_build(edition(workdir / "warm-up", 4, ("tei", "web")), 1)   # compiles the bytecode
    if args.only_pdf:
        print_table([measure_pdf(workdir, pdf_size, jobs)])
        return 0
    if args.huge:
        corpora = ("synthetic", "seed copies") if args.huge_corpus == "both" else (args.huge_corpus,)
        print_huge(measure_huge(workdir, args.huge_documents, jobs, corpora))
        return 0
    web = ("tei", "web")
    rows: list[Row] = []
    for count in sizes:
        config = edition(workdir / f"web-{count}", count, web)
        repeat = args.repeat if count <= 1000 else 1
        rows.append(measure_full("full build: encode+validate+web", config, count, jobs, repeat))
        print(f"measured the full build of {count} documents", file=sys.stderr)
    rows += measure_rebuilds(config, sizes[-1], jobs, args.repeat)
    rows.append(measure_pdf(workdir, pdf_size, jobs))
    both = edition(workdir / f"workers-{workers_size}", workers_size, web)
    one, two = measure_workers(both, workers_size, args.repeat)
    rows += [one, two]
    print_table(rows)
    print(f"\n2 workers vs 1: {one.median / two.median:.2f}x faster; corpora in {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
