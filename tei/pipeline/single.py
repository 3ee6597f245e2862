"""The single-stage commands (`tei encode`, `tei validate`, `tei web`, `tei pdf`) on the build's engine.

The same stage adapters as `tei build`, the same executors (`-j N`, one process per core
by default), the same atomic writes flushed once at the end and the same shared stages
(index, search index, volume). What differs: the inputs are the files named on the
command line, each kind of output goes to the folder `-o` names (a `Layout`; what the
command does not publish, like the search pages, to a scratch folder), and there is no
cache.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tei.authority import BUNDLED, EditionAuthorities
from tei.names import DocumentOutputs, document_names
from tei.numbering import OrderFacts, assign_numbers, edition_order, read_state, state_text
from tei.pipeline.build import run_shared_stage, source_date_epoch
from tei.pipeline.cache import write_if_changed
from tei.pipeline.config import EditionInfo
from tei.pipeline.executors import make_executor
from tei.pipeline.model import (
    DOCUMENT,
    SHARED,
    Diagnostic,
    DocumentRecord,
    DocumentResult,
    Settings,
    SourceDocument,
    Stage,
)
from tei.pipeline.outputs import Layout, OutputReader, OutputWriter


@dataclass
class RunReport:
    """What a single-stage run made: each document's result and the shared stages' findings."""

    results: list[DocumentResult] = field(default_factory=list)
    shared: list[Diagnostic] = field(default_factory=list)
    shared_outputs: list[str] = field(default_factory=list)   # what the shared stages wrote

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = [d for result in self.results for d in result.diagnostics] + self.shared
        return sorted(found, key=Diagnostic.sort_key)

    @property
    def failed(self) -> list[DocumentResult]:
        return [result for result in self.results if result.failed]

    @property
    def exit_status(self) -> int:
        """1 if any document or shared stage failed, else 0."""
        return 1 if self.failed or any(d.severity == "error" for d in self.shared) else 0


def encode_sources(paths: list[Path], out: Path, *, encoding: str = "utf-8", conventions: bool = False,
                   jobs: int | None = None, authorities: EditionAuthorities = BUNDLED) -> RunReport:
    """`tei encode`: each transcription's TEI into `out`, its names found in the edition's `authorities`."""
    from tei.pipeline.stages import stage

    settings = Settings(source_encoding=encoding, conventions_report=conventions, outputs=("tei",),
                        authorities=authorities)
    return _run_with_scratch(input_documents(paths), (stage("encode"),), settings,
                             {"tei": out}, jobs)


def publish_web(paths: list[Path], out: Path, edition: EditionInfo, *, jobs: int | None = None,
                allow_doctype: bool = False, authorities: EditionAuthorities = BUNDLED,
                numbers: Path | None = None) -> RunReport:
    """`tei web`: each TEI file's page, text and download into `out`, then the index and search; the
    documents numbered as `Numbering` says, those given in `numbers` (a state file) kept."""
    from tei.pipeline.stages import stage

    numbering = Numbering.read(numbers)
    docs, notes = tei_inputs(paths, allow_doctype)
    pdfs = out.parent / "pdf"
    with_pdf = bool(docs) and all((pdfs / f"{doc.name}.pdf").is_file() for doc in docs)
    settings = Settings(edition, source_date_epoch=source_date_epoch(),
                        outputs=("tei", "web", "pdf") if with_pdf else ("tei", "web"), authorities=authorities)
    docs = _placed(docs, settings, jobs, numbering)
    stages = tuple(stage(name) for name in ("read", "web", "index", "search"))
    return _noted(_run_with_scratch(docs, stages, settings, {"web": out}, jobs, numbering), notes)


def _placed(docs: list[SourceDocument], settings: Settings, jobs: int | None,
            numbering: Numbering) -> list[SourceDocument]:
    """The TEI inputs in the edition order, each with its place (number, previous and next), as `tei build`
    places its sources before making their pages: ordered by the date and title their index rows will
    show (the stage "order", a first pass over them). One that cannot be read comes last, with no place;
    the second pass reports it."""
    from tei.pipeline.order import places
    from tei.pipeline.stages import stage

    report = _run_with_scratch(docs, (stage("read"), stage("order")), settings, {}, jobs)
    facts = {result.name: json.loads(meta["order-facts"]) for result in report.results
             if "order-facts" in (meta := dict(result.meta))}
    order = edition_order(OrderFacts(name, fact["date"], fact["title"]) for name, fact in facts.items())
    carried = {name: fact["number"] for name, fact in facts.items() if fact["number"]}
    placed = places(order, numbering.give(order, carried)) if order else {}
    by_name = {doc.name: doc for doc in docs}
    return [replace(by_name[name], place=placed[name]) for name in order] + [
        doc for doc in docs if doc.name not in placed]


@dataclass(frozen=True)
class Numbering:
    """The document numbers of a site `tei web` makes, given as `tei build` gives them (`tei.numbering`): a TEI
    that carries its number in the edition (`seriesStmt/biblScope unit="document"`) keeps it, and the others
    are numbered in the edition order around those. With a state file (`tei web --numbers`) the numbers it
    holds are kept too, and the new ones are written into it, so that a number once given is never changed
    by a later run; without one, a number holds for this site only."""

    state: Path | None = None
    frozen: tuple[tuple[str, str], ...] = ()

    @classmethod
    def read(cls, state: Path | None) -> Numbering:
        """The numbers frozen in `state`; a file that cannot be read stops the command (NumberingError)."""
        return cls(state, tuple(read_state(state).items()) if state else ())

    def give(self, order: list[str], carried: dict[str, str]) -> dict[str, str]:
        """Each document's number, `order` being the edition order and `carried` the numbers of their TEI."""
        numbers = assign_numbers(order, {**dict(self.frozen), **carried})
        if self.state:
            write_if_changed(self.state, state_text(numbers).encode("utf-8"))
        return numbers


