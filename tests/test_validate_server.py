"""`tei validate --serve`: schemas compiled once, documents checked for other calls, the same
answers as a local check; malformed requests get one error line, the server survives them and
hostile XML, binds only to localhost or a private Unix socket, and stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

FEATURES = ROOT / "tests" / "data" / "features.xml"
HOSTILE = ROOT / "tests" / "hostile"
TEI = [sys.executable, "-m", "tei"]
SCHEMA = b"""<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0">
  <start><element name="TEI"><zeroOrMore><element><anyName/><text/></element></zeroOrMore></element></start>
</grammar>"""


def run_tei(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*TEI, *argv], capture_output=True, text=True, check=False, cwd=ROOT, env=env, timeout=120)


class Server:
    """A `tei validate --serve` process, started and awaited; stopped at the end of the test."""

    def __init__(self, *argv: str, env: dict | None = None) -> None:
        self.process = subprocess.Popen([*TEI, "validate", "--serve", *argv], stderr=subprocess.PIPE, text=True,
                                        cwd=ROOT, env=env)
        self.announcement = self.process.stderr.readline()
        assert "serving" in self.announcement, self.announcement + self.process.stderr.read()
        self.address = self.announcement.split("serving ", 1)[1].split(" (", 1)[0]

    def connect(self) -> socket.socket:
        family = socket.AF_UNIX if "/" in self.address else socket.AF_INET
        connection = socket.socket(family, socket.SOCK_STREAM)
        host, _, port = self.address.rpartition(":")
        connection.connect(self.address if family == socket.AF_UNIX else (host, int(port)))
        connection.settimeout(30)
        return connection

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        _, err = self.process.communicate(timeout=30)
        return err


@pytest.fixture
def server(tmp_path):
    running = Server(str(tmp_path / "tei.sock"), "-j", "2")
    yield running
    running.stop()


def exchange(connection: socket.socket, raw: bytes) -> dict:
    connection.sendall(raw)
    answer = b""
    while not answer.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        answer += chunk
    assert answer.count(b"\n") == 1, answer
    return json.loads(answer)


def check_request(name: str, data: bytes) -> bytes:
    return json.dumps({"op": "check", "path": name, "size": len(data)}).encode() + b"\n" + data


def test_a_check_through_the_server_says_what_a_local_check_says(server, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(FEATURES.read_bytes().replace(b'reason="omitted"', b'reason="omited"', 1))
    local = run_tei("validate", "--no-server", str(FEATURES), str(bad))
    remote = run_tei("validate", "--server", server.address, str(FEATURES), str(bad))
    assert (remote.returncode, remote.stdout) == (local.returncode, local.stdout) == (1, local.stdout)
    assert "rng-attribute-value" in remote.stdout
    assert f"checked through the server at {server.address}" in remote.stderr


def test_a_running_server_for_the_same_schemas_is_used_by_itself(tmp_path):
    schema = tmp_path / "any.rng"
    schema.write_bytes(SCHEMA)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)}
    running = Server("--schema", str(schema), "-j", "1", env=env)
    try:
        assert running.address.startswith(str(tmp_path)) and Path(running.address).exists()
        used = run_tei("validate", "--schema", str(schema), str(FEATURES), env=env)
        assert "checked through the server" in used.stderr
        other = tmp_path / "other.rng"
        other.write_bytes(SCHEMA.replace(b"zeroOrMore", b"oneOrMore"))
        not_used = run_tei("validate", "--schema", str(other), str(FEATURES), env=env)
        assert "checked through the server" not in not_used.stderr     # other schemas: checked here
        assert run_tei("validate", "--schema", str(schema), "--shutdown", env=env).returncode == 0
        assert running.process.wait(timeout=30) == 0
        assert not Path(running.address).exists()
    finally:
        running.stop()


def test_a_server_for_other_schemas_is_refused_in_one_line(server, tmp_path):
    schema = tmp_path / "any.rng"
    schema.write_bytes(SCHEMA)
    done = run_tei("validate", "--server", server.address, "--schema", str(schema), str(FEATURES))
    assert done.returncode == 2 and "checks with other schemas" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("raw", [
    b"not json\n",
    b"[1, 2]\n",
    b'{"op": "check", "path": "x.xml"}\n',
    b'{"op": "check", "path": "x.xml", "size": -1}\n',
    b'{"op": "check", "path": "x.xml", "size": 99999999999}\n',
    b'{"op": "check", "path": "x.xml", "size": "12"}\n',
    b"\xff\xfe\n",
    b"x" * (70 * 1024),
])
def test_a_malformed_request_gets_one_error_line_and_the_server_lives_on(server, raw):
    with server.connect() as connection:
        answer = exchange(connection, raw)
        assert list(answer) == ["error"] and "\n" not in answer["error"]
    with server.connect() as connection:
        assert exchange(connection, b'{"op": "hello"}\n')["server"] == "tei validate"


def test_an_unknown_op_or_a_nameless_check_leaves_the_connection_open(server):
    with server.connect() as connection:
        assert "unknown op" in exchange(connection, b'{"op": "format-disk"}\n')["error"]
        assert "path" in exchange(connection, b'{"op": "check", "size": 3}\nabc')["error"]
        assert exchange(connection, b'{"op": "hello"}\n')["protocol"] == 1


@pytest.mark.parametrize("name", ["entity-bomb.xml", "doctype-external-entity.xml", "xinclude.xml"])
def test_hostile_xml_is_refused_by_the_safe_parser_inside_the_server(server, name):
    data = (HOSTILE / name).read_bytes()
    with server.connect() as connection:
        answer = exchange(connection, check_request(name, data))
    assert answer["path"] == name and answer["problems"]
    assert all(p["severity"] in ("error", "warning") for p in answer["problems"])
    if name != "xinclude.xml":
        assert answer["problems"][0]["rule"] == "xml-unsafe"


def test_a_killed_worker_is_replaced(server):
    with server.connect() as connection:
        worker = exchange(connection, b'{"op": "hello"}\n')["worker"]
    os.kill(worker, signal.SIGKILL)
    deadline = time.monotonic() + 20
    workers = set()
    while time.monotonic() < deadline and len(workers) < 2:
        with server.connect() as connection:
            workers.add(exchange(connection, b'{"op": "hello"}\n')["worker"])
    assert worker not in workers and len(workers) == 2


def test_a_client_that_goes_silent_or_hangs_up_does_not_stop_the_others(server):
    idle = server.connect()
    half = server.connect()
    half.sendall(b'{"op": "check", "path": "x.xml", "size": 1000}\nonly a few bytes')
    half.close()
    try:
        with server.connect() as connection:
            assert exchange(connection, check_request("ok.xml", FEATURES.read_bytes()))["path"] == "ok.xml"
    finally:
        idle.close()


@pytest.mark.parametrize("address", ["0.0.0.0:8765", "192.168.1.2:8765", "example.org:80", "[::]:8765"])
def test_the_server_binds_only_to_localhost(address):
    done = run_tei("validate", "--serve", address)
    assert done.returncode == 2 and "binds only to localhost" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_a_loopback_port_works_too():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = Server(f"127.0.0.1:{port}", "-j", "1")
    try:
        done = run_tei("validate", "--server", f"127.0.0.1:{port}", str(FEATURES))
        assert done.returncode == 0 and "checked through the server" in done.stderr
    finally:
        assert "stopped serving" in running.stop()


def test_a_second_server_on_a_live_socket_is_refused(server):
    done = run_tei("validate", "--serve", server.address)
    assert done.returncode == 2 and "already running" in done.stderr


def test_sigterm_stops_the_server_and_removes_its_socket(server):
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=30) == 0
    assert not Path(server.address).exists()


def test_no_server_at_the_address_is_one_line(tmp_path):
    done = run_tei("validate", "--server", str(tmp_path / "none.sock"), str(FEATURES))
    assert done.returncode == 2 and "no server answers there" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_xincludes_through_the_server_are_read_beside_the_document(tmp_path):
    folder = tmp_path / "their"
    folder.mkdir()
    (folder / "header.xml").write_text('<teiHeader xmlns="http://www.tei-c.org/ns/1.0" xml:id="h"/>', encoding="utf-8")
    (folder / "vol.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
                                    '<xi:include href="header.xml"/><text corresp="#h"/></TEI>', encoding="utf-8")
    running = Server(str(tmp_path / "x.sock"), "--integrity", "--xinclude", "-j", "1")
    try:
        done = subprocess.run([*TEI, "validate", "--server", running.address, "--integrity", "--xinclude", "vol.xml"],
                              capture_output=True, text=True, check=False, cwd=folder, timeout=120)
        assert done.returncode == 0 and "checked through the server" in done.stderr, done.stdout + done.stderr
    finally:
        running.stop()


def test_a_server_that_reads_includes_listens_only_on_a_unix_socket():
    done = run_tei("validate", "--serve", "127.0.0.1:8765", "--integrity", "--xinclude")
    assert done.returncode == 2 and "only on a Unix socket" in done.stderr
