"""`tei validate`: check TEI files against every layer of the edition's schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tei.cli import jobs_argument

EXAMPLES = """\
examples:
  tei validate build/tei                        every *.xml under build/tei, all layers
  tei validate doc.xml --format json            machine-readable problems
  tei validate build/tei --xsd                  also check the XML Schema (edition.xsd)
  tei validate doc.xml --tei-all tei_all.rng    also check the official TEI schema
                                                (get it with `tei schemas fetch`)
  tei validate their/ --schema tei_all.rng      TEI the toolkit did not write: only that schema
  tei validate their/ --schema project.rng --schema rules.sch --integrity
  tei validate their/ --schema project.rng --embedded-schematron
                                                also the Schematron an ODD put in project.rng

layers, in order: well-formedness (safe parser), RELAX NG (schemas/edition.rng),
Schematron (schemas/*.sch), then --xsd and --tei-all when asked for.
With --schema or --integrity, instead of the edition's layers: well-formedness, each --schema
(.rng, .xsd or .sch) in the order given, then --integrity (pointers, dates, ids).
output: one line per problem, `path:line:column: error|warning: [rule-id] message`, then a summary.
exit status: 0 all valid, 1 some file invalid, 2 usage error (missing path or schema)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="validate TEI files (RELAX NG, Schematron, optionally XSD and tei_all)",
        description="Validate TEI files and folders against the edition's schema, layer by layer.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="TEI files, or folders searched for *.xml")
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
    jobs_argument(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tei.validate import Options, check_files, collect_files, get_validator
    from tei.validate.report import summary, to_json

    if usage := usage_problem(args):
        print(f"tei validate: error: {usage}", file=sys.stderr)
        return 2
    try:
        files = collect_files(args.paths)
    except FileNotFoundError as err:
        print(f"tei validate: error: {err}", file=sys.stderr)
        return 2
    if not files:
        print(f"tei validate: error: no *.xml files in {' '.join(args.paths)}", file=sys.stderr)
        return 2
    options = Options(xsd=args.xsd, tei_all=args.tei_all, schemas=tuple(args.schema),
                      embedded_schematron=args.embedded_schematron, integrity=args.integrity)
    if problem := schema_problem(options):
        print(f"tei validate: {problem}", file=sys.stderr)
        return 2
    results = check_files(files, options, args.jobs)
    if args.format == "json":
        sys.stdout.write(to_json(results, get_validator(options).layers))
    else:
        for result in results:
            for problem in result.problems:
                print(problem)
        if not args.quiet:
            print(summary(results), file=sys.stderr)
    return 0 if all(r.valid for r in results) else 1


def usage_problem(args: argparse.Namespace) -> str | None:
    """Options that do not go together, or schema files that are not there."""
    if args.tei_all and not args.tei_all.is_file():
        return f"--tei-all {args.tei_all}: no such file (download it with `tei schemas fetch`)"
    if (args.schema or args.integrity) and (args.xsd or args.tei_all):
        return "--xsd and --tei-all add to the edition's layers; with --schema or --integrity, name each schema " \
               "with --schema"
    if args.embedded_schematron and not args.schema:
        return "--embedded-schematron needs a --schema FILE.rng to read the rules from"
    missing = [str(path) for path in args.schema if not path.is_file()]
    return f"--schema {missing[0]}: no such file" if missing else None


def schema_problem(options) -> str | None:
    """Why the schemas asked for do not compile (a --tei-all file that is not RELAX NG), or None."""
    from lxml import etree

    from tei.errors import TeiToolkitError
    from tei.validate import get_validator

    try:
        get_validator(options)
    except TeiToolkitError as err:
        if options.replaces_edition:
            return str(err)
        return f"{err} (--tei-all must name a RELAX NG schema such as tei_all.rng)"
    except etree.LxmlError as err:
        return f"{options.tei_all}: error: not a RELAX NG schema: {err}"
    return None

