"""Benchmark of the web edition: documents per second, against an lxml floor measured alongside.

    .venv/bin/python benchmarks/web.py [--runs 5] [--synthetic 1000]

For the seeds (the encoder's TEI) and a synthetic corpus (the seeds and the reference document
repeated with distinct ids and titles), it times `build_site` end to end on one core: every page,
the plain-text and TEI downloads, the index page, the search index and the assets, written to
disk; the wall clock also counts the fsync of every file (atomic_write), the CPU time is the
work of the one core. The floor is lxml parsing and serialising the same TEI bytes, the least any TEI → HTML
tool must do. Prints the median of the runs, per document, and the ratio to the floor.
Then one document with few notes and one with many (benchmarks/notes.py), with the CPU time per
note: rendering is linear when the two figures are close.

    .venv/bin/python benchmarks/web.py --search 10000 [--workdir DIR] [--repeat 3] [--against SITE]

The search instead: `tei build` (TEI, web) of that many synthetic documents (benchmarks/corpus.py;
a build already in --workdir is used as it is), then Pagefind's indexing of their search pages
timed alone (wall and CPU seconds, ms per document, the peak memory of a Pagefind process), then,
in Debian's chromium driven by Playwright over `tei serve`, for a few words from rare to common:
the time from entering the word to its first result on screen (the median and the fastest of
--repeat fresh browsers, and the load average as the word's runs begin) and the bytes the server
sends for the index page and that one query, by kind of file (headers and bodies as sent, gzipped
as `tei serve` sends text, nothing cached); the page is left to load the search first, as a
reader reading the page would. Then the bytes of the same word typed key by key, every prefix
searched as it is typed. The load average is printed before and after: times on a busy machine
are several times an idle one's (most of the time is Pagefind's WebAssembly searching each index).
`--against SITE` searches another build's site (a web folder: main's, say) the same way, the two
sites in turn in each round of fresh browsers, and prints its rows below each word's.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.notes import FEW_NOTES, MANY_NOTES, notes_document  # noqa: E402
from tei.render.html import WebRenderer, build_site  # noqa: E402


def seed_documents() -> dict[str, bytes]:
    from tei.api import encode_document

    return {path.stem: encode_document(path.read_text(encoding="utf-8"), str(path)).tei
            for path in sorted((ROOT / "seeds").glob("*.txt"))}


def synthetic_documents(seeds: dict[str, bytes], count: int) -> dict[str, bytes]:
    """`count` documents made from the seeds and features.xml, each with its own id and title."""
    models = [*seeds.values(), (ROOT / "tests" / "data" / "features.xml").read_bytes()]
    corpus = {}
    for number in range(count):
        data = models[number % len(models)]
        data = re.sub(rb'xml:id="wcda-[^"]*"', f'xml:id="synthetic-{number}"'.encode(), data,
                      count=1)
        data = data.replace(b"<title>", f"<title>No. {number}: ".encode(), 1)
        corpus[f"doc-{number:05d}"] = data
    return corpus


def write_inputs(documents: dict[str, bytes], folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for stem, data in documents.items():
        path = folder / f"{stem}.xml"
        path.write_bytes(data)
        paths.append(path)
    return paths


def time_site(renderer: WebRenderer, paths: list[Path], out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one site build (the wall clock includes fsync waits)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    report = build_site(paths, out, renderer=renderer)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    if report.errors:
        raise SystemExit("\n".join(report.errors))
    return elapsed, cpu


def time_floor(paths: list[Path]) -> float:
    """lxml parse + serialise of every file, read from disk like the real run."""
    start = time.perf_counter()
    for path in paths:
        etree.tostring(etree.fromstring(path.read_bytes()))
    return time.perf_counter() - start


def measure(name: str, documents: dict[str, bytes], runs: int, renderer: WebRenderer,
            work: Path) -> tuple:
    paths = write_inputs(documents, work / name / "tei")
    size = sum(len(data) for data in documents.values()) / len(documents) / 1024
    time_site(renderer, paths, work / name / "warm-up")
    site = [time_site(renderer, paths, work / name / f"web-{run}") for run in range(runs)]
    floor = [time_floor(paths) for _ in range(runs)]
    count = len(documents)
    wall_ms = statistics.median(wall for wall, _ in site) / count * 1000
    cpu_ms = statistics.median(cpu for _, cpu in site) / count * 1000
    floor_ms = statistics.median(floor) / count * 1000
    return name, count, size, wall_ms, cpu_ms, 1000 / cpu_ms, floor_ms, cpu_ms / floor_ms


def measure_notes(runs: int, renderer: WebRenderer, work: Path) -> list[tuple]:
    """(notes, CPU ms of the document, CPU ms per note) for a few-notes and a many-notes document."""
    rows = []
    for count in (FEW_NOTES, MANY_NOTES):
        cpu_ms = measure(f"notes-{count}", {f"notes-{count}": notes_document(count)}, runs, renderer, work)[4]
        rows.append((count, cpu_ms, cpu_ms / count))
    return rows


def print_notes_table(rows: list[tuple]) -> None:
    few_per_note = rows[0][2]
    print("\n| document | notes | web CPU ms | CPU ms per note | ratio to the few-notes document |")
    print("|---|---:|---:|---:|---:|")
    for count, cpu_ms, per_note in rows:
        print(f"| notes-{count} | {count:,} | {cpu_ms:.0f} | {per_note:.3f} | {per_note / few_per_note:.2f}× |")


QUERIES = ("ambassador", "kim", "plenum", "comrades")   # words of the corpus, of varied frequency
TIME_TO_RESULT = """async (word) => {
  const input = document.getElementById("q"), list = document.getElementById("search-results");
  const shown = new Promise((resolve) => {
    const start = performance.now();
    new MutationObserver((changes, observer) => {
      if (list.querySelector("li")) { observer.disconnect(); resolve(performance.now() - start); }
    }).observe(list, { childList: true });
    input.value = word;
    input.dispatchEvent(new Event("input"));
  });
  return await shown;
}"""


KINDS = (   # what a request of the search is for, by its path: (kind, pattern), first match wins
    ("index page", r"^index\.html$"),
    ("CSS and JavaScript", r"^assets/.*\.(css|js)$"),
    ("fonts", r"^assets/fonts/"),
    ("Pagefind code", r"^pagefind/.*(pagefind(-worker)?\.js|wasm\.\w+\.pagefind)$"),
    ("index lists", r"^pagefind/(shards\.json|.*pagefind-entry\.json)$"),
    ("index metadata", r"^pagefind/.*\.pf_meta$"),
    ("word index", r"^pagefind/.*\.pf_index$"),
    ("results", r"^pagefind/.*\.pf_fragment$"),
    ("filters", r"^pagefind/.*\.pf_filter$"),
)


def kind_of(path: str) -> str:
    """Which part of the site a request is for (a path of the site, without query)."""
    return next((kind for kind, pattern in KINDS if re.search(pattern, path)), "other")


def counting_server(site: Path):
    """`tei serve`'s server that also counts the bytes it sends for each path (headers and body,
    as they leave the server: what a browser fetches, its own worker's requests included)."""
    from collections import Counter
    from functools import partial

    from tei.serve import EditionRequestHandler, EditionServer

    class CountingHandler(EditionRequestHandler):
        def setup(self):
            super().setup()
            self.wfile = _Counted(self.wfile, self)

    server = EditionServer(site, 0, verbose=False)
    server.RequestHandlerClass = partial(CountingHandler, directory=str(site))
    server.handle_error = lambda request, address: None   # a browser closed before the end of a file
    server.sent = Counter()
    return server


