"""An edition's own authority lists (`[authorities]` in edition.toml) and `tei validate` with the edition's settings.

One setting decides which lists recognition, the Schematron ref check, the web and print indices and the
published lists read; a missing or malformed list is one line and an exit status, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tei.cli import main

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEXT = "We met with Zhang Wentian and Kim Il Sung in Moscow on 3 March 1956.\n"
OWN_PERSONS = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Our persons</title></titleStmt>'
               "</fileDesc></teiHeader><text><body><listPerson>"
               '<person xml:id="zhang-wentian"><persName xml:lang="en" type="main">Zhang Wentian</persName>'
               '<persName xml:lang="en" type="index">Zhang, Wentian</persName></person>'
               "</listPerson></body></text></TEI>")
EDITION = """\
[edition]
title = "Our edition"
dates = ["1956-01-01", "1956-12-31"]

[sources]
include = ["sources/*.txt"]

[outputs]
formats = ["tei"]

[authorities]
persons = "lists/our-persons.xml"
"""


def edition(tmp_path: Path, persons: str = OWN_PERSONS, settings: str = EDITION, text: str = TEXT) -> Path:
    """An edition in `tmp_path`: one transcription, its own list of persons, the bundled other lists."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "doc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "our-persons.xml").write_text(persons, encoding="utf-8")
    (tmp_path / "edition.toml").write_text(settings, encoding="utf-8")
    return tmp_path / "edition.toml"


def test_an_edition_with_its_own_list_recognises_its_names_and_not_the_bundled_ones(tmp_path):
    config = edition(tmp_path)
    assert main(["build", "--config", str(config), "-q"]) == 0   # the ref check reads the same list
    tei = (tmp_path / "build" / "tei" / "doc.xml").read_text(encoding="utf-8")
    assert '<persName ref="person:zhang-wentian">Zhang Wentian</persName>' in tei
    assert "person:kim-il-sung" not in tei
    assert '<placeName ref="place:moscow">' in tei                # places: the bundled list still
    published = tmp_path / "build" / "tei" / "authorities" / "persons.xml"
    assert published.read_text(encoding="utf-8") == OWN_PERSONS


def test_tei_encode_reads_the_lists_of_the_edition_it_is_given(tmp_path):
    config = edition(tmp_path)
    assert main(["encode", str(tmp_path / "sources"), "-o", str(tmp_path / "out"), "--config", str(config),
                 "-q"]) == 0
    tei = (tmp_path / "out" / "doc.xml").read_text(encoding="utf-8")
    assert "person:zhang-wentian" in tei and "person:kim-il-sung" not in tei


def test_tei_encode_reads_the_edition_toml_of_the_current_folder(tmp_path, monkeypatch):
    edition(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["encode", "sources", "-o", "out", "-q"]) == 0
    assert "person:zhang-wentian" in (tmp_path / "out" / "doc.xml").read_text(encoding="utf-8")


def encoded(tmp_path: Path) -> Path:
    """The TEI of the edition's document, encoded with its own lists, outside the edition's folder."""
    config = edition(tmp_path / "edition")
    assert main(["encode", str(tmp_path / "edition" / "sources"), "-o", str(tmp_path / "tei"),
                 "--config", str(config), "-q"]) == 0
    return tmp_path / "tei" / "doc.xml"


def test_tei_validate_checks_refs_against_the_editions_lists(tmp_path, monkeypatch, capsys):
    (tmp_path / "edition").mkdir()
    tei = encoded(tmp_path)
    monkeypatch.chdir(tmp_path)                               # no edition.toml here: the bundled lists
    assert main(["validate", str(tei), "-q"]) == 1
    assert "[ref-in-authority]" in capsys.readouterr().out
    assert main(["validate", str(tei), "-q", "--config", str(tmp_path / "edition" / "edition.toml")]) == 0
    monkeypatch.chdir(tmp_path / "edition")                   # ./edition.toml, as tei build finds it
    assert main(["validate", str(tei), "-q"]) == 0


def test_tei_validate_alone_reports_a_date_outside_the_editions_range(tmp_path, monkeypatch, capsys):
    (tmp_path / "edition").mkdir()
    tei = encoded(tmp_path)
    later = tei.read_text(encoding="utf-8").replace('when="1956-03-03"', 'when="1957-03-03"')
    tei.write_text(later, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "edition")
    assert main(["validate", str(tei), "-q"]) == 1
    out = capsys.readouterr().out
    assert "error: [date-in-range]" in out and "1957-03-03" in out
    assert main(["validate", str(tei), "-q", "--config", str(tmp_path / "edition" / "edition.toml"),
                 "--schema", str(Path(__file__).parent.parent / "schemas" / "edition.rng")]) == 0


def test_the_web_index_and_the_volume_index_list_the_editions_entries(tmp_path):
    from tei.authority import EditionAuthorities
    from tei.render.pdf import PdfOptions, TeiSource, tei_to_xhtml
    from tei.xmlsafe import parse_xml

    (tmp_path / "edition").mkdir()
    tei = encoded(tmp_path)
    config = tmp_path / "edition" / "edition.toml"
    assert main(["web", str(tei), "-o", str(tmp_path / "web"), "--config", str(config)]) == 0
    persons = (tmp_path / "web" / "persons.html").read_text(encoding="utf-8")
    assert 'id="zhang-wentian-name">Zhang, Wentian</h2>' in persons
    assert (tmp_path / "web" / "tei" / "authorities" / "persons.xml").read_text(encoding="utf-8") == OWN_PERSONS
    lists = EditionAuthorities.read({"person": tmp_path / "edition" / "lists" / "our-persons.xml"})
    data = tei.read_bytes()
    volume = tei_to_xhtml([TeiSource(tei, data, parse_xml(data))], PdfOptions(authorities=lists), "volume")
    assert '<li data-ref="person:zhang-wentian">Zhang, Wentian</li>' in volume


