"""Sources come only from inside the edition's folder: no `..` out of it, no symbolic link out, no absolute glob."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei.cli import main

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_423cda980137f6e9.txt"


@pytest.fixture
def edition(tmp_path) -> Path:
    """An edition folder with one source, beside a folder with a file that must stay private."""
    folder = tmp_path / "edition"
    (folder / "seeds").mkdir(parents=True)
    (folder / "seeds" / "doc.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.txt").write_text("Secret: not for publication\n", encoding="utf-8")
    return folder


def build(folder: Path, include: str, capsys) -> tuple[int, str]:
    config = folder / "edition.toml"
    config.write_text(f'[outputs]\nformats = ["tei"]\n\n[sources]\ninclude = [{include}]\n', encoding="utf-8")
    status = main(["build", "--quiet", "-j", "1", "--config", str(config)])
    return status, capsys.readouterr().err


def published(folder: Path) -> list[str]:
    """The documents' TEI files (the edition-wide authority lists in tei/authorities/ are not documents)."""
    return sorted(path.name for path in (folder / "build" / "tei").glob("*.xml"))


def assert_refused_at_the_include_key(status: int, err: str, folder: Path) -> None:
    assert status == 2
    assert err.startswith(f"tei build: {folder / 'edition.toml'}:5:1: error: ")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (folder / "build").exists() or published(folder) == []


def test_a_glob_climbing_out_of_the_edition_is_refused(edition, capsys):
    status, err = build(edition, '"seeds/*.txt", "../private/*.txt"', capsys)
    assert_refused_at_the_include_key(status, err, edition)
    assert "outside the edition's folder" in err


def test_a_glob_reaching_system_files_is_refused(edition, capsys):
    climb = "../" * len(edition.resolve().parts)
    status, err = build(edition, f'"{climb}etc/host*"', capsys)
    assert_refused_at_the_include_key(status, err, edition)


def test_a_symbolic_link_out_of_the_edition_is_refused(edition, capsys):
    (edition / "seeds" / "link.txt").symlink_to(edition.parent / "private" / "secret.txt")
    status, err = build(edition, '"seeds/*.txt"', capsys)
    assert_refused_at_the_include_key(status, err, edition)
    assert "link.txt" in err


def test_a_symbolic_folder_out_of_the_edition_is_refused(edition, capsys):
    (edition / "more").symlink_to(edition.parent / "private", target_is_directory=True)
    status, err = build(edition, '"seeds/*.txt", "more/*.txt"', capsys)
    assert_refused_at_the_include_key(status, err, edition)


@pytest.mark.parametrize("pattern", ["/etc/host*", "/{private}/*.txt"])
def test_an_absolute_glob_is_an_error_not_a_traceback(edition, capsys, pattern):
    pattern = pattern.format(private=(edition.parent / "private").as_posix().strip("/"))
    status, err = build(edition, f'"{pattern}"', capsys)
    assert_refused_at_the_include_key(status, err, edition)
    assert "absolute pattern" in err


def test_links_and_dot_dots_that_stay_inside_the_edition_are_followed(edition, capsys):
    (edition / "seeds" / "alias.txt").symlink_to(edition / "seeds" / "doc.txt")
    status, err = build(edition, '"seeds/../seeds/*.txt"', capsys)
    assert (status, published(edition)) == (0, ["alias.xml", "doc.xml"]), err


@pytest.mark.parametrize("pattern", ["", ".", "***", "texts/a**"])
def test_an_include_that_is_no_glob_is_an_error_at_its_key_not_a_traceback(edition, capsys, pattern):
    status, err = build(edition, f'"{pattern}"', capsys)
    assert_refused_at_the_include_key(status, err, edition)
    assert f"sources.include has {pattern!r}, which is not a pattern of file names" in err
