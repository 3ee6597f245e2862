"""`tei validate`: every layer, the invalid gallery, the seeds, output formats and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tei.cli import main
from tei.resources import data_dir
from tei.validate import Options, get_validator, validate
from tei.validate.odd import TOPICS, read_odd
from tei.validate.schematron import Schematron
from tei.xmlsafe import parse_xml

HERE = Path(__file__).parent
GALLERY = sorted((HERE / "invalid").glob("*.xml"))
PASSING = HERE / "invalid" / "passing" / "minimal.xml"
FEATURES = HERE / "data" / "features.xml"
SCHEMAS = data_dir("schemas")
EXPECT = re.compile(r"<!-- expect: \[([\w-]+)\] at line (\d+): (.*?) -->")
LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): "
    r"(?P<severity>error|warning): \[(?P<rule>[\w-]+)\] .+$"
)


def expectation(path: Path) -> tuple[str, int]:
    match = EXPECT.search(path.read_text(encoding="utf-8", errors="replace"))
    assert match, f"{path.name} does not declare what it must be reported for"
    return match.group(1), int(match.group(2))


def schematron() -> Schematron:
    return Schematron([SCHEMAS / f"{topic}.sch" for topic in TOPICS])


# ---------------------------------------------------------------- the gallery


@pytest.mark.parametrize("path", GALLERY, ids=[p.stem for p in GALLERY])
def test_each_gallery_file_is_reported_at_its_rule_and_line(path):
    rule, line = expectation(path)
    [result] = validate(path)
    matching = [p for p in result.problems if (p.rule, p.line) == (rule, line)]
    assert matching, "\n".join(map(str, result.problems))
    # A warning-only case (a kept unknown sign) leaves the file valid; every other case fails it.
    assert result.valid == all(p.severity == "warning" for p in result.problems)


def test_the_gallery_has_at_least_25_files_covering_every_layer():
    rules = {expectation(path)[0] for path in GALLERY}
    assert len(GALLERY) >= 25
    assert {
        "xml-syntax",
        "xml-unsafe",
        "rng-element-not-allowed",
        "rng-attribute-value",
        "rng-attribute-missing",
        "rng-element-misplaced",
        "rng-attribute-not-allowed",
    } <= rules


def test_every_schematron_assert_has_a_failing_case_in_the_gallery():
    rules = {expectation(path)[0] for path in GALLERY}
    assert set(schematron().assert_ids) <= rules


@pytest.mark.parametrize("assert_id", schematron().assert_ids)
def test_every_schematron_assert_has_a_passing_case(assert_id):
    tree = parse_xml(PASSING)
    assert schematron().coverage(tree)[assert_id] > 0, f"{PASSING.name} never exercises {assert_id}"
    assert assert_id not in {f.rule_id for f in schematron().check(tree)}


def test_the_passing_document_is_valid_in_every_layer():
    # The gallery's documents are the passing case with one change each: the layer is what fails.
    [result] = validate(PASSING, xsd=True)
    assert result.valid and not result.problems


# ---------------------------------------------------------------- valid documents


def test_the_reference_document_passes_every_layer_with_its_unknown_signs_as_warnings():
    [result] = validate(FEATURES, xsd=True)
    assert result.valid
    assert [(p.severity, p.rule) for p in result.problems] == [("warning", "seg-unclassified")] * 2


def test_every_seed_encodes_to_tei_that_passes_every_layer(seed_tei, tmp_path):
    for stem, data in seed_tei.items():
        (tmp_path / f"{stem}.xml").write_bytes(data)
    results = validate(tmp_path, xsd=True)
    assert len(results) == len(seed_tei) == 5
    assert [str(p) for r in results for p in r.problems] == []


def test_synthetic_documents_pass_every_layer(tmp_path):
    from tei.api import encode_document
    from tei.validate.synthetic import synthetic_transcriptions

    seeds = sorted(data_dir("seeds").glob("*.txt"))
    for name, text in synthetic_transcriptions(seeds, 10):
        (tmp_path / name).with_suffix(".xml").write_bytes(encode_document(text, name).tei)
    assert [str(p) for r in validate(tmp_path, xsd=True) for p in r.problems] == []


# ---------------------------------------------------------------- messages


def test_messages_quote_the_value_and_list_the_allowed_ones_from_the_odd():
    allowed = next(a.values for a in read_odd(SCHEMAS / "edition.odd").attributes["supplied"] if a.name == "reason")
    [result] = validate(HERE / "invalid" / "rng-closed-value.xml")
    [problem] = [p for p in result.problems if p.rule == "rng-attribute-value"]
    assert '"omited"' in problem.message and ", ".join(allowed) in problem.message


def test_schematron_messages_list_the_declared_hands_and_witnesses():
    [hand] = validate(HERE / "invalid" / "hand-declared.xml")[0].problems
    assert '"#hand-2"' in hand.message and "declared hands: hand-1" in hand.message
    [wit] = validate(HERE / "invalid" / "wit-declared.xml")[0].problems
    assert "#wit-draft" in wit.message and "wit-typescript, wit-handwritten" in wit.message


def test_misplaced_elements_are_explained_with_what_the_parent_may_contain():
    [problem] = validate(HERE / "invalid" / "rng-unknown-element.xml")[0].problems
    assert problem.message.startswith("milestone is not allowed in div; it may contain: closer")
    assert (problem.line, problem.column) == (51, 9)


def test_columns_point_at_the_start_tag_of_the_offending_element():
    for path in GALLERY:
        lines = path.read_text(encoding="utf-8").splitlines()
        for problem in validate(path)[0].problems:
            if problem.layer == "schematron":
                assert lines[problem.line - 1][problem.column - 1] == "<", str(problem)


# ---------------------------------------------------------------- the command


def test_the_command_prints_compiler_style_lines_and_a_summary(capsys):
    assert main(["validate", str(HERE / "invalid" / "date-when-iso.xml")]) == 1
    out, err = capsys.readouterr()
    assert all(LINE.match(line) for line in out.splitlines()), out
    assert "[date-when-iso]" in out and '"1955-02-29"' in out
    assert err.strip() == "1 file checked: 0 valid, 1 invalid (1 errors, 0 warnings)"


def test_the_command_exits_0_on_valid_files(capsys):
    assert main(["validate", str(FEATURES), str(PASSING)]) == 0
    assert "2 files checked: 2 valid" in capsys.readouterr().err


def test_json_output_lists_every_problem_with_its_position(capsys):
    assert main(["validate", "--format", "json", str(HERE / "invalid" / "text-lang.xml")]) == 1
    report = json.loads(capsys.readouterr().out)
    [problem] = report["files"][0]["problems"]
    assert (problem["rule"], problem["line"], problem["layer"]) == ("text-lang", 42, "schematron")
    assert report["layers"] == ["wellformed", "relaxng", "schematron"]


def test_json_output_is_deterministic(capsys):
    for _ in range(2):
        main(["validate", "--format", "json", str(HERE / "invalid")])
    first, second = capsys.readouterr().out.split("\n}\n")[:2]
    assert first == second


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "no/such/file.xml"],
        ["validate", "--tei-all", "no/such/tei_all.rng", str(FEATURES)],
        ["validate", "--format", "yaml", str(FEATURES)],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2


def test_a_folder_without_xml_files_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 2
    assert "no *.xml files" in capsys.readouterr().err


def test_folders_are_searched_recursively_in_path_order():
    paths = [r.path for r in validate(HERE / "invalid", jobs=1)]
    assert paths == sorted(paths) and str(PASSING) in paths and len(paths) == len(GALLERY) + 1


def test_parallel_checking_gives_the_same_results_as_serial(monkeypatch):
    from dataclasses import replace

    import tei.pipeline.stages as stages

    serial = validate(HERE / "invalid", jobs=1)
    every_file_a_process = tuple(replace(s, documents_per_process=1) for s in stages.STAGES)
    monkeypatch.setattr(stages, "STAGES", every_file_a_process)   # the gallery is too small for a pool
    assert validate(HERE / "invalid", jobs=2) == serial


def test_validate_runs_the_builds_validate_stage_on_its_executors(monkeypatch, capsys, tmp_path):
    """`tei validate -j N` has no pool of its own: the build's engine runs its validate stage."""
    import tei.pipeline.single as single

    monkeypatch.chdir(tmp_path)          # no edition.toml here: the default dates and lists

    asked = []
    real = single.make_executor

    def spy(kind, stages, settings, **kw):
        asked.append((kind, [stage.name for stage in stages], settings.validation, kw["jobs"], kw["work"]))
        return real(kind, stages, settings, **kw)

    monkeypatch.setattr(single, "make_executor", spy)
    assert main(["validate", "-j", "2", "--xsd", str(PASSING), str(GALLERY[0])]) == 1
    assert asked == [("process", ["validate"], Options(xsd=True), 2, 2)]
    assert f"{GALLERY[0]}:" in capsys.readouterr().out


