"""Writing outputs so that an interrupted run never leaves a half-written file behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from tei.errors import OutputError

TEMPORARY_SUFFIX = ".tmp"


def is_temporary(name: str) -> bool:
    """Whether a file name is one of `atomic_write`'s temporary files (`.NAME.XXXX.tmp`)."""
    return name.startswith(".") and name.endswith(TEMPORARY_SUFFIX)


def atomic_write(path: str | Path, data: bytes | str | Iterable[bytes], *, durable: bool = True,
                 unless_same: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    Readers see either the old file or the new one, never a truncated mix, whenever the
    writing process is stopped. `durable` also flushes the file to disk before the rename,
    so that a power cut cannot leave an empty file either; a caller that writes thousands
    of files may pass False and call `os.sync()` once when they are all written.
    `data` may come in pieces (a report too large to hold); `unless_same` leaves the file as it is
    when it already holds the same bytes. A disk that is full or read-only raises `OutputError`
    naming `path`.
    """
    path = Path(path)
    pieces = [data.encode("utf-8")] if isinstance(data, str) else [data] if isinstance(data, bytes) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    except OSError as err:
        raise output_error(path, err) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece)
            handle.flush()
            if unless_same and same_bytes(tmp, path):
                Path(tmp).unlink()
                return path
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise output_error(path, err) from None
        raise
    return path


def same_bytes(first: str | Path, second: str | Path) -> bool:
    """Whether two files hold the same bytes (False when either cannot be read), read a block at a time."""
    try:
        if os.path.getsize(first) != os.path.getsize(second):
            return False
        with open(first, "rb") as one, open(second, "rb") as other:
            while block := one.read(1 << 20):
                if block != other.read(len(block)):
                    return False
    except OSError:
        return False
    return True


def output_error(path: Path, err: OSError) -> OutputError:
    """An operating-system error while writing `path`, as one line naming it."""
    reason = err.strerror or str(err)
    hints = {errno.ENOSPC: " (the disk is full)", errno.EROFS: " (the disk is mounted read-only)"}
    return OutputError(f"{path}: error: cannot write: {reason}{hints.get(err.errno, '')}")


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a source or TEI file, or None if it is a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if path.is_symlink():
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
        return f"cannot be read ({err.strerror})"
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file"
    if not stat.S_ISREG(mode):
        return "a device or socket, not a file"
    return None
