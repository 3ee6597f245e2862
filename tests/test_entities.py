"""Names and dates: recognised from the authority lists and the date rules, reported when undecided."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei import encode, to_source
from tei.api import encode_document
from tei.authority import default_authorities
from tei.conventions import TEI_NS
from tei.reader.entities import WORD, NameIndex

NS = {"t": TEI_NS}
ROOT = Path(__file__).resolve().parent.parent


def _names(text: str) -> list[tuple[str, str, str]]:
    """(element, @ref, text) of every name in the body of `text`'s TEI."""
    body = encode(text, "doc.txt").getroot().find(".//t:body", NS)
    return [(etree.QName(e).localname, e.get("ref"), "".join(e.itertext()))
            for e in body.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}orgName", f"{{{TEI_NS}}}placeName")]


def _dates(text: str) -> list[tuple[str, str, str | None]]:
    body = encode(text, "doc.txt").getroot().find(".//t:body", NS)
    return [(e.get("when"), e.text, e.get("cert")) for e in body.iter(f"{{{TEI_NS}}}date")]


@pytest.mark.parametrize("text, written", [
    ("Беседа с товарищем Ким Ир Сеном прошла.", "Ким Ир Сеном"),
    ("Мы поддержим тов. Ким Ир Сена в этом.", "Ким Ир Сена"),
    ("Я сказал т. Мао Цзе-дуну об этом.", "Мао Цзе-дуну"),
    ("Положение в Трудовой партии Кореи плохое.", "Трудовой партии Кореи"),
    ("Когда он был в Москве, мы говорили.", "Москве"),
])
def test_inflected_russian_forms_are_found(text: str, written: str) -> None:
    assert [name[2] for name in _names(text)] == [written]


def test_the_longest_form_wins() -> None:
    assert _names("The CPSU CC Presidium met.") == [("orgName", "org:cpsu-cc-presidium", "CPSU CC Presidium")]
    assert _names("The CPSU met.") == [("orgName", "org:cpsu", "CPSU")]


def test_a_name_split_over_two_lines_is_one_name() -> None:
    text = "The Department of the Central Committee of the CPSU\nfor Relations with Foreign Communist Parties wrote."
    assert [n[1] for n in _names(text)] == ["org:cpsu-cc-international-department"]
    tree = encode(text, "doc.txt")
    assert tree.getroot().find(".//t:orgName/t:lb", NS) is not None
    assert to_source(tree) == text


def test_an_ocr_misreading_becomes_choice_sic_corr() -> None:
    tree = encode("Cde. Kim II Sung said so.", "doc.txt")
    name = tree.getroot().find(".//t:persName", NS)
    assert name.get("ref") == "person:kim-il-sung"
    assert name.findtext("t:choice/t:sic", namespaces=NS) == "Kim II Sung"
    assert name.findtext("t:choice/t:corr", namespaces=NS) == "Kim Il Sung"
    assert to_source(tree) == "Cde. Kim II Sung said so."


def test_an_inflected_ocr_misreading_keeps_its_ending_in_the_correction() -> None:
    tree = encode("Мы поддержим тов. Ким ир Сена в этом.", "doc.txt")
    assert tree.getroot().findtext(".//t:corr", namespaces=NS) == "Ким Ир Сена"


def test_a_form_of_two_entries_is_reported_not_guessed() -> None:
    encoded = encode_document("They executed Pak without trial.", "doc.txt")
    assert b"persName" not in encoded.tei.split(b"<text")[1]
    assert [d.rule for d in encoded.review] == ["name-ambiguous"]
    assert str(encoded.review[0].position) == "doc.txt:1:15"


def test_unknown_capitalised_names_are_reported_with_their_place() -> None:
    encoded = encode_document("We met with Zhang Wentian and Kim Il Sung.\n", "doc.txt")
    assert [(d.rule, str(d.position)) for d in encoded.review] == [("name-unknown", "doc.txt:1:13")]
    assert "'Zhang Wentian'" in encoded.review[0].message


def test_words_inside_other_words_and_expansions_are_not_names() -> None:
    assert _names("Kimberley sent c[omrade] Mao Zedong a Moscowite note.") == [
        ("persName", "person:mao-zedong", "Mao Zedong")]


def test_no_recognition_when_switched_off() -> None:
    assert b"persName" not in encode_document("Kim Il Sung, 22 September.", "doc.txt", names=False).tei


def test_adding_a_name_is_one_entry(tmp_path) -> None:
    from tei.authority import load_authorities

    (tmp_path / "persons.xml").write_text(
        f'<TEI xmlns="{TEI_NS}"><text><body><listPerson><person xml:id="zhang-wentian">'
        '<persName xml:lang="en">Zhang Wentian</persName></person></listPerson></body></text></TEI>',
        encoding="utf-8")
    index = NameIndex(load_authorities(tmp_path))
    body = encode("We met with Zhang Wentian.", "doc.txt", names=index).getroot().find(".//t:body", NS)
    assert body.find(".//t:persName", NS).get("ref") == "person:zhang-wentian"


def test_recognition_walks_each_word_once_however_many_forms() -> None:
    """Linear in the text: each word starts one walk, no walk longer than the longest form."""
    index = NameIndex(default_authorities())
    longest = max(len(WORD.findall(f.text)) for e in default_authorities().entries for f in e.forms)
    words = WORD.findall("Kim Il Sung met Mao Zedong in Beijing. " * 2000)
    steps = 0
    original = index.follow

    def counting(states, word: str):
        nonlocal steps
        steps += 1
        return original(states, word)

    index.follow = counting
    assert sum(1 for _ in index.find(words)) == 6000
    assert steps <= len(words) * longest


