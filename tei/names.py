"""Document names: the one authority for what every output of a document is called.

A document's name is made from its source file's name, and every output is named
after it (`DocumentOutputs`): its TEI, web page, plain text, TEI download, PDF, search
entry and citation URL. Permalinks and citations depend on this scheme, so it is
decided here once (the README's "Output names" section describes it for editors):

1. start from the file's stem (`Letter (draft).txt` → `Letter (draft)`);
2. transliterate Cyrillic letter by letter (`письмо` → `pismo`, `отчёт` → `otchyot`;
   the table is `CYRILLIC` below) and strip accents from other letters (`é` → `e`);
3. every run of characters other than ASCII letters, digits, `.`, `_` and `-` becomes
   one `-`; dots and hyphens at either end are dropped; at most 80 characters; a stem
   with nothing left is `document`;
4. names that differ only in case clash (they would share a file on macOS and
   Windows). Within a clashing group, the one source whose stem was already its name
   keeps it; every other member gets `-` and the first 8 hexadecimal digits of the
   SHA-256 of its source path (POSIX, relative to the edition folder), longer in the
   unlikely event that the result clashes too. `index`, `index-2` … and `edition` are taken
   by the edition's index pages and volume, `persons`, `organisations`, `places` and
   `chronology` by its lists, and `persons-…`, `organisations-…`, `places-…` and `chronology-2` …
   by their further pages, so a source of such a name always gets the suffix.

So the same set of sources always gets the same names, and two sources never share an
output. A name changes only when a source is added whose name clashes with it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

MAX_LENGTH = 80
FALLBACK = "document"
# The edition's lists beside its index page: the name indices of each kind and the chronology.
LISTINGS = ("persons", "organisations", "places", "chronology")
# Names the edition's shared outputs use: web/index.html (and index-2.html … for a long
# index), the lists (`listing_page`, `entry_page`) and the volume pdf/edition.pdf.
RESERVED = frozenset({"index", "edition", *LISTINGS})
RESERVED_PATTERN = re.compile(r"(index|chronology)-\d+|(persons|organisations|places)-[a-z0-9_-]+(\.\d+)?")


def is_reserved(name: str) -> bool:
    return name.casefold() in RESERVED or RESERVED_PATTERN.fullmatch(name.casefold()) is not None


def index_page(number: int) -> str:
    """The index page `number` (from 1) of the site: `index.html`, then `index-2.html` …"""
    return listing_page("index", number)


def listing_page(listing: str, number: int = 1) -> str:
    """Page `number` (from 1) of one of the site's lists (`index` or one of LISTINGS):
    `chronology.html`, then `chronology-2.html` …"""
    return f"{listing}.html" if number == 1 else f"{listing}-{number}.html"


def entry_page(listing: str, entry: str, number: int = 1) -> str:
    """Page `number` of the passages of one entry of a name index (`entry`: its id in its list, letters,
    digits, `_` and `-`), when they are too many for the index page: `persons-kim-il-sung.html`, then
    `persons-kim-il-sung.2.html` … (a dot, which no id holds, so that no entry's page is another's)."""
    return f"{listing}-{entry}.html" if number == 1 else f"{listing}-{entry}.{number}.html"
SHORT_HASHES = (8, 16)   # digits of the suffix; the whole digest if both of these clash

# Russian, Ukrainian and Belarusian letters; readable rather than reversible (soft and hard signs drop).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",
}
_TRANSLITERATION = str.maketrans(
    {**CYRILLIC, **{upper: latin.capitalize() for lower, latin in CYRILLIC.items()
                    if (upper := lower.upper()) != lower}}
)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def readable_name(stem: str) -> str:
    """Steps 1–3 of the scheme: a file-name-safe, readable name for one stem (not yet unique)."""
    latin = unicodedata.normalize("NFKD", stem.translate(_TRANSLITERATION))
    latin = "".join(c for c in latin if not unicodedata.combining(c))
    name = _UNSAFE.sub("-", latin)[:MAX_LENGTH].strip(".-")
    return name or FALLBACK


def path_hash(source: str) -> str:
    """The SHA-256 of a source path, in hexadecimal (a clash's suffix is its first digits)."""
    return hashlib.sha256(PurePosixPath(source).as_posix().encode("utf-8")).hexdigest()


def document_names(sources: Iterable[str]) -> dict[str, str]:
    """Every source path → its document name, unique ignoring case (step 4 of the scheme)."""
    paths = sorted(set(sources))
    groups: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        groups[readable_name(PurePosixPath(path).stem).casefold()].append(path)
    names: dict[str, str] = {}
    for group in groups.values():
        keeper = _keeper(group)
        for path in group:
            if path == keeper:
                names[path] = readable_name(PurePosixPath(path).stem)
    taken = {name.casefold() for name in names.values()} | RESERVED
    for path in paths:
        if path not in names:
            names[path] = _suffixed(path, taken)
            taken.add(names[path].casefold())
    return names


def _keeper(group: list[str]) -> str | None:
    """The source of a group that keeps the plain name: the only one, or the only one whose stem is it."""
    if is_reserved(readable_name(PurePosixPath(group[0]).stem)):
        return None
    if len(group) == 1:
        return group[0]
    exact = [path for path in group if readable_name(PurePosixPath(path).stem) == PurePosixPath(path).stem]
    return exact[0] if len(exact) == 1 else None


def _suffixed(path: str, taken: set[str]) -> str:
    base = readable_name(PurePosixPath(path).stem)
    digest = path_hash(path)
    for length in SHORT_HASHES:
        name = f"{base}-{digest[:length]}"
        if name.casefold() not in taken:
            return name
    return f"{base}-{digest}"


SEARCH_PAGES = ".cache/search"     # the folder of every document's search pages
# What a build folder holds: its outputs, report and cache, none of which is ever a source.
BUILD_OUTPUTS = ("tei", "web", "pdf", "export", ".cache", "report.json")


def search_bucket(name: str) -> int:
    """The bucket (0-255) of a document's search pages: the first byte of its name's hash."""
    return int(path_hash(name)[:2], 16)


def search_page_language(output: str) -> str | None:
    """The language folder of a search page (`DocumentOutputs.search_page`), None for any other output."""
    parts = output.split("/")
    prefix = SEARCH_PAGES.split("/")
    return parts[len(prefix)] if parts[:len(prefix)] == prefix and len(parts) == len(prefix) + 4 else None


@dataclass(frozen=True)
class DocumentOutputs:
    """Every output of one document, by its name; paths are relative to the build folder."""

    name: str

    @property
    def tei(self) -> str:
        return f"tei/{self.name}.xml"

    @property
    def page(self) -> str:
        return f"web/{self.name}.html"

    @property
    def text(self) -> str:
        return f"web/text/{self.name}.txt"

    @property
    def tei_download(self) -> str:
        return f"web/tei/{self.name}.xml"

    @property
    def pdf(self) -> str:
        return f"pdf/{self.name}.pdf"

    @property
    def pdf_from_page(self) -> str:
        """The PDF as the web page links it: relative, from `web/` to `pdf/`."""
        return f"../{self.pdf}"

    def facsimile(self, image: str) -> str:
        """A page image shipped beside the TEI, by its relative address (`img/p1.png`)."""
        return f"web/facsimile/{self.name}/{image}"

    def citation(self, extension: str) -> str:
        """The document's citation for reference managers: `bib`, `ris` or `json` (CSL)."""
        return f"web/cite/{self.name}.{extension}"

    def plain_text(self, form: str) -> str:
        """The plain-text export in one form, `reading` or `diplomatic`."""
        return f"export/text/{form}/{self.name}.txt"

    def search_page(self, position: int, language: str) -> str:
        """The page Pagefind indexes for the document's text number `position` (never published),
        in the folder of its language (the page's `lang`) and of its bucket there: the first two
        hexadecimal digits of its name's hash."""
        return f"{SEARCH_PAGES}/{language}/{search_bucket(self.name):02x}/{position}/{self.name}.html"

    def citation_url(self, base_url: str) -> str:
        """The page's permanent address under the edition's `base_url`; "" without one (unknown)."""
        return f"{base_url.rstrip('/')}/{self.name}.html" if base_url else ""


class EditionExports:
    """The edition-wide export files (`tei export`), relative to the build folder."""

    TABLE_CSV = "export/text/documents.csv"
    TABLE_JSON = "export/text/documents.json"
    CORPUS = "export/corpus/corpus.xml"
    ZENODO = "export/zenodo/.zenodo.json"
    CITATION_CFF = "export/zenodo/CITATION.cff"
    DATACITE = "export/zenodo/datacite.xml"
    CMIF = "web/cmif.xml"          # published with the web edition, where correspSearch fetches it
    BAG = "export/bag"
    DTS = "web/dts"
