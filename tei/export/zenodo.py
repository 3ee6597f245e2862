"""The `zenodo` export: what a data repository needs to deposit the edition with a DOI.

`.zenodo.json` (Zenodo's deposit metadata), `CITATION.cff` (Citation File Format 1.2.0) and a
DataCite Metadata Schema 4.6 record (`datacite.xml`), all three from edition.toml and the
documents' records: creators are the edition's editors; contributors the translators and
encoders the documents' headers name; dates the range of the documents' dates and the date of
publication; languages the documents'; related identifiers the web edition and the archives'
addresses of the sources.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import yaml
from lxml import etree

from tei.licences import licence

DATACITE = "http://datacite.org/schema/kernel-4"
DATACITE_SCHEMA = "https://schema.datacite.org/meta/kernel-4.6/metadata.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CFF_SCHEMA = "cff-1.2.0.schema.json"            # the Citation File Format's own schema (CC-BY-4.0)
ZENODO_SCHEMA = "zenodo-deposit.schema.json"     # written from Zenodo's documentation
# ISO 639-1 → ISO 639-3, for Zenodo's `language` (the languages the edition's documents use).
ISO_639_3 = {"en": "eng", "ru": "rus", "de": "deu", "fr": "fra", "it": "ita", "la": "lat", "zh": "zho",
             "ko": "kor", "grc": "grc", "uk": "ukr", "be": "bel", "pl": "pol", "cs": "ces", "es": "spa"}


class DepositError(ValueError):
    """edition.toml lacks what a deposit needs; the message names the key."""


@dataclass(frozen=True)
class Person:
    """A name as the header or edition.toml writes it, split for the formats that want parts.

    `personal` is False for an organisation or an agent (a header's orgName or name, such as
    the encoding software), whose name is never split.
    """

    name: str
    personal: bool = True

    @property
    def parts(self) -> tuple[str, str]:
        """(given names, family name): "Editor, Ada" or "Ada Editor" → ("Ada", "Editor"); one word: ("", it)."""
        if not self.personal:
            return "", self.name
        if "," in self.name:
            family, given = (part.strip() for part in self.name.split(",", 1))
            return given, family
        given, _, family = self.name.rpartition(" ")
        return given, family

    @property
    def inverted(self) -> str:
        given, family = self.parts
        return f"{family}, {given}" if given else family


@dataclass(frozen=True)
class Deposit:
    """The facts every deposit record is written from, gathered once."""

    edition: object              # tei.pipeline.config.EditionInfo
    published: str               # ISO date of this version's publication
    records: tuple[dict, ...]

    @property
    def creators(self) -> list[Person]:
        return [Person(name) for name in self.edition.editors]

    def contributors(self, role: str) -> list[Person]:
        """The translators or encoders the documents name, each once, in order of first mention."""
        people = dict.fromkeys((person["name"], person["kind"] == "persName")
                               for record in self.records for person in record[role])
        return [Person(name, personal) for name, personal in people]

    @property
    def languages(self) -> list[str]:
        """The documents' language codes, most used first."""
        counts = Counter(code for record in self.records for code in record["languages"])
        return [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]

    @property
    def date_range(self) -> tuple[str, str]:
        dates = sorted(record["date"] for record in self.records if record["date"])
        return (dates[0], dates[-1]) if dates else ("", "")

    @property
    def source_urls(self) -> list[str]:
        return list(dict.fromkeys(record["sourceUrl"] for record in self.records if record["sourceUrl"]))

    @property
    def description(self) -> str:
        first, last = self.date_range
        span = f", dated {first} to {last}" if first else ""
        return (f"A digital scholarly edition of {len(self.records)} archival documents{span}, encoded in "
                f"TEI P5, with a web edition, PDF and plain-text versions.")


