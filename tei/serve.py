"""A small static file server for a built edition, on this machine only (127.0.0.1).

The search box needs it: Pagefind fetches its index in chunks, and a browser refuses
those requests from a page opened as a file. It serves the files of one folder and
nothing else: no listing of folders, no path out of the folder (`..`, or a symbolic
link that points elsewhere), no other address than the loopback one. Text (pages, CSS,
JavaScript, JSON) is sent gzipped to a browser that accepts it, as static hosts do.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tei.errors import TeiToolkitError

HOST = "127.0.0.1"
COMPRESSED_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")
DEFAULT_PORT = 8000


class ServeError(TeiToolkitError):
    """The server cannot start: the port is taken (or another failure to listen)."""

    exit_status = 1


class NoSuchFolder(ServeError):
    """The folder to serve is missing or is a file: a usage error."""

    exit_status = 2


class EditionRequestHandler(SimpleHTTPRequestHandler):
    """Files of the served folder only; a folder answers with its index.html or not at all."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".json": "application/json", ".wasm": "application/wasm"}

    def send_head(self):
        """As the base class, but a path that resolves outside the folder is not found.

        `translate_path` already drops `..` and `.`; resolving the result also catches a
        symbolic link inside the folder that points out of it.
        """
        root = os.path.realpath(self.directory)
        real = os.path.realpath(self.translate_path(self.path))
        if real != root and not real.startswith(root + os.sep):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        if os.path.isfile(real) and self._compressible(real):
            return self._send_compressed(real)
        return super().send_head()

    def _compressible(self, path: str) -> bool:
        """Text the browser accepts gzipped, as a static host would send it (fonts and Pagefind's
        index are compressed already)."""
        accepted = self.headers.get("Accept-Encoding", "")
        return "gzip" in accepted and self.guess_type(path).startswith(COMPRESSED_TYPES)

    def _send_compressed(self, path: str) -> io.BytesIO:
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=6, mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "No index.html in this folder")
        return None

    def log_message(self, format: str, *args) -> None:   # noqa: A002 - the base class's name
        if self.server.verbose:
            super().log_message(format, *args)


class EditionServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path, port: int, verbose: bool = True) -> None:
        self.verbose = verbose
        handler = partial(EditionRequestHandler, directory=str(folder))
        super().__init__((HOST, port), handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def edition_server(folder: Path, port: int = DEFAULT_PORT, verbose: bool = True) -> EditionServer:
    """A server of `folder` on 127.0.0.1:`port` (0: any free port), bound but not yet serving."""
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "no such folder"
        raise NoSuchFolder(f"{folder}: error: {what} (give the built site, e.g. build/web)")
    try:
        return EditionServer(folder, port, verbose)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise ServeError(f"error: port {port} is in use; choose another with --port N") from None
        raise ServeError(f"error: cannot listen on {HOST}:{port}: {err.strerror}") from None
