"""`tei validate`: check TEI files against every layer of the edition's schema."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tei.cli import command_parser, doctype_argument, edition_argument, edition_config, jobs_argument
from tei.errors import one_line
from tei.fsutil import not_a_file
from tei.validate.protocol import ServiceError

EXAMPLES = """\
examples:
  tei validate build/tei                        every *.xml under build/tei, all layers, with the
                                                date range and authority lists of ./edition.toml
  tei validate build/tei --config ed/edition.toml  with that edition's dates and lists
  tei validate doc.xml --format json            machine-readable problems
  tei validate build/tei --xsd                  also check the XML Schema (edition.xsd)
  tei validate doc.xml --tei-all tei_all.rng    also check the official TEI schema
                                                (get it with `tei schemas fetch`)
  tei validate their/ --schema tei_all.rng      TEI the toolkit did not write: only that schema
  tei validate their/ --schema project.rng --schema rules.sch --integrity
  tei validate their/ --schema project.rng --embedded-schematron
                                                also the Schematron an ODD put in project.rng
  tei validate vol.xml --xinclude --integrity   expand XIncludes (from vol.xml's folder only)
  tei validate theirs.xml --allow-doctype --schema tei_all.rng
                                                read a <!DOCTYPE>; nothing external is loaded
  tei validate --serve --schema tei_all.rng &   compile tei_all once; later calls with the same
                                                --schema go through it (< 0.5 s a file)

layers, in order: well-formedness (safe parser), RELAX NG (schemas/edition.rng),
Schematron (schemas/*.sch), then --xsd and --tei-all when asked for.
With --schema or --integrity, instead of the edition's layers: well-formedness, each --schema
(.rng, .xsd or .sch) in the order given, then --integrity (pointers, dates, ids).
output: one line per problem, `path:line:column: error|warning: [rule-id] message`, then a summary.
exit status: 0 all valid, 1 some file invalid, 2 usage error (missing path or schema)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = command_parser(
        subparsers, "validate",
        "validate TEI files (RELAX NG, Schematron, optionally XSD and tei_all)",
        "Validate TEI files and folders against the edition's schema, layer by layer.", EXAMPLES)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="TEI files, or folders searched for *.xml")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--xsd", action="store_true", help="also validate against schemas/edition.xsd")
    parser.add_argument(
        "--tei-all",
        metavar="FILE",
        type=Path,
        help="also validate against this copy of the official tei_all.rng",
    )
    parser.add_argument("--schema", metavar="FILE", type=Path, action="append", default=[],
                        help="check against this schema instead of the edition's (.rng, .xsd or .sch; repeatable)")
    parser.add_argument("--embedded-schematron", action="store_true",
                        help="also check the Schematron rules embedded in each --schema .rng (made from an ODD)")
    parser.add_argument("--integrity", action="store_true",
                        help="generic TEI checks instead of the edition's: pointers resolve, dates exist, ids unique")
    doctype_argument(parser)
    edition_argument(parser, "the edition's layers: its date range (edition.dates) and authority lists")
    parser.add_argument("--xinclude", action="store_true",
                        help="expand XIncludes first, reading only from each document's folder and below "
                             "(with --schema or --integrity)")
    jobs_argument(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")
    service = parser.add_argument_group("compile once, validate often")
    service.add_argument("--serve", metavar="ADDR", nargs="?", const="",
                         help="keep the schemas compiled and check documents for other calls (-j workers); "
                              "ADDR: a Unix socket path or 127.0.0.1:PORT (default: a private socket named "
                              "by the schemas' hash, which other calls find by themselves)")
    service.add_argument("--server", metavar="ADDR", help="check through the server at ADDR")
    service.add_argument("--no-server", action="store_true", help="check here even when a server is running")
    service.add_argument("--shutdown", action="store_true", help="stop the server (--server ADDR or the default)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if usage := usage_problem(args):
        print(f"tei validate: error: {usage}", file=sys.stderr)
        return 2
    options = _options(args)
    if not options.replaces_edition:
        options = _with_edition(args, options)
        if options is None:
            return 2
    try:
        if args.serve is not None:
            return _serve(args, options)
        if args.shutdown:
            return _shutdown(args, options)
        return _validate(args, options)
    except ServiceError as err:
        print(f"tei validate: {err}", file=sys.stderr)
        return 2


def _options(args: argparse.Namespace):
    from tei.validate.engine import Options

    return Options(xsd=args.xsd, tei_all=args.tei_all, schemas=tuple(args.schema),
                   embedded_schematron=args.embedded_schematron, integrity=args.integrity, xinclude=args.xinclude,
                   allow_doctype=args.allow_doctype)


def _with_edition(args: argparse.Namespace, options):
    """The options with the edition's date range and authority lists, as `tei build` checks; None if its
    settings cannot be read (one line says why)."""
    from dataclasses import replace

    config = edition_config("tei validate", args)
    return None if config is None else replace(options, dates=config.edition.dates, authorities=config.authorities)


def _validate(args: argparse.Namespace, options) -> int:
    from tei.validate.engine import find_files

    try:
        files, skipped = find_files(args.paths)
    except FileNotFoundError as err:
        print(f"tei validate: {one_line(str(err))}", file=sys.stderr)
        return 2
    for line in [] if args.quiet else skipped:
        print(line, file=sys.stderr)
    if not files:
        print(f"tei validate: error: no *.xml files in {' '.join(args.paths)}", file=sys.stderr)
        return 2
    server = _server_to_use(args, options)
    if server is not None:
        from tei.validate.client import check_files_remotely, matching_server

        layers = matching_server(server, options)["layers"]
        results = check_files_remotely(server, files, args.jobs or os.cpu_count() or 1)
        if not args.quiet and args.format == "text":
            print(f"tei validate: checked through the server at {server}", file=sys.stderr)
    else:
        from tei.pipeline.single import validate_files
        from tei.validate.engine import get_validator

        if problem := schema_problem(options):
            print(f"tei validate: {problem}", file=sys.stderr)
            return 2
        results = validate_files(files, options, jobs=args.jobs)
        layers = get_validator(options).layers
    return _report(args, results, layers)


def _server_to_use(args: argparse.Namespace, options):
    """The server named with --server, else a running server for the same schemas, else None."""
    from tei.validate.protocol import parse_address

    if args.server:
        return parse_address(args.server)
    if args.no_server:
        return None
    from tei.validate.client import running_server

    return running_server(options)


def _report(args: argparse.Namespace, results: list, layers: list[str]) -> int:
    from tei.validate.report import summary, to_json

    if args.format == "json":
        sys.stdout.write(to_json(results, layers))
    else:
        for result in results:
            for problem in result.problems:
                print(problem)
        if not args.quiet:
            print(summary(results), file=sys.stderr)
    return 0 if all(r.valid for r in results) else 1


def _serve(args: argparse.Namespace, options) -> int:
    from tei.validate.protocol import default_address, parse_address
    from tei.validate.server import announce_to_stderr, serve

    if problem := schema_problem(options):
        print(f"tei validate: {problem}", file=sys.stderr)
        return 2
    address = parse_address(args.serve) if args.serve else default_address(options)
    return serve(options, address, args.jobs or os.cpu_count() or 1, announce_to_stderr)


def _shutdown(args: argparse.Namespace, options) -> int:
    from tei.validate.client import shutdown
    from tei.validate.protocol import default_address, parse_address

    address = parse_address(args.server) if args.server else default_address(options)
    shutdown(address)
    print(f"tei validate: asked the server at {address} to stop", file=sys.stderr)
    return 0


def usage_problem(args: argparse.Namespace) -> str | None:
    """Options that do not go together, or schema files that are not there."""
    if not args.paths and args.serve is None and not args.shutdown:
        return "name the TEI files or folders to check (or --serve, or --shutdown)"
    if args.server and (args.serve is not None or args.no_server):
        return "--server names a server to use; it does not go with --serve or --no-server"
    if args.tei_all and (why := not_a_file(args.tei_all)):
        fetch = "" if args.tei_all.exists() else " (download it with `tei schemas fetch`)"
        return f"--tei-all {args.tei_all}: {why}{fetch}"
    if (args.schema or args.integrity) and (args.xsd or args.tei_all):
        return "--xsd and --tei-all add to the edition's layers; with --schema or --integrity, name each schema " \
               "with --schema"
    if args.embedded_schematron and not args.schema:
        return "--embedded-schematron needs a --schema FILE.rng to read the rules from"
    if args.xinclude and not (args.schema or args.integrity):
        return "--xinclude goes with --schema or --integrity (the edition's own TEI has no XIncludes)"
    if args.xinclude and args.serve and not _unix_socket(args.serve):
        return "--xinclude reads files, so its server listens only on a Unix socket, which other users cannot open"
    unusable = [f"--schema {path}: {why}" for path in args.schema if (why := not_a_file(path))]
    return unusable[0] if unusable else None


def _unix_socket(address: str) -> bool:
    from tei.validate.protocol import parse_address

    try:
        return bool(parse_address(address).path)
    except ServiceError:
        return True          # refused later, in one line of its own


def schema_problem(options) -> str | None:
    """Why the schemas asked for do not compile (a --tei-all file that is not RELAX NG), or None."""
    from lxml import etree

    from tei.errors import TeiToolkitError
    from tei.validate.engine import get_validator

    try:
        get_validator(options)
    except TeiToolkitError as err:
        if options.replaces_edition:
            return str(err)
        return f"{err} (--tei-all must name a RELAX NG schema such as tei_all.rng)"
    except etree.LxmlError as err:
        return f"{options.tei_all}: error: not a RELAX NG schema: {err}"
    return None

