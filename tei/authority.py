"""The edition's authority lists: persons, organisations and places as TEI data.

`authorities/persons.xml` (`listPerson`), `organisations.xml` (`listOrg`) and `places.xml`
(`listPlace`) hold one entry per person, body or place: its forms in English and Russian, short
forms, other spellings and OCR misreadings (`choice/sic/corr`), a note, and identifiers
(Wikidata, VIAF, GeoNames). An identifier is *verified* when its `@resp` names who checked it and
its `@when` says when; only verified identifiers are ever linked. Adding a name is one entry in a
list, never code: the encoder's recogniser (`tei.reader.entities`) and the index pages read these
files, and a document's `@ref="person:kim-il-sung"` points into them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from lxml import etree

from tei.conventions import TEI_NS, XML_NS
from tei.errors import Position, SourceError
from tei.fsutil import read_file
from tei.resources import data_dir
from tei.xmlsafe import parse_xml

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


@dataclass(frozen=True)
class Kind:
    """One kind of entry: its list file, its TEI elements and the prefix of the pointers to it."""

    name: str            # "person", "organisation", "place"
    file: str            # the list's file in the authorities folder
    list_element: str    # listPerson …
    entry_element: str   # person …
    name_element: str    # persName … (in the list, and around a name in a document)
    prefix: str          # ref="person:kim-il-sung"
    plural: str          # for headings and file names of the index pages


KINDS = (
    Kind("person", "persons.xml", "listPerson", "person", "persName", "person", "persons"),
    Kind("organisation", "organisations.xml", "listOrg", "org", "orgName", "org", "organisations"),
    Kind("place", "places.xml", "listPlace", "place", "placeName", "place", "places"),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}
UNWRITTEN = ("ocr", "index")  # forms that are not the entry's name as it should be written in a text
KIND_BY_PREFIX = {kind.prefix: kind for kind in KINDS}
# How a text and a form are split into words: the recogniser compares these, never characters.
WORD = re.compile(r"\w+|[^\w\s]")
# The same on an ASCII text (most of an English one), where Python's regex engine tests ASCII classes
# 2.5 times faster than Unicode ones; \x1c-\x1f are white space to Unicode's \s, not to ASCII's.
_ASCII_WORD = re.compile(r"\w+|[^\w\s\x1c-\x1f]", re.ASCII)


def word_pattern(text: str) -> re.Pattern:
    """WORD, or its ASCII twin that finds the same words in an ASCII text (str.isascii reads no character)."""
    return _ASCII_WORD if text.isascii() else WORD


# The most words a form may have: the recogniser walks from each word of a text at most this far, so
# its time stays linear in the text (the bundled lists' longest form has 14).
MAX_FORM_WORDS = 40
IDENTIFIER_URLS = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "geonames": "https://www.geonames.org/{}",
}
# How each identifier is written: a value of another shape would make a link to a wrong page.
IDENTIFIER_FORMS = {
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "Q and a number, as Q39031"),
    "viaf": (re.compile(r"[1-9][0-9]*"), "a number, as 96994048"),
    "geonames": (re.compile(r"[1-9][0-9]*"), "a number, as 524901"),
}


@dataclass(frozen=True)
class Form:
    """One way a text writes the entry's name; `correction` is set for an OCR misreading."""

    text: str
    lang: str
    type: str = ""            # "main", "variant", "short", "ocr", "index" (how an index lists it) or ""
    correction: str = ""      # what an OCR misreading stands for


@dataclass(frozen=True)
class Identifier:
    kind: str                 # "wikidata", "viaf", "geonames"
    value: str
    verified_by: str = ""     # the xml:id of who checked it
    verified_on: str = ""     # when (ISO date)

    @property
    def verified(self) -> bool:
        return bool(self.verified_by and self.verified_on)

    @property
    def url(self) -> str:
        """The authority's page for a verified identifier; "" for an unverified one (never linked)."""
        pattern = IDENTIFIER_URLS.get(self.kind)
        return pattern.format(self.value) if pattern and self.verified else ""


