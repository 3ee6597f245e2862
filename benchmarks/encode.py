"""Encoder throughput against a floor: lxml parsing and serialising the same TEI.

    .venv/bin/python benchmarks/encode.py [--runs 5] [--documents 1000] [--skip-processes] [--stage]
    .venv/bin/python benchmarks/encode.py --compare TOOLKIT [TOOLKIT ...] [--rounds 3]
    valgrind --tool=cachegrind --cache-sim=no .venv/bin/python benchmarks/encode.py --one-pass CORPUS

Prints, in process (CPU time): documents/s, MB/s (of source text), median ms per document, ms per KB of
source, and the ratio of the encoder's time to the floor's time, for the seeds, a synthetic
corpus, and "pathological" inputs: 50 KB paragraphs made of one delimiter repeated ('Para ' +
'[x' * 25000 + ' end.' and its kin), each shape's time per KB set against the synthetic
corpus's (goal: at most 2x). Then whole processes: `tei encode FOLDER -j 2` and `-j 1` on the
synthetic corpus against one process that parses and serialises the same TEI files. The load
average is printed before and after: ratios measured on a busy machine are only indicative.

`--compare` measures the in-process rows (seeds, synthetic, pathological) of each TOOLKIT (a folder
holding a copy of `tei/` and its data, as `git archive` makes: say main's, and this checkout `.`), each in
a fresh process of its own, the toolkits taking turns `--rounds` times, so that a change of load
touches all alike; every toolkit encodes the texts of this checkout's `seeds/` and `benchmarks/corpus.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The toolkit measured: this checkout's, or the copy `--compare` runs this script with.
if os.environ.get("TEI_BENCHMARK_TOOLKIT"):
    sys.path.insert(0, os.environ["TEI_BENCHMARK_TOOLKIT"])

from lxml import etree  # noqa: E402

from benchmarks.corpus import document  # noqa: E402
from tei.api import encode_document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _median_seconds(work, runs: int, clock=time.process_time) -> float:
    """The median time of `work`; in CPU seconds of this process by default, which other work
    sharing the machine inflates far less than wall-clock time (the encoder and its floor are
    both single-threaded and compute-bound)."""
    timings = []
    for _ in range(runs):
        start = clock()
        work()
        timings.append(clock() - start)
    return statistics.median(timings)


PATHOLOGICAL_REPEATS = 25_000  # 50 KB of a two-character shape
PATHOLOGICAL = ("[x", "[[", "x]", "~~x", "*x", "[handwritten: ", "<del>", "[x]", "[SIC]")


def pathological_texts(repeats: int = PATHOLOGICAL_REPEATS) -> list[str]:
    """One paragraph per shape: delimiters that never pair, nest deeply, or pair thousands of times."""
    return ["Para " + shape * repeats + " end." for shape in PATHOLOGICAL]


def measure(name: str, texts: list[str], runs: int) -> dict:
    outputs = [encode_document(text, f"doc{i}.txt").tei for i, text in enumerate(texts)]
    encoder = _median_seconds(lambda: [encode_document(t, "doc.txt") for t in texts], runs)
    floor = _median_seconds(lambda: [etree.tostring(etree.fromstring(o)) for o in outputs], runs)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    return {"corpus": name, "documents": len(texts), "MB": megabytes,
            "docs/s": len(texts) / encoder, "MB/s": megabytes / encoder,
            "ms/doc": 1000 * encoder / len(texts), "floor ms/doc": 1000 * floor / len(texts),
            "ms/KB": encoder / megabytes, "ratio": encoder / floor}


def _print_table(rows: list[dict], width: int = 12) -> None:
    print(" | ".join(f"{c:>{width}}" for c in rows[0]))
    for row in rows:
        print(" | ".join(f"{v:>{width}.3f}" if isinstance(v, float) else f"{v!s:>{width}}" for v in row.values()))


def _load() -> str:
    return "load average " + " ".join(f"{n:.2f}" for n in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--skip-processes", action="store_true", help="only the in-process tables")
    parser.add_argument("--recognition", action="store_true",
                        help="only the table of name and date recognition on against off")
    parser.add_argument("--stage", action="store_true",
                        help="only tei build's encode stage (encoder, editorial layer, facts) on the synthetic corpus")
    parser.add_argument("--compare", nargs="+", type=Path, metavar="TOOLKIT",
                        help="the in-process rows of each toolkit (a copy of the tree), in turn, --rounds times")
    parser.add_argument("--rounds", type=int, default=3, help="with --compare: how many times each toolkit is measured")
    parser.add_argument("--rows", type=Path, help=argparse.SUPPRESS)   # --compare's child: its texts in, rows out
    parser.add_argument("--one-pass", metavar="CORPUS",
                        help="encode CORPUS once after a warm-up and stop (seeds, synthetic: its first 40 documents, a "
                             "pathological shape repeated 2,500 times, or none): for counting instructions under "
                             "valgrind, which no load changes; see one_pass")
    args = parser.parse_args(argv)
    if args.one_pass:
        one_pass(args.one_pass)
        return
    if args.compare:
        compare(args.compare, args.rounds, args.runs, args.documents)
        return
    if args.rows:
        texts = json.loads(args.rows.read_text(encoding="utf-8"))
        print(json.dumps(_in_process_rows(texts["seeds"], texts["synthetic"], args.runs)))
        return
    print(_load())
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    synthetic = [document(n) for n in range(args.documents)]
    if args.recognition:
        print_recognition_rows(seeds, synthetic, args.runs)
        return
    if args.stage:
        print_stage_row(synthetic, args.runs)
        return
    rows = _in_process_rows(seeds, synthetic, args.runs)
    print(f"in process, CPU time, median of {args.runs} runs; floor = lxml fromstring + tostring of the same TEI")
    _print_table(rows)
    print_pathological_rows(rows[1]["ms/KB"], args.runs)
    if not args.skip_processes:
        print_command_rows(synthetic, args.runs)
    print(_load())


CORPORA = ("seeds", "synthetic", "pathological")


def _in_process_rows(seeds: list[str], synthetic: list[str], runs: int) -> list[dict]:
    return [measure("seeds", seeds, runs), measure("synthetic", synthetic, runs),
            measure("pathological", pathological_texts(), runs)]


def compare(toolkits: list[Path], rounds: int, runs: int, documents: int) -> None:
    """The in-process rows of each toolkit, each measured in a fresh process of its own on the same texts
    (this checkout's), the toolkits taking turns; then each toolkit's medians over the rounds, and their
    ratio to the first toolkit's."""
    import tempfile

    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    with tempfile.NamedTemporaryFile("w", prefix="encode-texts-", suffix=".json", encoding="utf-8") as texts:
        json.dump({"seeds": seeds, "synthetic": [document(n) for n in range(documents)]}, texts)
        texts.flush()
        found: dict[Path, list[list[dict]]] = {toolkit: [] for toolkit in toolkits}
        print(f"in process, CPU ms a document (median of {runs} runs); floor = lxml fromstring + tostring of the "
              "same TEI")
        print("| toolkit | round | load | " + " | ".join(f"{corpus} | floor | ratio" for corpus in CORPORA) + " |")
        print("|---|---:|---:|" + "---:|" * 3 * len(CORPORA))
        for number in range(1, rounds + 1):
            for toolkit in toolkits:
                load = os.getloadavg()[0]
                found[toolkit].append(_rows_of(toolkit, Path(texts.name), runs))
                cells = [f"{row['ms/doc']:.3f} | {row['floor ms/doc']:.3f} | {row['ratio']:.1f}x"
                         for row in found[toolkit][-1]]
                print(f"| {toolkit} | {number} | {load:.1f} | " + " | ".join(cells) + " |", flush=True)
    first = _medians(found[toolkits[0]])
    for toolkit in toolkits:
        medians = _medians(found[toolkit])
        print(f"{toolkit}: median ms a document " + ", ".join(
            f"{corpus} {ms:.3f} ({ms / first[corpus]:.2f}x {toolkits[0]}'s)" for corpus, ms in medians.items()))


def _rows_of(toolkit: Path, texts: Path, runs: int) -> list[dict]:
    """The in-process rows of `toolkit`'s encoder on `texts`, measured by this script in a process of its own."""
    environment = {**os.environ, "TEI_BENCHMARK_TOOLKIT": str(toolkit.resolve())}
    done = subprocess.run([sys.executable, __file__, "--rows", str(texts), "--runs", str(runs)], env=environment,
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def _medians(rounds: list[list[dict]]) -> dict[str, float]:
    """Each corpus's median time a document over the rounds."""
    return {row["corpus"]: statistics.median(r[n]["ms/doc"] for r in rounds) for n, row in enumerate(rounds[0])}


def one_pass(corpus: str) -> None:
    """Encode one corpus once, after one document as a warm-up (so that what is built once per process is
    not counted). Its instructions are those of a run with the corpus less those of a run with "none":

        valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
            .venv/bin/python benchmarks/encode.py --one-pass synthetic     # then --one-pass none
    """
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts = {"seeds": seeds, "synthetic": [document(n) for n in range(40)], "none": [],
             **{shape: [text] for shape, text in zip(PATHOLOGICAL, pathological_texts(2_500), strict=True)}}[corpus]
    encode_document(seeds[0], "warm-up.txt")
    for text in texts:
        encode_document(text, "doc.txt")


def print_pathological_rows(synthetic_ms_per_kb: float, runs: int) -> None:
    """Each shape's time per KB against the synthetic corpus's (goal: at most 2x), and against the floor
    of its own TEI: a shape that pairs makes a real element every few characters, which no notation
    can write as cheaply per KB as prose."""
    rows = []
    for shape, text in zip(PATHOLOGICAL, pathological_texts(), strict=True):
        kilobytes = len(text.encode()) / 1000
        seconds = _median_seconds(lambda text=text: encode_document(text, "doc.txt"), runs)
        tei = encode_document(text, "doc.txt").tei
        floor = _median_seconds(lambda tei=tei: etree.tostring(etree.fromstring(tei)), runs)
        per_kb = 1000 * seconds / kilobytes
        rows.append({"shape": repr(shape), "KB": kilobytes, "ms/KB": per_kb,
                     "x synthetic": per_kb / synthetic_ms_per_kb,
                     "goal": "ok" if per_kb <= 2 * synthetic_ms_per_kb else "OVER",
                     "elements": tei.count(b"<") - 1, "x floor": seconds / floor})
    print(f"pathological paragraphs, time per KB against the synthetic corpus's {synthetic_ms_per_kb:.3f} ms/KB "
          "(goal: at most 2x), and against the lxml floor of the same TEI")
    _print_table(rows, 14)


def print_stage_row(texts: list[str], runs: int) -> None:
    """`tei build`'s encode stage in process: the encoder, the edition's editorial layer (series
    statement, edition version) and the document's facts, in CPU ms per document, against the floor."""
    from tei.pipeline.model import EditionInfo, Settings, SourceDocument
    from tei.pipeline.stages import encode_stage

    settings = Settings(edition=EditionInfo(title="Benchmark", version="1", base_url="https://example.org/"))
    docs = [SourceDocument(name=f"doc{n:05}", path=f"sources/doc{n:05}.txt", data=text.encode())
            for n, text in enumerate(texts)]
    outputs = [encode_stage(doc, None, settings).tei for doc in docs]
    stage = _median_seconds(lambda: [encode_stage(doc, None, settings) for doc in docs], runs)
    floor = _median_seconds(lambda: [etree.tostring(etree.fromstring(o)) for o in outputs], runs)
    print(f"encode stage, {len(docs)} synthetic documents, CPU, median of {runs} runs: "
          f"{1000 * stage / len(docs):.3f} ms/document, floor {1000 * floor / len(docs):.3f}, "
          f"ratio {stage / floor:.1f}x")


def print_recognition_rows(seeds: list[str], synthetic: list[str], runs: int) -> None:
    """The encoder with name and date recognition against without it, on the same texts, the two
    measured alternately; then the recognition pass alone on one long text and on texts 2, 4 and 8 times as
    long (it must grow linearly)."""
    print(f"median of {runs} runs, recognition on and off alternating")
    print("corpus | documents | MB | off ms/doc | on ms/doc | on / off")
    for name, texts in (("seeds", seeds), ("synthetic", synthetic)):
        off, on = [], []
        for _ in range(runs):  # alternating, so that a change of load touches both alike
            off.append(_encode_all(texts, names=False))
            on.append(_encode_all(texts, names=True))
        off_s, on_s = statistics.median(off), statistics.median(on)
        megabytes = sum(len(t.encode()) for t in texts) / 1e6
        print(f"{name} | {len(texts)} | {megabytes:.2f} | {1000 * off_s / len(texts):.2f} | "
              f"{1000 * on_s / len(texts):.2f} | {on_s / off_s:.2f}x")
    long_text = "\n\n".join(synthetic[:40])
    for factor in (1, 2, 4, 8):
        seconds = statistics.median(_recognise_only(long_text * factor) for _ in range(runs))
        print(f"recognition alone on one text of {len(long_text) * factor / 1e6:.2f} MB: {1000 * seconds:.0f} ms, "
              f"{1e6 * seconds / (len(long_text) * factor):.2f} µs per character")


def _recognise_only(text: str) -> float:
    """The recognition pass alone, on a document read without it."""
    from tei.reader.entities import default_index
    from tei.reader.parse import read
    from tei.reader.recognise import Recogniser
    from tei.reader.source import SourceText

    document = read(text, "long.txt", names=False)
    start = time.perf_counter()
    Recogniser(document, SourceText(text, "long.txt"), default_index(), 0).run()
    return time.perf_counter() - start


def _encode_all(texts: list[str], names: bool) -> float:
    start = time.perf_counter()
    for text in texts:
        encode_document(text, "d.txt", names=names)
    return time.perf_counter() - start


FLOOR_PROCESS = """
import sys
from pathlib import Path
from lxml import etree
out = Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(Path(sys.argv[1]).glob("*.xml")):
    (out / path.name).write_bytes(etree.tostring(etree.parse(str(path))))
"""


def measure_command(texts: list[str], runs: int, jobs: str) -> dict:
    """`tei encode FOLDER -j N` as a whole process against a whole process that only parses and
    serialises the same TEI with lxml (one process, files in and out), alternating; both write
    into an empty folder each time (`tei encode` also flushes its files to disk, once, at the end)."""
    import shutil
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        sources, tei = Path(scratch, "sources"), Path(scratch, "tei")
        sources.mkdir()
        for number, text in enumerate(texts):
            (sources / f"doc{number:05}.txt").write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "tei", "encode", "-q", str(sources), "-o", str(tei), "-j", jobs]
        quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(command, **quiet)
        floor_command = [sys.executable, "-c", FLOOR_PROCESS, str(tei), str(Path(scratch, "floor"))]
        encode_runs, floor_runs = [], []
        for _ in range(runs):   # each run makes its files anew, as a first run does
            shutil.rmtree(tei)
            encode_runs.append(_process_seconds(lambda: subprocess.run(command, **quiet)))
            shutil.rmtree(Path(scratch, "floor"), ignore_errors=True)
            floor_runs.append(_process_seconds(lambda: subprocess.run(floor_command, **quiet)))
    (encode, encode_cpu), (floor, floor_cpu) = (tuple(map(statistics.median, zip(*runs_, strict=True)))
                                                for runs_ in (encode_runs, floor_runs))
    return {"measurement": f"tei encode FOLDER -j {jobs}", "documents": len(texts),
            "process s": encode, "floor process s": floor, "ratio": encode / floor,
            "CPU s": encode_cpu, "floor CPU s": floor_cpu, "CPU ratio": encode_cpu / floor_cpu}


def _process_seconds(work) -> tuple[float, float]:
    """Wall-clock seconds of a child process, and the CPU seconds (user + system) it and its children used:
    the CPU time stays meaningful when other work shares the machine."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    work()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def print_command_rows(texts: list[str], runs: int) -> None:
    rows = [measure_command(texts, runs, "2"), measure_command(texts, runs, "1")]
    print(f"whole processes, median of {runs}; floor = one process parsing and serialising the same TEI files")
    _print_table(rows, 15)


if __name__ == "__main__":
    main()
