"""The print edition: TEI → XHTML as data (XSLT 3.0, saxonche) → PDF (Typst, one template).

The stylesheet (xslt/print/print.xsl) is compiled once per process and thread. TEI is parsed with
`tei.xmlsafe.parse_xml`; Saxon only sees the parsed, re-serialised document. The template
xslt/print/edition.typ reads the XHTML with Typst's `xml()` and lays it out: the text of a TEI
file is data to Typst, never code. Each PDF is PDF/A-3a and PDF/UA-1 at once, tagged, with its
TEI source attached byte for byte. With SOURCE_DATE_EPOCH set the PDF carries that date;
without it, it carries none: the same input gives the same bytes either way.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from lxml import etree

from tei.authority import EditionAuthorities
from tei.errors import TeiToolkitError
from tei.fsutil import atomic_write
from tei.names import document_names
from tei.render import DEFAULT_EDITION_TITLE
from tei.resources import data_dir
from tei.threads import per_thread
from tei.xmlsafe import parse_xml, saxon_processor

TEI_NS = "http://www.tei-c.org/ns/1.0"
PRINT_NS = "urn:x-tei-edition:print"
# The paper sizes offered, and Typst's names for them.
TYPST_PAPER = {"A4": "a4", "letter": "us-letter", "A5": "a5", "B5": "iso-b5"}
PAGE_SIZES = tuple(TYPST_PAPER)
VOLUME_NAME = "edition.pdf"
VOLUME_SPLITS = ("size", "year")
# About 1,000–2,000 pages of the edition's documents: no PDF reader chokes on such a volume.
DOCUMENTS_PER_VOLUME = 500
UNDATED_VOLUME = "undated"
DEFAULT_TITLE = DEFAULT_EDITION_TITLE
TEMPLATE = "edition.typ"
# PDF/A requires a date; an undated build carries the epoch, a fixed and visibly neutral value.
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)
DATA_NAME = "edition.xhtml"
# Archival and accessible in one file; Typst refuses to write a PDF that breaks either.
PDF_STANDARDS = ("a-3a", "ua-1")
# What Typst says when the XHTML nests deeper than its limits on calls and show rules (about 60
# levels of TEI below a division; the safe parser allows 256).
TOO_DEEP = re.compile(r"maximum [a-z ]+ depth exceeded")
# Debian's fonts-linuxlibertine, and fonts-noto-core for the glyphs Libertine lacks.
FONT_DIRECTORIES = (Path("/usr/share/fonts/opentype/linux-libertine"),
                    Path("/usr/share/fonts/truetype/noto"))


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
    volume_label: str = ""  # one volume of several: "Volume 2 of 3", "1956"
    first_number: int = 1  # the number its first document is printed with
    # The numbers the edition gives its documents whose TEI carries none, in the order they are printed.
    document_numbers: tuple[str, ...] = ()
    authorities: EditionAuthorities = field(default_factory=EditionAuthorities)  # the indices' headwords

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
        raise PrintError.at(path, f"the root element is {root.tag}, not TEI", line, 1)
    return TeiSource(path, data, tree)


class PrintStylesheet:
    """The compiled print stylesheet; compile once, transform many documents."""

    def __init__(self) -> None:
        self.directory = data_dir("xslt") / "print"
        self.processor = saxon_processor()
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
        "volume-label": options.volume_label,
        "first-number": str(options.first_number),
        "document-numbers": "\n".join(options.document_numbers),
        "authorities": _authorities_json(options.authorities),
    }


@cache
def _authorities_json(lists: EditionAuthorities) -> str:
    from tei.authority import authorities_json

    return authorities_json(lists.authorities())


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
        raise PrintError.at(names, f"the print stylesheet failed: {error}") from error


class Typesetter:
    """Typst with the edition's fonts (Debian's Libertine and Noto, nothing else), loaded once.

    Each PDF is compiled in a build folder of its own, the compiler's root: it holds the
    XHTML the stylesheet made and the TEI files to attach, and the template can read
    nothing outside it. The template (xslt/print/edition.typ) uses no Typst package, so
    nothing is ever downloaded.
    """

    def __init__(self) -> None:
        import typst

        self.template = (data_dir("xslt") / "print" / TEMPLATE).read_bytes()
        self.compiler = typst.Compiler(font_paths=[str(path) for path in FONT_DIRECTORIES],
                                       ignore_system_fonts=True)

    def typeset(self, xhtml: str, sources: Sequence[TeiSource], options: PdfOptions) -> bytes:
        import typst

        with tempfile.TemporaryDirectory(prefix="tei-print-") as folder:
            root = Path(folder)
            for source in sources:
                (root / source.path.name).write_bytes(source.data)
            data = _data_name({source.path.name for source in sources})
            (root / data).write_text(xhtml, encoding="utf-8")
            date = (options.build_date or UNDATED).strftime("%Y-%m-%dT%H:%M:%SZ")
            inputs = {"data": f"/{data}", "page-size": TYPST_PAPER[options.page_size], "date": date,
                      "attachments": json.dumps([f"/{source.path.name}" for source in sources])}
            pdf, warnings = self.compiler.compile_with_warnings(
                input=self.template, root=str(root), sys_inputs=inputs, pdf_standards=list(PDF_STANDARDS))
        if warnings:  # none on any document we know: one means a font or the template is amiss
            raise typst.TypstError(f"warning taken as an error: {_one_line(warnings[0])}")
        return pdf


def _data_name(taken: set[str]) -> str:
    """DATA_NAME, or another name when a TEI to attach is called so (`tei pdf edition.xhtml`): the TEI
    would have taken the XHTML's place."""
    return next(name for number in range(len(taken) + 1)
                if (name := DATA_NAME if number == 0 else f"edition-{number}.xhtml") not in taken)