@dataclass(frozen=True)
class Entry:
    ident: str
    kind: str
    forms: tuple[Form, ...]
    identifiers: tuple[Identifier, ...] = ()
    note: str = ""

    def __hash__(self) -> int:
        """By its id alone: the recogniser hashes entries at every name it finds, and hashing every form
        and identifier of each cost more than finding the name (equal entries still hash alike)."""
        return hash(self.ident)

    @property
    def ref(self) -> str:
        return f"{KIND_BY_NAME[self.kind].prefix}:{self.ident}"

    def headword(self, lang: str = "en") -> str:
        """The entry's name in `lang`: its main form there, else its first form there, else its first."""
        forms = [f for f in self.forms if f.lang == lang and f.type not in UNWRITTEN] or list(self.forms)
        return next((f.text for f in forms if f.type == "main"), forms[0].text)

    @property
    def index_form(self) -> str:
        """How an index lists the entry ("Mikoyan, A. I."): its form of type "index", else its headword."""
        return next((f.text for f in self.forms if f.type == "index"), self.headword())

    @property
    def written_forms(self) -> tuple[Form, ...]:
        """The forms a text may use (an index form is the editors', never the text's)."""
        return tuple(f for f in self.forms if f.type != "index")


@dataclass(frozen=True)
class Authorities:
    """Every entry of the lists, by xml:id, in list order."""

    entries: tuple[Entry, ...]
    folder: str = ""

    def named(self, name: str) -> Entry | None:
        """The one entry one of whose forms is `name` (white space aside), else None."""
        found = self._by_form.get(" ".join(name.split()), {})
        return next(iter(found.values())) if len(found) == 1 else None

    @cached_property
    def _by_form(self) -> dict[str, dict[str, Entry]]:
        """The entries of each written form, by xml:id (made at the first question, once per value)."""
        index: dict[str, dict[str, Entry]] = {}
        for entry in self.entries:
            for form in entry.written_forms:
                index.setdefault(form.text, {})[entry.ident] = entry
        return index

    def by_ref(self) -> dict[str, Entry]:
        return {entry.ref: entry for entry in self.entries}

    def refs(self) -> tuple[str, ...]:
        return tuple(entry.ref for entry in self.entries)


IDENTIFIER_LABELS = {"wikidata": "Wikidata", "viaf": "VIAF", "geonames": "GeoNames"}


def authorities_json(authorities: Authorities) -> str:
    """The lists as the index pages read them: a verified identifier has its url, an unverified one none."""
    entries = [{
        "ref": entry.ref, "kind": KIND_BY_NAME[entry.kind].prefix, "headword": entry.headword(), "note": entry.note,
        "indexForm": entry.index_form,
        "forms": [{"text": f.text, "lang": f.lang, "type": f.type, "correction": f.correction}
                  for f in entry.written_forms],
        "identifiers": [{"kind": i.kind, "label": IDENTIFIER_LABELS[i.kind], "value": i.value, "url": i.url}
                        for i in entry.identifiers],
    } for entry in authorities.entries]
    return json.dumps(entries, ensure_ascii=False, sort_keys=True)


def authority_files(folder: Path | None = None) -> list[tuple[str, bytes]]:
    """The lists in `folder` (default: the bundled ones) as an edition publishes them beside its TEI:
    (tei/authorities/FILE, bytes), where the documents' listPrefixDef finds them."""
    folder = folder or data_dir("authorities")
    return [(published_name(kind), (folder / kind.file).read_bytes()) for kind in KINDS
            if (folder / kind.file).is_file()]


LISTS_FOLDER = "authorities"   # beside the TEI documents: where their listPrefixDef points


def published_name(kind: Kind) -> str:
    """Where a list is published, relative to the TEI downloads' parent (tei/authorities/persons.xml)."""
    return f"tei/{LISTS_FOLDER}/{kind.file}"


@dataclass(frozen=True)
class AuthorityList:
    """One list as an edition uses it: its kind, where it is (for messages) and its bytes."""

    kind: str
    path: str
    data: bytes


