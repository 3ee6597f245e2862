"""The web edition: TEI documents to a static site by the XSLT 3.0 stylesheets in xslt/html/.

One `WebRenderer` compiles the stylesheets once; `build_site` renders every document page,
the index page, the search index (Pagefind, `tei.render.search`), the downloads and the
bundled assets into one folder for any static host (search needs HTTP: `tei serve`).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from lxml import etree
from saxonche import PySaxonApiError

from tei.authority import KIND_BY_PREFIX, KINDS, EditionAuthorities, authorities_json
from tei.citation import document_citation_files, edition_citation_files
from tei.errors import TeiToolkitError
from tei.fsutil import atomic_write
from tei.names import LISTINGS, SEARCH_PAGES, DocumentOutputs, document_names, entry_page, index_page, listing_page
from tei.render import DEFAULT_EDITION_TITLE
from tei.render import listings as paging
from tei.render.listings import Listings, json_array, json_object, json_text
from tei.render.permalinks import handed_permalinks
from tei.render.search import BUNDLE, search_pages, write_search_index
from tei.resources import data_dir
from tei.threads import per_thread
from tei.xmlsafe import parse_xml, saxon_processor

HTML_NS = "urn:x-tei-edition:html"
# What each name of a record's "names" holds: the record's JSON gives each name as an array of them
# (h:record-names, xslt/html/entities.xsl), which Saxon serialises for a fraction of a map's cost.
NAME_FIELDS = ("ref", "text", "anchor", "where")
TEI_NS = "http://www.tei-c.org/ns/1.0"
ASSET_SUFFIXES = (".css", ".js", ".woff2")
# Page images a site may carry (no SVG: it can hold scripts), and the largest it copies.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
IMAGE_BYTES = 50 * 1024 * 1024


class WebRenderError(TeiToolkitError):
    """A TEI document could not be turned into its web page."""


@dataclass(frozen=True)
class WebOptions:
    """Settings of the whole site; none depends on the clock, so builds are reproducible."""

    edition_title: str = DEFAULT_EDITION_TITLE
    base_url: str = ""
    build_date: str = ""
    editors: tuple[str, ...] = ()
    publisher: str = ""
    version: str = ""
    licence: str = ""
    authorities: EditionAuthorities = field(default_factory=EditionAuthorities)   # the edition's lists

    def edition_json(self) -> str:
        """The edition's facts for the index page's schema.org description (xslt/html/jsonld.xsl)."""
        from tei.licences import licence

        known = licence(self.licence)
        return json.dumps({"editors": list(self.editors), "publisher": self.publisher, "version": self.version,
                           "licence": known.url if known else self.licence}, ensure_ascii=False)

    def edition_facts(self):
        """What the whole edition's citation says (tei.citation)."""
        from tei.citation import EditionFacts

        return EditionFacts(self.edition_title, self.editors, self.publisher, self.version, self.base_url)


@dataclass(frozen=True)
class Neighbours:
    """The documents before and after one in the edition order, as (page stem, link label)."""

    previous: tuple[str, str] | None = None
    next: tuple[str, str] | None = None

    @classmethod
    def label(cls, role: str, number: str) -> str:
        """ "Previous document (No. 2)" """
        return f"{role.capitalize()} document" + (f" (No. {number})" if number else "")


@dataclass(frozen=True)
class RenderedDocument:
    """One document's page and its record (index row, texts to search, plain text)."""

    stem: str
    page: str
    record: dict


@dataclass
class SiteReport:
    """What `build_site` wrote."""

    out_dir: Path
    pages: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# The edition's pages of names and dates, beside index.html (xslt/html/entities.xsl): each kind of
# name (its ref prefix) and the chronology, with its (first) page. An index with no entry is not
# made, nor linked.
INDEX_PAGES = tuple(listing_page(listing) for listing in LISTINGS)
LISTING_OF_KIND = {kind.prefix: kind.plural for kind in KINDS} | {"chronology": "chronology"}
INDEX_KINDS = {kind: listing_page(listing) for kind, listing in LISTING_OF_KIND.items()}


