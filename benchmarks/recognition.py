"""Name and date recognition on hostile texts: does its time stay linear in the text's length?

    .venv/bin/python benchmarks/recognition.py [--runs 3] [--sizes 100,200,400,800]

Each shape is one paragraph (or many) repeated to each size in KB; the recognition pass alone runs on
it (the document read without recognition first), CPU time, median of the runs. Printed per shape:
ms at each size, µs per character, and the ratio of the largest size's µs per character to the
smallest's (linear: about 1; quadratic: about largest / smallest). Then a list with one form of many
words against a text that repeats all of that form but its last word: each word of the text starts a
walk as long as the form, so the time grows with text × form unless forms are bounded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tei.reader.entities import NameIndex, default_index  # noqa: E402
from tei.reader.parse import read  # noqa: E402
from tei.reader.recognise import Recogniser  # noqa: E402
from tei.reader.source import SourceText  # noqa: E402

SHAPES = {
    "one paragraph of names and dates":
        "Zhang Wentian met Kim Il Sung on 3 March 1956 in Moscow, and Pak spoke of 23 cent 1956. ",
    "near misses of forms": "Kim Il Kim Il Sun Mao Ze Peng De Kim II Ким Ир Ким Ир Се Трудовой партии ",
    "capitalised words no list has": "Alpha Beta Gamma Delta, Epsilon Zeta on 4 May in the August plenum. ",
    "many paragraphs": "Zhang Wentian met Kim Il Sung on 3 March 1956 in Moscow.\n\n",
}


def recognition_seconds(text: str, index: NameIndex) -> float:
    document = read(text, "long.txt", names=False)
    start = time.process_time()
    Recogniser(document, SourceText(text, "long.txt"), index, 0).run()
    return time.process_time() - start


def print_row(name: str, unit: str, sizes: list[int], runs: int, index: NameIndex) -> None:
    per_char = []
    cells = []
    for kilobytes in sizes:
        text = unit * (kilobytes * 1000 // len(unit))
        seconds = statistics.median(recognition_seconds(text, index) for _ in range(runs))
        per_char.append(1e6 * seconds / len(text))
        cells.append(f"{1000 * seconds:.0f}")
    print(f"{name} | {' | '.join(cells)} | {per_char[0]:.2f}–{per_char[-1]:.2f} | {per_char[-1] / per_char[0]:.2f}")


def long_form_index(words: int) -> NameIndex:
    from tei.authority import Authorities, Entry, Form
    form = Form(" ".join(["Word"] * words) + " End", "en")
    return NameIndex(Authorities((Entry("long", "person", (form,)),)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="100,200,400,800")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    print("load average " + " ".join(f"{n:.2f}" for n in os.getloadavg()))
    print(f"recognition pass alone, CPU ms, median of {args.runs} runs")
    print(f"shape | {' | '.join(f'{s} KB' for s in sizes)} | µs/char | ratio {sizes[-1]} KB / {sizes[0]} KB")
    for name, unit in SHAPES.items():
        print_row(name, unit, sizes, args.runs, default_index())
    for words in (8, 32):
        print_row(f"a form of {words + 1} words, text of its first {words}", "Word ", sizes[:2], args.runs,
                  long_form_index(words))


if __name__ == "__main__":
    main()
