"""The print edition: TEI → XHTML for paged media (XSLT 3.0, saxonche) → PDF (WeasyPrint).

The stylesheet (xslt/print/print.xsl) is compiled once per process and thread. TEI is parsed with
`tei.xmlsafe.parse_xml`; Saxon only sees the parsed, re-serialised document. Each PDF is
PDF/A-3b, tagged, with its TEI source attached byte for byte. With SOURCE_DATE_EPOCH set
the PDF carries that date; without it, it carries none: the same input gives the same bytes
either way.
"""

from __future__ import annotations

import gc
import io
import logging
import os
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from tei.errors import TeiToolkitError
from tei.fsutil import atomic_write
from tei.names import document_names
from tei.resources import data_dir
from tei.threads import per_thread
from tei.xmlsafe import parse_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"
PRINT_NS = "urn:x-tei-edition:print"
PAGE_SIZES = ("A4", "letter", "A5", "B5")
VOLUME_NAME = "edition.pdf"
DEFAULT_TITLE = "Documents from the Wilson Center Digital Archive"
# Attachments need a date; undated builds use the epoch, a fixed and visibly neutral value.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)


class PrintError(TeiToolkitError):
    """A TEI document could not be turned into a PDF; says which file and why."""


@dataclass(frozen=True)
class PdfOptions:
    """What the print edition says about itself, and how it is set."""

    title: str = DEFAULT_TITLE
    editors: tuple[str, ...] = ()
    publisher: str = ""
    licence: str = ""
    page_size: str = "A4"
    build_date: datetime | None = None

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            raise PrintError(
                f"unknown page size {self.page_size!r}; expected one of {', '.join(PAGE_SIZES)}"
            )


@dataclass(frozen=True)
class TeiSource:
    """One encoded document: where it came from, its exact bytes and its parsed tree."""

    path: Path
    data: bytes
    tree: etree._ElementTree

    @property
    def stem(self) -> str:
        return self.path.stem


def build_date_from_environment(environ: Mapping[str, str] = os.environ) -> datetime | None:
    """The build date from SOURCE_DATE_EPOCH (reproducible-builds.org), or None when unset."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise PrintError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}")
    return datetime.fromtimestamp(int(value), tz=UTC)


def load_tei(path: str | Path) -> TeiSource:
    """Read and safely parse one TEI file; refuses anything whose root is not TEI."""
    path = Path(path)
    data = path.read_bytes()
    tree = parse_xml(data, str(path))
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        line = root.sourceline or 1
        raise PrintError(f"{path}:{line}:1: error: the root element is {root.tag}, not TEI")
    return TeiSource(path, data, tree)


class PrintStylesheet:
    """The compiled print stylesheet; compile once, transform many documents."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        self.directory = data_dir("xslt") / "print"
        self.processor = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.executable = compiler.compile_stylesheet(
            stylesheet_file=str(self.directory / "print.xsl")
        )
        if self.executable is None:
            raise PrintError(f"{self.directory}/print.xsl: the print stylesheet does not compile")

    def transform(self, xml: bytes, parameters: Mapping[str, str]) -> str:
        """XHTML for `xml` (TEI or teiCorpus bytes already checked by parse_xml)."""
        node = self.processor.parse_xml(xml_text=xml.decode("utf-8"))
        self.executable.clear_parameters()
        for name, value in parameters.items():
            self.executable.set_parameter(
                f"{{{PRINT_NS}}}{name}", self.processor.make_string_value(value)
            )
        return self.executable.transform_to_string(xdm_node=node)


@per_thread
def print_stylesheet() -> PrintStylesheet:
    """The compiled print stylesheet of this thread (a Saxon executable keeps its parameters)."""
    return PrintStylesheet()


def stylesheet_parameters(options: PdfOptions, layout: str) -> dict[str, str]:
    date = options.build_date.strftime("%Y-%m-%dT%H:%M:%SZ") if options.build_date else ""
    return {
        "layout": layout,
        "edition-title": options.title,
        "editors": ";".join(options.editors),
        "publisher": options.publisher,
        "licence": options.licence,
        "page-size": options.page_size,
        "build-date": date,
    }