@pytest.mark.parametrize("text, expected", [
    ("On 22 September we met.", [("1956-09-22", "22 September", "medium")]),
    ("Signed 23 September 1956.", [("1956-09-23", "23 September 1956", None)]),
    ('Dated "15" October 1956.', [("1956-10-15", '"15" October 1956', None)]),
    ("Written on September 23, 1956.", [("1956-09-23", "September 23, 1956", None)]),
    ("Вечером 22 сентября состоялась беседа.", [("1956-09-22", "22 сентября", "medium")]),
    ("Телеграмма 16. IX. 56 г. пришла.", [("1956-09-16", "16. IX. 56 г.", None)]),
    ("Cable 16.IX.56 sent.", [("1956-09-16", "16.IX.56", None)]),
])
def test_dates_become_iso(text: str, expected) -> None:
    assert _dates(text + "\n\n19 September 1956") [:1] == expected


def test_an_inferred_year_is_marked_and_its_agent_declared() -> None:
    root = encode("On 22 September we met.\n\n19 September 1956", "doc.txt").getroot()
    date = root.find(".//t:body//t:date", NS)
    assert (date.get("cert"), date.get("resp")) == ("medium", "#year-inference")
    assert root.xpath("//t:respStmt/t:name[@xml:id='year-inference']", namespaces=NS)


def test_date_strings_not_understood_are_reported() -> None:
    encoded = encode_document("At the August plenum, on 31 September, and on 23 cent 1956.\n", "doc.txt")
    rules = [(d.rule, d.message.split("'")[1]) for d in encoded.review]
    assert ("date-not-understood", "August") in rules
    assert ("date-not-understood", "23 cent 1956") in rules
    assert b"<date" not in encoded.tei.split(b"<text")[1]


def test_every_date_of_the_seeds_lies_in_the_editions_range_and_no_other() -> None:
    from tei.validate import Options, get_validator

    seed = (ROOT / "seeds" / "001_3072a39c7fc87f5a.txt").read_bytes()
    tei = encode_document(seed, "001.txt").tei
    inside = get_validator(Options(dates=("1956-01-01", "1956-12-31"))).check_bytes(tei, "001.xml")
    outside = get_validator(Options(dates=("1957", "1958"))).check_bytes(tei, "001.xml")
    assert inside.valid
    assert {p.rule for p in outside.problems} == {"date-in-range"} and len(outside.problems) == 5


def test_tei_build_checks_dates_against_edition_dates(tmp_path) -> None:
    from tei.cli import main

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("On 22 September we met.\n\n19 September 1956\n", encoding="utf-8")
    (tmp_path / "edition.toml").write_text('[edition]\ndates = ["1960", "1970"]\n[outputs]\nformats = ["tei"]\n',
                                           encoding="utf-8")
    assert main(["build", "--config", str(tmp_path / "edition.toml"), "--quiet", "-j", "1"]) == 1
    report = (tmp_path / "build" / "report.json").read_text(encoding="utf-8")
    assert report.count('"date-in-range"') == 2


def test_an_archive_named_in_the_citation_points_its_repository_at_its_entry() -> None:
    from tei.validate import Options, get_validator

    refs = {}
    for stem in ("000_423cda980137f6e9", "004_e498531131f8b392"):
        tei = encode_document((ROOT / "seeds" / f"{stem}.txt").read_bytes(), f"{stem}.txt").tei
        repository = etree.fromstring(tei).find(f".//{{{TEI_NS}}}repository")
        refs[repository.text] = repository.get("ref")
    assert refs == {"RGANI": "org:rgani", "State Archive of the Russian Federation": "org:garf"}
    wrong = tei.replace(b'<repository ref="org:garf">', b'<repository ref="person:kim-il-sung">')
    found = get_validator(Options()).check_bytes(wrong, "004.xml")
    assert {p.rule for p in found.problems} == {"ref-kind"}


IVANOV_LISTS = {"ivanov": "Иванов", "ivanova": "Иванова"}


def _ivanov_index(folder: Path) -> NameIndex:
    from tei.authority import load_authorities

    people = "".join(f'<person xml:id="{ident}"><persName xml:lang="ru">{name}</persName></person>'
                     for ident, name in IVANOV_LISTS.items())
    (folder / "persons.xml").write_text(
        f'<TEI xmlns="{TEI_NS}"><text><body><listPerson>{people}</listPerson></body></text></TEI>', encoding="utf-8")
    return NameIndex(load_authorities(folder))


def test_a_word_that_is_one_entry_and_inflects_another_names_either(tmp_path) -> None:
    """'Иванова' is Ivanova's own form and Ivanov's genitive: ambiguous, whichever the process's hash seed."""
    match = _ivanov_index(tmp_path).find(WORD.findall("Мы встретили Иванова."))[0]
    assert [entry.ident for entry in match.entries] == ["ivanova", "ivanov"]
    assert match.form.text == "Иванова"


@pytest.mark.parametrize("hash_seed", ["1", "2", "3", "4", "5", "6"])
def test_recognition_does_not_depend_on_the_hash_seed(tmp_path, hash_seed) -> None:
    import subprocess
    import sys

    _ivanov_index(tmp_path)
    program = ("import sys; from pathlib import Path; from tei.authority import load_authorities; "
               "from tei.reader.entities import WORD, NameIndex; "
               "index = NameIndex(load_authorities(Path(sys.argv[1]))); "
               "match = index.find(WORD.findall('Мы встретили Иванова и Иванову.'))[0]; "
               "print(*[e.ident for e in match.entries], match.form.text)")
    run = subprocess.run([sys.executable, "-c", program, str(tmp_path)], capture_output=True, text=True,
                         env={"PYTHONHASHSEED": hash_seed, "PATH": ""}, check=True)
    assert run.stdout.split() == ["ivanova", "ivanov", "Иванова"]
