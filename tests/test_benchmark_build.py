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


def test_a_measured_build_says_what_the_tree_held_at_its_peak_and_keeps_a_timeline(tmp_path):
    # A peak over the memory goal is only fixable once it is known which processes made it, and when.
    config = benchmark.edition(tmp_path / "edition", 3, ("tei", "web"))

    seconds, peaks, stages, at_peak = benchmark.run_build_measured(config, 1)

    assert at_peak.startswith("at ") and " s): main " in at_peak and " workers " in at_peak
    main_at_peak = float(at_peak.split("main ")[1].split(" ")[0])
    assert 0 < main_at_peak <= peaks["main"] + 1 and peaks["tree"] >= peaks["main"]
    header, *lines = (tmp_path / "edition" / "memory-timeline.tsv").read_text().splitlines()
    assert header.split("\t") == ["seconds", "tree MiB", "main MiB", "workers MiB", "workers", "pagefind MiB"]
    assert lines and float(lines[-1].split("\t")[0]) <= seconds
    assert max(int(line.split("\t")[1]) for line in lines) <= round(peaks["tree"])
    assert "encode" in stages