def test_validating_a_few_files_starts_no_processes():
    """Checking a file takes milliseconds, starting a worker about a second: a pool only pays from
    32 files a worker on."""
    from tei.pipeline.executors import PoolExecutor, SerialExecutor, make_executor
    from tei.pipeline.model import Settings
    from tei.pipeline.outputs import Layout
    from tei.pipeline.stages import stage

    def executor(files):
        return make_executor("process", (stage("validate"),), Settings(), jobs=4, work=files, layout=Layout(HERE))

    assert isinstance(executor(63), SerialExecutor)
    pool = executor(64)
    assert isinstance(pool, PoolExecutor) and pool.jobs == 2
    pool.close()


def test_a_file_that_cannot_be_read_is_one_problem_and_the_others_are_checked(tmp_path, capsys):
    locked = tmp_path / "locked.xml"
    locked.write_bytes(PASSING.read_bytes())
    locked.chmod(0)
    try:
        if locked.read_bytes():     # running as root: nothing is unreadable
            pytest.skip("files are readable whatever their mode")
    except OSError:
        pass
    results = validate([locked, PASSING], jobs=1)
    assert [r.valid for r in results] == [False, True]
    assert [p.rule for p in results[0].problems] == ["io"]


def test_the_xsd_layer_reports_with_its_own_rule(capsys):
    assert main(["validate", "--xsd", str(HERE / "invalid" / "rng-unknown-attribute.xml")]) == 1
    assert "[xsd]" in capsys.readouterr().out