def print_pdfs(paths: list[Path], out: Path, edition: EditionInfo, page_size: str, *,
               documents_per_volume: int | None = None, jobs: int | None = None,
               allow_doctype: bool = False, authorities: EditionAuthorities = BUNDLED) -> RunReport:
    """`tei pdf`: each TEI file's PDF into `out`, then the volumes of those that printed
    (none when `documents_per_volume` is None)."""
    from tei.pipeline.stages import stage

    settings = Settings(edition, page_size=page_size, source_date_epoch=source_date_epoch(),
                        outputs=("tei", "pdf"), documents_per_volume=documents_per_volume or 1,
                        authorities=authorities)
    names = ("read", "pdf", "volume") if documents_per_volume else ("read", "pdf")
    docs, notes = tei_inputs(paths, allow_doctype)
    docs = _placed(docs, settings, jobs, Numbering())
    return _noted(_run_with_scratch(docs, tuple(stage(n) for n in names), settings, {"pdf": out}, jobs), notes)


def tei_inputs(paths: list[Path], allow_doctype: bool) -> tuple[list[SourceDocument], list[Diagnostic]]:
    """The TEI files given; with `allow_doctype`, each one's DOCTYPE is read here and the document goes on
    without it (its entities expanded), with a warning saying what was ignored. One whose DOCTYPE cannot
    be read (an entity bomb, an undeclared entity) is left out, with its error."""
    docs = input_documents(paths, tei=True)
    if not allow_doctype:
        return docs, []
    from lxml import etree

    from tei.errors import TeiToolkitError
    from tei.xmlsafe import parse_allowing_doctype

    kept, notes = [], []
    for doc in docs:
        try:
            tree, note = parse_allowing_doctype(doc.data, doc.path)
        except TeiToolkitError as err:
            notes.append(Diagnostic("error", "xml-syntax", err.message or str(err), err.position, layer="read"))
            continue
        if note:
            notes.append(note)
            doc = replace(doc, data=etree.tostring(tree, encoding="UTF-8", xml_declaration=True))
        kept.append(doc)
    return kept, notes


def _noted(report: RunReport, notes: list[Diagnostic]) -> RunReport:
    report.shared += notes
    return report


def validate_files(paths: list[Path], options=None, *, jobs: int | None = None) -> list:
    """`tei validate`: each file's `FileResult` (tei.validate), in the order given, from the
    build's validate stage; a file that cannot be read is one problem of its own."""
    from tei.pipeline.stages import stage
    from tei.validate import Options, get_validator
    from tei.validate.report import FileResult

    options = options or Options()
    docs, unreadable = _read_tei_inputs(paths)
    report = _run_with_scratch(docs, (stage("validate"),), Settings(validation=options), {}, jobs)
    path_of = {doc.name: doc.path for doc in docs}
    problems = {path_of[r.name]: tuple(replace(d, stage="") for d in r.diagnostics) for r in report.results}
    return [get_validator(options).check(path) if path in unreadable
            else FileResult(str(path), problems[path.as_posix()]) for path in paths]


def _read_tei_inputs(paths: list[Path]) -> tuple[list[SourceDocument], set[Path]]:
    """The files that can be read, as documents of their own name; and those that cannot."""
    data, unreadable = {}, set()
    for path in paths:
        try:
            data[path.as_posix()] = path.read_bytes()
        except OSError:
            unreadable.add(path)
    names = document_names(data)
    return [SourceDocument(names[shown], shown, data[shown], tei_input=True) for shown in sorted(data)], unreadable


