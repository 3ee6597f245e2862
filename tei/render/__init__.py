"""Renderers: TEI → source notation, HTML, PDF."""