@dataclass(frozen=True)
class EditionAuthorities:
    """The authority lists of an edition: for each kind, the list `[authorities]` of edition.toml names,
    else the bundled one. The one value recognition, the checks, the indices and the published lists
    read; it carries the lists' bytes, so a worker on another machine (Dask) needs no file of the edition,
    and the build's fingerprint changes with them."""

    named: tuple[AuthorityList, ...] = ()
    not_names: AuthorityList | None = None    # the edition's words that are not names, else the bundled ones

    @classmethod
    def read(cls, paths: dict[str, Path]) -> EditionAuthorities:
        """The lists at `paths` (kind name, or NOT_NAMES, → file), read and checked now: a missing or malformed
        list is one error naming its file (SourceError, XMLSyntaxError), before any document is worked on."""
        named = [_read_list(kind, path) for kind, path in sorted(paths.items())]
        lists = cls(tuple(item for item in named if item.kind != NOT_NAMES),
                    next((item for item in named if item.kind == NOT_NAMES), None))
        lists.authorities()
        lists.words_not_names()
        return lists

    def words_not_names(self) -> frozenset[str]:
        """Capitalised words that are not names (titles, months …), never reported as unknown names."""
        return bundled_not_names() if self.not_names is None else _not_names_of(self.not_names)

    def lists(self) -> list[AuthorityList]:
        """Every kind's list, the edition's or the bundled one (a kind without either has none)."""
        named = {item.kind: item for item in self.named}
        bundled = data_dir("authorities")
        return [named[kind.name] if kind.name in named else AuthorityList(kind.name, str(bundled / kind.file),
                                                                          (bundled / kind.file).read_bytes())
                for kind in KINDS if kind.name in named or (bundled / kind.file).is_file()]

    def authorities(self) -> Authorities:
        """The entries of the lists, read once per process."""
        return default_authorities() if not self.named else _parsed(self)

    def files(self, prefixes: Iterable[str] | None = None) -> list[tuple[str, bytes]]:
        """The lists as published beside the TEI (tei/authorities/FILE, bytes); only those of the kinds
        whose `prefixes` (person, org, place) a document points with, when they are given."""
        wanted = None if prefixes is None else set(prefixes)
        return [(published_name(KIND_BY_NAME[item.kind]), item.data) for item in self.lists()
                if wanted is None or KIND_BY_NAME[item.kind].prefix in wanted]


BUNDLED = EditionAuthorities()    # the lists shipped with the toolkit, for an edition that names none
NOT_NAMES = "not-names"            # the kind of the stop list: one word a line, "#" starts a comment


def _read_list(kind: str, path: Path) -> AuthorityList:
    try:
        return AuthorityList(kind, str(path), read_file(path))
    except OSError as err:
        raise SourceError(Position(str(path), 1, 1), f"cannot read the {kind} list: {err.strerror}") from None


@cache
def bundled_not_names() -> frozenset[str]:
    """The words the bundled stop list (authorities/not-names.txt) says are not names."""
    path = data_dir("authorities") / "not-names.txt"
    return _not_names_of(AuthorityList(NOT_NAMES, str(path), path.read_bytes()))


@cache
def _not_names_of(stop_list: AuthorityList) -> frozenset[str]:
    try:
        text = stop_list.data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = stop_list.data[:err.start].count(b"\n") + 1
        raise SourceError(Position(stop_list.path, line, 1), "the list of words that are not names is not UTF-8") \
            from None
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def _parsed(lists: EditionAuthorities) -> Authorities:
    return parse_lists(lists.lists(), "the edition's lists")


def load_authorities(folder: Path) -> Authorities:
    """Read the lists in `folder` (a missing list is an empty one); SourceError names a bad entry."""
    found = [AuthorityList(kind.name, str(folder / kind.file), (folder / kind.file).read_bytes())
             for kind in KINDS if (folder / kind.file).is_file()]
    return parse_lists(found, str(folder))


