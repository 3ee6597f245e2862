"""The stage table: one small adapter per stage between the pipeline and the stage's module.

Each adapter is pure: inputs (a source document, its TEI, the settings) → a
`StageResult` (output files as bytes, diagnostics). A stage whose module is not
in this installation is skipped by the build with the reason its probe gives.
Adding a stage (an EPUB export, say) is one adapter and one row in `STAGES`.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import replace
from functools import partial
from pathlib import Path

from tei.errors import Position
from tei.names import DocumentOutputs
from tei.pipeline.config import EXPORT_FORMATS
from tei.pipeline.model import DOCUMENT, SHARED, Diagnostic, Stage, StageResult
from tei.threads import per_thread


def _probe(module: str, *names: str) -> str | None:
    """None if `module` has every attribute in `names`, else why the stage cannot run."""
    try:
        found = importlib.import_module(module)
    except ImportError as err:
        return f"{module} is not installed ({err})"
    missing = [name for name in names if not hasattr(found, name)]
    return f"{module} has no {', '.join(missing)}" if missing else None


def _staged(diagnostics, stage: str) -> tuple[Diagnostic, ...]:
    return tuple(replace(d, stage=stage) for d in diagnostics)


def tei_path(name: str) -> str:
    return DocumentOutputs(name).tei


TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}


def document_facts(tei: bytes, path: str) -> tuple[tuple[str, str], ...]:
    """The title, date and kinds of list of a TEI document given as bytes (`editorial.document_facts`)."""
    from tei.writer.editorial import document_facts as facts_of
    from tei.xmlsafe import parse_xml

    return facts_of(parse_xml(tei, path).getroot())


def referred_lists(records) -> set[str]:
    """The kinds of authority list (person, org, place) some published document points into."""
    return {prefix for record in records for prefix in dict(record.meta).get("lists", "").split()}


# ---------------------------------------------------------------- encode

def tei_origin(doc) -> str:
    """How messages name a document's TEI: the file given, or the one the build writes."""
    return doc.path if doc.tei_input else tei_path(doc.name)


def encode_stage(doc, tei, settings) -> StageResult:
    """Source bytes → TEI bytes, with the reader's warnings positioned in the source."""
    from tei.api import encode_document
    from tei.reader.entities import edition_index

    layer = _EditorialLayer(doc, settings)
    encoded = encode_document(doc.data, doc.path, settings.source_encoding, preset=settings.preset,
                              names=edition_index(settings.authorities), layer=layer.apply)
    meta = layer.facts + (encoder_report(encoded, doc.path) if settings.conventions_report else ())
    return StageResult(
        files=((tei_path(doc.name), encoded.tei),),
        diagnostics=_staged((*encoded.diagnostics, *layer.warnings, *encoded.review), "encode"),
        tei=encoded.tei,
        meta=meta,
    )


def encoder_report(encoded, path: str) -> tuple[tuple[str, str], ...]:
    """What `tei encode --report` prints of a document, as JSON facts: conventions, unknowns, names and
    dates to review, alignment."""
    found = [(o.convention, str(o.position), o.excerpt) for o in encoded.occurrences]
    unknown = [(d.rule, d.message, str(d.position)) for d in encoded.diagnostics]
    review = [(d.rule, d.message, str(d.position)) for d in sorted(encoded.review, key=Diagnostic.sort_key)]
    rows = [{"original": list(row.original), "translation": list(row.translation),
             "confidence": row.confidence, "text": str(row)} for row in encoded.alignment]
    return (("conventions", json.dumps(found, ensure_ascii=False)),
            ("unclassified", json.dumps(unknown, ensure_ascii=False)),
            ("review", json.dumps(review, ensure_ascii=False)),
            ("alignment", json.dumps({"source": path, "rows": rows}, ensure_ascii=False)))


