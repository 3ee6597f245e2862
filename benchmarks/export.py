"""What the export formats add to a build: `tei build` with and without them on the synthetic corpus.

Usage: .venv/bin/python benchmarks/export.py [--documents N] [--runs R] [--jobs J]

Each run is a clean `tei build` in a fresh process (the benchmarks/build.py harness): the baseline
makes TEI and the web edition; the other run also makes every export format but the bag (text,
corpus, zenodo, cmif, dts), then a third adds the bag. The runs alternate; the table gives medians,
milliseconds per document and the ratio to the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import corpus  # noqa: E402
from benchmarks.build import run_build  # noqa: E402

EDITION = """[edition]
title = "Synthetic edition"
editors = ["Ada Editor"]
base_url = "https://example.org/synthetic/"
published = "2026-11-30"
[sources]
include = ["texts/*.txt"]
[outputs]
formats = [{formats}]
directory = "{directory}"
"""
VARIANTS = (
    ("tei + web (baseline)", ("tei", "web")),
    ("+ text, corpus, zenodo, cmif, dts", ("tei", "web", "text", "corpus", "zenodo", "cmif", "dts")),
    ("+ the same and bagit", ("tei", "web", "text", "corpus", "zenodo", "cmif", "dts", "bagit")),
)


def edition(folder: Path, index: int, formats: tuple[str, ...]) -> Path:
    """An edition.toml beside the corpus (sources must lie in its folder), building into build-INDEX."""
    config = folder / f"edition-{index}.toml"
    text = EDITION.replace("{formats}", ", ".join(f'"{f}"' for f in formats)).replace("{directory}", f"build-{index}")
    config.write_text(text, encoding="utf-8")
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tei-bench-export-") as scratch:
        root = Path(scratch)
        corpus.generate(args.documents, root / "texts")
        configs = [edition(root, i, formats) for i, (_, formats) in enumerate(VARIANTS)]
        seconds: list[list[float]] = [[] for _ in VARIANTS]
        for _ in range(args.runs):
            for index, config in enumerate(configs):
                shutil.rmtree(root / f"build-{index}", ignore_errors=True)
                seconds[index].append(run_build(config, args.jobs)[0])
    baseline = statistics.median(seconds[0])
    print(f"| build ({args.documents} synthetic documents, {args.jobs} jobs, median of {args.runs}) "
          "| s | ms/document | ratio to baseline |")
    print("|---|---:|---:|---:|")
    for (name, _), runs in zip(VARIANTS, seconds, strict=True):
        median = statistics.median(runs)
        print(f"| {name} | {median:.2f} | {1000 * median / args.documents:.1f} | {median / baseline:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