class WebRenderer:
    """The compiled web stylesheets; compile once, render many documents, in one thread.

    `render` sets parameters on the Saxon executable before applying it, so a renderer must
    not be shared between threads: give each thread its own (`tei.threads.per_thread`).
    """

    def __init__(self, options: WebOptions | None = None) -> None:
        self.options = options or WebOptions()
        self._processor = saxon_processor()
        # Kept on self: Saxon frees an executable whose compiler is garbage-collected.
        self._compiler = self._processor.new_xslt30_processor()
        stylesheet = data_dir("xslt") / "html" / "html.xsl"
        try:
            self._executable = self._compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
        except PySaxonApiError as err:
            raise WebRenderError(
                f"{stylesheet}: error: the stylesheet does not compile: {err}") from None
        # The record is a result document of the page's transformation (mode h:page-and-record):
        # captured here, never written to disk.
        self._executable.set_capture_result_documents(True, False)
        self._set_string("edition-title", self.options.edition_title)
        self._set_string("base-url", self.options.base_url)
        self._set_string("build-date", self.options.build_date)
        self._set_string("edition-json", self.options.edition_json())
        lists = self.options.authorities.authorities()
        self._set_string("authorities-json", authorities_json(lists))
        self._preferred = {entry.ref: entry.headword() for entry in lists.entries}

    def _set_string(self, name: str, value: str) -> None:
        self._executable.set_parameter(name, self._processor.make_string_value(value))

    def _to_saxon(self, tree: etree._ElementTree):
        """Hand Saxon a document lxml has parsed safely, never a path it would parse itself."""
        return self._processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))

    def render(self, tree: etree._ElementTree, stem: str, path: str = "<tree>",
               pdf_available: bool = False, neighbours: Neighbours | None = None,
               facsimile_images: tuple[str, ...] = (), number: str = "") -> RenderedDocument:
        """The page and the record of one parsed TEI document; `facsimile_images` are the
        relative addresses of the page images copied into the site (`facsimile_files`); `number`,
        the document's number in the edition, shown when its TEI carries none."""
        self._set_string("stem", stem)
        self._set_string("document-number", number)
        self._set_string("facsimile-images", "\n".join(facsimile_images))
        for role in ("previous", "next"):
            stem_and_label = getattr(neighbours, role, None) or ("", "")
            self._set_string(f"{role}-stem", stem_and_label[0])
            self._set_string(f"{role}-label", stem_and_label[1])
        outputs = DocumentOutputs(stem)
        self._set_string("page-url", outputs.citation_url(self.options.base_url))
        self._set_string("pdf-href", outputs.pdf_from_page if pdf_available else "")
        self._set_string("paragraph-permalinks", handed_permalinks(tree))
        # A mode, not function calls: Saxon-C's function calls fail once a parameter is set. One
        # transformation makes all three, so what the page, the record and the plain text share is computed once.
        try:
            document = self._to_saxon(tree)
            self._executable.set_initial_mode(f"{{{HTML_NS}}}page-and-record")
            page = self._executable.apply_templates_returning_string(xdm_value=document)
            results = {uri.rsplit("/", 1)[-1]: result
                       for uri, result in self._executable.get_result_documents().items()}
        except PySaxonApiError as err:
            raise WebRenderError.at(path, f"cannot render the web page: {err}") from None
        # The record is JSON text, the plain text text (each written with the text output method): their
        # string values are those texts, where str() would serialise them once more as XML, escaping & < >.
        facts = json.loads(results["record.json"].head.string_value)
        facts["names"] = [dict(zip(NAME_FIELDS, name)) for name in facts.get("names", ())]
        return RenderedDocument(stem, page, {**facts, "text": results["text.txt"].head.string_value,
                                             "entities": self._entity_names(facts.get("names", ()))})

    def order_facts(self, tree: etree._ElementTree, path: str = "<tree>") -> dict[str, str]:
        """The date and title a TEI's index row would show, and the number its TEI carries: what places
        it in the edition order (tei.numbering) before its page, which shows its place, is made."""
        self._set_string("document-number", "")
        try:
            self._executable.set_initial_mode(f"{{{HTML_NS}}}order-facts")
            facts = self._executable.apply_templates_returning_value(xdm_value=self._to_saxon(tree))
        except PySaxonApiError as err:
            raise WebRenderError.at(path, f"cannot read the document's date and title: {err}") from None
        return json.loads(facts.head.string_value)

    def _entity_names(self, names: list[dict]) -> dict[str, list[str]]:
        """The persons, organisations and places a document names, by kind, each under its authority
        entry's preferred name (its id when the lists lack it): the search's filters."""
        found: dict[str, set[str]] = {}
        for name in names:
            prefix, _, ident = name["ref"].partition(":")
            if prefix in KIND_BY_PREFIX:
                found.setdefault(KIND_BY_PREFIX[prefix].name, set()).add(self._preferred.get(name["ref"], ident))
        return {kind: sorted(values) for kind, values in sorted(found.items())}

    def render_lists(self, records: Iterable[dict]) -> Iterator[tuple[str, str]]:
        """Every page of the edition's lists, (file name, page), from the documents' records (each with
        its stem) in the edition order: the document list with the years to browse by, the index of
        each kind of name the texts use and the chronology when they have dates, a page at a time
        (`tei.render.listings`)."""
        with Listings() as listings:
            listings.add_all(records)
            kinds = listings.kinds()
            self._set_string("indices", " ".join(kinds))
            yield from self._index_pages(listings)
            for kind in kinds:
                yield from self._chronology_pages(listings) if kind == "chronology" else self._entity_pages(listings,
                                                                                                            kind)

    def _set_integer(self, name: str, value: int) -> None:
        self._executable.set_parameter(name, self._processor.make_integer_value(value))

    def _set_pages(self, page_name: Callable[[int], str], number: int, count: int, total: int,
                   per_page: int | None = None) -> None:
        """Where a page stands among the pages of its list (`page_name` names them, `per_page` rows to
        a page, else paging.ROWS), for its links to the pages beside it and the number of its first row."""
        self._set_integer("index-page", number)
        self._set_integer("index-pages", count)
        self._set_integer("index-total", total)
        self._set_integer("first-row", (number - 1) * (per_page or paging.ROWS) + 1)
        self._set_string("previous-page", page_name(number - 1) if number > 1 else "")
        self._set_string("next-page", page_name(number + 1) if number < count else "")

    def _call(self, template: str, name: str, what: str) -> str:
        try:
            return self._executable.call_template_returning_string(template)
        except PySaxonApiError as err:
            raise WebRenderError(f"{name}: error: cannot render {what}: {err}") from None

    def _index_pages(self, listings: Listings) -> Iterator[tuple[str, str]]:
        """The document list, DOCUMENT_ROWS rows to a page, and the years to browse by."""
        years = [{"year": year, "count": count,
                  "href": f"{index_page(start // paging.DOCUMENT_ROWS + 1)}#year-{year}"}
                 for year, count, start in listings.years()]
        self._set_string("years-json", json.dumps(years, sort_keys=True))
        count = listings.index_pages()
        for number in range(1, count + 1):
            self._set_string("records-json", listings.index_rows(number))
            self._set_pages(index_page, number, count, listings.count, paging.DOCUMENT_ROWS)
            yield index_page(number), self._call("index", index_page(number), "the index page")

    def _entity_pages(self, listings: Listings, kind: str) -> Iterator[tuple[str, str]]:
        """The index page of a kind of name, and the pages of each entry named in too many documents
        to list there."""
        listing = LISTING_OF_KIND[kind]
        entries, crowded = [], []
        for ref, count in listings.entries(kind):
            if count <= paging.ENTRY_ROWS:
                entries.append(json_object(ref=json_text(ref), count=str(count), passages=listings.passages(ref)))
            else:
                entries.append(json_text({"ref": ref, "count": count, "pages": paging.pages(count),
                                      "href": entry_page(listing, ref.split(":", 1)[1])}))
                crowded.append((ref, count))
        self._set_string("entity-kind", kind)
        self._set_string("entries-json", json_array(entries))
        self._set_pages(partial(listing_page, listing), 1, 1, len(entries))
        yield INDEX_KINDS[kind], self._call("entity-index", INDEX_KINDS[kind], "the index of names")
        self._set_string("entries-json", "[]")
        for ref, count in crowded:
            yield from self._entry_pages(listings, listing, ref, count)

    def _entry_pages(self, listings: Listings, listing: str, ref: str, count: int) -> Iterator[tuple[str, str]]:
        page_name = partial(entry_page, listing, ref.split(":", 1)[1])
        for number, passages in enumerate(listings.entry_pages(ref), start=1):
            name = page_name(number)
            self._set_string("entry-json", json_object(ref=json_text(ref), count=str(count), passages=passages))
            self._set_pages(page_name, number, paging.pages(count), count)
            yield name, self._call("entity-passages", name, "the passages of an entry")
        self._set_string("entry-json", "{}")

    def _chronology_pages(self, listings: Listings) -> Iterator[tuple[str, str]]:
        """The dated passages in date order, ROWS to a page; on a chronology of several pages, the years
        to browse by."""
        page_name = partial(listing_page, "chronology")
        total = listings.events()
        count = paging.pages(total)
        years = [{"year": year, "count": n, "href": f"{page_name(1 + start // paging.ROWS)}#year-{year}"}
                 for year, n, start in listings.event_years()] if count > 1 else []
        self._set_string("years-json", json.dumps(years, sort_keys=True))
        for number, events in enumerate(listings.event_chunks(), start=1):
            name = page_name(number)
            self._set_string("events-json", events)
            self._set_pages(page_name, number, count, total)
            yield name, self._call("chronology", name, "the chronology")
        self._set_string("events-json", "[]")


