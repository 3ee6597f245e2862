"""tei-edition: archive transcriptions → lossless TEI P5 → web and print editions.

The public API is small: `encode`, `to_source`, and (from their modules) the validator
and the renderers.
"""

from __future__ import annotations

__version__ = "0.1.0"

from tei.api import encode, encode_document, to_source  # noqa: E402

__all__ = ["__version__", "encode", "encode_document", "to_source"]
