"""`tei build`: transcriptions → TEI → validation → web edition → PDF edition, into build/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tei.cli import command_parser, interrupted_status, jobs_argument, output_folder_problem
from tei.errors import OutputError, TeiToolkitError

EXAMPLES = """\
examples:
  tei build                                  build the bundled seeds into ./build
  tei build --config edition.toml            build the edition that edition.toml describes
  tei build --jobs 4 --fail-fast             four worker processes; stop at the first failure
  tei build --executor dask --scheduler tcp://10.0.0.5:8786
                                             run the document stages on a Dask cluster

A second run with nothing changed does no document work; after one source
changes only that document and the shared outputs (index, search, volume PDF)
are redone. Every warning and error is listed in build/report.json.
"""


def register(subparsers) -> None:
    parser = command_parser(
        subparsers, "build",
        "encode, validate and publish a whole edition (web and PDF) into build/",
        __doc__, EXAMPLES)
    add_edition_arguments(parser)
    parser.set_defaults(run=run)


def add_edition_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of every command that builds the edition (`tei build`, `tei export`)."""
    parser.add_argument("--config", metavar="TOML", type=Path,
                        help="the edition's settings (default: the bundled seeds, every output)")
    parser.add_argument("-o", "--output", metavar="DIR", type=Path,
                        help="build folder (default: the config's outputs.directory, or ./build)")
    jobs_argument(parser)
    parser.add_argument("--fail-fast", action="store_true",
                        help="stop at the first document with an error")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bars: one line per stage and the summary")
    parser.add_argument("--executor", choices=("process", "dask"), default="process",
                        help="where document stages run (default: a local process pool)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="the Dask scheduler, e.g. tcp://host:8786 (with --executor dask)")


def run(args: argparse.Namespace) -> int:
    return build_and_report(args, "tei build")


def build_and_report(args: argparse.Namespace, command: str, formats: tuple[str, ...] = ()) -> int:
    """Build the edition the arguments describe, also making `formats`; print the summary; the exit status."""
    from dataclasses import replace

    from tei.pipeline.build import BuildOptions, build_edition
    from tei.pipeline.config import default_config, load_config
    from tei.pipeline.progress import make_progress

    try:
        config = load_config(args.config) if args.config else default_config()
        if args.output:
            config = replace(config, output_dir=args.output)
        config = replace(config, outputs=config.outputs + tuple(f for f in formats if f not in config.outputs))
        named = "-o names" if args.output else "outputs.directory of the configuration names" if args.config \
            else "the default output folder is"
        if problem := output_folder_problem(config.output_dir, named):
            print(f"{command}: {problem}", file=sys.stderr)
            return 2
        options = BuildOptions(args.jobs, args.fail_fast, args.executor, args.scheduler)
        progress = make_progress(args.quiet)
        report = build_edition(config, options, progress)
    except OutputError as err:
        print(f"{command}: {err}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as err:           # edition.toml is not UTF-8
        print(f"{command}: {not_utf8(args.config, err)}", file=sys.stderr)
        return 2
    except TeiToolkitError as err:
        print(f"{command}: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as interrupt:
        print(f"{command}: interrupted; the previous outputs are intact", file=sys.stderr)
        return interrupted_status(interrupt)
    _print_summary(report, config.output_dir, args.quiet)
    return 1 if report.errors else 0


def not_utf8(path: Path, err: UnicodeDecodeError) -> str:
    """The position and byte of a configuration file's first non-UTF-8 byte, as one line."""
    before = err.object[:err.start]
    line = before.count(b"\n") + 1
    column = err.start - (before.rfind(b"\n") + 1) + 1
    byte = err.object[err.start]
    return (f"{path}:{line}:{column}: error: byte 0x{byte:02x} is not valid UTF-8; "
            f"TOML files must be UTF-8 (save it as UTF-8 in your editor)")


def _print_summary(report, build_dir: Path, quiet: bool) -> None:
    from rich.console import Console

    from tei.pipeline.report import summary_lines, summary_table

    console = Console(highlight=False)
    for d in report.diagnostics.sorted():
        if d.severity == "error" or d.rule == "source-skipped":
            print(d, file=sys.stderr)
    if not quiet:
        console.print(summary_table(report))
    for line in summary_lines(report, build_dir):
        console.print(line, markup=False, soft_wrap=True)
