"""The `dts` export: the edition as a static Distributed Text Services API, under the web edition.

It follows the DTS specification version 1-alpha (`dtsVersion` "1-alpha", the public working
draft at distributed-text-services.github.io/specifications/versions/1-alpha/) at its Level 0:
files a static host serves, with path-form URI templates (RFC 6570), since static hosts ignore
query strings:

    entry       dts/index.json
    collection  dts/collection{/id}{;nav}.json          the edition, each document, nav=parents
    navigation  dts/navigation/{resource}{;down}{/ref}.json
    document    tei/{resource}.xml                      the TEI itself, whole

The citation tree of a document has two levels: its texts (original, translation), then their
paragraphs and the other blocks a reader can point at, identified by their `xml:id`s (or the
stable anchors the web pages use). What a static host cannot answer is not written, and the
host's 404 stands for DTS's error: navigation `start`, `end`, `tree`, `page`, a `down` other than
1 or -1, `ref` below the texts; document `ref`, `start`, `end`, `tree`, `mediaType`; collection
`page`.
"""

from __future__ import annotations

import json
import re

from tei.names import DocumentOutputs, EditionExports

DTS_VERSION = "1-alpha"
DTS_SCHEMA = "dts-1-alpha.schema.json"     # written from the 1-alpha specification's tables
CONTEXT = "https://distributed-text-services.github.io/specifications/context/1-alpha1.json"
ROOT_ID = "edition"
CITE_TYPES = {"p": "paragraph", "head": "heading", "item": "item", "l": "line", "ab": "block",
              "salute": "salute", "dateline": "dateline", "signed": "signature", "seg": "notation",
              "fw": "sheet"}


class DtsError(ValueError):
    """edition.toml lacks what the static API needs; the message names the key."""


class StaticApi:
    """The addresses of the static API under the edition's `base_url`: the templates and each file."""

    def __init__(self, base_url: str) -> None:
        if not base_url:
            raise DtsError("edition.base_url is empty; DTS identifies its endpoints and documents by "
                           "absolute URLs: give the web edition's address")
        self.base = base_url.rstrip("/") + "/"

    def url(self, path: str) -> str:
        """The published address of a file under web/ (path relative to web/)."""
        return self.base + path

    entry = "dts/index.json"
    collection_template = "dts/collection{/id}{;nav}.json"
    navigation_template = "dts/navigation/{resource}{;down}{/ref}.json"
    document_template = DocumentOutputs("{resource}").tei_download.removeprefix("web/")   # the TEI itself

    @staticmethod
    def collection(identifier: str = "", parents: bool = False) -> str:
        nav = ";nav=parents" if parents else ""
        return "dts/collection" + (f"/{identifier}" if identifier else "") + nav + ".json"

    @staticmethod
    def navigation(resource: str, down: int | None = None, ref: str = "") -> str:
        down_part = f";down={down}" if down is not None else ""
        return f"dts/navigation/{resource}{down_part}" + (f"/{ref}" if ref else "") + ".json"


def _units(record: dict) -> list[dict]:
    """Every CitableUnit of a document, in document order (pre-order, depth first)."""
    units = []
    for text in record["texts"]:
        units.append({"identifier": text["id"], "@type": "CitableUnit", "level": 1, "parent": None,
                      "citeType": "text", "dublinCore": {"language": [text["lang"]]} if text["lang"] else {}})
        units += [{"identifier": block["id"], "@type": "CitableUnit", "level": 2, "parent": text["id"],
                   "citeType": CITE_TYPES.get(block["kind"], block["kind"])} for block in text["blocks"]]
    return [{key: value for key, value in unit.items() if value != {}} for unit in units]


def _citation_trees(record: dict) -> list[dict]:
    kinds = list(dict.fromkeys(CITE_TYPES.get(b["kind"], b["kind"]) for t in record["texts"] for b in t["blocks"]))
    inner = [{"@type": "CiteStructure", "citeType": kind} for kind in kinds]
    structure = {"@type": "CiteStructure", "citeType": "text", **({"citeStructure": inner} if inner else {})}
    return [{"@type": "CitationTree", "maxCiteDepth": 2 if inner else 1, "citeStructure": [structure]}]


def _dublin_core(record: dict) -> dict:
    facts = {"title": [{"lang": "en", "value": record["title"]}], "date": record["date"],
             "creator": [record["sender"]] if record["sender"] else [],
             "language": record["languages"], "source": [record["sourceUrl"]] if record["sourceUrl"] else []}
    return {key: value for key, value in facts.items() if value}