class _EditorialLayer:
    """The editors' sidecar and the document's place in the edition, added to the encoder's tree before
    it is written (`encode_document`'s layer); then the warnings it gave and the document's facts."""

    def __init__(self, doc, settings) -> None:
        self.doc, self.settings = doc, settings
        self.warnings: list[Diagnostic] = []
        self.facts: tuple[tuple[str, str], ...] = ()

    def apply(self, root) -> None:
        from pathlib import PurePosixPath

        from tei.reader.entities import edition_index
        from tei.reader.recognise import marks_in_texts
        from tei.sidecar import read_sidecar, sidecar_path
        from tei.writer.editorial import (
            EditionPlace,
            apply_editorial_layer,
            document_facts,
            document_year,
            missing_metadata,
            unknown_alignment_ids,
        )

        doc, settings = self.doc, self.settings
        source = PurePosixPath(doc.path)
        sidecar_name = sidecar_path(source.parent.parent, source.stem).as_posix()
        sidecar = read_sidecar(doc.sidecar, sidecar_name)
        edition = settings.edition
        url = DocumentOutputs(doc.name).citation_url(edition.base_url) if edition.base_url else ""
        place = EditionPlace(edition.title, edition.version, dict(doc.place).get("number", ""), edition.editors,
                             url, settings.authorities.authorities())
        marks = marks_in_texts(sidecar.texts(), edition_index(settings.authorities),
                               sidecar.date or document_year(root), sidecar_name)
        unknown = apply_editorial_layer(root, sidecar, place, marks)
        self.warnings = missing_metadata(root, doc.path, sidecar_name) + unknown_alignment_ids(unknown, sidecar_name)
        self.facts = document_facts(root)


def read_stage(doc, tei, settings) -> StageResult:
    """A TEI file given to `tei web` or `tei pdf`: parsed safely, it is the document's TEI."""
    from tei.writer.editorial import document_facts as facts_of
    from tei.xmlsafe import parse_xml

    root = parse_xml(doc.data, doc.path).getroot()
    if root.tag != f"{{{TEI_NS['t']}}}TEI":
        message = f"the root element is {root.tag}, not TEI"
        error = Diagnostic("error", "not-tei", message, Position(doc.path, root.sourceline or 1, 1), layer="read")
        return StageResult(diagnostics=(error,))
    return StageResult(tei=doc.data, meta=facts_of(root))


# ---------------------------------------------------------------- validate

def _validator(settings):
    """The validator of `tei validate`'s options (which carry the edition's dates and lists), else of the
    build's edition: its dates (edition.dates) and authority lists for the rules."""
    from tei.validate import Options, get_validator

    options = settings.validation or Options(dates=settings.edition.dates, authorities=settings.authorities)
    return get_validator(options)


def prepare_validate(settings) -> None:
    _validator(settings)


def validate_stage(doc, tei, settings) -> StageResult:
    """TEI → the findings of the edition's schema layers, positioned in tei/NAME.xml (or in the
    file `tei validate` was given, whose bytes are the TEI).

    The TEI is checked from memory (a Dask worker has no build folder); `path` only
    names it in the messages.
    """
    from tei.pipeline.origins import with_origins

    data = doc.data if doc.tei_input else tei
    result = _validator(settings).check_bytes(data, tei_origin(doc))
    return StageResult(diagnostics=with_origins(_staged(result.problems, "validate"), doc, data))


# ---------------------------------------------------------------- web
# A web page is made per document; its index row (in the manifest) and its search
# pages (in .cache/search/) are kept so that the index and the search index are
# rebuilt from them without rendering any page again.

@per_thread
def web_renderer(settings):
    """The compiled web stylesheets for these settings, once per worker thread."""
    from tei.render.html import WebOptions, WebRenderer

    edition = settings.edition
    options = WebOptions(
        edition_title=edition.title, base_url=edition.base_url, build_date=settings.build_date or "",
        editors=edition.editors, publisher=edition.publisher, version=edition.version, licence=edition.licence,
        authorities=settings.authorities,
    )
    return WebRenderer(options)


def prepare_web(settings) -> None:
    web_renderer(settings)


def web_stage(doc, tei, settings) -> StageResult:
    """TEI → the document's page, its plain text, its TEI download and its search pages."""
    from tei.render.html import facsimile_files
    from tei.render.search import search_pages
    from tei.xmlsafe import parse_xml

    outputs, place = DocumentOutputs(doc.name), dict(doc.place)
    tree = parse_xml(tei, tei_origin(doc))
    # Page images shipped beside a TEI file given to `tei web`; a transcription has none.
    images = facsimile_files(tree, Path(doc.path).parent) if doc.tei_input else []
    rendered = web_renderer(settings).render(
        tree, doc.name, tei_origin(doc), pdf_available="pdf" in settings.outputs,
        neighbours=_neighbours(place), facsimile_images=tuple(url for url, _ in images),
        number=place.get("number", ""),
    )
    from tei.citation import document_citation_files
    from tei.render.listings import listed_facts

    return StageResult(
        files=(
            (outputs.page, rendered.page.encode("utf-8")),
            (outputs.text, rendered.record["text"].encode("utf-8")),
            (outputs.tei_download, tei),
            *((outputs.search_page(position, language), page)
              for position, language, page in search_pages(rendered.record, doc.name)),
            *document_citation_files(rendered.record["citation"], doc.name),
            *((outputs.facsimile(url), image) for url, image in images),
        ),
        meta=(("web-row", json.dumps({**listed_facts(rendered.record), "stem": doc.name}, sort_keys=True)),),
    )