@per_thread
def typesetter() -> Typesetter:
    """The Typst compiler of this thread."""
    return Typesetter()


def xhtml_to_pdf(xhtml: str, sources: Sequence[TeiSource], options: PdfOptions) -> bytes:
    """Lay the XHTML out with the edition's Typst template: PDF/A-3a and PDF/UA-1, each TEI attached.

    Typst checks both standards as it writes; a violation is an error, as is any other.
    """
    import typst

    try:
        return typesetter().typeset(xhtml, sources, options)
    except typst.TypstError as error:
        names = ", ".join(str(source.path) for source in sources)
        reason = _one_line(error)
        if TOO_DEEP.search(reason):
            reason = f"its elements are nested too deeply to print ({reason})"
        raise PrintError.at(names, f"Typst could not typeset the document: {reason}") from error


def _one_line(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error)
    return " ".join(message.split())


def render_document(source: TeiSource, options: PdfOptions) -> bytes:
    """The PDF of one document."""
    return xhtml_to_pdf(tei_to_xhtml([source], options, "document"), [source], options)


def render_volume(sources: Sequence[TeiSource], options: PdfOptions) -> bytes:
    """The whole edition as one volume, the documents in the order given."""
    return xhtml_to_pdf(tei_to_xhtml(sources, options, "volume"), sources, options)


@dataclass(frozen=True)
class VolumeSplit:
    """How an edition is cut into volumes: by size alone, or by year and then by size."""

    by: str = "size"
    documents: int = DOCUMENTS_PER_VOLUME  # at most this many documents in one volume

    def __post_init__(self) -> None:
        if self.by not in VOLUME_SPLITS:
            raise PrintError(f"unknown volume split {self.by!r}; expected one of {', '.join(VOLUME_SPLITS)}")
        if self.documents < 1:
            raise PrintError(f"documents per volume must be at least 1, not {self.documents}")


@dataclass(frozen=True)
class Volume:
    """One PDF volume of the edition."""

    name: str  # its file name: edition.pdf, edition-2.pdf, edition-1956.pdf, edition-1956-2.pdf
    label: str  # printed under the edition's title: "", "Volume 2 of 3", "1956", "1956, part 2 of 3"
    first_number: int  # the number of its first document; numbers run on through the volumes
    members: tuple[int, ...]  # its documents, as indexes into the edition's documents


def plan_volumes(dates: Sequence[str], split: VolumeSplit = VolumeSplit()) -> list[Volume]:
    """Cut an edition of documents with these ISO dates ("" when undated) into volumes.

    By size: consecutive runs of `split.documents`, one volume named edition.pdf when they all
    fit. By year: one volume a year in date order, undated documents last, a year with more than
    `split.documents` documents in parts.
    """
    groups = _year_groups(dates) if split.by == "year" else [("", list(range(len(dates))))]
    runs = [(key, part, -(-len(members) // split.documents), members[start:start + split.documents])
            for key, members in groups
            for part, start in enumerate(range(0, len(members), split.documents), start=1)]
    volumes, number = [], 1
    for index, (key, part, parts, members) in enumerate(runs, start=1):
        name, label = _volume_names(key, part, parts, index, len(runs), split.by)
        volumes.append(Volume(name, label, number, tuple(members)))
        number += len(members)
    return volumes


def _year_groups(dates: Sequence[str]) -> list[tuple[str, list[int]]]:
    groups: dict[str, list[int]] = {}
    for index, date in enumerate(dates):
        year = date[:4] if date[:4].isdigit() else UNDATED_VOLUME
        groups.setdefault(year, []).append(index)
    return sorted(groups.items(), key=lambda item: (item[0] == UNDATED_VOLUME, item[0]))


def _volume_names(key: str, part: int, parts: int, index: int, count: int, by: str) -> tuple[str, str]:
    stem = VOLUME_NAME.removesuffix(".pdf")
    if by == "size":
        return (VOLUME_NAME, "") if count == 1 else (f"{stem}-{index}.pdf", f"Volume {index} of {count}")
    shown = "Undated documents" if key == UNDATED_VOLUME else key
    if parts == 1:
        return f"{stem}-{key}.pdf", shown
    return f"{stem}-{key}-{part}.pdf", f"{shown}, part {part} of {parts}"


def render_volumes(sources: Sequence[TeiSource], dates: Sequence[str], options: PdfOptions,
                   split: VolumeSplit = VolumeSplit()) -> list[tuple[str, bytes]]:
    """The edition cut into volumes (`plan_volumes`): (file name, PDF) of each.

    Volumes are typeset on one thread per CPU: Typst lets go of Python's lock while it works.
    """
    def render(volume: Volume) -> tuple[str, bytes]:
        members = [sources[index] for index in volume.members]
        numbers = tuple(options.document_numbers[index] for index in volume.members) if options.document_numbers else ()
        own = replace(options, volume_label=volume.label, first_number=volume.first_number, document_numbers=numbers)
        return volume.name, render_volume(members, own)

    volumes = plan_volumes(dates, split)
    if len(volumes) == 1:
        return [render(volumes[0])]
    with ThreadPoolExecutor(min(len(volumes), len(os.sched_getaffinity(0)))) as threads:
        return list(threads.map(render, volumes))


def render_pdf(
    paths: Iterable[str | Path], out_dir: str | Path, options: PdfOptions | None = None
) -> list[Path]:
    """Write one PDF per TEI file and the volumes (`edition.pdf` up to 500 documents) into `out_dir`.

    Returns the paths written, the volumes last.
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
    written += [atomic_write(out_dir / name, pdf)
                for name, pdf in render_volumes(sources, [""] * len(sources), options)]
    return written
