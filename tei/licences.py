"""Licences by their SPDX identifier (`edition.licence`), as every export names them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    """A licence: its SPDX identifier, its name and the address of its text."""

    spdx: str
    name: str
    url: str


_CC = "https://creativecommons.org/licenses"
KNOWN = {licence.spdx.casefold(): licence for licence in (
    Licence("CC-BY-4.0", "Creative Commons Attribution 4.0 International", f"{_CC}/by/4.0/"),
    Licence("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0 International", f"{_CC}/by-sa/4.0/"),
    Licence("CC-BY-NC-4.0", "Creative Commons Attribution-NonCommercial 4.0 International", f"{_CC}/by-nc/4.0/"),
    Licence("CC-BY-NC-SA-4.0", "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
            f"{_CC}/by-nc-sa/4.0/"),
    Licence("CC-BY-ND-4.0", "Creative Commons Attribution-NoDerivatives 4.0 International", f"{_CC}/by-nd/4.0/"),
    Licence("CC-BY-NC-ND-4.0", "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
            f"{_CC}/by-nc-nd/4.0/"),
    Licence("CC0-1.0", "Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
)}


def licence(spdx: str) -> Licence | None:
    """The licence an SPDX identifier names (any case), or None if the toolkit does not know it."""
    return KNOWN.get(spdx.strip().casefold())
