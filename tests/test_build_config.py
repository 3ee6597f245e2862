"""edition.toml: every key typed and named; defaults build the bundled seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei.pipeline.config import ConfigError, EditionConfig, default_config, load_config

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "edition.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_configuration_the_bundled_seeds_are_built_into_build(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    config = default_config()
    names = [path.name for path in config.source_paths()]
    assert len(names) == 5 and names == sorted(names) and names[0].startswith("000_")
    assert config.output_dir == Path("build") and config.outputs == ("tei", "web", "pdf")


def test_the_example_edition_toml_builds_the_seeds(monkeypatch):
    config = load_config(REPO / "edition.toml")
    assert len(config.source_paths()) == 5
    assert config.output_dir == REPO / "build"
    assert config.edition.licence == "CC-BY-4.0" and config.page_size == "A4"


def test_every_key_is_read_into_frozen_settings(tmp_path):
    config = load_config(write(tmp_path, """
[edition]
title = "Letters"
editors = ["A. Editor", "B. Editor"]
publisher = "A Press"
licence = "CC0-1.0"
base_url = "https://example.org/letters/"
[sources]
include = ["texts/*.txt", "more/*.txt"]
preset = "wilson-center"
[outputs]
formats = ["tei", "web"]
directory = "site"
[pdf]
page_size = "letter"
volumes = "year"
documents_per_volume = 300
"""))
    assert config.edition.title == "Letters"
    assert config.edition.editors == ("A. Editor", "B. Editor")
    assert config.sources == ("texts/*.txt", "more/*.txt")
    assert config.outputs == ("tei", "web") and config.page_size == "letter"
    assert config.volumes == "year" and config.documents_per_volume == 300
    assert config.output_dir == tmp_path / "site" and config.source_root == tmp_path
    with pytest.raises(AttributeError):
        config.page_size = "A4"


@pytest.mark.parametrize(("text", "message"), [
    ('[edition]\ntitel = "x"\n',
     "edition.toml:2:1: error: unknown key 'edition.titel' (known keys in [edition]: "
     "base_url, dates, doi, editors, licence, published, publisher, title, version)"),
    ('[edition]\ndates = ["1956"]\n',
     "edition.toml:2:1: error: key 'edition.dates' must be [first, last], two ISO dates"),
    ('[edition]\ndates = ["1956-01-01", "1956 December"]\n',
     "edition.toml:2:1: error: key 'edition.dates' must be [first, last], two ISO dates"),
    ('[edition]\ntitle = "x"\n\n[web]\ntheme = "dark"\n',
     "edition.toml:4:1: error: unknown section or key 'web' "
     "(known sections: authorities, edition, outputs, pdf, sources)"),
    ('[edition]\neditors = "A. Editor"\n',
     "edition.toml:2:1: error: key 'edition.editors' must be a list of strings, "
     "not str 'A. Editor'"),
    ("[pdf]\n  page_size = 4\n",
     "edition.toml:2:3: error: key 'pdf.page_size' must be a string, not int 4"),
    ('[outputs]\nformats = ["tei", "epub"]\n',
     "edition.toml:2:1: error: key 'outputs.formats' has 'epub'; choose from tei, web, pdf, text, corpus, "
     "zenodo, bagit, cmif, dts"),
    ('[pdf]\nvolumes = "decade"\n',
     "edition.toml:2:1: error: key 'pdf.volumes' has 'decade'; choose from size, year"),
    ('[edition]\npublished = "30 November 2026"\n',
     "edition.toml:2:1: error: key 'edition.published' is '30 November 2026', not an ISO date (YYYY-MM-DD)"),
    ('[edition]\ndoi = "https://doi.org/10.5281/zenodo.1"\n',
     "edition.toml:2:1: error: key 'edition.doi' is 'https://doi.org/10.5281/zenodo.1', not a DOI "
     "(10.NNNN/…, without https://doi.org/)"),
    ("[pdf]\ndocuments_per_volume = 0\n",
     "edition.toml:2:1: error: key 'pdf.documents_per_volume' must be a whole number of at least 1, not 0"),
    ('[sources]\npreset = "british-library"\n',
     "edition.toml:2:1: error: key 'sources.preset' has 'british-library'; choose from wilson-center"),
    ('[edition]\ntitle = "unclosed\n',
     "edition.toml:2:18: error: Illegal character"),
    ('edition = 5\n',
     "edition.toml:1:1: error: 'edition' must be a section, [edition] with its keys below it, not int 5"),
])
def test_a_wrong_key_or_type_is_an_error_naming_the_key_and_its_line(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_a_missing_configuration_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the configuration"):
        load_config(tmp_path / "absent.toml")


def test_sources_are_matched_once_and_sorted(tmp_path):
    for name in ("b.txt", "a.txt", "notes.md"):
        (tmp_path / name).write_text("x")
    config = EditionConfig(source_root=tmp_path, sources=("*.txt", "a.*"))
    assert [p.name for p in config.source_paths()] == ["a.txt", "b.txt"]


def test_a_metadata_setting_that_names_a_file_is_an_error_not_an_edition_without_metadata(tmp_path, capsys):
    from tei.cli import main

    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "one.txt").write_bytes(sorted((REPO / "seeds").glob("*.txt"))[0].read_bytes())
    (tmp_path / "metadata.toml").write_text('title = "Kept"\n', encoding="utf-8")
    write(tmp_path, '[sources]\ninclude = ["texts/*.txt"]\nmetadata = "metadata.toml"\n[outputs]\nformats = ["tei"]\n')
    assert main(["build", "-q", "--config", str(tmp_path / "edition.toml"), "-j", "1"]) == 2
    assert capsys.readouterr().err == (f"tei build: {tmp_path}/metadata.toml: error: sources.metadata names a file; "
                                       "give the folder of the editors' metadata (one STEM.toml a source), "
                                       "or leave it out\n")
    assert not (tmp_path / "build" / "tei").exists()


@pytest.mark.parametrize("where", ["edition.toml", "metadata/one.toml", "document-numbers.toml"])
def test_toml_nested_deeper_than_python_follows_is_malformed_toml_in_one_line(tmp_path, capsys, where):
    from tei.cli import main

    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "one.txt").write_bytes(sorted((REPO / "seeds").glob("*.txt"))[0].read_bytes())
    write(tmp_path, '[sources]\ninclude = ["texts/*.txt"]\n[outputs]\nformats = ["tei"]\n')
    nested = tmp_path / where
    nested.parent.mkdir(exist_ok=True)
    nested.write_text("notes = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert main(["build", "-q", "--config", str(tmp_path / "edition.toml"), "-j", "1"]) in (1, 2)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "crashed" not in err
    line = next(line for line in err.splitlines() if "error" in line)
    assert where in line and ": error: " in line and "nested too deeply" in line, err
