"""What `tei validate --serve` and its clients say to each other, and where they meet.

One request is one line of JSON, then, for a check, the document's bytes:

    {"op": "check", "path": "doc.xml", "size": 1234}\\n<1234 bytes of XML>
        (optionally "file": "/abs/doc.xml", where --xinclude finds the files it includes)
    {"op": "hello"}\\n                       → who serves, with which schemas (their key) and layers
    {"op": "shutdown"}\\n                    → the server stops

One answer is one line of JSON: `{"path": …, "problems": [diagnostic, …]}` for a check, or
`{"error": "one line"}`; after an error in the framing (not JSON, no size) the server closes the
connection, since it can no longer tell where the next request starts.

A server serves one set of schemas and options; their key (a SHA-256 of the schema files'
bytes and of the options) names its default address, a Unix socket in a folder only its user
may open, so `tei validate` finds a running server for the same schemas by itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tei.errors import TeiToolkitError

PROTOCOL = 1
MAX_HEADER = 64 * 1024            # bytes of one request line
MAX_DOCUMENT = 128 * 1024 * 1024  # bytes of one document
LOOPBACK = ("127.0.0.1", "::1", "localhost")
_HOST_PORT = re.compile(r"^\[?(?P<host>[^\]]*)\]?:(?P<port>\d{1,5})$")


class ServiceError(TeiToolkitError):
    """The server cannot be started or reached, or answered what a client cannot use."""


@dataclass(frozen=True)
class Address:
    """A Unix socket path, or a loopback host and port."""

    path: str = ""
    host: str = ""
    port: int = 0

    def __str__(self) -> str:
        return self.path or (f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}")

    @property
    def family(self) -> int:
        return socket.AF_UNIX if self.path else (socket.AF_INET6 if ":" in self.host else socket.AF_INET)

    @property
    def target(self):
        return self.path or (self.host, self.port)


def parse_address(text: str) -> Address:
    """`HOST:PORT` on the loopback interface, or the path of a Unix socket; anything else is refused."""
    match = _HOST_PORT.match(text)
    if match and "/" not in text:
        host, port = match["host"], int(match["port"])
        if host not in LOOPBACK:
            raise ServiceError(f"{text}: error: the server binds only to localhost (127.0.0.1, ::1) "
                               f"or a Unix socket path")
        if not 0 < port < 65536:
            raise ServiceError(f"{text}: error: port {port} is not between 1 and 65535")
        return Address(host="127.0.0.1" if host == "localhost" else host, port=port)
    return Address(path=os.path.abspath(text))


def options_key(options) -> str:
    """The SHA-256 of what decides a server's answers: the schema files' bytes, the options, and
    which copy of the toolkit answers (another checkout may check differently)."""
    from tei.resources import data_dir

    digest = hashlib.sha256(str(Path(__file__).resolve()).encode())
    edition = sorted(p for p in data_dir("schemas").iterdir() if p.suffix in (".rng", ".xsd", ".sch"))
    schemas = options.schemas or edition
    for path in schemas:
        digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    for name in ("embedded_schematron", "integrity", "xsd", "xinclude", "allow_doctype"):
        digest.update(f"{name}={getattr(options, name, False)};".encode())
    digest.update(f"tei_all={options.tei_all and hashlib.sha256(Path(options.tei_all).read_bytes()).hexdigest()}"
                  .encode())
    digest.update(f"dates={options.dates};".encode())
    for item in options.authorities.named:     # the edition's lists decide [ref-in-authority]
        digest.update(f"{item.kind}=".encode() + hashlib.sha256(item.data).digest())
    return digest.hexdigest()


def private_folder() -> Path:
    """$XDG_RUNTIME_DIR, else a folder in the temporary folder that only this user may open."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return Path(runtime)
    folder = Path(tempfile.gettempdir()) / f"tei-validate-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise ServiceError(f"{folder}: error: not a private folder of this user; remove it or set XDG_RUNTIME_DIR")
    return folder


def default_address(options) -> Address:
    return Address(path=str(private_folder() / f"tei-validate-{options_key(options)[:16]}.sock"))


def send(connection: socket.socket, message: dict, body: bytes = b"") -> None:
    connection.sendall(json.dumps(message, ensure_ascii=False).encode() + b"\n" + body)


class LineReader:
    """Reads one request or answer line, then exactly `size` bytes, from a stream socket."""

    def __init__(self, connection: socket.socket) -> None:
        self.connection = connection
        self.buffer = b""

    def line(self, limit: int = MAX_HEADER) -> bytes | None:
        """The next line without its newline; None at the end of the stream; ValueError past `limit`."""
        while b"\n" not in self.buffer:
            if len(self.buffer) > limit:
                raise ValueError(f"a request line longer than {limit} bytes")
            chunk = self.connection.recv(65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        if len(line) > limit:
            raise ValueError(f"a request line longer than {limit} bytes")
        return line

    def exactly(self, size: int) -> bytes | None:
        chunks, have = [self.buffer[:size]], len(self.buffer[:size])
        self.buffer = self.buffer[size:]
        while have < size:
            chunk = self.connection.recv(min(1 << 20, size - have))
            if not chunk:
                return None
            chunks.append(chunk)
            have += len(chunk)
        return b"".join(chunks)