def deposit_facts(edition, published: str, records: list[dict]) -> Deposit:
    """The deposit's facts, or a `DepositError` naming the edition.toml key that is missing."""
    if not edition.editors:
        raise DepositError("edition.editors is empty; a deposit needs its creators (CITATION.cff's authors, "
                           "DataCite's creators): name the edition's editors")
    if not published:
        raise DepositError("edition.published is empty and SOURCE_DATE_EPOCH is not set; a deposit needs "
                           "the date this version is published (YYYY-MM-DD)")
    if licence(edition.licence) is None:
        raise DepositError(f"edition.licence {edition.licence!r} is not a licence the deposit records know; "
                           f"use an SPDX identifier such as CC-BY-4.0")
    return Deposit(edition, published, tuple(records))


# ---------------------------------------------------------------- .zenodo.json

def zenodo_json(deposit: Deposit) -> dict:
    edition = deposit.edition
    metadata = {
        "upload_type": "dataset",
        "title": edition.title,
        "description": deposit.description,
        "creators": [{"name": person.inverted} for person in deposit.creators],
        "contributors": [{"name": p.inverted, "type": "Other"} for p in deposit.contributors("translators")]
        + [{"name": p.inverted, "type": "DataCurator"} for p in deposit.contributors("encoders")],
        "access_right": "open",
        "license": licence(edition.licence).spdx.lower(),
        "publication_date": deposit.published,
        "version": edition.version,
        "keywords": ["TEI", "digital scholarly edition", "archival documents"],
        "related_identifiers": _related(deposit, "isVariantFormOf", "isDerivedFrom"),
    }
    if edition.doi:
        metadata["doi"] = edition.doi
    code = next((ISO_639_3[c] for c in deposit.languages if c in ISO_639_3), "")
    if code:
        metadata["language"] = code
    return {key: value for key, value in metadata.items() if value}


def _related(deposit: Deposit, edition_relation: str, source_relation: str) -> list[dict]:
    web = [{"identifier": deposit.edition.base_url, "relation": edition_relation, "scheme": "url"}]
    sources = [{"identifier": url, "relation": source_relation, "scheme": "url"} for url in deposit.source_urls]
    return (web if deposit.edition.base_url else []) + sources


# ---------------------------------------------------------------- CITATION.cff

def citation_cff(deposit: Deposit) -> dict:
    edition = deposit.edition
    cff = {
        "cff-version": "1.2.0",
        "message": "If you use this edition, please cite it as below.",
        "type": "dataset",
        "title": edition.title,
        "authors": [_cff_person(person) for person in deposit.creators],
        "version": edition.version,
        "date-released": deposit.published,
        "license": licence(edition.licence).spdx,
        "url": edition.base_url,
        "abstract": deposit.description,
        "keywords": ["TEI", "digital scholarly edition", "archival documents"],
        "identifiers": ([{"type": "doi", "value": edition.doi}] if edition.doi else [])
        + [{"type": "url", "value": url, "description": "The archive's page of a source document"}
           for url in deposit.source_urls],
    }
    if edition.doi:
        cff["doi"] = edition.doi
    return {key: value for key, value in cff.items() if value}


def _cff_person(person: Person) -> dict:
    given, family = person.parts
    return {"given-names": given, "family-names": family} if given else {"name": family}


def cff_text(cff: dict) -> str:
    return "# Generated by tei export zenodo from edition.toml and the TEI headers; do not edit.\n" + yaml.safe_dump(
        cff, allow_unicode=True, sort_keys=False, width=100)


# ---------------------------------------------------------------- DataCite

def _datacite(parent, name: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{DATACITE}}}{name}", {k: v for k, v in attributes.items() if v})
    element.text = text or None
    return element


