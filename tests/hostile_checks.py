"""What every output must be, whatever the input: the checks the hostile gallery and the fuzz test share."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

LINKABLE = re.compile(r"^(https?|mailto):", re.IGNORECASE)
HAS_SCHEME = re.compile(r"^[^/?#]*:")
NETWORK_PATH = re.compile(r"^[/\\]{2}")   # another machine, in the page's scheme: a share from file://
# Attributes through which a page would load or follow an address.
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "background", "cite"}
OWN_SCRIPTS = {"assets/edition.js"}
EMBEDDING = {"iframe", "object", "embed", "frame", "frameset", "base", "applet"}
# Where a page's metadata gives an address that reference managers and search engines follow.
ADDRESS_METAS = {"citation_public_url", "citation_pdf_url", "DC.identifier"}
ADDRESS_KEYS = {"url", "URL", "isBasedOn", "license", "sameAs", "@id"}
RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ")
BIBTEX_FIELD = re.compile(r"^  ([a-z]+) = \{(.*)\},$", re.MULTILINE)
ERROR_LINE = re.compile(r"^(tei \w+: )?.+?(:\d+:\d+)?: error: .+")


def is_linkable(address: str) -> bool:
    """http, https, mailto or a relative reference within the site: the only addresses an output may make live."""
    address = " ".join(address.split())
    return bool(LINKABLE.match(address)) or not (HAS_SCHEME.match(address) or NETWORK_PATH.match(address))


def command_problems(status: int, err: str) -> list[str]:
    """An exit status and, when it is not 0, at least one error line `path: error: …`; never a traceback."""
    problems = []
    if "Traceback" in err:
        problems.append(f"a traceback on stderr:\n{err}")
    if status not in (0, 1, 2):
        problems.append(f"exit status {status}")
    if status and not any(ERROR_LINE.match(line) for line in err.splitlines()):
        problems.append(f"exit status {status} without an error line `path: error: …`:\n{err}")
    return problems


def page_problems(path: Path) -> list[str]:
    """A page must be well-formed XHTML and run nothing of the document's: no script, no event
    attribute, nothing embedded, no live address other than http, https, mailto or relative."""
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as err:
        return [f"{path.name}: not well-formed: {err}"]
    problems = []
    for element in root.iter(etree.Element):
        name = etree.QName(element).localname
        if name in EMBEDDING:
            problems.append(f"{path.name}: <{name}> element")
        if name == "script" and not _own_script(element):
            problems.append(f"{path.name}: a script that is not the edition's: {etree.tostring(element)[:80]!r}")
        problems.extend(_attribute_problems(path.name, element))
        problems.extend(_address_problems(path.name, element))
    return problems


def _address_problems(page: str, element: etree._Element) -> list[str]:
    """A metadata tag or JSON-LD value that names an address must name one a page may link to."""
    name = etree.QName(element).localname
    if name == "meta" and element.get("name") in ADDRESS_METAS:
        addresses = [element.get("content", "")]
    elif name == "script" and element.get("type") == "application/ld+json":
        try:
            addresses = list(_json_addresses(json.loads(element.text or "")))
        except ValueError:
            return []  # _own_script reports it
    else:
        return []
    return [f"{page}: metadata names the address {address!r}" for address in addresses if not is_linkable(address)]


def _json_addresses(value) -> list[str]:
    if isinstance(value, dict):
        return [found for key, item in value.items()
                for found in ([item] if key in ADDRESS_KEYS and isinstance(item, str) else _json_addresses(item))]
    if isinstance(value, list):
        return [found for item in value for found in _json_addresses(item)]
    return []


def citation_problems(folder: Path) -> list[str]:
    """The citation files (RIS, BibTeX, CSL-JSON) of a site: each RIS file one record of one tag a line,
    and every address in them one a page may link to."""
    addresses: list[tuple[str, str]] = []
    problems = []
    for path in sorted(folder.rglob("*.ris")):
        lines = path.read_bytes().decode("utf-8").split("\r\n")[:-1]  # RIS ends its lines in CR LF
        problems += [f"{path.name}: not a RIS line: {line!r}" for line in lines if not RIS_LINE.match(line)]
        if [line[:2] for line in lines].count("TY") != 1:
            problems.append(f"{path.name}: not one record")
        addresses += [(path.name, line[6:]) for line in lines if line.startswith("UR  - ")]
    for path in sorted(folder.rglob("*.bib")):
        fields = BIBTEX_FIELD.findall(path.read_text(encoding="utf-8"))
        problems += [f"{path.name}: {name} has unpaired braces, which end it early: {value!r}"
                     for name, value in fields if not _paired_braces(value)]
        addresses += [(path.name, value) for name, value in fields if name == "url"]
    for path in sorted((folder / "cite").glob("*.json")) + sorted(folder.glob("edition.json")):
        addresses += [(path.name, url) for url in _json_addresses(json.loads(path.read_text(encoding="utf-8")))]
    return problems + [f"{name}: address {url!r}" for name, url in addresses if not is_linkable(url)]


def _paired_braces(value: str) -> bool:
    """What BibTeX asks of a value: every brace, "\\{" too, paired."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _own_script(element: etree._Element) -> bool:
    """The edition's own scripts, or its schema.org JSON-LD: data no browser runs, as long as it is
    JSON whose text has no "<" to end the element early."""
    text = element.text or ""
    if element.get("type") == "application/ld+json":
        try:
            json.loads(text)
        except ValueError:
            return False
        return "<" not in text
    return element.get("src") in OWN_SCRIPTS and not text.strip()


def _attribute_problems(page: str, element: etree._Element) -> list[str]:
    problems = []
    for attribute, value in element.attrib.items():
        name = etree.QName(attribute).localname.lower()
        if name.startswith("on"):
            problems.append(f"{page}: event attribute {name}={value!r}")
        elif name in ADDRESS_ATTRIBUTES and not is_linkable(value):
            problems.append(f"{page}: live address {name}={value!r}")
    return problems


def site_problems(folder: Path) -> list[str]:
    return ([problem for page in sorted(folder.rglob("*.html")) for problem in page_problems(page)]
            + citation_problems(folder))


def pdf_problems(path: Path) -> list[str]:
    """A PDF may link only to http, https or mailto addresses and may run no script: it has no address
    of its own, so a reader would take a relative one as a file beside it or a network share."""
    data = path.read_bytes()
    problems = [f"{path.name}: JavaScript action" for marker in (b"/JavaScript", b"/JS ") if marker in data]
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A", {})
            address = action.get("/URI") if action else None
            if address is not None and not LINKABLE.match(" ".join(str(address).split())):
                problems.append(f"{path.name}: link to {address!r}")
            if action and action.get("/S") not in (None, "/URI", "/GoTo"):
                problems.append(f"{path.name}: action {action.get('/S')}")
    return problems


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
