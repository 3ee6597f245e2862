"""Every failure the commands can meet gives one line `path: error: …` and an exit status,
never a traceback: full and read-only disks, `-o` naming a file, a --tei-all that is not a
schema, a non-UTF-8 edition.toml, bad `-j`, and inputs that are not files."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tei.cli import main

pytestmark = pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014.icc:ResourceWarning")

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ROOT / "tests" / "data" / "features.xml"
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


def commands(tmp_path: Path, out: Path) -> dict[str, list[str]]:
    """Each command that writes outputs, on a small input, writing into `out`."""
    texts = tmp_path / "texts"
    texts.mkdir(exist_ok=True)
    (texts / "one.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "edition.toml").write_text(
        '[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = ["tei", "web"]\n', encoding="utf-8")
    return {
        "build": ["build", "-q", "--config", str(tmp_path / "edition.toml"), "-o", str(out)],
        "encode": ["encode", str(texts), "-o", str(out)],
        "web": ["web", str(FEATURES), "-o", str(out)],
        "pdf": ["pdf", str(FEATURES), "-o", str(out), "--no-volume"],
    }


def one_error_line(err: str, command: str) -> str:
    """The one error line of a command's stderr (a build's progress lines aside)."""
    lines = [line for line in err.splitlines() if "error" in line]
    assert "Traceback" not in err and len(lines) == 1, err
    assert lines[0].startswith(f"tei {command}: "), err
    return lines[0]


def failing_disk(code: int):
    """`os.fdopen` whose files refuse every write with `code`, as a full or read-only disk does."""
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)

        def refuse(data):
            raise OSError(code, os.strerror(code))

        handle.write = refuse
        return handle

    return fdopen


@pytest.mark.parametrize("command", ["build", "encode", "web", "pdf"])
@pytest.mark.parametrize(("code", "says"), [(errno.ENOSPC, "the disk is full"),
                                            (errno.EROFS, "the disk is mounted read-only")])
def test_a_full_or_read_only_disk_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch, command, code, says):
    argv = commands(tmp_path, tmp_path / "out")[command]
    monkeypatch.setattr("tei.fsutil.os.fdopen", failing_disk(code))
    assert main([*argv, "-j", "1"]) == 1
    line = one_error_line(capsys.readouterr().err, command)
    assert line.startswith(f"tei {command}: {tmp_path}/")      # the file it could not write
    assert line.endswith(f": error: cannot write: {os.strerror(code)} ({says})")
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.suffix in (".xml", ".html", ".pdf")]


def mounted_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.parametrize("options", ["size=40k", "ro"])
def test_a_real_full_or_read_only_disk_stops_a_parallel_build_cleanly(tmp_path, options):
    disk = tmp_path / "disk"
    if not mounted_tmpfs(disk, "40k" if options == "size=40k" else "1m"):
        pytest.skip("cannot mount a tmpfs here (needs root in a system that allows it)")
    try:
        if options == "ro":
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        argv = commands(tmp_path, disk / "build")["build"]
        done = subprocess.run([sys.executable, "-m", "tei", *argv, "-j", "2"], capture_output=True,
                              text=True, check=False, cwd=ROOT)
    finally:
        subprocess.run(["umount", str(disk)], check=False)
    assert done.returncode == 1
    assert "error: cannot write" in one_error_line(done.stderr, "build")


@pytest.mark.parametrize("command", ["build", "encode", "web", "pdf"])
def test_output_naming_an_existing_file_is_a_usage_error(tmp_path, capsys, command):
    taken = tmp_path / "taken"
    taken.write_text("keep me", encoding="utf-8")
    assert main(commands(tmp_path, taken)[command]) == 2
    assert "-o names an existing file" in one_error_line(capsys.readouterr().err, command)
    assert taken.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("command", ["build", "encode", "web", "pdf", "validate"])
@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_jobs_below_one_are_usage_errors(tmp_path, capsys, command, jobs):
    argv = {**commands(tmp_path, tmp_path / "out"), "validate": ["validate", str(FEATURES)]}[command]
    assert main([*argv, "-j", jobs]) == 2
    assert "argument -j/--jobs:" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("schema", ["plain text, not XML\n", "<TEI xmlns='http://www.tei-c.org/ns/1.0'/>"])
def test_a_tei_all_that_is_not_a_schema_is_a_usage_error(tmp_path, capsys, schema):
    (tmp_path / "tei_all.rng").write_text(schema, encoding="utf-8")
    assert main(["validate", str(FEATURES), "--tei-all", str(tmp_path / "tei_all.rng")]) == 2
    assert "tei_all.rng" in one_error_line(capsys.readouterr().err, "validate")


def test_a_non_utf8_edition_toml_names_the_byte_and_its_position(tmp_path, capsys):
    (tmp_path / "edition.toml").write_bytes(b'[edition]\ntitle = "caf\xe9"\n')
    assert main(["build", "--config", str(tmp_path / "edition.toml")]) == 2
    line = one_error_line(capsys.readouterr().err, "build")
    assert "edition.toml:2:13: error: byte 0xe9 is not valid UTF-8" in line


@pytest.mark.parametrize("depth", [101, 256 - 8])
def test_tei_nested_deeper_than_saxon_allows_by_default_still_renders(tmp_path, capsys, depth):
    header = ("<teiHeader><fileDesc><titleStmt><title>Deep</title></titleStmt><publicationStmt><p/>"
              "</publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>")
    body = "<div>" * depth + "<p>innermost words</p>" + "</div>" * depth
    deep = tmp_path / "deep.xml"
    deep.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{header}<text><body>{body}</body></text></TEI>',
                    encoding="utf-8")
    assert main(["web", str(deep), "-o", str(tmp_path / "web"), "-j", "1"]) == 0
    assert "innermost words" in (tmp_path / "web" / "deep.html").read_text(encoding="utf-8")


def awkward_sources(folder: Path) -> dict[str, str]:
    """A folder of sources with one real file and four things that are not files; each → its reason."""
    folder.mkdir(parents=True)
    (folder / "real.txt").write_bytes(SEED.read_bytes())
    (folder / "folder.txt").mkdir()
    (folder / "dangling.txt").symlink_to(folder / "absent.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    return {"folder.txt": "a folder, not a file", "dangling.txt": "which does not exist",
            "loop.txt": "a loop of symbolic links", "pipe.txt": "a FIFO (named pipe)"}


def test_encode_reports_every_input_it_skips_and_why(tmp_path, capsys):
    reasons = awkward_sources(tmp_path / "texts")
    assert main(["encode", str(tmp_path / "texts"), "-o", str(tmp_path / "tei"), "-j", "1"]) == 0
    err = capsys.readouterr().err
    for name, reason in reasons.items():
        assert f"{tmp_path / 'texts' / name}: warning: skipped: " in err and reason in err, name
    assert [p.name for p in (tmp_path / "tei").iterdir()] == ["real.xml"]


def test_build_reports_every_source_it_skips_and_why(tmp_path, capsys):
    reasons = awkward_sources(tmp_path / "texts")
    (tmp_path / "edition.toml").write_text(
        '[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = ["tei"]\n', encoding="utf-8")
    assert main(["build", "-q", "--config", str(tmp_path / "edition.toml"), "-j", "1"]) == 0
    err = capsys.readouterr().err
    for name, reason in reasons.items():
        assert f"texts/{name}:1:1: warning: [source-skipped] skipped: " in err and reason in err, name


# ---------------------------------------------------------------- hostile paths and streams (every command)

def test_a_usage_error_is_one_line_that_says_where_the_options_are(capsys):
    assert main(["build", "-j", "0"]) == 2
    assert capsys.readouterr().err == (
        "tei build: error: argument -j/--jobs: must be at least 1, not 0 (see tei build --help)\n")


@pytest.mark.parametrize("argv", [["conventions", "-o", "{folder}"], ["conventions", "-o", "{file}/x.json"],
                                  ["schemas", "build", "-o", "{file}"]])
def test_a_command_that_writes_one_file_says_in_one_line_that_it_cannot(tmp_path, capsys, argv):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("keep me", encoding="utf-8")
    argv = [arg.format(folder=tmp_path / "folder", file=tmp_path / "file") for arg in argv]
    assert main(argv) == 1
    command = " ".join(argv[:2] if argv[0] == "schemas" else argv[:1])
    assert "error: cannot write" in one_error_line(capsys.readouterr().err, command)
    assert (tmp_path / "file").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("argv", [["conventions"], ["source", str(ROOT / "tests" / "data" / "features.xml")]])
def test_standard_output_on_a_full_disk_is_one_line_and_exit_status_1(argv):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "tei", *argv], stdout=full, stderr=subprocess.PIPE,
                              text=True, check=False)
    assert done.returncode == 1
    assert done.stderr == f"tei {argv[0]}: error: cannot write the output: No space left on device\n"


def test_a_reader_that_stops_reading_the_output_ends_the_command_quietly():
    command = subprocess.Popen([sys.executable, "-m", "tei", "conventions"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    command.stdout.close()          # as `| head -1` does, long before the command writes
    assert command.wait() == 1 and command.stderr.read() == b""
    command.stderr.close()


@pytest.mark.parametrize(("name", "make", "status", "message"), [
    ("absent.xml", None, 2, "absent.xml: error: no such file"),
    ("folder.xml", "folder", 2, "folder.xml: error: a folder, not a file"),
    ("loop.xml", "loop", 2, "loop.xml: error: a loop of symbolic links"),
    ("other.xml", "not-tei", 1, "other.xml:1:1: error: the root element is other, not TEI"),
])
def test_tei_source_of_what_is_no_tei_file_is_one_line(tmp_path, capsys, monkeypatch, name, make, status, message):
    monkeypatch.chdir(tmp_path)
    if make == "folder":
        Path(name).mkdir()
    elif make == "loop":
        Path(name).symlink_to(name)
    elif make == "not-tei":
        Path(name).write_text("<other/>", encoding="utf-8")
    assert main(["source", name]) == status
    captured = capsys.readouterr()
    assert message in one_error_line(captured.err, "source") and captured.out == ""


def test_a_file_named_with_a_newline_or_an_escape_is_named_on_one_line(tmp_path, capsys):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "new\nline\x1b[31m.txt").write_bytes(b"\x00binary\n")
    assert main(["encode", str(texts), "-o", str(tmp_path / "out")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert any(line.startswith(f"{texts}/new\\nline\\x1b[31m.txt:1:1: error: [source]") for line in lines), lines
    assert not any(line.startswith("line") for line in lines)


def test_malformed_xml_and_an_output_folder_named_with_a_newline_stay_on_one_line(tmp_path, capsys):
    broken = tmp_path / "new\nline.xml"
    broken.write_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><bad></TEI>')
    assert main(["source", str(broken)]) == 1
    assert capsys.readouterr().err == f"tei source: {tmp_path}/new\\nline.xml:1:53: error: Opening and ending tag " \
        "mismatch: bad line 1 and TEI\n"
    out = tmp_path / "site\nout"
    main(["web", str(FEATURES), "-o", str(out)])
    said = capsys.readouterr().out
    assert said == f"tei web: wrote 1 document pages and the index to {tmp_path}/site\\nout/index.html\n"


@pytest.mark.parametrize(("code", "says"), [(errno.EFBIG, "over the file size limit of ulimit -f"),
                                            (errno.EDQUOT, "the disk quota is used up")])
def test_a_file_size_limit_or_a_quota_says_so(tmp_path, code, says):
    from tei.fsutil import output_error

    assert str(output_error(tmp_path / "x.html", OSError(code, os.strerror(code)))).endswith(f"({says})")


def test_an_output_error_names_its_file_on_one_line(tmp_path):
    from tei.fsutil import output_error

    error = output_error(tmp_path / "new\nline.html", OSError(errno.ENOSPC, "No space left on device"))
    assert str(error) == f"{tmp_path}/new\\nline.html: error: cannot write: No space left on device (the disk is full)"


def test_a_named_input_that_is_no_file_says_why_when_nothing_else_is_left(tmp_path, capsys):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert main(["encode", str(tmp_path / "loop.txt"), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path}/loop.txt: warning: skipped: a loop of symbolic links",
        "tei encode: error: no .txt transcriptions found in the given paths"]


def test_tei_web_of_a_folder_without_tei_is_a_usage_error_like_tei_pdf(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["web", str(tmp_path / "empty"), "-o", str(tmp_path / "site")]) == 2
    assert "no TEI files found" in one_error_line(capsys.readouterr().err, "web")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["validate", "{tmp}/absent.xml"], "{tmp}/absent.xml: error: no such file or folder"),
    (["schemas", "build", "--odd", "{tmp}/absent.odd", "-o", "{tmp}/out"], "{tmp}/absent.odd: error: cannot read it"),
])
def test_a_missing_input_is_named_first_in_its_error_line(tmp_path, capsys, argv, message):
    assert main([arg.format(tmp=tmp_path) for arg in argv]) == 2
    command = " ".join(argv[:2] if argv[0] == "schemas" else argv[:1])
    line = one_error_line(capsys.readouterr().err, command)
    assert line.startswith(f"tei {command}: {message.format(tmp=tmp_path)}"), line


@pytest.mark.parametrize(("make", "reason"), [("fifo", "a FIFO (named pipe), not a file"),
                                              ("dangling", "a symbolic link to absent.xml, which does not exist")])
def test_tei_validate_of_a_named_path_that_is_no_file_says_why_rather_than_wait(tmp_path, make, reason):
    named = tmp_path / "named.xml"
    if make == "fifo":
        os.mkfifo(named)
    else:
        named.symlink_to("absent.xml")
    done = subprocess.run([sys.executable, "-m", "tei", "validate", str(named)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr == f"tei validate: {named}: error: {reason}\n"


@pytest.mark.parametrize(("argv", "said"), [
    (["build", "--config", "{pipe}"], "tei build: {pipe}: error: cannot read the configuration: "),
    (["pdf", "--config", "{pipe}", str(FEATURES)], "tei pdf: {pipe}: error: cannot read the configuration: "),
    (["web", "--numbers", "{pipe}", str(FEATURES), "-o", "{tmp}/web"],
     "tei web: {pipe}: error: cannot read the document numbers: "),
    (["schemas", "build", "--odd", "{pipe}", "--check"], "tei schemas build: {pipe}: error: cannot read it: "),
    (["schemas", "build", "--docs", "{pipe}", "--check"], "tei schemas build: {pipe}: error: cannot read it: "),
    (["validate", "--schema", "{pipe}", str(FEATURES)], "tei validate: error: --schema {pipe}: "),
    (["validate", "--tei-all", "{pipe}", str(FEATURES)], "tei validate: error: --tei-all {pipe}: "),
])
def test_an_option_naming_a_fifo_says_so_rather_than_wait_for_a_writer(tmp_path, argv, said):
    pipe = tmp_path / "named.pipe"
    os.mkfifo(pipe)
    argv = [arg.format(pipe=pipe, tmp=tmp_path) for arg in argv]
    done = subprocess.run([sys.executable, "-m", "tei", *argv], capture_output=True, text=True, timeout=120,
                          check=False, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == said.format(pipe=pipe) + "a FIFO (named pipe), not a file\n"


def test_an_authority_list_that_is_a_fifo_is_named_rather_than_waited_for(tmp_path):
    from tei.authority import EditionAuthorities
    from tei.errors import SourceError

    os.mkfifo(tmp_path / "persons.xml")
    with pytest.raises(SourceError, match="cannot read the persons list: a FIFO"):
        EditionAuthorities.read({"persons": tmp_path / "persons.xml"})


def test_tei_validate_says_which_xml_of_a_folder_it_leaves_out_and_why(tmp_path, capsys):
    folder = tmp_path / "tei"
    folder.mkdir()
    (folder / "one.xml").write_bytes(FEATURES.read_bytes())
    (folder / "gone.xml").symlink_to("absent.xml")
    os.mkfifo(folder / "pipe.xml")
    main(["validate", str(folder)])
    warnings = [line for line in capsys.readouterr().err.splitlines() if ": warning: skipped" in line]
    assert warnings == [f"{folder}/gone.xml: warning: skipped: a symbolic link to absent.xml, which does not exist",
                        f"{folder}/pipe.xml: warning: skipped: a FIFO (named pipe), not a file"]


def test_a_file_whose_folder_another_writer_makes_meanwhile_is_written(tmp_path, monkeypatch):
    """Two writer threads open their first files in a folder that is not there yet: the one whose open
    fails finds the folder the other made since, and writes its file all the same."""
    from tei.fsutil import atomic_write

    folder = tmp_path / "web"
    real_open = os.open

    def made_meanwhile(path, *args):
        if not folder.exists():
            folder.mkdir()                  # the other writer, between this open and its look at the folder
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
        return real_open(path, *args)

    monkeypatch.setattr("tei.fsutil.os.open", made_meanwhile)
    atomic_write(folder / "page.html", b"<p>page</p>")
    assert (folder / "page.html").read_bytes() == b"<p>page</p>"


# The command's work replaced by a signal to itself: as Ctrl-C (SIGINT) or `kill` (SIGTERM) arrive mid-run. Ctrl-C
# is heard as from a shell, whatever the test process passed on.
STOPPED_MIDWAY = """\
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
import tei.pipeline.build, tei.pipeline.single
def stopped(*args, **kwargs):
    os.kill(os.getpid(), signal.{signal})
    time.sleep(30)
