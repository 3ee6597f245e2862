"""Benchmark: `tei validate` against jing on the same 1,000 encoded documents and the same RELAX NG.

    .venv/bin/python benchmarks/validate.py [--count 1000] [--tei-all ../shared/tei-p5/tei_all.rng]

Documents are synthetic transcriptions (seeds with varied paragraphs, see
tei/validate/synthetic.py) encoded by the toolkit's encoder. Prints one table: median
milliseconds per document for each layer (in one process, schemas compiled once), then
wall-clock times of whole runs (process start included) and their ratio to jing, the
baseline, measured in the same run. With tei_all (found at ../shared/tei-p5/ or given), a second
table: `--schema tei_all.rng` without a server (compiling it every run), through a warm
`tei validate --serve` (one document; all documents over -j connections), against jing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei.api import encode_document  # noqa: E402
from tei.resources import data_dir  # noqa: E402
from tei.validate.engine import Options, Validator  # noqa: E402
from tei.validate.synthetic import synthetic_transcriptions  # noqa: E402
from tei.xmlsafe import parse_xml  # noqa: E402

TEI = [str(ROOT / ".venv" / "bin" / "tei")]
RUNS = 5  # repetitions of each single-file command; the median is reported


def make_corpus(folder: Path, count: int) -> list[Path]:
    seeds = sorted(data_dir("seeds").glob("*.txt"))
    paths = []
    for name, text in synthetic_transcriptions(seeds, count):
        path = folder / Path(name).with_suffix(".xml").name
        path.write_bytes(encode_document(text, name).tei)
        paths.append(path)
    return paths


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def layer_medians(paths: list[Path], tei_all: Path | None) -> dict[str, float]:
    """Median ms per document of each layer, schemas compiled beforehand."""
    validator = Validator(Options(xsd=True, tei_all=tei_all))
    timings: dict[str, list[float]] = {"parse": [], "relaxng": [], "schematron": [], "xsd": []}
    if tei_all:
        timings["tei-all"] = []
    for path in paths:
        start = time.perf_counter()
        tree = parse_xml(path)
        timings["parse"].append(time.perf_counter() - start)
        for layer, run in _layers(validator, tree):
            start = time.perf_counter()
            run()
            timings[layer].append(time.perf_counter() - start)
    return {layer: _median_ms(samples) for layer, samples in timings.items()}


def _layers(validator: Validator, tree):
    yield "relaxng", lambda: validator.relaxng.validate(tree)
    yield "schematron", lambda: validator.schematron.check(tree)
    yield "xsd", lambda: validator.xsd.fast.validate(tree)
    if validator.tei_all is not None:
        yield "tei-all", lambda: validator.tei_all.validate(tree)


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def wall_median(command: list[str]) -> float:
    return statistics.median(wall(command) for _ in range(RUNS))


def started_server(schema: Path, address: str, workers: int) -> subprocess.Popen:
    server = subprocess.Popen([*TEI, "validate", "--serve", address, "--schema", str(schema), "-j", str(workers)],
                              stderr=subprocess.PIPE, text=True)
    announcement = server.stderr.readline()
    if "serving" not in announcement:
        raise SystemExit(f"the server did not start: {announcement}{server.stderr.read()}")
    return server


def tei_all_rows(tei_all: Path, files: list[str], folder: Path, jing: str | None, workers: int) -> list[tuple]:
    """(label, seconds, baseline seconds) for `--schema tei_all.rng` without and through a server, and jing."""
    schema = ["--schema", str(tei_all)]
    jing_one = wall_median([jing, str(tei_all), files[0]]) if jing else None
    jing_all = wall([jing, str(tei_all), *files]) if jing else None
    rows = [("jing tei_all.rng, one document (median of 5)", jing_one, jing_one),
            ("tei validate --schema tei_all.rng, one document, no server (compiles it)",
             wall([*TEI, "validate", "-q", "--no-server", *schema, files[0]]), jing_one)]
    address = str(folder / "validate.sock")
    server = started_server(tei_all, address, workers)
    try:
        rows.append(("tei validate --schema tei_all.rng, one document, through --serve (median of 5)",
                     wall_median([*TEI, "validate", "-q", "--server", address, *schema, files[0]]), jing_one))
        rows.append((f"jing tei_all.rng, all {len(files)} documents, one JVM", jing_all, jing_all))
        rows.append((f"tei validate --schema tei_all.rng, all documents, through --serve ({workers} workers)",
                     wall([*TEI, "validate", "-q", "--server", address, *schema, "-j", str(workers), str(folder)]),
                     jing_all))
    finally:
        server.terminate()
        server.wait()
    rows.append((f"tei validate --schema tei_all.rng, all documents, no server, -j {workers}",
                 wall([*TEI, "validate", "-q", "--no-server", *schema, "-j", str(workers), str(folder)]), jing_all))
    return rows


def print_rows(rows: list[tuple]) -> None:
    for label, seconds, baseline in rows:
        ratio = f"{seconds / baseline:.2f}" if seconds and baseline else "n/a"
        value = f"{seconds * 1000:,.0f}" if seconds is not None else "n/a"
        print(f"| {label} | {value} | {ratio} |")


DEFAULT_TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "tei_all.rng"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--tei-all", type=Path, default=DEFAULT_TEI_ALL if DEFAULT_TEI_ALL.exists() else None,
                        help="also time the tei_all layer and --schema tei_all.rng with and without --serve")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server workers and connections")
    args = parser.parse_args()
    rng = str(data_dir("schemas") / "edition.rng")
    jing = shutil.which("jing")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_corpus(folder, args.count)
        files = [str(p) for p in paths]
        size = statistics.mean(p.stat().st_size for p in paths) / 1024
        print(f"{len(paths)} documents encoded from synthetic transcriptions, mean {size:.1f} KB\n")
        print("| measurement | ms | ratio to jing |")
        print("|---|---:|---:|")
        for layer, ms in layer_medians(paths, args.tei_all).items():
            print(f"| median per document, layer {layer} (in process) | {ms:.2f} | |")
        rows = []
        jing_all = wall([jing, rng, *files]) if jing else None
        rows.append(("jing, all documents, one JVM (RELAX NG only)", jing_all, jing_all))
        for label, extra in (
            ("tei validate, all documents, default layers, all CPUs", []),
            ("tei validate, all documents, default layers, 1 CPU", ["-j", "1"]),
            ("tei validate, all documents, + --xsd, all CPUs", ["--xsd"]),
        ):
            rows.append((label, wall([*TEI, "validate", "-q", *extra, str(folder)]), jing_all))
        jing_one = wall_median([jing, rng, files[0]]) if jing else None
        rows.append(("jing, one document (median of 5)", jing_one, jing_one))
        rows.append(
            (
                "tei validate, one document, default layers (median of 5)",
                wall_median([*TEI, "validate", "-q", files[0]]),
                jing_one,
            )
        )
        print_rows(rows)
        if args.tei_all:
            print(f"\n`--schema tei_all.rng` (load average {os.getloadavg()[0]:.1f} at the start)\n")
            print("| measurement | ms | ratio to jing |")
            print("|---|---:|---:|")
            print_rows(tei_all_rows(args.tei_all, files, folder, jing, args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