def order_stage(doc, tei, settings) -> StageResult:
    """A TEI given to `tei web` or `tei pdf` → the date, title and carried number that place it in the edition
    order, as its index row will show them (meta "order-facts"), before its page or PDF is made."""
    from tei.xmlsafe import parse_xml

    facts = web_renderer(settings).order_facts(parse_xml(tei, tei_origin(doc)), tei_origin(doc))
    return StageResult(meta=(("order-facts", json.dumps(facts, sort_keys=True)),))


def _neighbours(place: dict[str, str]):
    """The previous and next documents of the edition order, as the page links them."""
    from tei.render.html import Neighbours

    def link(role: str):
        name = place.get(role)
        if not name:
            return None
        label = Neighbours.label(role, place.get(f"{role}-number", ""))
        return name, label

    return Neighbours(link("previous"), link("next"))


def authorities_stage(records, settings, read) -> StageResult:
    """The edition's authority lists beside the TEI files, where their listPrefixDef points (tei/authorities/):
    those a published document points into."""
    published = (record for record in records if tei_path(record.name) in record.outputs)
    return StageResult(files=tuple(settings.authorities.files(referred_lists(published))))


def index_stage(records, settings, read) -> StageResult:
    """The document list, the name indices and the chronology, from the rows the web stage kept, and
    the site's bundled assets. The lists' pages grow in number with the edition: they are written
    here, one at a time, not held; the records are gone through twice, never held either."""
    from tei.citation import edition_citation_files
    from tei.pipeline.cache import write_if_changed
    from tei.render.html import ASSET_SUFFIXES
    from tei.resources import data_dir

    def published():
        return (r for r in records if "web-row" in dict(r.meta))

    rows = (json.loads(dict(r.meta)["web-row"]) for r in published())
    renderer = web_renderer(settings)
    written = []
    for name, page in renderer.render_lists(rows):
        write_if_changed(read.path(f"web/{name}"), page.encode("utf-8"), durable=False)
        written.append(f"web/{name}")
    files = [*((f"web/{name}", data) for name, data in settings.authorities.files(referred_lists(published()))),
             *edition_citation_files(renderer.options.edition_facts())]
    assets = data_dir("xslt") / "html" / "assets"
    for asset in sorted(assets.rglob("*")):
        if asset.is_file() and asset.suffix in ASSET_SUFFIXES:
            name = asset.relative_to(assets).as_posix()
            files.append((f"web/assets/{name}", asset.read_bytes()))
    return StageResult(files=tuple(files), written=tuple(written))


def search_stage(records, settings, read) -> StageResult:
    """The Pagefind bundle of the site (web/pagefind/), from every document's search pages."""
    from tei.names import SEARCH_PAGES
    from tei.render.search import BUNDLE, ENTRY, SearchIndexError, numbered_by_reading_order, write_search_index

    try:
        written = write_search_index(read.path(SEARCH_PAGES), read.path(f"web/{BUNDLE}"))
    except SearchIndexError as err:
        return search_failed(err)
    # The manifest names the files whose names stay the same from build to build (so that
    # it does too); the stage itself removes whatever else an older bundle held.
    stable = [name for name in written if name.endswith(ENTRY) or not numbered_by_reading_order(name)]
    return StageResult(written=tuple(f"web/{name}" for name in stable))


def search_failed(err: Exception) -> StageResult:
    """The search stage's result when Pagefind could not index the edition."""
    error = Diagnostic("error", "search-index", str(err), Position("web/pagefind", 1, 1), layer="search")
    return StageResult(diagnostics=(error,))


def search_ahead(out: Path, todo, settle):
    """The search shards indexed while the documents are built (`tei.pipeline.ahead`)."""
    from tei.pipeline.ahead import SearchAhead

    return SearchAhead(out, todo, settle)