class _Counted:
    """A handler's output stream that adds what it writes to the server's count for the request's path."""

    def __init__(self, stream, handler) -> None:
        self.stream, self.handler = stream, handler

    def write(self, data: bytes) -> int:
        path = self.handler.path.split("?")[0].lstrip("/")
        self.handler.server.sent[path] += len(data)
        return self.stream.write(data)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


TYPING_DELAY_MS = 150    # between two keys, as a reader types
SEARCHED_FOR = """(word) => document.getElementById("search-summary").textContent.includes("“" + word + "”")"""


def browse(server, word: str, typed: bool = False) -> tuple[float | None, dict[str, int], int]:
    """Open the index page in a fresh browser, let it load, enter `word` at once (or type it key by
    key, each prefix a search of its own): (ms to the first result when entered at once, bytes sent
    by kind, bytes of the page before the query)."""
    from playwright.sync_api import sync_playwright

    server.sent.clear()
    milliseconds = None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(server.url + "index.html", wait_until="networkidle")
        before_query = sum(server.sent.values())
        if typed:
            page.type("#q", word, delay=TYPING_DELAY_MS)
            page.wait_for_function(SEARCHED_FOR, arg=word)
        else:
            milliseconds = page.evaluate(TIME_TO_RESULT, word)
        page.wait_for_load_state("networkidle")
        browser.close()
    fetched: dict[str, int] = {}
    for path, size in server.sent.items():
        fetched[kind_of(path)] = fetched.get(kind_of(path), 0) + size
    return milliseconds, fetched, before_query