@per_thread
def _default_renderer() -> WebRenderer:
    return WebRenderer()


def render_html(source: etree._ElementTree | bytes | str | Path, stem: str = "document") -> str:
    """The web page of one TEI document (a parsed tree, its bytes or its path), as a string.

    Compiles the stylesheets on a thread's first call only; `build_site` makes a whole edition.
    """
    tree = source if isinstance(source, etree._ElementTree) else parse_xml(source)
    return _default_renderer().render(tree, stem).page


def facsimile_files(tree: etree._ElementTree, folder: Path) -> list[tuple[str, bytes]]:
    """The page images a TEI's facsimile names by a relative address, read from beside it.

    Only images inside `folder` (the TEI's own folder and below: no absolute path, no `..`,
    no link leading out), of an image type, up to IMAGE_BYTES; anything else is not shown.
    """
    found: dict[str, bytes] = {}
    for url in tree.xpath("//t:facsimile//t:graphic/@url", namespaces={"t": TEI_NS}):
        image = _confined_image(str(url).strip(), Path(folder))
        if image is not None and url.strip() not in found:
            found[url.strip()] = image.read_bytes()
    return sorted(found.items())


def _confined_image(url: str, folder: Path) -> Path | None:
    if not url or ":" in url or url.startswith(("/", "\\")) or "\\" in url or ".." in url.split("/"):
        return None
    try:
        path = (folder / url).resolve()
        inside = path.is_relative_to(folder.resolve())
        fits = path.is_file() and path.stat().st_size <= IMAGE_BYTES
    except OSError:
        return None
    return path if inside and fits and path.suffix.lower() in IMAGE_SUFFIXES else None