def corpus_xml(sources: Sequence[TeiSource]) -> bytes:
    """The documents of a volume wrapped in one teiCorpus, in the order given."""
    corpus = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS})
    for source in sources:
        corpus.append(_copy(source.tree.getroot()))
    return etree.tostring(corpus, encoding="utf-8")


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def tei_to_xhtml(sources: Sequence[TeiSource], options: PdfOptions, layout: str) -> str:
    """The XHTML for paged media of one document (`layout="document"`) or a volume."""
    single = layout == "document"
    xml = etree.tostring(sources[0].tree, encoding="utf-8") if single else corpus_xml(sources)
    try:
        return print_stylesheet().transform(xml, stylesheet_parameters(options, layout))
    except Exception as error:  # saxonche raises PySaxonApiError, a plain Exception
        names = ", ".join(str(source.path) for source in sources)
        raise PrintError(f"{names}: error: the print stylesheet failed: {error}") from error


def xhtml_to_pdf(xhtml: str, sources: Sequence[TeiSource], options: PdfOptions) -> bytes:
    """Lay out the XHTML with WeasyPrint: PDF/A-3b, tagged, with each TEI attached."""
    from weasyprint import HTML, Attachment
    from weasyprint.urls import URLFetcher

    # No network: the XHTML may only load the print CSS and fonts from this machine.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    base = (data_dir("xslt") / "print").as_uri() + "/"
    date = options.build_date or UNDATED
    attachments = [
        Attachment(
            file_obj=io.BytesIO(source.data), name=source.path.name,
            description=f"TEI P5 source of {source.path.name}",
            created=date, modified=date, relationship="Source",
        )
        for source in sources
    ]
    with _quiet_weasyprint():
        try:
            document = HTML(string=xhtml, base_url=base, url_fetcher=fetcher).render()
            return document.write_pdf(
                pdf_variant="pdf/a-3b", pdf_tags=True, attachments=attachments,
                pdf_identifier=True,
            )
        except Exception as error:  # a layout engine's internal error: report it, go on
            names = ", ".join(str(source.path) for source in sources)
            raise PrintError(f"{names}: error: WeasyPrint could not lay out the document: "
                             f"{type(error).__name__}: {error}") from error


_quiet_lock = threading.Lock()
_quiet_users = 0
_quiet_saved: tuple | None = None


@contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    """Keep WeasyPrint's log to errors, and hide its one known leak.

    WeasyPrint 70 opens its sRGB profile for the PDF/A output intent and never closes it;
    the ResourceWarning it raises on collection is its bug, not the caller's.
    The logger's level and the warning filters belong to the whole process, so with
    several threads printing at once the first one in sets them and the last one out
    restores them (`warnings.catch_warnings` alone would restore them in any order).
    """
    global _quiet_users, _quiet_saved
    logger = logging.getLogger("weasyprint")
    with _quiet_lock:
        if _quiet_users == 0:
            _quiet_saved = (logger.level, warnings.catch_warnings())
            _quiet_saved[1].__enter__()
            warnings.simplefilter("ignore", ResourceWarning)
            logger.setLevel(logging.ERROR)
        _quiet_users += 1
    try:
        yield
        gc.collect()
    finally:
        with _quiet_lock:
            _quiet_users -= 1
            if _quiet_users == 0:
                level, catcher = _quiet_saved
                logger.setLevel(level)
                catcher.__exit__(None, None, None)


def render_document(source: TeiSource, options: PdfOptions) -> bytes:
    """The PDF of one document."""
    return xhtml_to_pdf(tei_to_xhtml([source], options, "document"), [source], options)


def render_volume(sources: Sequence[TeiSource], options: PdfOptions) -> bytes:
    """The whole edition as one volume, the documents in the order given."""
    return xhtml_to_pdf(tei_to_xhtml(sources, options, "volume"), sources, options)


def render_pdf(
    paths: Iterable[str | Path], out_dir: str | Path, options: PdfOptions | None = None
) -> list[Path]:
    """Write one PDF per TEI file and the volume `edition.pdf` into `out_dir`.

    Returns the paths written, the volume last.
    """
    options = options or PdfOptions(build_date=build_date_from_environment())
    sources = [load_tei(path) for path in paths]
    if not sources:
        raise PrintError("no TEI files to print")
    out_dir = Path(out_dir)
    names = document_names(source.path.as_posix() for source in sources)
    written = [
        atomic_write(out_dir / f"{names[source.path.as_posix()]}.pdf", render_document(source, options))
        for source in sources
    ]
    written.append(atomic_write(out_dir / VOLUME_NAME, render_volume(sources, options)))
    return written
