"""`tei encode`: transcriptions → TEI files, with a report of the conventions found."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from tei.api import Encoded, encode_document
from tei.errors import SourceError
from tei.fsutil import atomic_write
from tei.names import document_names

EXAMPLES = """\
examples:
  tei encode seeds/                       encode every .txt in seeds/ into build/tei/
  tei encode doc.txt -o out/              write out/doc.xml
  tei encode seeds/ --report              also list every convention found, with an example
  tei encode old.txt --encoding cp1251    read a file that is not UTF-8

exit status: 0 all encoded, 1 some files had errors (the others are still written), 2 usage error
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "encode", help="encode transcriptions as TEI P5",
        description="Encode plain-text transcriptions as TEI P5, one XML file per document.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="transcription files or folders")
    parser.add_argument("-o", "--output", default="build/tei", metavar="DIR",
                        help="folder for the TEI files (default: build/tei)")
    parser.add_argument("--encoding", default="utf-8", help="text encoding of the sources")
    parser.add_argument("--report", action="store_true",
                        help="print every convention found and every unclassified one")
    parser.add_argument("--report-format", choices=("text", "json"), default="text")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.set_defaults(run=run)


def find_sources(paths: list[str]) -> list[Path]:
    """Files as given, and the .txt files of folders, in a stable order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(path.rglob("*.txt")))
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(name)
    return found


def encode_file(path: Path, encoding: str = "utf-8") -> Encoded:
    """Read, check and encode one file; raises SourceError with a position for bad input."""
    return encode_document(path.read_bytes(), str(path), encoding)


def run(args: argparse.Namespace) -> int:
    try:
        sources = find_sources(args.paths)
    except FileNotFoundError as missing:
        print(f"tei encode: error: no such file or folder: {missing}", file=sys.stderr)
        return 2
    if not sources:
        print("tei encode: error: no .txt transcriptions found in the given paths", file=sys.stderr)
        return 2
    names = document_names(path.as_posix() for path in sources)
    results, failures = [], 0
    for path in sources:
        try:
            encoded = encode_file(path, args.encoding)
        except SourceError as error:
            print(error, file=sys.stderr)
            failures += 1
            continue
        atomic_write(Path(args.output) / f"{names[path.as_posix()]}.xml", encoded.tei)
        results.append(encoded)
        for diagnostic in encoded.diagnostics:
            print(diagnostic, file=sys.stderr)
    if args.report:
        print(format_report(results, args.report_format))
    elif not args.quiet:
        print(f"encoded {len(results)} of {len(sources)} documents into {args.output}/"
              + (f"; {failures} failed" if failures else ""), file=sys.stderr)
    return 1 if failures else 0


def format_report(results: list[Encoded], form: str) -> str:
    """Every convention with its count and first example; unclassified ones listed in full."""
    counts = Counter(o.convention for r in results for o in r.occurrences)
    first = {}
    for result in results:
        for occurrence in result.occurrences:
            first.setdefault(occurrence.convention, occurrence)
    problems = [d for r in results for d in r.diagnostics]
    if form == "json":
        return json.dumps({
            "conventions": [{"name": name, "count": counts[name], "example": first[name].excerpt,
                             "at": str(first[name].position)} for name in sorted(counts)],
            "unclassified": [{"rule": d.rule, "message": d.message, "at": str(d.position)}
                             for d in problems],
            "alignment": {r.name: [{"original": list(row.original), "translation": list(row.translation),
                                    "confidence": row.confidence} for row in r.alignment]
                          for r in results if r.alignment},
        }, ensure_ascii=False, indent=2)
    width = max((len(name) for name in counts), default=10)
    lines = [f"{'convention':<{width}}  count  example"]
    lines += [f"{name:<{width}}  {counts[name]:>5}  {first[name].excerpt!r} at {first[name].position}"
              for name in sorted(counts)]
    lines.append(f"unclassified: {len(problems)}")
    lines += [f"  {d}" for d in problems]
    for result in (r for r in results if r.alignment):
        lines.append(f"alignment of {result.name}: {len(result.alignment)} rows, original ‖ translation")
        lines += [f"  {row}" for row in result.alignment]
    return "\n".join(lines)
