"""`tei serve`: the files of one folder on 127.0.0.1, and nothing outside it."""

from __future__ import annotations

import gzip
import http.client
import os
import socket
import threading

import pytest

from tei.cli import main
from tei.serve import HOST, edition_server


@pytest.fixture
def served(tmp_path):
    """A folder with a page, a subfolder without index.html, a link out; served on a free port."""
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>the index</p>")
    (site / "assets" / "edition.js").write_text("// js")
    (tmp_path / "secret.txt").write_text("outside")
    os.symlink(tmp_path / "secret.txt", site / "link.txt")
    os.symlink(tmp_path, site / "up")
    server = edition_server(site, 0, verbose=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def get(server, path: str, headers: dict | None = None) -> tuple[int, bytes, str]:
    """The raw request line's path as given: no client-side normalising of `..`."""
    connection = http.client.HTTPConnection(HOST, server.server_address[1], timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Content-Type") or ""
    finally:
        connection.close()


def test_the_index_and_the_files_of_the_folder_are_served(served):
    assert get(served, "/")[:2] == (200, b"<p>the index</p>")
    status, body, kind = get(served, "/assets/edition.js")
    assert (status, body, kind) == (200, b"// js", "text/javascript")
    assert served.url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt",
    "/link.txt", "/up/secret.txt", "//etc/passwd", "/assets/%2e%2e/%2e%2e/secret.txt",
])
def test_nothing_outside_the_folder_is_served(served, path):
    status, body, _ = get(served, path)
    assert status == 404 and b"outside" not in body and b"root:" not in body


def test_text_is_sent_gzipped_to_a_browser_that_accepts_it(served):
    connection = http.client.HTTPConnection(HOST, served.server_address[1], timeout=10)
    connection.request("GET", "/assets/edition.js", headers={"Accept-Encoding": "gzip, br"})
    response = connection.getresponse()
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(response.read()) == b"// js"
    connection.close()
    assert get(served, "/assets/edition.js")[1] == b"// js"      # asked without gzip: plain


def test_a_folder_is_never_listed(served):
    assert get(served, "/assets/")[0] == 404
    assert b"edition.js" not in get(served, "/assets/")[1]


def test_it_listens_on_loopback_only(served):
    assert served.server_address[0] == "127.0.0.1"


def test_a_port_in_use_is_one_line_and_exit_status_1(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(tmp_path), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err == f"tei serve: error: port {port} is in use; choose another with --port N\n"


@pytest.mark.parametrize("make", ["missing", "file"])
def test_a_missing_folder_is_one_line_and_exit_status_2(tmp_path, capsys, make):
    target = tmp_path / "web"
    if make == "file":
        target.write_text("not a folder")
    assert main(["serve", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"tei serve: {target}: error: ")


def test_a_bad_port_is_a_usage_error(tmp_path, capsys):
    assert main(["serve", str(tmp_path), "--port", "70000"]) == 2
    assert "not a port number" in capsys.readouterr().err
