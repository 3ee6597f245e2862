"""kill -9 at random points of a 200-document `tei build`: no process is left, no output is
half-written, and the next build finishes, redoes only what was unfinished and equals a
clean build byte for byte (but for the search bundle's page numbering, which follows the
order Pagefind reads the pages in). The delays are printed, so a failure can be replayed
(TEI_CRASH_SEED=N)."""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from tei.render.search import numbered_by_reading_order

DOCUMENTS = 200
KILLS = 3


def build_command(edition: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "tei", "build", "--quiet", "--config", str(edition / "edition.toml"),
            "-o", str(out), "-j", "2"]


def environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def living_in_group(group: int) -> list[int]:
    """The processes of a process group that are not zombies (zombies hold nothing)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def wait_until_gone(group: int, seconds: float = 3.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := living_in_group(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file of a build but its cache, which records timings-free state of its own."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


def temporary(name: str) -> bool:
    """A file a killed build was writing, or one in a folder it was writing (the search bundle's)."""
    return any(part.endswith(".tmp") for part in name.split("/"))


def fixed_bytes(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files whose bytes a build always makes the same (tei.render.search.numbered_by_reading_order)."""
    return {name: data for name, data in files.items() if not numbered_by_reading_order(name)}


def finished(folder: Path) -> set[str]:
    """The documents the cache says are done: the manifest's and the journal's whole lines."""
    done = set()
    manifest = folder / ".cache/manifest.sqlite"
    if manifest.exists():       # what the last build committed (a killed one's changes are rolled back)
        with contextlib.closing(sqlite3.connect(manifest)) as db, contextlib.suppress(sqlite3.OperationalError):
            done |= {name for name, in db.execute("SELECT name FROM documents")}   # none: no build committed
    journal = folder / ".cache/journal.jsonl"
    for line in (journal.read_bytes().splitlines() if journal.exists() else []):
        with contextlib.suppress(ValueError):     # a torn last line
            done.add(json.loads(line)["name"])
    return done


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash")
    generate(DOCUMENTS, folder / "texts")
    (folder / "edition.toml").write_text(
        '[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = ["tei", "web"]\n', encoding="utf-8")
    return folder


def test_kill_9_at_random_points_then_the_build_resumes_and_equals_a_clean_build(edition, tmp_path):
    started = time.monotonic()
    clean = subprocess.run(build_command(edition, tmp_path / "clean"), env=environment(),
                           capture_output=True, check=False)
    assert clean.returncode == 0, clean.stderr.decode()
    seconds = time.monotonic() - started
    seed = int(os.environ.get("TEI_CRASH_SEED", time.time_ns() % 10_000))
    chance = random.Random(seed)
    crashed = tmp_path / "crashed"
    delays = []
    for _ in range(KILLS):
        delays.append(round(chance.uniform(0.2, seconds), 2))
        build = subprocess.Popen(build_command(edition, crashed), env=environment(),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        time.sleep(delays[-1])
        build.send_signal(signal.SIGKILL)
        build.wait()
        where = f"seed {seed}, kills after {delays} s"
        assert wait_until_gone(build.pid) == [], f"workers outlived their parent ({where})"
        expected = outputs(tmp_path / "clean")
        half_made = [name for name, data in fixed_bytes(outputs(crashed)).items()
                     if not temporary(name) and expected.get(name) != data]
        assert half_made == [], where
    done = finished(crashed)
    resumed = subprocess.run(build_command(edition, crashed), env=environment(), capture_output=True,
                             text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    rebuilt = re.search(r"rebuilt (\d+) of", resumed.stdout)
    assert (int(rebuilt[1]) if rebuilt else 0) == DOCUMENTS - len(done), f"seed {seed}, kills after {delays} s"
    resumed, clean = outputs(crashed), outputs(tmp_path / "clean")
    assert fixed_bytes(resumed) == fixed_bytes(clean) and len(resumed) == len(clean)
