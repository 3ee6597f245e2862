"""Writing outputs so that an interrupted run never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from tei.errors import OutputError, one_line

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
    naming `path`. The file is readable by all (0644), whatever the umask.
    """
    pieces = [data.encode("utf-8")] if isinstance(data, str) else [data] if isinstance(data, bytes) else data
    replace_atomically(os.fspath(path), pieces, durable=durable, unless_same=unless_same)
    return Path(path)


def replace_atomically(path: str, pieces: Iterable[bytes], *, durable: bool, unless_same: bool = False) -> None:
    """`atomic_write` of bytes in pieces to a path given as a string: what a build's thousands of files go
    through, with no more calls to the system than the guarantee needs."""
    try:
        fd, tmp = _new_temporary(path)
    except OSError as err:
        raise output_error(Path(path), err) from None
    try:
        # Unbuffered: each piece goes to the kernel as it is, with no buffer object made per file.
        with os.fdopen(fd, "wb", buffering=0) as handle:
            os.fchmod(fd, 0o644)
            for piece in pieces:
                _write_all(handle, piece)
            if unless_same and same_bytes(tmp, path):
                os.unlink(tmp)
                return
            if durable:
                os.fsync(fd)
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise output_error(Path(path), err) from None
        raise


# Numbers the temporary files of this process: with its id, a name no other writer is using.
_temporary_numbers = itertools.count()


def _new_temporary(path: str) -> tuple[int, str]:
    """A new, empty temporary file beside `path` (`.NAME.PID.N.tmp`), open for writing; its folder made
    only when it is missing, so a folder already there costs no call to the system."""
    folder, name = os.path.split(path)
    made = False
    while True:
        tmp = os.path.join(folder, temporary_name(name, f".{os.getpid()}.{next(_temporary_numbers)}"))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644), tmp
        except FileExistsError:     # left by a killed process that had the same id: take the next number
            continue
        except FileNotFoundError:
            # Missing when opened, maybe there now: another writer thread of the build may have made it
            # in between (their first files in a new folder), so only a second failure is one.
            if made:
                raise
            os.makedirs(folder, exist_ok=True)
            made = True


NAME_MAX = 255    # bytes in a file name, on Linux's file systems


def temporary_name(name: str, mark: str) -> str:
    """The name of a temporary file for `name`: `.NAME{mark}.tmp`, NAME cut short where the whole would be
    longer than a file name may be (a name of 240 bytes is one, but not with its temporary's additions)."""
    room = NAME_MAX - len(f".{mark}{TEMPORARY_SUFFIX}")
    if len(name) * 4 > room and len(encoded := os.fsencode(name)) > room:
        name = os.fsdecode(encoded[:room])      # a UTF-8 sequence cut in two stays bytes (surrogates)
    return f".{name}{mark}{TEMPORARY_SUFFIX}"


def _write_all(handle, data: bytes) -> None:
    """Write all of `data`: an unbuffered write may take only part of it."""
    view = memoryview(data)
    while view:
        view = view[handle.write(view):]


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
    hints = {errno.ENOSPC: " (the disk is full)", errno.EROFS: " (the disk is mounted read-only)",
             errno.EDQUOT: " (the disk quota is used up)", errno.EFBIG: " (over the file size limit of ulimit -f)"}
    return OutputError(f"{one_line(str(path))}: error: cannot write: {reason}{hints.get(err.errno, '')}")


def read_file(path: str | Path) -> bytes:
    """The bytes of the regular file at `path`. A FIFO, a device, a socket or a folder raises OSError with
    `not_a_file`'s reason as its strerror: reading a FIFO would wait for a writer that may never come."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)    # opening a FIFO to read would wait too
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            folder = stat.S_ISDIR(mode)
            raise OSError(errno.EISDIR if folder else errno.EINVAL, _special_file_reason(mode), str(path))
        with open(fd, "rb", closefd=False) as file:
            return file.read()
    finally:
        os.close(fd)


def _special_file_reason(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file"
    return "a device or socket, not a file"


def not_utf8(name: str) -> str | None:
    """Why a file of this name cannot be published: bytes of its name that are not UTF-8 (which Python holds as
    lone surrogates, `os.fsdecode`) cannot be written into its outputs, its report and its cache; None if it can."""
    if name.isascii():
        return None
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as err:
        byte = ord(name[err.start]) - 0xDC00
        return f"its name is not UTF-8 (the byte 0x{byte:02x}); rename it in UTF-8 to use it"
    return None


def not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a source or TEI file, or None if it is a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if path.is_symlink():
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
        if err.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot be read ({err.strerror})"
    return None if stat.S_ISREG(mode) else _special_file_reason(mode)
