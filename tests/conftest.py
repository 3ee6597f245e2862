"""Fixtures shared by every test module: the official TEI schema, the seeds and their TEI."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TEI_ALL = ROOT.parent / "shared" / "tei-p5" / "tei_all.rng"


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The official tei_all schema, compiled once per test session (about 9 s)."""
    if not TEI_ALL.exists():
        pytest.skip(f"the official TEI schema is not at {TEI_ALL}; see README 'Validating'")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


@pytest.fixture(scope="session")
def seed_tei() -> dict[str, bytes]:
    """The encoder's TEI for every seed, keyed by file stem."""
    from tei.api import encode_document

    return {path.stem: encode_document(path.read_text(encoding="utf-8"), str(path)).tei
            for path in SEEDS}
