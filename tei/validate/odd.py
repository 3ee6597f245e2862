"""Derive the edition's RELAX NG, XML Schema and Schematron files from its ODD.

The ODD states content models in "pure ODD" (sequence, alternate, elementRef, macroRef,
textNode, empty) and attribute types with dataRef and closed valLists. That small vocabulary
translates directly to both grammar languages, so one source gives both; the Schematron
patterns inside constraintSpec are copied out, one file per topic (the part of the pattern
id before the first hyphen).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei.errors import TeiToolkitError
from tei.xmlsafe import parse_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSD_TYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
NS = {"tei": TEI_NS, "sch": SCH_NS}

# TEI datatypes the ODD refers to by key: (XSD built-in type, pattern or None).
DATATYPES = {
    "teidata.pointer": ("anyURI", None),
    "teidata.language": ("language", None),
    "teidata.word": ("token", r"[^\s]+"),
    "teidata.text": ("string", None),
}

UNBOUNDED = None


class OddError(TeiToolkitError):
    """The ODD uses a construct the schema generator does not translate."""


@dataclass(frozen=True)
class Particle:
    """One node of a content model: text, empty, an element, or a sequence/choice of particles."""

    kind: str
    min: int = 1
    max: int | None = 1
    key: str = ""
    children: tuple[Particle, ...] = ()


@dataclass(frozen=True)
class Attribute:
    """An attribute: closed values, or a datatype (possibly a whitespace-separated list)."""

    name: str
    required: bool
    values: tuple[str, ...] = ()
    datatype: str = "string"
    pattern: str | None = None
    is_list: bool = False


@dataclass
class Customisation:
    """Everything the generators need, read once from the ODD."""

    start: str
    content: dict[str, Particle] = field(default_factory=dict)
    attributes: dict[str, list[Attribute]] = field(default_factory=dict)
    patterns: list[etree._Element] = field(default_factory=list)


# ---------------------------------------------------------------- reading the ODD


def _occurs(node: etree._Element) -> tuple[int, int | None]:
    low = int(node.get("minOccurs", "1"))
    high = node.get("maxOccurs", "1")
    return low, (UNBOUNDED if high == "unbounded" else int(high))


def _with_occurs(particle: Particle, low: int, high: int | None) -> Particle:
    if (low, high) == (1, 1):
        return particle
    if (particle.min, particle.max) == (1, 1) and particle.kind != "text":
        return Particle(particle.kind, low, high, particle.key, particle.children)
    return Particle("sequence", low, high, children=(particle,))


def _flatten_choice(children: list[Particle], repeatable: bool) -> tuple[Particle, ...]:
    """Merge nested choices and drop duplicates: XML Schema forbids ambiguous choices."""
    flat: list[Particle] = []
    for child in children:
        nested = child.kind == "choice" and (
            (child.min, child.max) == (1, 1) or (repeatable and child.max is UNBOUNDED)
        )
        for item in child.children if nested else (child,):
            if item not in flat:
                flat.append(item)
    return tuple(flat)


def _particle(node: etree._Element, macros: dict[str, etree._Element]) -> Particle:
    tag = etree.QName(node).localname
    low, high = _occurs(node)
    if tag == "textNode":
        return Particle("text")
    if tag == "empty":
        return Particle("empty")
    if tag == "elementRef":
        return Particle("element", low, high, node.get("key"))
    if tag == "macroRef":
        key = node.get("key")
        if key not in macros:
            raise OddError(f"macroRef to undefined macro {key!r} (line {node.sourceline})")
        return _with_occurs(_particle(macros[key], macros), low, high)
    if tag in ("sequence", "alternate"):
        children = [_particle(child, macros) for child in _model_children(node)]
        if tag == "sequence":
            return Particle("sequence", low, high, children=tuple(children))
        return Particle("choice", low, high, children=_flatten_choice(children, high is UNBOUNDED and low == 0))
    raise OddError(f"unsupported content construct <{tag}> at line {node.sourceline}")


def _model_children(node: etree._Element) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str) and child.tag.startswith("{" + TEI_NS)]


def _content(spec: etree._Element, macros: dict[str, etree._Element]) -> Particle:
    content = spec.find("tei:content", NS)
    if content is None:
        raise OddError(f"elementSpec {spec.get('ident')!r} has no content model (line {spec.sourceline})")
    children = _model_children(content)
    if len(children) != 1:
        raise OddError(f"content of {spec.get('ident')!r} must have one root particle")
    return _particle(children[0], macros)


def _attribute(att_def: etree._Element) -> Attribute:
    name = att_def.get("ident")
    required = att_def.get("usage") == "req"
    values = tuple(item.get("ident") for item in att_def.iterfind("tei:valList/tei:valItem", NS))
    if values:
        return Attribute(name, required, values=values)
    datatype = att_def.find("tei:datatype", NS)
    ref = datatype.find("tei:dataRef", NS) if datatype is not None else None
    if ref is None:
        raise OddError(f"attDef {name!r} has neither a valList nor a datatype (line {att_def.sourceline})")
    if ref.get("key"):
        if ref.get("key") not in DATATYPES:
            raise OddError(f"unknown datatype {ref.get('key')!r} (line {ref.sourceline})")
        base, pattern = DATATYPES[ref.get("key")]
    else:
        base, pattern = ref.get("name"), ref.get("restriction")
    is_list = datatype.get("maxOccurs", "1") != "1"
    return Attribute(name, required, datatype=base, pattern=pattern, is_list=is_list)


def _attributes(spec: etree._Element, global_atts: list[Attribute]) -> list[Attribute]:
    own = [_attribute(a) for a in spec.iterfind("tei:attList/tei:attDef", NS) if a.get("mode") != "delete"]
    own_names = {a.name for a in own}
    return [a for a in global_atts if a.name not in own_names] + own


def read_odd(path: str | Path) -> Customisation:
    """Read the schemaSpec of an ODD file into a `Customisation`."""
    tree = parse_xml(Path(path))
    spec = tree.find(".//tei:schemaSpec", NS)
    if spec is None:
        raise OddError(f"{path}: no schemaSpec")
    macros = {m.get("ident"): _model_children(m.find("tei:content", NS))[0] for m in spec.iterfind("tei:macroSpec", NS)}
    global_atts = [
        _attribute(a) for a in spec.iterfind("tei:classSpec[@ident='att.global']/tei:attList/tei:attDef", NS)
    ]
    odd = Customisation(start=spec.get("start", "TEI"))
    for element in spec.iterfind("tei:elementSpec", NS):
        name = element.get("ident")
        odd.content[name] = _content(element, macros)
        odd.attributes[name] = _attributes(element, global_atts)
    odd.patterns = list(spec.iterfind(".//tei:constraintSpec/tei:constraint/sch:pattern", NS))
    _check_included(spec, odd)
    return odd


def _check_included(spec: etree._Element, odd: Customisation) -> None:
    """The moduleRef include lists and the elementSpecs must name the same elements."""
    included = {"TEI"} | {
        name for ref in spec.iterfind("tei:moduleRef[@include]", NS) for name in ref.get("include").split()
    }
    specified = set(odd.content)
    if included != specified:
        raise OddError(
            "moduleRef includes and elementSpecs differ: "
            f"only included {sorted(included - specified)}, "
            f"only specified {sorted(specified - included)}"
        )


# ---------------------------------------------------------------- RELAX NG


def _rng(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    name = f"{{{RNG_NS}}}{tag}"
    return etree.SubElement(parent, name, attrs) if parent is not None else etree.Element(name, attrs)


def _rng_occurs(parent: etree._Element, low: int, high: int | None) -> etree._Element:
    wrappers = {
        (0, 1): "optional",
        (0, UNBOUNDED): "zeroOrMore",
        (1, UNBOUNDED): "oneOrMore",
        (1, 1): None,
    }
    if (low, high) not in wrappers:
        raise OddError(f"occurrence {low}..{high} cannot be written in RELAX NG by this generator")
    tag = wrappers[(low, high)]
    return _rng(tag, parent) if tag else parent


def _rng_particle(parent: etree._Element, particle: Particle) -> None:
    target = _rng_occurs(parent, particle.min, particle.max)
    if particle.kind in ("text", "empty"):
        _rng(particle.kind, target)
    elif particle.kind == "element":
        _rng("ref", target, name=particle.key)
    else:
        group = _rng("group" if particle.kind == "sequence" else "choice", target)
        for child in particle.children:
            _rng_particle(group, child)


def _rng_data(parent: etree._Element, att: Attribute) -> None:
    if att.values:
        choice = _rng("choice", parent)
        for value in att.values:
            _rng("value", choice).text = value
        return
    holder = _rng("oneOrMore", _rng("list", parent)) if att.is_list else parent
    data = _rng("data", holder, type=att.datatype)
    if att.pattern:
        _rng("param", data, name="pattern").text = att.pattern


def _rng_attribute(parent: etree._Element, att: Attribute) -> None:
    holder = parent if att.required else _rng("optional", parent)
    _rng_data(_rng("attribute", holder, name=att.name), att)


def to_relaxng(odd: Customisation) -> bytes:
    """The RELAX NG grammar (XML syntax) for the customisation."""
    grammar = etree.Element(f"{{{RNG_NS}}}grammar", {"ns": TEI_NS, "datatypeLibrary": XSD_TYPES}, nsmap={None: RNG_NS})
    grammar.append(etree.Comment(" Generated from edition.odd by `tei schemas build`; do not edit. "))
    starts = odd.start.split()      # start="TEI teiCorpus": either may be the root
    start = _rng("start", grammar)
    holder = _rng("choice", start) if len(starts) > 1 else start
    for name in starts:
        _rng("ref", holder, name=name)
    for name in sorted(odd.content):
        element = _rng("element", _rng("define", grammar, name=name), name=name)
        for att in odd.attributes[name]:
            _rng_attribute(element, att)
        _rng_particle(element, odd.content[name])
    return _serialise(grammar)


# ---------------------------------------------------------------- XML Schema


def _xsd(tag: str, parent: etree._Element, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XSD_NS}}}{tag}", attrs)


def _xsd_occurs(particle: Particle) -> dict[str, str]:
    attrs = {}
    if particle.min != 1:
        attrs["minOccurs"] = str(particle.min)
    if particle.max != 1:
        attrs["maxOccurs"] = "unbounded" if particle.max is UNBOUNDED else str(particle.max)
    return attrs


def _without_text(particle: Particle) -> Particle | None:
    """The particle with text removed (XML Schema says "mixed" instead); None if nothing is left."""
    if particle.kind in ("text", "empty"):
        return None
    if particle.kind == "element":
        return particle
    children = tuple(c for c in (_without_text(child) for child in particle.children) if c is not None)
    if not children:
        return None
    return Particle(particle.kind, particle.min, particle.max, children=children)


def _has_text(particle: Particle) -> bool:
    return particle.kind == "text" or any(_has_text(child) for child in particle.children)


def _xsd_particle(parent: etree._Element, particle: Particle) -> None:
    if particle.kind == "element":
        _xsd("element", parent, ref=f"tei:{particle.key}", **_xsd_occurs(particle))
        return
    group = _xsd("sequence" if particle.kind == "sequence" else "choice", parent, **_xsd_occurs(particle))
    for child in particle.children:
        _xsd_particle(group, child)


def _xsd_simple_type(parent: etree._Element, att: Attribute) -> None:
    simple = _xsd("simpleType", parent)
    if att.values:
        restriction = _xsd("restriction", simple, base="xs:token")
        for value in att.values:
            _xsd("enumeration", restriction, value=value)
        return
    if att.is_list:
        restriction = _xsd("restriction", simple)
        item_type = _xsd("simpleType", restriction)
        _xsd_item_type(_xsd("list", item_type), att)
        _xsd("minLength", restriction, value="1")
        return
    _xsd_pattern(_xsd("restriction", simple, base=f"xs:{att.datatype}"), att)


def _xsd_item_type(list_element: etree._Element, att: Attribute) -> None:
    if att.pattern:
        _xsd_pattern(_xsd("restriction", _xsd("simpleType", list_element), base=f"xs:{att.datatype}"), att)
    else:
        list_element.set("itemType", f"xs:{att.datatype}")


def _xsd_pattern(restriction: etree._Element, att: Attribute) -> None:
    if att.pattern:
        _xsd("pattern", restriction, value=att.pattern)


def _xsd_attribute(parent: etree._Element, att: Attribute) -> None:
    use = "required" if att.required else "optional"
    if att.name.startswith("xml:"):
        _xsd("attribute", parent, ref=att.name, use=use)
        return
    _xsd_simple_type(_xsd("attribute", parent, name=att.name, use=use), att)


def to_xsd(odd: Customisation) -> bytes:
    """The XML Schema for the customisation: the same grammar as `to_relaxng`."""
    schema = etree.Element(
        f"{{{XSD_NS}}}schema",
        {"targetNamespace": TEI_NS, "elementFormDefault": "qualified"},
        nsmap={"xs": XSD_NS, "tei": TEI_NS},
    )
    schema.append(etree.Comment(" Generated from edition.odd by `tei schemas build`; do not edit. "))
    _xsd("import", schema, namespace=XML_NS, schemaLocation="xml.xsd")
    for name in sorted(odd.content):
        particle = odd.content[name]
        complex_type = _xsd("complexType", _xsd("element", schema, name=name))
        if _has_text(particle):
            complex_type.set("mixed", "true")
        model = _without_text(particle)
        if model is not None:
            _xsd_particle(
                complex_type,
                model if model.kind != "element" else Particle("sequence", children=(model,)),
            )
        for att in odd.attributes[name]:
            _xsd_attribute(complex_type, att)
    return _serialise(schema)


# ---------------------------------------------------------------- Schematron

TOPICS = ("pointers", "hands", "dates", "segments", "content", "header", "names")
# The XPath extensions a rule may call, declared in the files whose rules do: EXSLT's regular
# expressions (re:match, re:test), which lxml's XPath 1.0 provides.
XPATH_EXTENSIONS = {"re": "http://exslt.org/regular-expressions"}


def topic_of(pattern: etree._Element) -> str:
    topic = pattern.get("id", "").split("-", 1)[0]
    if topic not in TOPICS:
        raise OddError(
            f"Schematron pattern {pattern.get('id')!r} (line {pattern.sourceline}) has no known topic prefix {TOPICS}"
        )
    return topic


def to_schematron(odd: Customisation) -> dict[str, bytes]:
    """One ISO Schematron file per topic, keyed by topic name."""
    files = {}
    for topic in TOPICS:
        schema = etree.Element(f"{{{SCH_NS}}}schema", {"queryBinding": "xslt"}, nsmap={"sch": SCH_NS})
        schema.append(etree.Comment(" Generated from edition.odd by `tei schemas build`; do not edit. "))
        etree.SubElement(schema, f"{{{SCH_NS}}}title").text = f"tei-edition rules: {topic}"
        etree.SubElement(schema, f"{{{SCH_NS}}}ns", prefix="tei", uri=TEI_NS)
        patterns = [_clean_copy(pattern) for pattern in odd.patterns if topic_of(pattern) == topic]
        for prefix, uri in _extensions_called(patterns).items():
            etree.SubElement(schema, f"{{{SCH_NS}}}ns", prefix=prefix, uri=uri)
        schema.extend(patterns)
        files[topic] = _serialise(schema)
    return files


def _extensions_called(patterns: list[etree._Element]) -> dict[str, str]:
    """The XPath extensions (`XPATH_EXTENSIONS`) that the expressions of `patterns` call."""
    expressions = " ".join(value for pattern in patterns for node in pattern.iter() for value in node.attrib.values())
    return {prefix: uri for prefix, uri in XPATH_EXTENSIONS.items() if re.search(rf"\b{prefix}:\w", expressions)}


def _clean_copy(pattern: etree._Element) -> etree._Element:
    """A copy of a pattern without the ODD's TEI namespace declaration or source indentation."""
    text = etree.tostring(pattern)
    copied = etree.fromstring(text, etree.XMLParser(remove_blank_text=True))
    etree.cleanup_namespaces(copied, top_nsmap={"sch": SCH_NS})
    copied.tail = None
    return copy.deepcopy(copied)


# ---------------------------------------------------------------- all outputs


def _serialise(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# The attributes of the XML namespace the edition uses, so that edition.xsd needs no download.
XML_ATTRIBUTES = (("id", "xs:ID"), ("lang", "xs:language"))


def xml_namespace_xsd() -> bytes:
    """A minimal schema for xml:id and xml:lang, imported by edition.xsd."""
    schema = etree.Element(f"{{{XSD_NS}}}schema", {"targetNamespace": XML_NS}, nsmap={"xs": XSD_NS})
    schema.append(etree.Comment(" Generated by `tei schemas build`: xml:id and xml:lang only. "))
    for name, datatype in XML_ATTRIBUTES:
        _xsd("attribute", schema, name=name, type=datatype)
    return _serialise(schema)


def generate(odd_path: str | Path) -> dict[str, bytes]:
    """Every derived schema file, keyed by file name, from the ODD at `odd_path`."""
    odd = read_odd(odd_path)
    outputs = {
        "edition.rng": to_relaxng(odd),
        "edition.xsd": to_xsd(odd),
        "xml.xsd": xml_namespace_xsd(),
    }
    for topic, data in to_schematron(odd).items():
        outputs[f"{topic}.sch"] = data
    return outputs