def copy_assets(out_dir: Path) -> None:
    """Copy the bundled CSS, JavaScript and fonts; the site makes no external request."""
    source = data_dir("xslt") / "html" / "assets"
    for asset in sorted(source.rglob("*")):
        if asset.is_file() and asset.suffix in ASSET_SUFFIXES:
            atomic_write(out_dir / "assets" / asset.relative_to(source), asset.read_bytes())


def collect_inputs(paths: list[Path]) -> list[Path]:
    """The TEI files named, with folders replaced by the *.xml files they hold, sorted."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.xml")) if path.is_dir() else [path])
    return found


def build_site(paths: list[Path], out_dir: Path, options: WebOptions | None = None,
               renderer: WebRenderer | None = None) -> SiteReport:
    """Render the web edition of the TEI files `paths` into `out_dir`."""
    renderer = renderer or WebRenderer(options)
    out_dir = Path(out_dir)
    report = SiteReport(out_dir)
    documents: list[RenderedDocument] = []
    names = document_names(path.as_posix() for path in collect_inputs(paths))
    with tempfile.TemporaryDirectory(prefix="tei-search-") as search_pages:
        for path in sorted(names, key=names.get):
            try:
                documents.append(_render_file(renderer, Path(path), names[path], out_dir, Path(search_pages)))
            except TeiToolkitError as err:
                report.errors.append(str(err))  # one bad file must not cost the whole edition
            else:
                report.pages.append(out_dir / f"{documents[-1].stem}.html")
        write_search_index(Path(search_pages), out_dir / BUNDLE)
    for name, page in renderer.render_lists(in_edition_order([doc.record for doc in documents])):
        report.pages.append(atomic_write(out_dir / name, page))
    for name, data in renderer.options.authorities.files({p for doc in documents for p in doc.record["lists"]}):
        atomic_write(out_dir / name, data)
    for name, data in edition_citation_files(renderer.options.edition_facts()):
        atomic_write(out_dir / name.removeprefix("web/"), data)
    copy_assets(out_dir)
    return report


def _render_file(renderer: WebRenderer, path: Path, stem: str, out_dir: Path, search: Path) -> RenderedDocument:
    """Render and write one document's files and its search pages (into `search`); keep only
    its index row, so memory stays flat."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise WebRenderError.at(path, f"cannot read the file: {err.strerror}") from None
    tree = parse_xml(data, str(path))
    pdf_available = (out_dir / DocumentOutputs(stem).pdf_from_page).is_file()
    images = facsimile_files(tree, path.parent)
    rendered = renderer.render(tree, stem, str(path), pdf_available,
                               facsimile_images=tuple(url for url, _ in images))
    for url, image in images:
        atomic_write(out_dir / DocumentOutputs(stem).facsimile(url).removeprefix("web/"), image)
    atomic_write(out_dir / f"{stem}.html", rendered.page)
    atomic_write(out_dir / "text" / f"{stem}.txt", rendered.record["text"])
    atomic_write(out_dir / "tei" / f"{stem}.xml", data)
    for name, citation in document_citation_files(rendered.record["citation"], stem):
        atomic_write(out_dir / name.removeprefix("web/"), citation)
    for position, language, page in search_pages(rendered.record, stem):
        name = DocumentOutputs(stem).search_page(position, language).removeprefix(SEARCH_PAGES + "/")
        atomic_write(search / name, page, durable=False)
    return RenderedDocument(stem, "", _index_row(rendered, tree))


def in_edition_order(rows: list[dict]) -> list[dict]:
    """Index rows in the edition order (tei.numbering.edition_order), by their records' facts."""
    from tei.numbering import OrderFacts, edition_order

    by_stem = {row["stem"]: row for row in rows}
    order = edition_order(OrderFacts(row["stem"], row["date"], row["title"]) for row in rows)
    return [by_stem[stem] for stem in order]


def _index_row(doc: RenderedDocument, tree: etree._ElementTree) -> dict:
    """The document's row of the index, and the kinds of authority list its names point into."""
    from tei.authority import referred_prefixes

    row = {key: value for key, value in doc.record.items() if key not in ("texts", "text")}
    return {**row, "stem": doc.stem, "lists": referred_prefixes(tree.getroot())}
