"""Exports for repositories and aggregators: `tei export FORMAT...` and the export formats of
`tei build` (`outputs.formats` in edition.toml).

Every format is written from two sources only: each document's record, read once from its TEI
header by the common XSLT layer (`tei.export.record`), and the edition's settings
(`edition.toml`). Each module writes one format; the pipeline's stages call them.
"""
