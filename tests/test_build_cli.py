"""`tei build` on the command line: exit codes, progress lines, the summary, clear errors."""

from __future__ import annotations

import pytest

from tei.cli import main
from tests.test_build_fakes import FAKE_STAGES


@pytest.fixture
def edition(tmp_path, monkeypatch):
    """An edition of three small sources built with the fake stages, from its own folder."""
    monkeypatch.setattr("tei.pipeline.stages.STAGES", FAKE_STAGES)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    for name in ("one", "two", "three"):
        (tmp_path / "texts" / f"{name}.txt").write_text(f"{name} title\ntext\n", encoding="utf-8")
    (tmp_path / "edition.toml").write_text(
        '[edition]\ntitle = "Test edition"\n[sources]\ninclude = ["texts/*.txt"]\n'
        '[outputs]\ndirectory = "site"\n', encoding="utf-8")
    return tmp_path


def test_build_exits_0_and_prints_progress_lines_and_a_summary_table(edition, capsys):
    assert main(["build", "--config", "edition.toml", "--jobs", "1"]) == 0
    out, err = capsys.readouterr()
    assert "encode: 3 to do" in err and "encode: 3/3 done in" in err
    assert "Test edition: 3 documents" in out and "rebuilt 3 of 3 documents" in out
    assert (edition / "site/web/one.html").is_file() and (edition / "site/report.json").is_file()


def test_a_second_build_does_nothing_and_says_so(edition, capsys):
    main(["build", "--config", "edition.toml", "--jobs", "1"])
    capsys.readouterr()
    assert main(["build", "--config", "edition.toml"]) == 0
    out, err = capsys.readouterr()
    assert "nothing to do: all 3 documents are up to date" in out
    assert "documents: all 3 up to date, nothing to do" in err


def test_quiet_prints_one_line_per_stage_and_no_table(edition, capsys):
    assert main(["build", "--config", "edition.toml", "--jobs", "1", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "encode: 3 to do" not in err and "encode: 3/3 done in" in err
    assert "┃" not in out and "rebuilt 3 of 3 documents" in out


def test_a_failed_document_makes_the_exit_status_1_and_prints_its_position(edition, capsys):
    (edition / "texts/two.txt").write_text("two\nBROKEN\n", encoding="utf-8")
    assert main(["build", "--config", "edition.toml", "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert "texts/two.txt:2:1: error: [fake-broken] cannot encode this" in err
    assert (edition / "site/web/one.html").is_file() and (edition / "site/web/three.html").is_file()


def test_output_overrides_the_configured_build_folder(edition):
    assert main(["build", "--config", "edition.toml", "-j", "1", "-o", "elsewhere"]) == 0
    assert (edition / "elsewhere/tei/one.xml").is_file() and not (edition / "site").exists()


@pytest.mark.parametrize(("arguments", "message"), [
    (["--config", "absent.toml"], "absent.toml: error: cannot read the configuration"),
    (["--executor", "dask"], "--executor dask needs --scheduler ADDRESS"),
    (["--jobs", "0"], "argument -j/--jobs: must be at least 1, not 0"),
    (["-j", "-3"], "argument -j/--jobs: must be at least 1, not -3"),
])
def test_usage_errors_exit_2_with_a_clear_message(edition, capsys, arguments, message):
    assert main(["build", "--config", "edition.toml", *arguments]) == 2
    assert message in capsys.readouterr().err


def test_a_configuration_error_names_the_key(edition, capsys):
    (edition / "edition.toml").write_text("[pdf]\npaper = 'A4'\n", encoding="utf-8")
    assert main(["build", "--config", "edition.toml"]) == 2
    assert "edition.toml:2:1: error: unknown key 'pdf.paper'" in capsys.readouterr().err


def test_help_shows_examples(capsys):
    assert main(["build", "--help"]) == 0
    assert "tei build --config edition.toml" in capsys.readouterr().out


def test_an_output_folder_that_is_a_file_is_named_by_where_it_was_given(edition, capsys):
    (edition / "taken").write_text("a file", encoding="utf-8")
    config = (edition / "edition.toml").read_text(encoding="utf-8")
    (edition / "edition.toml").write_text(config.replace('"site"', '"taken"'), encoding="utf-8")
    assert main(["build", "--config", "edition.toml"]) == 2
    assert "taken: error: outputs.directory of the configuration names an existing file" in capsys.readouterr().err
    assert main(["build", "--config", "edition.toml", "-o", "taken"]) == 2
    assert "taken: error: -o names an existing file" in capsys.readouterr().err