# ---------------------------------------------------------------- pdf

def _pdf_options(settings):
    from tei.render.pdf import PdfOptions

    edition = settings.edition
    return PdfOptions(
        title=edition.title, editors=edition.editors, publisher=edition.publisher,
        licence=edition.licence, page_size=settings.page_size,
        build_date=settings.build_datetime, authorities=settings.authorities,
    )


def _tei_source(path: str, tei: bytes):
    from pathlib import Path

    from tei.render.pdf import TeiSource
    from tei.xmlsafe import parse_xml

    return TeiSource(Path(path), tei, parse_xml(tei, path))


def prepare_pdf(settings) -> None:
    from tei.render.pdf import print_stylesheet

    print_stylesheet()


def pdf_stage(doc, tei, settings) -> StageResult:
    """TEI → the document's PDF (PDF/A-3a + PDF/UA-1 with its TEI attached)."""
    from tei.render.pdf import render_document

    options = replace(_pdf_options(settings), document_numbers=(dict(doc.place).get("number", ""),))
    pdf = render_document(_tei_source(tei_origin(doc), tei), options)
    return StageResult(files=((DocumentOutputs(doc.name).pdf, pdf),))


def volume_stage(records, settings, read) -> StageResult:
    """Every document's TEI → the edition in PDF volumes ([pdf] volumes, documents_per_volume)."""
    from tei.render.pdf import VolumeSplit, render_volumes

    printed = [r for r in records if tei_path(r.name) in r.outputs]
    if not printed:
        return StageResult()
    sources = [_tei_source(tei_path(r.name), read(tei_path(r.name))) for r in printed]
    dates = [dict(r.meta).get("date", "") for r in printed]
    split = VolumeSplit(settings.volumes, settings.documents_per_volume)
    options = replace(_pdf_options(settings), document_numbers=tuple(dict(r.meta).get("number", "") for r in printed))
    volumes = render_volumes(sources, dates, options, split)
    return StageResult(files=tuple((f"pdf/{name}", pdf) for name, pdf in volumes))


# ---------------------------------------------------------------- exports
# One document stage reads each document's export record (its header's facts and plain texts)
# and keeps it in the cache; each export format is then a shared stage over those records.

EXPORT_RECORD = "export-record"


def export_stage(doc, tei, settings) -> StageResult:
    """TEI → the document's export record (kept for the shared stages) and, for `text`, its plain texts."""
    from tei.export.record import document_record, metadata_problems
    from tei.export.text import document_text_files

    record = document_record(tei, tei_origin(doc))
    problems = metadata_problems(record, tei_origin(doc))
    files = document_text_files(doc.name, record) if "text" in settings.outputs and not problems else []
    kept = {key: value for key, value in record.items() if key not in ("reading", "diplomatic")}
    return StageResult(files=tuple(files), diagnostics=_staged(problems, "export"),
                       meta=((EXPORT_RECORD, json.dumps(kept, ensure_ascii=False, sort_keys=True)),))


def export_records(records) -> list[tuple[str, dict]]:
    """(name, export record) of every document that has one, in the order given (the edition's)."""
    return [(r.name, json.loads(dict(r.meta)[EXPORT_RECORD])) for r in records if EXPORT_RECORD in dict(r.meta)]


def text_table_stage(records, settings, read) -> StageResult:
    """The table of the documents' metadata, CSV and JSON."""
    from tei.export.text import table_files

    return StageResult(files=tuple(table_files(export_records(records))))


def corpus_stage(records, settings, read) -> StageResult:
    """Every document's TEI in one teiCorpus, checked against the edition's own schema and rules."""
    from tei.export.corpus import corpus_file, with_prefixed_ids
    from tei.names import EditionExports

    exported = [(name, record) for name, record in export_records(records)]
    documents = (with_prefixed_ids(read(tei_path(name)), tei_path(name), position)
                 for position, (name, _) in enumerate(exported, start=1))
    corpus = corpus_file(settings.edition, [record for _, record in exported], documents)
    problems = _validator(settings).check_bytes(corpus, EditionExports.CORPUS).problems  # the edition's lists, dates
    return StageResult(files=((EditionExports.CORPUS, corpus),), diagnostics=_staged(problems, "corpus"))


