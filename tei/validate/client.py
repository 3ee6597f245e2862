"""Talk to a running `tei validate --serve`: check files through it, ask who it is, stop it."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tei.diagnostics import Diagnostic
from tei.errors import Position
from tei.validate.protocol import Address, LineReader, ServiceError, default_address, options_key, send
from tei.validate.report import FileResult

CONNECT_SECONDS = 2
ANSWER_SECONDS = 600      # one document against a large schema; the server's own limits come first


class Connection:
    """One connection to a server; requests and answers in turn."""

    def __init__(self, address: Address) -> None:
        self.address = address
        self.socket = socket.socket(address.family, socket.SOCK_STREAM)
        self.socket.settimeout(CONNECT_SECONDS)
        try:
            self.socket.connect(address.target)
        except OSError as err:
            self.socket.close()
            raise ServiceError(f"{address}: error: no server answers there ({err.strerror or err}); "
                               f"start one with `tei validate --serve`") from None
        self.socket.settimeout(ANSWER_SECONDS)
        self.reader = LineReader(self.socket)

    def ask(self, message: dict, body: bytes = b"") -> dict:
        try:
            send(self.socket, message, body)
            line = self.reader.line(limit=1 << 30)
        except (OSError, ValueError) as err:
            raise ServiceError(f"{self.address}: error: the server stopped answering ({err})") from None
        if line is None:
            raise ServiceError(f"{self.address}: error: the server closed the connection")
        return json.loads(line)

    def check(self, path: Path) -> FileResult:
        try:
            data = path.read_bytes()
        except OSError as err:
            return _failed(str(path), "io", str(err.strerror or err))
        answer = self.ask({"op": "check", "path": str(path), "file": str(path.resolve()), "size": len(data)}, data)
        if "error" in answer:
            return _failed(str(path), "server", answer["error"])
        return FileResult(answer["path"], tuple(Diagnostic.from_json(p) for p in answer["problems"]))

    def close(self) -> None:
        self.socket.close()


def _failed(path: str, rule: str, message: str) -> FileResult:
    return FileResult(path, (Diagnostic("error", rule, message, Position(path, 1, 1), layer="wellformed"),))


def hello(address: Address) -> dict:
    connection = Connection(address)
    try:
        return connection.ask({"op": "hello"})
    finally:
        connection.close()


def matching_server(address: Address, options) -> dict:
    """The server's hello when it checks with the same schemas and options; ServiceError if not."""
    answer = hello(address)
    if answer.get("key") != options_key(options):
        raise ServiceError(f"{address}: error: that server checks with other schemas or options "
                           f"({', '.join(answer.get('layers', []))}); start one for these with `tei validate --serve`")
    return answer


def running_server(options) -> Address | None:
    """The default address of a server for these options, if one is running there."""
    try:
        address = default_address(options)
        if Path(address.path).exists():
            matching_server(address, options)
            return address
    except (ServiceError, OSError, ValueError):
        pass
    return None


def check_files_remotely(address: Address, files: list[Path], jobs: int) -> list[FileResult]:
    """Check files through the server, over `jobs` connections at once; results in the files' order."""
    lanes = max(1, min(jobs, len(files)))
    results: list[FileResult | None] = [None] * len(files)

    def lane(start: int) -> None:
        connection = Connection(address)
        try:
            for index in range(start, len(files), lanes):
                results[index] = connection.check(files[index])
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=lanes) as pool:
        for future in [pool.submit(lane, start) for start in range(lanes)]:
            future.result()
    return results


def shutdown(address: Address) -> dict:
    connection = Connection(address)
    try:
        return connection.ask({"op": "shutdown"})
    finally:
        connection.close()
