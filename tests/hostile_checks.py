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
# Attributes through which a page would load or follow an address.
ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "background", "cite"}
OWN_SCRIPTS = {"assets/edition.js"}
EMBEDDING = {"iframe", "object", "embed", "frame", "frameset", "base", "applet"}
ERROR_LINE = re.compile(r"^(tei \w+: )?.+?(:\d+:\d+)?: error: .+")


def is_linkable(address: str) -> bool:
    """http, https, mailto or a relative reference: the only addresses an output may make live."""
    address = " ".join(address.split())
    return bool(LINKABLE.match(address)) or not HAS_SCHEME.match(address)


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
    return problems


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
    return [problem for page in sorted(folder.rglob("*.html")) for problem in page_problems(page)]


def pdf_problems(path: Path) -> list[str]:
    """A PDF may link only to http, https, mailto or relative addresses and may run no script."""
    data = path.read_bytes()
    problems = [f"{path.name}: JavaScript action" for marker in (b"/JavaScript", b"/JS ") if marker in data]
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A", {})
            address = action.get("/URI") if action else None
            if address is not None and not is_linkable(str(address)):
                problems.append(f"{path.name}: link to {address!r}")
            if action and action.get("/S") not in (None, "/URI", "/GoTo"):
                problems.append(f"{path.name}: action {action.get('/S')}")
    return problems


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