def index_alone(pages: Path, work: Path) -> tuple[float, float, float]:
    """Pagefind indexing every search page into a fresh bundle: wall seconds, CPU seconds of
    the Pagefind processes (the figure a busy machine does not distort) and their peak MiB."""
    import resource
    import shutil

    from tei.render.search import write_search_index

    shutil.rmtree(work / "alone", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    write_search_index(pages, work / "alone" / "pagefind")
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, after.ru_maxrss / 1024


def build_once(count: int, work: Path) -> None:
    """The corpus and its `tei build` (TEI, web), unless the work folder holds them already."""
    import subprocess

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    if (work / "build" / "web" / "index.html").is_file():
        print(f"the build in {work / 'build'} is used as it is")
        return
    corpus.generate(count, work / "texts")
    (work / "edition.toml").write_text('[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = ["tei", "web"]\n')
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tei", "build", "--quiet", "--config", str(work / "edition.toml")],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"tei build (TEI, web) of {count} documents: {time.perf_counter() - started:.0f} s")


def measure_search(count: int, work: Path, repeat: int, against: Path | None = None) -> None:
    import os
    import threading

    build_once(count, work)
    seconds, cpu, peak = index_alone(work / "build" / ".cache" / "search", work)
    shards = len(list((work / "alone" / "pagefind").glob("*/pagefind-entry.json")))
    print(f"Pagefind indexing alone: {seconds:.1f} s, {seconds / count * 1000:.2f} ms per document; "
          f"CPU {cpu:.1f} s, {cpu / count * 1000:.2f} ms per document; {shards} indexes, "
          f"peak {peak:.0f} MiB (the largest Pagefind process)\n")
    sites = {"": work / "build" / "web"} | ({f" ({against})": against} if against else {})
    servers = {label: counting_server(site) for label, site in sites.items()}
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    kinds = [kind for kind, _ in KINDS]
    print(f"load average before: {os.getloadavg()[0]:.2f}; median of {repeat} fresh browsers per word"
          + (", the two sites in turn" if against else "") + "\n")
    print("| word | first result after typing, ms: median (fastest) | load | page before the query, KB | "
          + " | ".join(f"{k}, KB" for k in kinds) + f" | total KB | typed key by key ({TYPING_DELAY_MS} ms), KB |")
    print("|---|---:|---:|---:|" + "---:|" * (len(kinds) + 2))
    try:
        for word in QUERIES:
            load = os.getloadavg()[0]
            runs = {label: [] for label in servers}
            for _ in range(repeat):           # in turn, so that both sites meet the same load
                for label, server in servers.items():
                    runs[label].append(browse(server, word))
            for label, server in servers.items():
                times = [ms for ms, _, _ in runs[label]]
                _, fetched, before = runs[label][-1]
                cells = " | ".join(f"{fetched.get(kind, 0) / 1000:.1f}" for kind in kinds)
                total = sum(fetched.values()) / 1000
                typed = sum(browse(server, word, typed=True)[1].values()) / 1000
                print(f"| {word}{label} | {statistics.median(times):.0f} ({min(times):.0f}) | {load:.1f} "
                      f"| {before / 1000:.0f} | {cells} | {total:.0f} | {typed:.0f} |")
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--synthetic", type=int, default=1000)
    parser.add_argument("--search", type=int, metavar="N", help="the search's figures at N synthetic documents")
    parser.add_argument("--workdir", type=Path, help="where the search's corpus and build go (kept; "
                        "a build already there is measured as it is)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh browsers per word of the search (median)")
    parser.add_argument("--against", type=Path, metavar="SITE", help="another built site (a web folder, e.g. "
                        "main's build) searched alongside, in turn, with the same words")
    args = parser.parse_args(argv)
    if args.search:
        with tempfile.TemporaryDirectory() as tmp:
            work = args.workdir or Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            measure_search(args.search, work, args.repeat, args.against)
        return 0
    start = time.perf_counter()
    renderer = WebRenderer()
    compile_s = time.perf_counter() - start
    seeds = seed_documents()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure("seeds", seeds, args.runs, renderer, Path(tmp)),
                measure("synthetic", synthetic_documents(seeds, args.synthetic), args.runs,
                        renderer, Path(tmp))]
        notes = measure_notes(args.runs, renderer, Path(tmp))
    print(f"stylesheet compile (once per process): {compile_s * 1000:.0f} ms; "
          f"median of {args.runs} runs, one core\n")
    print("| corpus | docs | KB/doc | web wall ms/doc | web CPU ms/doc | docs/s (CPU) "
          "| floor: lxml parse+serialise ms/doc | ratio to floor (CPU) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, count, size, wall_ms, cpu_ms, rate, floor_ms, ratio in rows:
        print(f"| {name} | {count} | {size:.1f} | {wall_ms:.2f} | {cpu_ms:.2f} | {rate:.0f} "
              f"| {floor_ms:.3f} | {ratio:.0f}× |")
    print_notes_table(notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