tei.pipeline.single.encode_sources = tei.pipeline.single.publish_web = tei.pipeline.build.build_edition = stopped
from tei.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("sig", "status"), [("SIGINT", 130), ("SIGTERM", 143)])
@pytest.mark.parametrize("command", ["build", "encode", "web"])
def test_ctrl_c_or_sigterm_is_one_line_and_128_plus_the_signal(tmp_path, command, sig, status):
    """Before, Ctrl-C printed a traceback (but in tei build), and SIGTERM ended every command without a word,
    its clean-up not run (temporary files left in the output folder)."""
    argv = commands(tmp_path, tmp_path / "out")[command]
    done = subprocess.run([sys.executable, "-c", STOPPED_MIDWAY.format(signal=sig), *argv], capture_output=True,
                          text=True, timeout=120, check=False, cwd=ROOT)
    assert done.returncode == status
    said = "the previous outputs are intact" if command == "build" else "each file written is complete"
    assert done.stderr == f"tei {command}: interrupted; {said}\n"


def test_a_transcription_that_cannot_be_read_is_its_error_and_the_others_are_encoded(tmp_path, capsys, monkeypatch):
    """Before, `tei encode` read every source before it started: one it could not read (no permission,
    removed meanwhile) stopped the command, and nothing was encoded."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "one.txt").write_bytes(SEED.read_bytes())
    (texts / "locked.txt").write_bytes(SEED.read_bytes())
    read = Path.read_bytes

    def refused(path):
        if path.name == "locked.txt":       # as chmod 000 does for all but root
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert main(["encode", str(texts), "-o", str(tmp_path / "out"), "-j", "1"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert errors == [f"{texts}/locked.txt:1:1: error: [source-unreadable] cannot read the source: Permission denied"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["one.xml"]


def test_jobs_beyond_a_few_per_cpu_start_no_more_workers():
    """`-j 10000` started a worker process (some 200 MiB) for each document, up to 10,000."""
    from tei.pipeline.executors import WORKERS_PER_CPU, default_jobs, make_executor
    from tei.pipeline.model import Settings
    from tei.pipeline.outputs import Layout
    from tei.pipeline.stages import stage

    pool = make_executor("process", (stage("encode"),), Settings(), jobs=10_000, work=10_000, layout=Layout(ROOT))
    assert pool.jobs == WORKERS_PER_CPU * default_jobs()
    pool.close()


def test_a_file_name_that_is_not_utf8_is_named_in_a_line_any_stream_can_write(tmp_path):
    from tei.errors import one_line

    name = os.fsdecode(b"caf\xe9.txt")         # what Python makes of the byte 0xe9 in a file name
    assert one_line(name) == "caf\\udce9.txt"
    one_line(name).encode("utf-8")


@pytest.mark.parametrize("command", ["encode", "build"])
def test_a_source_whose_name_is_not_utf8_is_skipped_with_its_reason(tmp_path, capsys, command):
    """Before, its encoding crashed (`tei encode`: a `stage-crash` of UnicodeEncodeError) or the build ended in
    a traceback: its name could be written into neither its TEI nor the report nor the cache."""
    argv = commands(tmp_path, tmp_path / "out")[command]
    (tmp_path / "texts" / os.fsdecode(b"caf\xe9.txt")).write_bytes(SEED.read_bytes())
    assert main([*argv, "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "texts/caf\\udce9.txt" in err and "skipped: its name is not UTF-8 (the byte 0xe9); rename it" in err
    assert "Traceback" not in err


def test_a_second_sigterm_ends_a_command_whose_clean_up_waits_for_ever():
    clean_up_that_hangs = STOPPED_MIDWAY.format(signal="SIGTERM").replace(
        "    os.kill(os.getpid(), signal.SIGTERM)\n    time.sleep(30)\n",
        "    try:\n        os.kill(os.getpid(), signal.SIGTERM)\n        time.sleep(30)\n"
        "    finally:\n        os.kill(os.getpid(), signal.SIGTERM)\n        time.sleep(30)\n")
    done = subprocess.run([sys.executable, "-c", clean_up_that_hangs, "encode", str(SEED)], capture_output=True,
                          text=True, timeout=25, check=False, cwd=ROOT)
    assert done.returncode == -signal.SIGTERM


@pytest.mark.parametrize("name", ["a" * 250 + ".json", "я" * 122 + ".json"])
def test_a_file_whose_name_is_near_the_longest_a_name_may_be_is_written(tmp_path, name):
    """Its temporary file, `.NAME.PID.N.tmp`, was longer than a name may be (255 bytes): `tei conventions -o`
    of a name of 245 bytes or more said `File name too long`."""
    from tei.fsutil import atomic_write

    atomic_write(tmp_path / name, b"{}")
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_what_a_pool_worker_starts_stops_at_sigterm():
    """Pool workers ignoring SIGTERM, as they ignore Ctrl-C, passed it on to what they start: a helper stopped
    with SIGTERM (as Pagefind's service stops its process) never stopped, and its caller waited for ever."""
    started = ("from tei.pipeline import worker\n"
               "worker.die_with_parent = print\n"
               "worker.ignore_interrupts_then_prepare((), None, 0)\n"
               "import subprocess\n"
               "helper = subprocess.Popen(['sleep', '30'])\n"
               "helper.terminate()\n"
               "print(helper.wait(timeout=10))\n")
    done = subprocess.run([sys.executable, "-c", started], capture_output=True, text=True, timeout=60, check=False,
                          cwd=ROOT)
    assert done.stdout.splitlines()[-1:] == [str(-signal.SIGTERM)], done.stderr
