"""`tei export`: the edition in the formats repositories and aggregators accept, made by the build."""

from __future__ import annotations

import argparse

from tei.cli import command_parser
from tei.pipeline.config import EXPORT_FORMATS

EXAMPLES = """\
formats (written under the build folder):
  text     export/text/reading/NAME.txt, export/text/diplomatic/NAME.txt (UTF-8 plain text)
           and export/text/documents.csv, documents.json (one row of metadata per document)
  corpus   export/corpus/corpus.xml: every document in one teiCorpus
  zenodo   export/zenodo/.zenodo.json, CITATION.cff, datacite.xml: the deposit records
  cmif     web/cmif.xml: the letters and telegrams for correspSearch (needs edition.base_url)
  dts      web/dts/: a static Distributed Text Services API, version 1-alpha (needs edition.base_url)
  bagit    export/bag/: a BagIt bag (RFC 8493) of everything the build published, validated

examples:
  tei export text                      plain texts and the metadata table of the edition
  tei export corpus zenodo             the teiCorpus file and the deposit records
  tei export cmif dts bagit            correspSearch's file, the DTS API and a bag of the whole build
  tei export text --config edition.toml -o out
                                       the edition edition.toml describes, built into out/

`tei export FORMAT...` is `tei build` with those formats added to outputs.formats: the same
stages, cache and report; name the formats in edition.toml and `tei build` makes them too.
exit status: 0 all made, 1 some document had errors (the report names document and field), 2 usage error
"""


def register(subparsers) -> None:
    from tei.commands.build import add_edition_arguments

    parser = command_parser(
        subparsers, "export",
        "export the edition for repositories and aggregators (text, corpus, zenodo, cmif, dts, bagit)",
        __doc__, EXAMPLES)
    parser.add_argument("formats", nargs="+", choices=EXPORT_FORMATS, metavar="FORMAT",
                        help=f"one or more of: {', '.join(EXPORT_FORMATS)}")
    add_edition_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tei.commands.build import build_and_report

    return build_and_report(args, "tei export", tuple(dict.fromkeys(args.formats)))