def zenodo_stage(records, settings, read) -> StageResult:
    """.zenodo.json, CITATION.cff and the DataCite record, each checked against its schema."""
    from tei.export.zenodo import deposit_files

    files, problems = deposit_files(settings.edition, settings.build_date or "",
                                    [record for _, record in export_records(records)])
    return StageResult(files=tuple(files), diagnostics=_staged(problems, "zenodo"))


def cmif_stage(records, settings, read) -> StageResult:
    """The letters and telegrams for correspSearch (web/cmif.xml), checked by schemas/cmif.sch."""
    from tei.export.cmif import cmif_export

    files, problems = cmif_export(settings.edition, settings.build_date or "", export_records(records))
    return StageResult(files=tuple(files), diagnostics=_staged(problems, "cmif"))


def dts_stage(records, settings, read) -> StageResult:
    """The static DTS API under the web edition (web/dts/), each file checked against the DTS schema."""
    from tei.export.dts import dts_export

    files, problems = dts_export(settings.edition, export_records(records), with_web="web" in settings.outputs)
    return StageResult(files=tuple(files), diagnostics=_staged(problems, "dts"))


def bagit_stage(records, settings, read) -> StageResult:
    """Everything the build published, the schemas and a README, as a validated BagIt bag."""
    from tei.export.bag import edition_bag

    files, problems = edition_bag(settings.edition, settings.build_date or "", read)
    return StageResult(files=tuple(files), diagnostics=_staged(problems, "bagit"))


STAGES: tuple[Stage, ...] = (
    Stage("encode", DOCUMENT, "tei", encode_stage,
          probe=partial(_probe, "tei.api", "encode_document")),
    Stage("validate", DOCUMENT, "tei", validate_stage, prepare=prepare_validate,
          probe=partial(_probe, "tei.validate", "get_validator"), documents_per_process=32),
    Stage("web", DOCUMENT, "web", web_stage, prepare=prepare_web,
          probe=partial(_probe, "tei.render.html", "WebRenderer")),
    Stage("pdf", DOCUMENT, "pdf", pdf_stage, prepare=prepare_pdf,
          probe=partial(_probe, "tei.render.pdf", "render_document", "print_stylesheet")),
    Stage("authorities", SHARED, "tei", authorities_stage,
          probe=partial(_probe, "tei.authority", "EditionAuthorities")),
    Stage("index", SHARED, "web", index_stage,
          probe=partial(_probe, "tei.render.html", "WebRenderer", "ASSET_SUFFIXES")),
    # Pagefind works in processes of its own while the index pages are made on the build's thread.
    Stage("search", SHARED, "web", search_stage, beside="index", ahead=search_ahead,
          probe=partial(_probe, "tei.render.search", "write_search_index")),
    Stage("volume", SHARED, "pdf", volume_stage,
          probe=partial(_probe, "tei.render.pdf", "render_volume")),
    Stage("export", DOCUMENT, EXPORT_FORMATS, export_stage,
          probe=partial(_probe, "tei.export.record", "document_record")),
    Stage("text", SHARED, "text", text_table_stage, probe=partial(_probe, "tei.export.text", "table_files")),
    Stage("corpus", SHARED, "corpus", corpus_stage, probe=partial(_probe, "tei.export.corpus", "corpus_file")),
    Stage("zenodo", SHARED, "zenodo", zenodo_stage, probe=partial(_probe, "tei.export.zenodo", "deposit_files")),
    Stage("cmif", SHARED, "cmif", cmif_stage, probe=partial(_probe, "tei.export.cmif", "cmif_export")),
    Stage("dts", SHARED, "dts", dts_stage, probe=partial(_probe, "tei.export.dts", "dts_export")),
    # Last: the bag packs what every stage before it published.
    Stage("bagit", SHARED, "bagit", bagit_stage, probe=partial(_probe, "tei.export.bag", "edition_bag")),
)

# Not in the build: the first stage of `tei web` and `tei pdf`, whose inputs are TEI already, and the
# stage that places their inputs in the edition order before their pages and PDFs are made.
READ = Stage("read", DOCUMENT, "tei", read_stage)
ORDER = Stage("order", DOCUMENT, "web", order_stage, prepare=prepare_web)


def stage(name: str) -> Stage:
    """A stage by name, for the single-stage commands."""
    return next(s for s in (READ, ORDER, *STAGES) if s.name == name)


__all__ = ["READ", "STAGES", "SHARED", "stage", "tei_path"]
