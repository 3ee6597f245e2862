"""Names, dates and OCR corrections the recogniser marked → TEI, and what the header declares for them.

The element of each kind of name comes from the authority kinds (`tei.authority.KINDS`); a
name's `@ref` is a prefixed pointer (`person:kim-il-sung`) that the header's `listPrefixDef`
expands to the entry in the authority list. A date whose year the text omits carries
`cert="medium"` and `resp="#year-inference"`, an agent the header declares.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from tei.authority import KIND_BY_NAME, KIND_BY_PREFIX, KINDS, LISTS_FOLDER
from tei.conventions import TEI_NS
from tei.reader.model import Node
from tei.writer.inline import XML_ID, tei

YEAR_INFERENCE = "year-inference"


@dataclass
class EntityUse:
    """What the names and dates written so far need the header to declare."""

    prefixes: set[str] = field(default_factory=set)
    inferred_year: bool = False


def entity_writers(use: EntityUse) -> dict[str, Callable[[Node, etree._Element], etree._Element]]:
    """The element makers of the recogniser's nodes, by node name; they note in `use` what they wrote."""
    def write(node: Node, parent):
        return tei(*entity_element(node, use), parent=parent)

    writers: dict[str, Callable[[Node, etree._Element], etree._Element]] = {kind.name: write for kind in KINDS}
    writers["date"] = write
    writers["correction"] = _correction
    return writers


def entity_element(node: Node, use: EntityUse) -> tuple[str, dict[str, str]]:
    """The tag and attributes of a name or date the recogniser found, noted in `use`: a name with its
    ref (and cert="medium" when the document's context decided between two entries), a date with
    its @when (and, for an inferred year, its cert and the inference's resp)."""
    if node.name == "date":
        attributes = {"when": node.data["when"]}
        if node.data.get("inferred"):
            attributes.update(cert="medium", resp=f"#{YEAR_INFERENCE}")
            use.inferred_year = True
        return "date", attributes
    use.prefixes.add(node.data["ref"].split(":", 1)[0])
    cert = {"cert": node.data["cert"]} if "cert" in node.data else {}
    return KIND_BY_NAME[node.name].name_element, {"ref": node.data["ref"], **cert}


def _correction(node: Node, parent: etree._Element) -> etree._Element:
    """choice/sic holds the text as written (the children go there), corr the reading it stands for."""
    choice = tei("choice", parent=parent)
    sic = tei("sic", parent=choice)
    tei("corr", {"resp": "#encoder"}, node.data["corr"], parent=choice)
    return sic


def declare_entities(root, use: EntityUse | None = None) -> None:
    """Declare in the header the pointer prefixes the names use and the agent of inferred years.

    The encoder passes its own tree (`tei.writer.tree`) and what its writers noted; the editors'
    layer, which adds names to the header only, passes an lxml tree and nothing, and the header is
    looked at. Only `find` (a child), `iter` and `get` are used, which both trees have. What is
    declared already is kept.
    """
    t = f"{{{TEI_NS}}}"
    header = root.find(t + "teiHeader")
    if use is None:
        use = _use_in(header)
    encoding = header.find(t + "encodingDesc")
    definitions = encoding.find(t + "listPrefixDef")
    declared = {d.get("ident") for d in definitions.iter(t + "prefixDef")} if definitions is not None else set()
    prefixes = sorted(use.prefixes & set(KIND_BY_PREFIX) - declared)
    title_statement = header.find(t + "fileDesc").find(t + "titleStmt")
    if use.inferred_year and not any(n.get(XML_ID) == YEAR_INFERENCE for n in title_statement.iter(t + "name")):
        statement = _make("respStmt", parent=title_statement)
        _make("resp", text="Years of the dates the text gives without one, inferred from the document's date",
              parent=statement)
        _make("name", {XML_ID: YEAR_INFERENCE}, "tei-edition year inference", parent=statement)
    if prefixes and definitions is None:
        definitions = _make("listPrefixDef", parent=encoding)
    for prefix in prefixes:
        kind = KIND_BY_PREFIX[prefix]
        definition = _make("prefixDef", {"ident": prefix, "matchPattern": "([a-z0-9-]+)",
                                         "replacementPattern": f"{LISTS_FOLDER}/{kind.file}#$1"},
                           parent=definitions)
        _make("p", text=f"{KIND_BY_NAME[kind.name].name_element}/@ref: an entry of the edition's list of "
              f"{kind.plural}", parent=definition)


def _use_in(header) -> EntityUse:
    """What the names and dates of a header need declared, found in one walk of it."""
    names, date = {f"{{{TEI_NS}}}{kind.name_element}" for kind in KINDS}, f"{{{TEI_NS}}}date"
    use = EntityUse()
    for element in header.iter():
        if element.tag in names:
            ref = element.get("ref")
            if ref and ":" in ref:
                use.prefixes.add(ref.split(":", 1)[0])
        elif element.tag == date and element.get("resp") == f"#{YEAR_INFERENCE}":
            use.inferred_year = True
    return use


def _make(tag: str, attrib: dict[str, str] | None = None, text: str | None = None, parent=None):
    """An element inside `parent`, of the parent's kind of tree: lxml's, or the writer's."""
    if isinstance(parent, etree._Element):
        element = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", attrib or {})
        if text is not None:
            element.text = text
        return element
    return tei(tag, attrib, text, parent=parent)