def datacite_xml(deposit: Deposit) -> bytes:
    edition = deposit.edition
    resource = etree.Element(f"{{{DATACITE}}}resource", nsmap={None: DATACITE, "xsi": XSI})
    resource.set(f"{{{XSI}}}schemaLocation", f"{DATACITE} {DATACITE_SCHEMA}")
    if edition.doi:
        _datacite(resource, "identifier", edition.doi, identifierType="DOI")
    creators = _datacite(resource, "creators")
    for person in deposit.creators:
        _datacite_name(_datacite(creators, "creator"), "creatorName", person)
    _datacite(_datacite(resource, "titles"), "title", edition.title)
    _datacite(resource, "publisher", edition.publisher or ", ".join(edition.editors))
    _datacite(resource, "publicationYear", deposit.published[:4])
    _datacite(resource, "resourceType", "Digital scholarly edition (TEI P5)", resourceTypeGeneral="Dataset")
    _datacite_contributors(resource, deposit)
    _datacite_dates(resource, deposit)
    if deposit.languages:
        _datacite(resource, "language", deposit.languages[0])
    _datacite_related(resource, deposit)
    if edition.version:
        _datacite(resource, "version", edition.version)
    known = licence(edition.licence)
    _datacite(_datacite(resource, "rightsList"), "rights", known.name, rightsURI=known.url,
              rightsIdentifier=known.spdx, rightsIdentifierScheme="SPDX")
    _datacite(_datacite(resource, "descriptions"), "description", deposit.description, descriptionType="Abstract")
    etree.indent(resource)
    return etree.tostring(resource, xml_declaration=True, encoding="UTF-8") + b"\n"


def _datacite_name(holder, element: str, person: Person) -> None:
    given, family = person.parts
    _datacite(holder, element, person.inverted, nameType="Personal" if given else "Organizational")
    if given:
        _datacite(holder, "givenName", given)
        _datacite(holder, "familyName", family)


def _datacite_contributors(resource, deposit: Deposit) -> None:
    roles = [("Translator", p) for p in deposit.contributors("translators")]
    roles += [("DataCurator", p) for p in deposit.contributors("encoders")]
    roles += [("Editor", p) for p in deposit.creators]
    contributors = _datacite(resource, "contributors")
    for role, person in roles:
        _datacite_name(_datacite(contributors, "contributor", contributorType=role), "contributorName", person)


def _datacite_dates(resource, deposit: Deposit) -> None:
    dates = _datacite(resource, "dates")
    _datacite(dates, "date", deposit.published, dateType="Issued")
    first, last = deposit.date_range
    if first:
        _datacite(dates, "date", f"{first}/{last}" if last != first else first, dateType="Other",
                  dateInformation="the dates of the edition's documents")


def _datacite_related(resource, deposit: Deposit) -> None:
    related = _related(deposit, "IsVariantFormOf", "IsDerivedFrom")
    if not related:
        return
    holder = _datacite(resource, "relatedIdentifiers")
    for item in related:
        _datacite(holder, "relatedIdentifier", item["identifier"], relatedIdentifierType="URL",
                  relationType=item["relation"])


# ---------------------------------------------------------------- the three files

def deposit_files(edition, build_date: str, records: list[dict]):
    """The deposit's files and the problems found: a missing key of edition.toml, or a record
    that breaks its JSON Schema (then the record is not written)."""
    from tei.errors import Position
    from tei.names import EditionExports
    from tei.pipeline.model import Diagnostic

    try:
        deposit = deposit_facts(edition, edition.published or build_date, records)
    except DepositError as err:
        return [], [Diagnostic("error", "export-zenodo", str(err), Position("edition.toml", 1, 1), layer="export")]
    from tei.export.jsonschemas import schema_problems

    zenodo, cff = zenodo_json(deposit), citation_cff(deposit)
    checked = ((EditionExports.ZENODO, zenodo, ZENODO_SCHEMA), (EditionExports.CITATION_CFF, cff, CFF_SCHEMA))
    problems = [Diagnostic("error", "export-schema", problem, Position(name, 1, 1), layer="export")
                for name, data, schema in checked for problem in schema_problems(data, schema)]
    if problems:
        return [], problems
    return [(EditionExports.ZENODO, (json.dumps(zenodo, ensure_ascii=False, indent=2) + "\n").encode("utf-8")),
            (EditionExports.CITATION_CFF, cff_text(cff).encode("utf-8")),
            (EditionExports.DATACITE, datacite_xml(deposit))], []