class DtsWriter:
    """Every file of the static API for an edition's documents (name, export record)."""

    def __init__(self, edition, documents: list[tuple[str, dict]]) -> None:
        self.api = StaticApi(edition.base_url)
        self.edition = edition
        self.documents = documents

    def _top(self, type_: str, identifier: str) -> dict:
        return {"@context": CONTEXT, "dtsVersion": DTS_VERSION, "@id": identifier, "@type": type_}

    def files(self) -> list[tuple[str, bytes]]:
        found = [(self.api.entry, self.entry()), (self.api.collection(), self.root_collection())]
        for name, record in self.documents:
            found += [(self.api.collection(name), self.resource(name, record, top=True)),
                      (self.api.collection(name, parents=True), self.parents(name, record))]
            found += self.navigations(name, record)
        return [(f"{EditionExports.DTS}/{path.removeprefix('dts/')}", _json(data)) for path, data in found]

    def entry(self) -> dict:
        return {**self._top("EntryPoint", self.api.url(self.api.entry)),
                "collection": self.api.url(self.api.collection_template),
                "navigation": self.api.url(self.api.navigation_template),
                "document": self.api.url(self.api.document_template)}

    def _collection_facts(self) -> dict:
        return {"title": self.edition.title, "totalItems": len(self.documents), "totalParents": 0,
                "totalChildren": len(self.documents),
                "dublinCore": {"title": [{"lang": "en", "value": self.edition.title}],
                               **({"creator": list(self.edition.editors)} if self.edition.editors else {}),
                               **({"publisher": [self.edition.publisher]} if self.edition.publisher else {})}}

    def root_collection(self) -> dict:
        return {**self._top("Collection", ROOT_ID), **self._collection_facts(),
                "member": [self.resource(name, record, top=False) for name, record in self.documents]}

    def resource(self, name: str, record: dict, top: bool) -> dict:
        trees = _citation_trees(record)
        resource = {"@id": name, "@type": "Resource", "title": record["title"], "totalItems": 0,
                    "totalParents": 1, "totalChildren": 0, "maxCiteDepth": trees[0]["maxCiteDepth"],
                    "dublinCore": _dublin_core(record),
                    "document": self.api.url(self.api.document_template.replace("{resource}", name)),
                    "navigation": self.api.url(self.api.navigation_template.replace("{resource}", name)),
                    "download": self.api.url(DocumentOutputs(name).tei_download.removeprefix("web/")),
                    "mediaTypes": ["application/tei+xml"], "citationTrees": trees}
        if record["summary"]:
            resource["description"] = record["summary"]
        return {"@context": CONTEXT, "dtsVersion": DTS_VERSION, **resource} if top else resource

    def parents(self, name: str, record: dict) -> dict:
        root = {"@id": ROOT_ID, "@type": "Collection", **self._collection_facts()}
        return {**self.resource(name, record, top=True), "totalItems": 1, "member": [root]}

    def _navigation(self, path: str, name: str, record: dict, **parts) -> dict:
        resource = {"@id": name, "@type": "Resource",
                    "collection": self.api.url(self.api.collection_template), "citationTrees": _citation_trees(record),
                    "mediaTypes": ["application/tei+xml"]}
        return {**self._top("Navigation", self.api.url(path)),
                "passage": self.api.url(self.api.document_template),
                "navigation": self.api.url(self.api.navigation_template), "resource": resource, **parts}

    def navigations(self, name: str, record: dict) -> list[tuple[str, dict]]:
        """down=1 (the texts), down=-1 (the whole tree), and for each text: ref, and ref with down=-1."""
        units = _units(record)
        files = []
        for down, members in ((1, [u for u in units if u["level"] == 1]), (-1, units)):
            path = self.api.navigation(name, down)
            files.append((path, self._navigation(path, name, record, member=members)))
        for text in (u for u in units if u["level"] == 1):
            path = self.api.navigation(name, ref=text["identifier"])
            files.append((path, self._navigation(path, name, record, ref=text)))
            path = self.api.navigation(name, -1, text["identifier"])
            children = [u for u in units if u["parent"] == text["identifier"]]
            files.append((path, self._navigation(path, name, record, ref=text, member=children)))
        return files


def _json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dts_export(edition, documents: list[tuple[str, dict]], with_web: bool = True):
    """Every file of the static API and what the DTS schema finds wrong in them; or a missing key of edition.toml.

    The document endpoint is the web edition's TEI download, so the API needs the web edition.
    """
    from tei.errors import Position
    from tei.export.jsonschemas import schema_problems
    from tei.pipeline.model import Diagnostic

    try:
        if not with_web:
            raise DtsError('outputs.formats has "dts" without "web"; the DTS document endpoint is the web '
                           "edition's TEI download (web/tei/NAME.xml): add \"web\"")
        files = DtsWriter(edition, documents).files()
    except DtsError as err:
        return [], [Diagnostic("error", "export-dts", str(err), Position("edition.toml", 1, 1), layer="export")]
    problems = [Diagnostic("error", "export-schema", problem, Position(name, 1, 1), layer="export")
                for name, data in _checked(files, documents)
                for problem in schema_problems(json.loads(data), DTS_SCHEMA)]
    return files, problems


def _checked(files: list[tuple[str, bytes]], documents: list[tuple[str, dict]]) -> list[tuple[str, bytes]]:
    """The files the schema checks: the entry point, the edition's collection (which lists every
    document as a member), every document's whole tree (all its units), and every file of the
    first document (each shape of response once). The other files hold subsets of those facts,
    and jsonschema takes about 7 ms a file: checking all of them tripled the stage's time."""
    api = StaticApi
    paths = [api.entry, api.collection()] + [api.navigation(name, -1) for name, _ in documents]
    wanted = {f"{EditionExports.DTS}/{path.removeprefix('dts/')}" for path in paths}
    first = re.escape(documents[0][0]) if documents else "(?!)"
    of_first = re.compile(rf"{EditionExports.DTS}/(collection|navigation)/{first}[;/.]")
    return [(name, data) for name, data in files if name in wanted or of_first.match(name)]