def test_the_tei_all_layer_runs_on_the_schema_it_is_given(capsys):
    # Any RELAX NG file stands in for tei_all here; the real one is tested in test_validate_tei_all.
    stand_in = SCHEMAS / "edition.rng"
    assert main(["validate", "--tei-all", str(stand_in), str(HERE / "invalid" / "rng-wrong-order.xml")]) == 1
    out = capsys.readouterr().out
    assert "[tei-all-element-not-allowed]" in out and "[rng-element-misplaced]" in out


def test_schemas_are_compiled_once_per_process():
    assert get_validator(Options()) is get_validator(Options())


# ---------------------------------------------------------------- the Schematron engine


def _sch(tmp_path: Path, body: str) -> Schematron:
    path = tmp_path / "t.sch"
    path.write_text(f'<schema xmlns="http://purl.oclc.org/dsdl/schematron"><ns prefix="t" uri="urn:t"/>{body}</schema>')
    return Schematron([path])


def test_the_first_matching_rule_of_a_pattern_wins(tmp_path):
    sch = _sch(
        tmp_path,
        '<pattern><rule context="t:a[@x]"><assert id="one" test="false()">1</assert></rule>'
        '<rule context="t:a"><assert id="two" test="false()">2</assert></rule></pattern>',
    )
    failures = sch.check(parse_xml(b'<r xmlns="urn:t"><a x="1"/><a/></r>'))
    assert [f.rule_id for f in failures] == ["one", "two"]


def test_union_contexts_lets_reports_and_joined_values(tmp_path):
    sch = _sch(
        tmp_path,
        '<pattern><rule context="t:a | t:b"><let name="n" value="count(//t:a)"/>'
        '<report id="seen" test="$n = 2" role="warning">'
        'seen <name/>: <value-of select="//t:a/@v"/></report>'
        "</rule></pattern>",
    )
    failures = sch.check(parse_xml(b'<r xmlns="urn:t"><a v="1"/><b/><a v="2"/></r>'))
    assert [(f.rule_id, f.role, f.message) for f in failures] == [
        ("seen", "warning", "seen a: 1, 2"),
        ("seen", "warning", "seen b: 1, 2"),
        ("seen", "warning", "seen a: 1, 2"),
    ]
