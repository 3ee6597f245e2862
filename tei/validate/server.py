"""`tei validate --serve`: compile the schemas once, then check documents for any number of calls.

libxml2 cannot store a compiled schema, and compiling tei_all takes 9–16 s, so a warm process
keeps it: the server compiles, binds its address (a Unix socket in a private folder, or a
loopback port, never another interface), then forks a pool of workers that inherit the
compiled schemas and take connections in turn. A worker that dies is replaced; SIGTERM,
SIGINT or a `shutdown` request stop the workers, remove the socket file and end the server.
Documents arrive as bytes and are read by the safe parser, like every other XML input.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

from tei.validate.protocol import MAX_DOCUMENT, PROTOCOL, Address, LineReader, ServiceError, options_key, send

IDLE_SECONDS = 60      # a connection silent this long is closed, so a stalled client cannot hold a worker
ORPHAN_CHECK_SECONDS = 1.0


class _Stop(Exception):
    """The server was asked to stop."""


def serve(options, address: Address, workers: int, announce=print) -> int:
    """Compile, bind, fork `workers` and serve until stopped; returns the exit status (0)."""
    from tei.validate.engine import get_validator

    validator = get_validator(options)        # compiled before forking: every worker inherits it
    listener = _bind(address)
    key = options_key(options)
    hello = {"server": "tei validate", "protocol": PROTOCOL, "key": key, "layers": validator.layers,
             "pid": os.getpid()}
    children: dict[int, int] = {}
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        for slot in range(workers):
            children[_fork_worker(listener, validator, hello)] = slot
        announce(f"tei validate: serving {address} ({workers} workers, {', '.join(validator.layers)}); "
                 f"stop with Ctrl-C or `tei validate --server {address} --shutdown`")
        _watch(children, listener, validator, hello)
    except _Stop:
        pass
    finally:
        _stop_children(children)
        listener.close()
        if address.path:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(address.path)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    announce(f"tei validate: stopped serving {address}")
    return 0


def _raise_stop(signum, frame) -> None:
    raise _Stop


def _bind(address: Address) -> socket.socket:
    if address.path:
        _refuse_live_socket(address)
    listener = socket.socket(address.family, socket.SOCK_STREAM)
    try:
        if not address.path:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address.target)
        if address.path:
            os.chmod(address.path, 0o600)
        listener.listen(64)
    except OSError as err:
        listener.close()
        raise ServiceError(f"{address}: error: cannot listen: {err.strerror or err}") from None
    return listener


def _refuse_live_socket(address: Address) -> None:
    """A socket file someone answers on is a running server; one nobody answers on is left over."""
    if not os.path.exists(address.path):
        return
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(address.path)
    except OSError:
        os.unlink(address.path)
        return
    finally:
        probe.close()
    raise ServiceError(f"{address}: error: a server is already running there")


def _fork_worker(listener: socket.socket, validator, hello: dict) -> int:
    # Signals wait until the child has its own handlers: the server's would make it act as the server.
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    pid = os.fork()
    if pid:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        return pid
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C reaches the whole group; the server decides
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        _work(listener, validator, hello)
    except BaseException:           # noqa: BLE001 - a worker must never return into the server's code
        status = 1
    os._exit(status)


_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def _watch(children: dict[int, int], listener: socket.socket, validator, hello: dict) -> None:
    """Wait for workers; replace one that died, stop when a worker relays a shutdown request."""
    while children:
        pid, status = os.wait()
        slot = children.pop(pid, None)
        if slot is None:
            continue
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == _SHUTDOWN:
            raise _Stop
        children[_fork_worker(listener, validator, hello)] = slot


_SHUTDOWN = 3   # a worker's exit status meaning "a client asked the server to stop"


def _stop_children(children: dict[int, int], grace: float = 5.0) -> None:
    """SIGTERM every worker; one still there after `grace` seconds gets SIGKILL."""
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)      # a second Ctrl-C must not cut this short
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    waiting = set(children)
    while waiting:
        for pid in list(waiting):
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    continue
            waiting.discard(pid)
        if waiting and time.monotonic() > deadline:
            for pid in waiting:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            deadline = float("inf")
        time.sleep(0.01 if waiting else 0)
    children.clear()


def _work(listener: socket.socket, validator, hello: dict) -> None:
    server = os.getppid()
    listener.settimeout(ORPHAN_CHECK_SECONDS)
    while os.getppid() == server:           # a worker whose server died (SIGKILL) ends on its own
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        with connection:
            connection.settimeout(IDLE_SECONDS)
            if _converse(connection, validator, hello) == "shutdown":
                os._exit(_SHUTDOWN)


def _converse(connection: socket.socket, validator, hello: dict) -> str:
    """Answer requests on one connection until it ends; "shutdown" if asked to stop the server."""
    reader = LineReader(connection)
    with contextlib.suppress(OSError):     # a client that went away, or stayed silent too long
        while True:
            try:
                outcome = _answer(reader, connection, validator, hello)
            except ValueError as err:      # the framing is lost: say why, then hang up
                send(connection, {"error": str(err)})
                return "closed"
            if outcome != "next":
                return outcome
    return "closed"


def _answer(reader: LineReader, connection: socket.socket, validator, hello: dict) -> str:
    line = reader.line()
    if line is None:
        return "closed"
    request = _request(line)
    op = request.get("op")
    if op == "check":
        return _check(reader, connection, validator, request)
    if op == "hello":
        send(connection, {**hello, "worker": os.getpid()})
    elif op == "shutdown":
        send(connection, {"shutdown": True})
        return "shutdown"
    else:
        send(connection, {"error": f"unknown op {op!r}; expected check, hello or shutdown"})
    return "next"


def _request(line: bytes) -> dict:
    try:
        request = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("a request line is one JSON object, e.g. {\"op\": \"hello\"}") from None
    if not isinstance(request, dict):
        raise ValueError("a request line is one JSON object, e.g. {\"op\": \"hello\"}")
    return request


def _check(reader: LineReader, connection: socket.socket, validator, request: dict) -> str:
    size, path = request.get("size"), request.get("path")
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_DOCUMENT:
        raise ValueError(f"a check needs \"size\", the document's length in bytes, from 0 to {MAX_DOCUMENT}")
    data = reader.exactly(size)
    if data is None:
        return "closed"
    if not isinstance(path, str) or not path or "\n" in path:
        send(connection, {"error": "a check needs \"path\", the name of the document in messages"})
        return "next"
    source = request.get("file")
    try:
        result = validator.check_bytes(data, path, Path(source) if isinstance(source, str) and source else None)
    except Exception as err:   # noqa: BLE001 - one document must not take the worker down
        send(connection, {"error": f"{path}: error: the check failed: {type(err).__name__}: {err}"})
        return "next"
    send(connection, {"path": result.path, "problems": [p.to_json() for p in result.problems]})
    return "next"


def announce_to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)

