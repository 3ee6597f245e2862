"""The build benchmark's own behaviour: what it does to the machine before it measures."""

from __future__ import annotations

from benchmarks import build as benchmark


def test_cleaning_moves_the_last_build_aside_and_deletes_it_only_at_the_end(tmp_path, monkeypatch):
    # Deleting a large build right before measuring the next one makes every file it creates cost more
    # (ext4 without a journal steps over recently deleted inodes), so the deletion waits for the end.
    at_exit = []
    monkeypatch.setattr(benchmark.atexit, "register", lambda *call, **options: at_exit.append((call, options)))
    config = tmp_path / "edition.toml"
    (tmp_path / "build" / "web").mkdir(parents=True)
    (tmp_path / "build" / "web" / "page.html").write_text("kept until the end")

    benchmark.clean(config)

    assert not (tmp_path / "build").exists()
    (aside,) = tmp_path.glob(".deleted-build-*/build/web/page.html")
    assert aside.read_text() == "kept until the end"
    ((function, command), options), = at_exit
    function(command, **options)
    assert not list(tmp_path.glob(".deleted-build-*"))


def test_cleaning_without_a_last_build_does_nothing(tmp_path):
    benchmark.clean(tmp_path / "edition.toml")

    assert list(tmp_path.iterdir()) == []