def parse_lists(lists: Iterable[AuthorityList], folder: str) -> Authorities:
    """The entries of `lists`, in list order; SourceError names a bad entry or a file of the wrong kind."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for item in lists:
        kind = KIND_BY_NAME[item.kind]
        root = parse_xml(item.data, item.path).getroot()
        if root.tag != T + kind.list_element and root.find(f".//{T}{kind.list_element}") is None:
            raise SourceError(Position(item.path, root.sourceline or 1, 1),
                              f"not a list of {kind.plural}: it has no {kind.list_element}")
        declared = {e.get(XML_ID) for e in root.iter() if e.get(XML_ID)}
        for element in root.iter(T + kind.entry_element):
            entry = _entry(element, kind, item.path, declared)
            if entry.ident in seen:
                raise SourceError(_where(item.path, element),
                                  f"xml:id {entry.ident!r} is also used in {seen[entry.ident]}")
            seen[entry.ident] = item.path
            entries.append(entry)
    return Authorities(tuple(entries), folder)


@cache
def default_authorities() -> Authorities:
    """The lists shipped with the toolkit (the seeds' persons, organisations and places)."""
    return load_authorities(data_dir("authorities"))


def referred_prefixes(root: etree._Element) -> tuple[str, ...]:
    """The kinds of list (person, org, place) a document's names point into, sorted."""
    return listed_prefixes(root.xpath("//@ref[contains(., ':')]"))


def listed_prefixes(refs: Iterable[str]) -> tuple[str, ...]:
    """The kinds of list (person, org, place) some @ref pointers point into (`person:kim-il-sung`), sorted."""
    found = {ref.split(":", 1)[0] for ref in refs if ":" in ref}
    return tuple(sorted(found & set(KIND_BY_PREFIX)))


def _where(path: Path | str, element: etree._Element) -> Position:
    return Position(str(path), element.sourceline or 1, 1)


def _entry(element: etree._Element, kind: Kind, path: str, declared: set[str]) -> Entry:
    ident = element.get(XML_ID) or ""
    if not ident:
        raise SourceError(_where(path, element), f"a {kind.entry_element} without xml:id cannot be pointed at")
    names = list(element.iterchildren(T + kind.name_element))
    forms = tuple(_form(name) for name in names)
    if not forms or not all(form.text for form in forms):
        raise SourceError(_where(path, element), f"{kind.entry_element} {ident!r} needs at least one "
                          f"{kind.name_element}, and none may be empty")
    for name, form in zip(names, forms):
        _check_form(form, f"{kind.entry_element} {ident!r}", _where(path, name))
    identifiers = tuple(_identifier(idno, path, declared) for idno in element.iterchildren(T + "idno"))
    note = " ".join(element.findtext(T + "note", "").split())
    return Entry(ident, kind.name, forms, identifiers, note)


def _check_form(form: Form, entry: str, where: Position) -> None:
    """A form the recogniser can look for: one with a letter or digit (a form "." would mark every full
    stop of the texts as the entry) and at most MAX_FORM_WORDS words."""
    if not any(character.isalnum() for character in form.text):
        raise SourceError(where, f"{entry} has the form {form.text!r}, which has no letter or digit: it would "
                                 "mark every such sign of the texts as this entry")
    words = len(WORD.findall(form.text))
    if words > MAX_FORM_WORDS:
        raise SourceError(where, f"{entry} has a form of {words} words; a form may have at most {MAX_FORM_WORDS}")


def _form(name: etree._Element) -> Form:
    sic, corr = name.find(f"{T}choice/{T}sic"), name.find(f"{T}choice/{T}corr")
    lang = name.get(XML_LANG, "")
    if sic is not None and corr is not None:
        return Form(_words(sic), lang, name.get("type", "ocr"), _words(corr))
    return Form(_words(name), lang, name.get("type", ""))


def _words(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _identifier(idno: etree._Element, path: str, declared: set[str]) -> Identifier:
    kind = (idno.get("type") or "").lower()
    if kind not in IDENTIFIER_URLS:
        known = ", ".join(IDENTIFIER_URLS)
        raise SourceError(_where(path, idno), f"idno type {idno.get('type')!r}: use one of {known}")
    resp = (idno.get("resp") or "").removeprefix("#")
    if resp and resp not in declared:
        raise SourceError(_where(path, idno), f"resp=\"#{resp}\" names no one declared in the list's header")
    value = _words(idno)
    pattern, shape = IDENTIFIER_FORMS[kind]
    if not pattern.fullmatch(value):
        raise SourceError(_where(path, idno), f"idno type {kind!r} {value!r} is not a {IDENTIFIER_LABELS[kind]} "
                                              f"identifier: write {shape}")
    return Identifier(kind, value, resp, idno.get("when") or "")
