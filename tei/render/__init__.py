"""Renderers: TEI → source notation, HTML, PDF."""

# The edition's name when none is given (edition.toml's edition.title, --title): plain words
# that fit any TEI, never one archive's name.
DEFAULT_EDITION_TITLE = "Digital edition"
