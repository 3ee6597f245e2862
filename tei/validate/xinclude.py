"""XIncludes in TEI the toolkit did not write (FRUS volumes and EpiDoc files include their headers).

Without `--xinclude` nothing is read: an `xi:include` with an `xi:fallback` is checked as its
fallback (as jing does when it cannot read the file), one without is an error that says how
to check the document whole.
"""

from __future__ import annotations

from lxml import etree

from tei.diagnostics import Diagnostic
from tei.validate.locate import Locator
from tei.validate.report import problem

XI_NS = "http://www.w3.org/2001/XInclude"
INCLUDE, FALLBACK = f"{{{XI_NS}}}include", f"{{{XI_NS}}}fallback"
LAYER = "xinclude"


def replace_with_children(element: etree._Element, donor: etree._Element | None) -> None:
    """Put `donor`'s content (text, elements, tails) where `element` stands; remove `element`."""
    parent = element.getparent()
    text = (donor.text or "") if donor is not None else ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for child in list(donor) if donor is not None else []:
        element.addprevious(child)
    last = element.getprevious()
    tail = element.tail or ""
    if last is not None:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def stand_in_fallbacks(tree: etree._ElementTree, locator: Locator) -> list[Diagnostic]:
    """Replace every `xi:include` by its fallback (a warning) or by nothing (an error): nothing is read."""
    problems = []
    for include in list(tree.iter(INCLUDE)):
        where = locator.of_element(include)
        fallback = include.find(FALLBACK)
        href = include.get("href", "")
        if fallback is not None:
            message = (f'xi:include href="{href}" not expanded (pass --xinclude to include it); '
                       f"its fallback is checked in its place")
            problems.append(problem(*where, "warning", "xinclude-not-expanded", message, LAYER))
        else:
            message = (f'xi:include href="{href}" not expanded and it has no fallback; pass --xinclude '
                       f"to check the document with it")
            problems.append(problem(*where, "error", "xinclude-not-expanded", message, LAYER))
        if include.getparent() is None:
            return problems      # the root itself is an include: nothing more to stand in
        replace_with_children(include, fallback)
    return problems
