"""Benchmark of the web stage's CPU per document, against another checkout measured at the same time.

    .venv/bin/python benchmarks/web_stage.py [--documents 300] [--rounds 5] [--seed-repeats 10] [--against DIR]

The corpus is `--documents` synthetic transcriptions (benchmarks/corpus.py) and the five seeds
(seeds/*.txt: longer, with more names), encoded once by this checkout; every measured side renders
the same TEI, and the seeds, a row of their own, are each measured `--seed-repeats` times a round. For
each document, in each round, it times in
CPU seconds of the thread (the machine's other work does not count): the build's web stage
(`tei.pipeline.stages.web_stage`: the safe parse, the page and its record, the search pages, the
citation files), then `WebRenderer.render` alone on a fresh parse (lxml's safe parse, then the page
and the record: Saxon's parse of the TEI and the stylesheets), then the renderer on a minimal
document (a title and one paragraph: what every page costs). The first round warms up and is not
counted; the table gives the median of the rounds, in milliseconds per document.

`--against DIR` measures another checkout as well (a folder holding a whole tree of the repository:
`git worktree add /tmp/main main`, or `git archive main | tar -x -C /tmp/main`). Each checkout runs in
a process of its own and the two take turns document by document, so that both meet the same load;
the ratio is this checkout's figure over DIR's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A title</title>'
           b'</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
           b'</teiHeader><text><body><p>x</p></body></text></TEI>')


def write_corpus(count: int, folder: Path) -> int:
    """`count` synthetic documents encoded to TEI by this checkout, as folder/doc-NNNNN.xml, then the
    seeds as folder/seed-NAME.xml (after them in name order); returns the number of seeds."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    from tei.api import encode_document

    vocabulary = corpus._vocabulary()
    for number in range(count):
        name = f"doc-{number:05d}"
        (folder / f"{name}.xml").write_bytes(encode_document(corpus.document(number, vocabulary), f"{name}.txt").tei)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for seed in seeds:
        (folder / f"seed-{seed.stem}.xml").write_bytes(encode_document(seed.read_bytes(), seed.name).tei)
    return len(seeds)


class Side:
    """The web stage and the renderer of one checkout's `tei` package, measuring one document at a time."""

    def __init__(self, root: Path, folder: Path) -> None:
        sys.path.insert(0, str(root))
        import tei as package
        from tei.pipeline.model import Settings, SourceDocument
        from tei.pipeline.stages import web_renderer, web_stage
        from tei.xmlsafe import parse_xml

        if not Path(package.__file__).resolve().is_relative_to(root.resolve()):
            raise SystemExit(f"{root}: error: the tei package came from {package.__file__}")
        self.settings = Settings(outputs=("tei", "web"))
        self.stage, self.parse = web_stage, parse_xml
        self.renderer = web_renderer(self.settings)
        self.documents = [(SourceDocument(path.stem, f"{path.stem}.txt", b"",
                                          place=(("previous", "a"), ("next", "b"))), path.read_bytes())
                          for path in sorted(folder.glob("*.xml"))]

    def measure(self, number: int) -> tuple[float, float, float]:
        """CPU seconds of document `number`'s web stage, of its rendering alone and of a minimal document's."""
        doc, tei = self.documents[number]
        start = time.thread_time()
        self.stage(doc, tei, self.settings)
        middle = time.thread_time()
        self.renderer.render(self.parse(tei), doc.name)
        end = time.thread_time()
        self.renderer.render(self.parse(MINIMAL), "minimal")
        return middle - start, end - middle, time.thread_time() - end


def serve(root: Path, folder: Path) -> None:
    """Measure the documents whose numbers come on standard input, one JSON line of CPU seconds each."""
    side = Side(root, folder)
    for line in sys.stdin:
        print(json.dumps(side.measure(int(line))), flush=True)


class Remote:
    """A side in a process of its own (this script with --serve), so that two checkouts' packages load."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.process = subprocess.Popen([sys.executable, __file__, "--serve", str(root), "--corpus", str(folder)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def measure(self, number: int) -> tuple[float, float, float]:
        self.process.stdin.write(f"{number}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"error: the measuring process stopped (exit status {self.process.wait()})")
        return tuple(json.loads(line))

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


KEYS = ("web stage", "render", "minimal")


def run(sides: dict[str, Remote], documents: list[int], rounds: int) -> dict[str, dict[str, float]]:
    """Medians over the rounds of each side's CPU ms per document, over the `documents` (numbers, a number
    as often as it is to be measured a round). The sides take turns document by document, in alternating
    order, so that both meet the same load; the first round warms up."""
    per_round = {name: {key: [] for key in KEYS} for name in sides}
    names = list(sides)
    for number in range(rounds + 1):
        sums = {name: [0.0, 0.0, 0.0] for name in sides}
        for turn, document in enumerate(documents):
            for name in names if (turn + number) % 2 == 0 else names[::-1]:
                sums[name] = [total + cpu for total, cpu in zip(sums[name], sides[name].measure(document))]
        for name in sides if number else ():
            for key, total in zip(KEYS, sums[name]):
                per_round[name][key].append(total / len(documents) * 1000)
    return {name: {key: statistics.median(values) for key, values in figures.items()}
            for name, figures in per_round.items()}


def print_table(title: str, figures: dict[str, dict[str, float]], against: Path | None) -> None:
    print(f"| {title} | web stage | WebRenderer.render | render, minimal document |")
    print("|---|---:|---:|---:|")
    for name, row in figures.items():
        print(f"| {name} | {row['web stage']:.2f} | {row['render']:.2f} | {row['minimal']:.2f} |")
    if against:
        this, other = figures["this checkout"], figures[str(against)]
        print(f"| ratio (this / {against}) | " + " | ".join(f"{this[key] / other[key]:.3f}" for key in KEYS) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed-repeats", type=int, default=10, help="times each seed is measured a round")
    parser.add_argument("--against", type=Path, metavar="DIR", help="another checkout, measured in turn with this one")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)   # one side, in its own process
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.corpus)
        return 0
    with tempfile.TemporaryDirectory(prefix="web-stage-") as tmp:
        seeds = write_corpus(args.documents, Path(tmp))
        load = os.getloadavg()[0]
        roots = {"this checkout": ROOT} | ({str(args.against): args.against.resolve()} if args.against else {})
        sides = {name: Remote(root, Path(tmp)) for name, root in roots.items()}
        try:
            synthetic = run(sides, list(range(args.documents)), args.rounds)
            seed_copies = run(sides, [args.documents + seed for seed in range(seeds)] * args.seed_repeats,
                              args.rounds)
        finally:
            for side in sides.values():
                side.close()
    print(f"CPU ms per document (thread time), median of {args.rounds} rounds; load average {load:.2f} → "
          f"{os.getloadavg()[0]:.2f}\n")
    print_table(f"{args.documents} synthetic documents", synthetic, args.against)
    print()
    print_table(f"the {seeds} seeds, each {args.seed_repeats} times a round", seed_copies, args.against)
    return 0


if __name__ == "__main__":
    sys.exit(main())
