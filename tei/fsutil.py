"""Writing outputs so that an interrupted run never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def is_temporary(name: str) -> bool:
    """Whether a file name is one of `atomic_write`'s temporary files (`.NAME.XXXX.tmp`)."""
    return name.startswith(".") and name.endswith(TEMPORARY_SUFFIX)


def atomic_write(path: str | Path, data: bytes | str, *, durable: bool = True) -> Path:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    Readers see either the old file or the new one, never a truncated mix, whenever the
    writing process is stopped. `durable` also flushes the file to disk before the rename,
    so that a power cut cannot leave an empty file either; a caller that writes thousands
    of files may pass False and call `os.sync()` once when they are all written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