BROKEN = [
    ("missing", None, "edition.toml:12:1: error: key 'authorities.persons' names 'lists/our-persons.xml', "
                      "which is not a file"),
    ("not well-formed", "<TEI><listPerson>", "lists/our-persons.xml:1:"),
    ("not a list of persons", f'<TEI xmlns="{TEI_NS}"><listPlace/></TEI>',
     "lists/our-persons.xml:1:1: error: not a list of persons: it has no listPerson"),
    ("an entry without a name", f'<TEI xmlns="{TEI_NS}"><listPerson><person xml:id="x"/></listPerson></TEI>',
     "lists/our-persons.xml:1:1: error: person 'x' needs at least one persName"),
]
COMMANDS = [["build", "--config", "{config}"], ["encode", "{folder}/sources", "-o", "{folder}/out", "--config",
                                                  "{config}"],
            ["validate", "{folder}/sources", "--config", "{config}"],
            ["web", "{folder}/sources", "-o", "{folder}/out", "--config", "{config}"],
            ["pdf", "{folder}/sources", "-o", "{folder}/out", "--config", "{config}"]]


@pytest.mark.parametrize(("case", "persons", "message"), BROKEN, ids=[case for case, _, _ in BROKEN])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_a_missing_or_malformed_list_is_one_line_and_exit_status_2(tmp_path, capsys, case, persons, message,
                                                                    command):
    config = edition(tmp_path, persons or OWN_PERSONS)
    if persons is None:
        (tmp_path / "lists" / "our-persons.xml").unlink()
    argv = [part.format(config=config, folder=tmp_path) for part in command]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.replace(f"{tmp_path}/", "").startswith(f"tei {command[0]}: {message}")
    assert not (tmp_path / "build").exists() and not (tmp_path / "out").exists()


def test_editing_the_editions_list_rebuilds_its_documents(tmp_path):
    config = edition(tmp_path)
    assert main(["build", "--config", str(config), "-q"]) == 0
    more = OWN_PERSONS.replace("</listPerson>", '<person xml:id="kim-il-sung"><persName xml:lang="en" type="main">'
                               "Kim Il Sung</persName></person></listPerson>")
    (tmp_path / "lists" / "our-persons.xml").write_text(more, encoding="utf-8")
    assert main(["build", "--config", str(config), "-q"]) == 0
    assert "person:kim-il-sung" in (tmp_path / "build" / "tei" / "doc.xml").read_text(encoding="utf-8")


def test_the_teicorpus_export_is_checked_against_the_editions_lists(tmp_path):
    config = edition(tmp_path, settings=EDITION.replace('formats = ["tei"]', 'formats = ["tei", "corpus"]'))
    assert main(["build", "--config", str(config), "-q"]) == 0        # [ref-in-authority] would fail it


def test_a_validation_server_answers_only_calls_with_the_same_edition_settings(tmp_path):
    from tei.authority import EditionAuthorities
    from tei.validate.engine import Options
    from tei.validate.protocol import options_key

    edition(tmp_path)
    lists = EditionAuthorities.read({"person": tmp_path / "lists" / "our-persons.xml"})
    keys = {options_key(Options()), options_key(Options(dates=("1956", "1957"))),
            options_key(Options(authorities=lists))}
    assert len(keys) == 3


def test_tei_validate_of_a_build_checks_its_documents_not_the_lists_beside_them(tmp_path, monkeypatch, capsys):
    config = edition(tmp_path)
    assert main(["build", "--config", str(config), "-q"]) == 0
    assert (tmp_path / "build" / "tei" / "authorities" / "persons.xml").is_file()
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "build/tei"]) == 0
    assert "1 file checked: 1 valid" in capsys.readouterr().err


@pytest.mark.parametrize(("stop_list", "reported"), [(None, True), ("# not names here\nPeng\n", False)])
def test_an_edition_names_its_own_words_that_are_not_names(tmp_path, capsys, stop_list, reported):
    settings = EDITION + ('not_names = "lists/not-names.txt"\n' if stop_list else "")
    config = edition(tmp_path, settings=settings, text="We met Zhang Wentian and Peng in Moscow.\n")
    if stop_list:
        (tmp_path / "lists" / "not-names.txt").write_text(stop_list, encoding="utf-8")
    assert main(["encode", str(tmp_path / "sources"), "-o", str(tmp_path / "out"), "--config", str(config)]) == 0
    assert ("[name-unknown] 'Peng'" in capsys.readouterr().err) is reported


def test_a_stop_list_that_is_not_utf8_is_one_line(tmp_path, capsys):
    config = edition(tmp_path, settings=EDITION + 'not_names = "lists/not-names.txt"\n')
    (tmp_path / "lists" / "not-names.txt").write_bytes(b"Peng\n\xff\n")
    assert main(["encode", str(tmp_path / "sources"), "-o", str(tmp_path / "out"), "--config", str(config)]) == 2
    err = capsys.readouterr().err.replace(f"{tmp_path}/", "")
    assert err == "tei encode: lists/not-names.txt:2:1: error: the list of words that are not names is not UTF-8\n"
