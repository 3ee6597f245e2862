"""TOML from anyone (edition.toml, the editors' sidecars, the document numbers), read by one function.

`tomllib` reads nested arrays and inline tables by recursion: `a = [[[[…]]]]` a few thousand deep
raises RecursionError, which no caller expects. Here it is malformed TOML like any other.
"""

from __future__ import annotations

import tomllib

TOMLDecodeError = tomllib.TOMLDecodeError


def loads(text: str) -> dict:
    """`tomllib.loads`, but TOML nested deeper than Python can follow raises TOMLDecodeError."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise TOMLDecodeError("arrays or inline tables nested too deeply to read") from None
