"""The `tei` command: one subcommand per stage of the pipeline, plus `build`."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading
from pathlib import Path

from tei.errors import OutputError, one_line

# Each module defines `register(subparsers)`, which adds its parser and sets `run`.
COMMAND_MODULES = (
    "tei.commands.encode",
    "tei.commands.source",
    "tei.commands.conventions",
    "tei.commands.build",
    "tei.commands.web",
    "tei.commands.pdf",
    "tei.commands.validate",
    "tei.commands.schemas",
    "tei.commands.export",
    "tei.commands.serve",
)

EPILOG = """\
examples:
  tei build                             encode, validate, web and PDF of seeds/ into build/
  tei encode seeds/ -o build/tei        encode every transcription in seeds/
  tei encode doc.txt --report           encode one file and list the conventions found
  tei validate build/tei                check TEI against the edition's schema and rules
  tei web build/tei -o build/web        publish a static web edition
  tei serve build/web                   open it at http://127.0.0.1:8000/, search included
  tei pdf build/tei -o build/pdf        one PDF per document and the volume edition.pdf
  tei source build/tei/doc.xml          regenerate the transcription from its TEI
  tei export text cmif                  the edition for repositories and aggregators

Run `tei COMMAND --help` for the options and examples of each command.
"""


def positive_count(text: str) -> int:
    """An argparse type: a whole number of at least 1 (`-j 0` and `-j -3` are usage errors)."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def jobs_argument(parser: argparse.ArgumentParser) -> None:
    """`-j N`, shared by every command that runs on the build's engine."""
    parser.add_argument("-j", "--jobs", type=positive_count, metavar="N",
                        help="worker processes (default: one per CPU)")


def doctype_argument(parser: argparse.ArgumentParser) -> None:
    """`--allow-doctype`, shared by the commands that read TEI written elsewhere."""
    parser.add_argument("--allow-doctype", action="store_true",
                        help="read a <!DOCTYPE> instead of refusing it: internal entities are expanded, the "
                             "external DTD and external entities are never loaded (one warning says what was ignored)")


def command_parser(subparsers, name: str, summary: str, description: str, examples: str) -> argparse.ArgumentParser:
    """A command's parser: its line in `tei --help`, its description, and its examples after the options
    (kept as written)."""
    return subparsers.add_parser(name, help=summary, description=description, epilog=examples,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)


def edition_argument(parser: argparse.ArgumentParser, uses: str) -> None:
    """`--config TOML`: the edition whose settings a single-stage command applies (`uses` says which)."""
    parser.add_argument("--config", metavar="TOML", type=Path,
                        help=f"the edition's settings, for {uses} (default: ./edition.toml when there is one, "
                             "as for tei build)")


def edition_config(command: str, args: argparse.Namespace):
    """The edition `--config` names, else ./edition.toml when there is one (as `tei build` finds it), else
    the defaults; None once one line has said why it cannot be read (then the exit status is 2)."""
    from tei.errors import TeiToolkitError
    from tei.pipeline.config import EditionConfig, load_config

    path = args.config or (Path("edition.toml") if Path("edition.toml").is_file() else None)
    try:
        return load_config(path) if path else EditionConfig()
    except UnicodeDecodeError as err:
        from tei.commands.build import not_utf8

        print(f"{command}: {not_utf8(path, err)}", file=sys.stderr)
    except TeiToolkitError as err:
        print(f"{command}: {err}", file=sys.stderr)
    return None


def output_folder_problem(path, named: str = "-o names") -> str | None:
    """Why the output folder `path` cannot be one: it is an existing file. `named` says where it was
    given ("-o names", "outputs.directory of the configuration names")."""
    if path.exists() and not path.is_dir():
        return f"{path}: error: {named} an existing file; give a folder (it is made if missing)"
    return None


class Interrupted(KeyboardInterrupt):
    """SIGTERM (what `kill`, `timeout` and service managers send), raised as Ctrl-C raises KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def interrupted_status(interrupt: KeyboardInterrupt) -> int:
    """The exit status of a command stopped by a signal: 128 + its number (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + getattr(interrupt, "signum", signal.SIGINT)


@contextlib.contextmanager
def _sigterm_as_an_interrupt():
    """While a command runs, SIGTERM stops it as Ctrl-C does: its clean-up runs (temporary files removed, the
    build's cache saved) and it says so in one line, rather than vanishing without a word. A second SIGTERM
    ends it at once, should the clean-up wait on something that never comes."""
    if threading.current_thread() is not threading.main_thread():     # only there can a handler be set
        yield
        return

    def stop(signum, _frame):
        signal.signal(signum, signal.SIG_DFL)
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but a usage error is one line, which says where the options are listed."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser(modules: tuple[str, ...] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tei",
        description="Archive transcriptions to validated TEI P5, a web edition and a PDF edition.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns 0 (ok), 1 (some inputs had errors) or 2 (usage error)."""
    argv = sys.argv[1:] if argv is None else argv
    # Load only the command asked for: `tei validate` on every save must start fast.
    asked = [m for m in COMMAND_MODULES if argv and m.rsplit(".", 1)[1] == argv[0]]
    parser = build_parser(tuple(asked) or COMMAND_MODULES)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        with _sigterm_as_an_interrupt():
            status = args.run(args)
            sys.stdout.flush()
    except KeyboardInterrupt as interrupt:     # every file a command writes is whole or not there
        print(f"{_command_name(args)}: interrupted; each file written is complete", file=sys.stderr)
        return interrupted_status(interrupt)
    except BrokenPipeError:             # what reads the output stopped reading (`tei conventions | head -1`)
        _let_go_of_stdout()
        return 1
    except OSError as err:              # standard output on a full disk, or a file no command expected to fail
        if err.filename is None:
            _let_go_of_stdout()
        what = (f"{one_line(str(err.filename))}: error: {err.strerror or err}" if err.filename is not None
                else f"error: cannot write the output: {err.strerror or err}")
        print(f"{_command_name(args)}: {what}", file=sys.stderr)
        return 1
    except OutputError as err:          # the one file a command writes (`tei conventions -o`, `tei schemas build`)
        print(f"{_command_name(args)}: {err}", file=sys.stderr)
        return 1
    return status


def _command_name(args: argparse.Namespace) -> str:
    """`tei conventions`, `tei schemas build`: as the command's own messages start."""
    return " ".join(filter(None, ("tei", args.command, getattr(args, "action", None))))


def _let_go_of_stdout() -> None:
    """Standard output can take nothing more: what is left in its buffer goes nowhere, rather than failing
    again when Python flushes it on the way out (a second message, a traceback)."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