def input_documents(paths: list[Path], *, tei: bool = False) -> list[SourceDocument]:
    """The files named on the command line, each with its document name (`tei.names`). A transcription is
    read by the worker that encodes it, as in `tei build`, so that one that cannot be read is that document's
    error (`source-unreadable`), not the end of the command; a TEI file is read here, as the shared stages
    read it too."""
    shown = {path.as_posix(): path for path in paths}
    names = document_names(shown)
    return [SourceDocument(names[name], name, shown[name].read_bytes(), tei_input=True) if tei
            else SourceDocument(names[name], name, b"", file=str(shown[name]))
            for name in sorted(shown, key=names.get)]


def _run_with_scratch(docs, stages, settings, folders: dict[str, Path], jobs,
                      numbering: Numbering | None = None) -> RunReport:
    with tempfile.TemporaryDirectory(prefix="tei-scratch-") as scratch:
        layout = Layout(Path(scratch), tuple(sorted(folders.items())))
        return run_stages(docs, stages, settings, layout, jobs, numbering)


def run_stages(docs: list[SourceDocument], stages: tuple[Stage, ...], settings: Settings,
               layout: Layout, jobs: int | None = None, numbering: Numbering | None = None) -> RunReport:
    """Run the document stages over `docs`, then the shared ones; write into `layout`."""
    report = RunReport()
    writer = OutputWriter(layout)
    try:
        for result in _document_results(docs, stages, settings, layout, jobs):
            writer.write(result.files)
            report.results.append(result)
        writer.drain()                      # the shared stages read what the documents made
        records = _records(docs, report.results, numbering or Numbering())
        for shared in (s for s in stages if s.scope == SHARED):
            result = run_shared_stage(shared, records, settings, _reader(layout, docs))
            writer.write(result.files)
            report.shared_outputs += [name for name, _ in result.files] + list(result.written)
            report.shared += [replace(d, stage=d.stage or shared.name) for d in result.diagnostics]
        writer.settle()
    finally:
        writer.close()
    return report


def _document_results(docs, stages, settings, layout, jobs) -> Iterator[DocumentResult]:
    doc_stages = tuple(s for s in stages if s.scope == DOCUMENT)
    executor = make_executor("process", doc_stages, settings, jobs=jobs, work=len(docs), layout=layout)
    cancel = True
    try:
        yield from executor.run(docs)
        cancel = False
    finally:
        executor.close(cancel=cancel)


def _records(docs: list[SourceDocument], results: list[DocumentResult],
             numbering: Numbering) -> tuple[DocumentRecord, ...]:
    """The documents as the shared stages see them, in the edition order (by date, undated last,
    as `tei build` orders them and the index page says), each listed one with its number (`numbering`);
    a TEI input is its own TEI."""
    by_name = {result.name: result for result in results}
    # Placed documents (`_placed`) come in the edition order already, the one their numbers follow.
    ordered = docs if any(doc.place for doc in docs) else _in_edition_order(docs, by_name)
    rows = {doc.name: json.loads(meta["web-row"]) for doc in ordered
            if "web-row" in (meta := dict(by_name[doc.name].meta))}
    carried = {name: row["number"] for name, row in rows.items() if row.get("number")}
    numbers = numbering.give([doc.name for doc in ordered if doc.name in rows], carried) if rows else {}
    records = []
    for doc in ordered:
        result = by_name[doc.name]
        outputs = set(result.outputs)
        if doc.tei_input and not result.failed:
            outputs.add(DocumentOutputs(doc.name).tei)
        meta = dict(result.meta)
        if number := dict(doc.place).get("number"):
            meta["number"] = number                 # the volume prints it (tei pdf)
        if doc.name in rows:
            meta["web-row"] = json.dumps({**rows[doc.name], "number": numbers[doc.name]}, sort_keys=True)
        records.append(DocumentRecord(doc.name, doc.path, tuple(sorted(outputs)), tuple(meta.items())))
    return tuple(records)


def _in_edition_order(docs: list[SourceDocument], results: dict[str, DocumentResult]) -> list[SourceDocument]:
    """The documents ordered by the date and title their pages show (the web stage's index row),
    else by those of their TEI (`tei.writer.editorial.document_facts`)."""
    def facts(doc: SourceDocument) -> OrderFacts:
        meta = dict(results[doc.name].meta)
        shown = json.loads(meta["web-row"]) if "web-row" in meta else meta
        return OrderFacts(doc.name, shown.get("date") or "", shown.get("title") or "")

    by_name = {doc.name: doc for doc in docs}
    return [by_name[name] for name in edition_order(facts(doc) for doc in docs)]


def _reader(layout: Layout, docs: list[SourceDocument]) -> OutputReader:
    """`read(name)` for the shared stages: a TEI input from memory, anything else from disk."""
    return OutputReader(layout, {DocumentOutputs(doc.name).tei: doc.data for doc in docs if doc.tei_input})
