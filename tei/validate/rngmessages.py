"""Turn libxml2's terse RELAX NG messages into ones that say what is allowed.

libxml2 says "Invalid attribute reason for element supplied" both for an unknown attribute
and for a value outside a closed list. The edition's grammar (edition.rng) knows which: the
attribute table read from it lets the validator say "reason="omited" on supplied is not one
of: omitted, identification", from the same data the schema enforces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

RNG = "{http://relaxng.org/ns/structure/1.0}"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"

_INVALID_ATTRIBUTE = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_FAILED_ATTRIBUTES = re.compile(r"Element (\S+) failed to validate attributes")
_UNEXPECTED = re.compile(r"Did not expect element (\S+) there")
_EXTRA = re.compile(r"Element (\S+) has extra content: (\S+)")


@dataclass(frozen=True)
class AttributeRule:
    required: bool
    values: tuple[str, ...]
    datatype: str


def attribute_table(grammar: etree._ElementTree) -> dict[str, dict[str, AttributeRule]]:
    """element name → attribute name → rule, read from a generated edition grammar."""
    table: dict[str, dict[str, AttributeRule]] = {}
    for element in grammar.iter(RNG + "element"):
        rules = table.setdefault(element.get("name"), {})
        for attribute in element.iter(RNG + "attribute"):
            optional = attribute.getparent().tag == RNG + "optional"
            values = tuple(v.text or "" for v in attribute.iter(RNG + "value"))
            data = attribute.find(f".//{RNG}data")
            datatype = data.get("type") if data is not None else "token"
            pattern = data.findtext(f"{RNG}param") if data is not None else None
            rules[attribute.get("name")] = AttributeRule(not optional, values, pattern or datatype)
    return table


def children_table(grammar: etree._ElementTree) -> dict[str, tuple[str, ...]]:
    """element name → the elements it may contain, read from a generated edition grammar."""
    return {
        element.get("name"): tuple(sorted({ref.get("name") for ref in element.iter(RNG + "ref")}))
        for element in grammar.iter(RNG + "element")
    }


def _attribute_value(element: etree._Element | None, name: str) -> str | None:
    if element is None:
        return None
    key = XML_NS + name[4:] if name.startswith("xml:") else name
    return element.get(key)


def _element_at(tree: etree._ElementTree, line: int, name: str) -> etree._Element | None:
    for element in tree.iter():
        if isinstance(element.tag, str) and element.sourceline == line and etree.QName(element).localname == name:
            return element
    return None


def explain(
    message: str,
    line: int,
    tree: etree._ElementTree,
    table: dict[str, dict[str, AttributeRule]],
    children: dict[str, tuple[str, ...]] | None = None,
) -> tuple[str, str] | None:
    """(rule kind, message) for errors the grammar's tables can explain; None otherwise."""
    for explainer in (_invalid_attribute, _missing_attribute):
        explained = explainer(message, line, tree, table)
        if explained:
            return explained
    return _misplaced_element(message, line, tree, children or {})


def _invalid_attribute(message, line, tree, table) -> tuple[str, str] | None:
    invalid = _INVALID_ATTRIBUTE.search(message)
    if not invalid:
        return None
    attribute, element_name = invalid.groups()
    rule = table.get(element_name, {}).get(attribute)
    if rule is None:
        allowed = ", ".join(sorted(table.get(element_name, {}))) or "none"
        return (
            "attribute-not-allowed",
            f"attribute {attribute} is not allowed on {element_name}; allowed: {allowed}",
        )
    value = _attribute_value(_element_at(tree, line, element_name), attribute)
    expected = f"one of: {', '.join(rule.values)}" if rule.values else f"a value matching {rule.datatype}"
    return (
        "attribute-value",
        f'{attribute}="{value}" on {element_name} is not allowed; expected {expected}',
    )


def _missing_attribute(message, line, tree, table) -> tuple[str, str] | None:
    failed = _FAILED_ATTRIBUTES.search(message)
    if not failed:
        return None
    element_name = failed.group(1)
    element = _element_at(tree, line, element_name)
    missing = [
        name
        for name, rule in table.get(element_name, {}).items()
        if rule.required and _attribute_value(element, name) is None
    ]
    if missing and element is not None:
        return "attribute-missing", f"{element_name} lacks its required attribute {', '.join(missing)}"
    return None


def _misplaced_element(message, line, tree, children) -> tuple[str, str] | None:
    """Say where an unexpected element stands and what its parent may contain instead."""
    unexpected, extra = _UNEXPECTED.search(message), _EXTRA.search(message)
    name = unexpected.group(1) if unexpected else extra.group(2) if extra else None
    element = _element_at(tree, line, name.split(":")[-1]) if name else None
    parent = element.getparent() if element is not None else None
    if parent is None:
        return None
    parent_name = etree.QName(parent).localname
    if etree.QName(element).namespace != etree.QName(parent).namespace:
        where = f"{{{etree.QName(element).namespace}}}{etree.QName(element).localname}"
        return "element-not-allowed", f"element {where} is not in the TEI namespace"
    allowed = children.get(parent_name, ())
    if name in allowed:
        return "element-misplaced", f"{name} is allowed in {parent_name}, but not at this point"
    return (
        "element-not-allowed",
        f"{name} is not allowed in {parent_name}; it may contain: {', '.join(allowed) or 'text only'}",
    )
