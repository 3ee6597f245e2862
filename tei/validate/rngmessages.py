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
    message: str, line: int, tree: etree._ElementTree, table: dict[str, dict[str, AttributeRule]]
) -> tuple[str, str] | None:
    """(rule kind, message) for attribute errors the table can explain; None otherwise."""
    invalid = _INVALID_ATTRIBUTE.search(message)
    if invalid:
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
    failed = _FAILED_ATTRIBUTES.search(message)
    if failed:
        element_name = failed.group(1)
        element = _element_at(tree, line, element_name)
        missing = [
            name
            for name, rule in table.get(element_name, {}).items()
            if rule.required and _attribute_value(element, name) is None
        ]
        if missing and element is not None:
            return (
                "attribute-missing",
                f"{element_name} lacks its required attribute {', '.join(missing)}",
            )
    return None
