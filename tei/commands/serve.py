"""`tei serve`: open a built edition in a browser, search included, from this machine."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from tei.cli import command_parser

EXAMPLES = """\
examples:
  tei serve                    serve build/web at http://127.0.0.1:8000/
  tei serve site --port 8080   another folder, another port

The search box needs the edition served over HTTP (a browser will not let a page
opened from a file load the search index); any static web server will do as well.
Only this machine can connect (127.0.0.1). Stop it with Ctrl-C.
exit status: 0 stopped with Ctrl-C, 1 the port is in use, 2 usage error (no such folder)
"""


def register(subparsers) -> None:
    parser = command_parser(
        subparsers, "serve",
        "serve a built web edition on this machine, so that its search works",
        __doc__, EXAMPLES)
    parser.add_argument("folder", nargs="?", type=Path, default=Path("build/web"), metavar="DIR",
                        help="the built site (default: build/web)")
    parser.add_argument("--port", type=_port, default=None, metavar="N",
                        help="the port to listen on (default: 8000; 0 picks a free one)")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    parser.set_defaults(run=run)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from tei.serve import DEFAULT_PORT, ServeError, edition_server

    port = DEFAULT_PORT if args.port is None else args.port
    try:
        server = edition_server(args.folder, port, verbose=not args.quiet)
    except ServeError as err:
        print(f"tei serve: {err}", file=sys.stderr)
        return err.exit_status
    print(f"tei serve: serving {args.folder} at {server.url} (Ctrl-C stops)", flush=True)
    with server, contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0
