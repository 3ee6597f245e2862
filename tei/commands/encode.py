"""`tei encode`: transcriptions → TEI files, with a report of the conventions found."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from tei.cli import command_parser, edition_argument, edition_config, jobs_argument
from tei.errors import OutputError, one_line

EXAMPLES = """\
examples:
  tei encode seeds/                       encode every .txt in seeds/ (and its subfolders) into build/tei/
  tei encode doc.txt -o out/              write out/doc.xml
  tei encode seeds/ --report              also list every convention found, with an example
  tei encode old.txt --encoding cp1251    read a file that is not UTF-8
  tei encode seeds/ -j 1                  one process (default: one per CPU)

Each source's TEI is named by the edition's naming scheme (README, "Output names").
exit status: 0 all encoded, 1 some files had errors (the others are still written), 2 usage error
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = command_parser(
        subparsers, "encode",
        "encode transcriptions as TEI P5",
        "Encode plain-text transcriptions as TEI P5, one XML file per document.", EXAMPLES)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcription files or folders")
    parser.add_argument("-o", "--output", default="build/tei", metavar="DIR",
                        help="folder for the TEI files (default: build/tei)")
    parser.add_argument("--encoding", default="utf-8", help="text encoding of the sources")
    parser.add_argument("--report", action="store_true",
                        help="print every convention found and every unclassified one")
    parser.add_argument("--report-format", choices=("text", "json"), default="text")
    edition_argument(parser, "its authority lists (the names recognised)")
    jobs_argument(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tei.commands.stage import command_inputs
    from tei.pipeline.single import encode_sources

    config = edition_config("tei encode", args)
    if config is None:
        return 2
    sources = command_inputs("tei encode", args.paths, "*.txt", Path(args.output), recursive=True,
                             none_found="no .txt transcriptions found in the given paths")
    if sources is None:
        return 2
    try:
        report = encode_sources(sources.files, Path(args.output), encoding=args.encoding,
                                conventions=args.report, jobs=args.jobs, authorities=config.authorities)
    except OutputError as err:
        print(f"tei encode: {err}", file=sys.stderr)
        return 1
    shown = [d for d in report.diagnostics if d.severity == "error" or not args.quiet]
    for line in ([] if args.quiet else sources.skipped) + [str(d) for d in shown]:
        print(line, file=sys.stderr)
    failures = len(report.failed)
    if args.report:
        print(format_report(report.results, args.report_format))
    elif not args.quiet:
        done = len(report.results) - failures
        print(f"encoded {done} of {len(sources.files)} documents into {one_line(str(args.output))}/"
              + (f"; {failures} failed" if failures else ""), file=sys.stderr)
    return 1 if failures else 0


def encode_file(path: Path, encoding: str = "utf-8"):
    """Read, check and encode one file as the encode stage does; raises SourceError for bad input."""
    from tei.api import encode_document

    return encode_document(path.read_bytes(), str(path), encoding)


def format_report(results, form: str) -> str:
    """Every convention with its count and first example; unclassified ones listed in full."""
    occurrences = [o for r in sorted(results, key=lambda r: r.name)
                   for o in json.loads(dict(r.meta).get("conventions", "[]"))]
    counts = Counter(name for name, _, _ in occurrences)
    first = {}
    for name, at, excerpt in occurrences:
        first.setdefault(name, (at, excerpt))
    problems = _listed(results, "unclassified")
    review = _listed(results, "review")
    alignments = [(found["source"], found["rows"]) for r in sorted(results, key=lambda r: r.name)
                  if (found := json.loads(dict(r.meta).get("alignment", "{}"))).get("rows")]
    if form == "json":
        return json.dumps({
            "conventions": [{"name": name, "count": counts[name], "example": first[name][1],
                             "at": first[name][0]} for name in sorted(counts)],
            "unclassified": [{"rule": rule, "message": message, "at": at} for rule, message, at in problems],
            "review": [{"rule": rule, "message": message, "at": at} for rule, message, at in review],
            "alignment": {source: [{key: row[key] for key in ("original", "translation", "confidence")}
                                   for row in rows] for source, rows in alignments},
        }, ensure_ascii=False, indent=2)
    width = max((len(name) for name in counts), default=10)
    lines = [f"{'convention':<{width}}  count  example"]
    lines += [f"{name:<{width}}  {counts[name]:>5}  {first[name][1]!r} at {first[name][0]}"
              for name in sorted(counts)]
    lines.append(f"unclassified: {len(problems)}")
    lines += [f"  {at}: warning: [{rule}] {message}" for rule, message, at in problems]
    lines.append(f"names and dates to review: {len(review)}")
    lines += [f"  {at}: info: [{rule}] {message}" for rule, message, at in review]
    for source, rows in alignments:
        lines.append(f"alignment of {source}: {len(rows)} rows, original ‖ translation")
        lines += [f"  {row['text']}" for row in rows]
    return "\n".join(lines)


def _listed(results, fact: str) -> list:
    """One list the documents' reports hold under `fact`, in document order."""
    return [item for r in sorted(results, key=lambda r: r.name) for item in json.loads(dict(r.meta).get(fact, "[]"))]
