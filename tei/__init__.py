"""tei-edition: archive transcriptions → lossless TEI P5 → web and print editions.

The public API is small: `encode`, `to_source`, and (from their modules) the validator
and the renderers.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "encode", "encode_document", "render_html", "render_pdf", "to_source"]


def __getattr__(name: str):
    # Imported on first use, so that `tei validate` does not pay for loading the encoder.
    if name in ("encode", "encode_document", "to_source"):
        from tei import api

        return getattr(api, name)
    if name == "render_html":
        from tei.render.html import render_html

        return render_html
    if name == "render_pdf":
        from tei.render.pdf import render_pdf

        return render_pdf
    raise AttributeError(f"module 'tei' has no attribute {name!r}")
