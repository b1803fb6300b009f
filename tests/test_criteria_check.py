"""``hoctap criteria check``: load errors and lint findings, located, with exit codes.

Every file in ``tests/criteria/lint`` is ``tests/criteria/valid-minimal.yaml`` changed in
one place so that it still loads but trips one lint rule. Its first comment lines say
what ``check`` must report::

    # expect-code: level_unreachable            (the finding's code)
    # expect-line: 57
    # expect-path: verdict.levels[0].min_total
    # expect-message: tổng cao nhất có thể là 10  (substring of the same finding's message)
    # expect-problems: 2                        (optional; errors and warnings, 1 when absent)
    # expect-exit: 0                            (optional; the command's exit code, 1 when absent)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.support import ROOT, RunCli
from tests.test_criteria_load import ENGLISH, read_expectation

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.expr import compile_rule
from hoctap_cli.criteria.lint import LintCode, Severity, check_sources, lint
from hoctap_cli.criteria.loader import load_criteria
from hoctap_cli.criteria.model import FieldType, InputField
from hoctap_cli.criteria.probe import constant_value

CASES = ROOT / "tests" / "criteria"
LINT = sorted((CASES / "lint").glob("*.yaml"))
BROKEN = sorted((CASES / "broken").glob("*.yaml"))
VALID_MINIMAL = CASES / "valid-minimal.yaml"
_EXPECT = re.compile(r"^#\s*expect-(code|line|path|message|problems|exit):(.*)$")


@dataclass(frozen=True)
class LintExpectation:
    """What a lint file declares about the finding it must cause."""

    code: str
    line: int
    path: str
    message: str
    problems: int
    exit_code: int


def read_lint_expectation(file: Path) -> LintExpectation:
    found: dict[str, str] = {}
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _EXPECT.match(line)
        if match:
            found[match[1]] = match[2].strip()
    missing = {"code", "line", "path", "message"} - found.keys()
    assert not missing, f"{file.name} does not declare expect-{', expect-'.join(sorted(missing))}"
    return LintExpectation(
        code=found["code"],
        line=int(found["line"]),
        path=found["path"],
        message=found["message"],
        problems=int(found.get("problems", "1")),
        exit_code=int(found.get("exit", "1")),
    )


def test_lint_cases_cover_every_rule() -> None:
    """It has at least one declared lint file for every lint code."""
    codes = {read_lint_expectation(file).code for file in LINT}
    assert codes == {code.value for code in LintCode}


@pytest.mark.parametrize("file", LINT, ids=lambda file: file.stem)
def test_lint_file_still_loads(file: Path) -> None:
    """It loads each lint file: lint reports what the loader accepts."""
    assert load_criteria(file, shipped_catalog().pinned).criteria.groups


@pytest.mark.parametrize("file", LINT, ids=lambda file: file.stem)
def test_lint_file_is_reported_as_declared(file: Path) -> None:
    """It reports each lint file's finding at the declared code, line and path."""
    expected = read_lint_expectation(file)
    # With the shipped files, as the command checks: a roll-up chain may run through them.
    (result,) = check_sources(
        [(str(file), file.read_bytes())], shipped_catalog().entries, shipped_catalog().pinned
    )
    matching = [
        f
        for f in result.findings
        if f.code == expected.code
        and f.line == expected.line
        and f.path == expected.path
        and expected.message in f.message
    ]
    assert len(matching) == 1, result.findings
    problems = [f for f in result.findings if f.severity is not Severity.info]
    assert len(problems) == expected.problems, result.findings
    for finding in result.findings:
        # Quoted parts are the file's own words (a rule may say 'or'); the rest is ours.
        assert not ENGLISH.search(re.sub(r"'[^']*'", "", finding.message)), finding


@pytest.mark.parametrize("file", LINT, ids=lambda file: file.stem)
def test_check_command_exit_code_and_location(run_cli: RunCli, file: Path) -> None:
    """It exits as declared and prints the finding with its line, path and message."""
    expected = read_lint_expectation(file)
    result = run_cli("criteria", "check", file)
    assert result.exit_code == expected.exit_code, result.output
    assert f"dòng {expected.line} ({expected.path}): " in result.output
    assert expected.message in result.output


def test_valid_minimal_has_no_findings() -> None:
    """It finds nothing at all in the minimal valid file."""
    assert lint(load_criteria(VALID_MINIMAL)) == []


def test_shipped_files_pass_with_provisional_list(run_cli: RunCli) -> None:
    """It passes every shipped file (exit 0) while listing their provisional values."""
    result = run_cli("criteria", "check", ROOT / "criteria")
    assert result.exit_code == 0, result.output
    assert "Giá trị tạm tính (để biết, không phải lỗi):" in result.output
    assert "tạm tính đạt khi tổng từ 80/100 điểm" in result.output
    assert "không tệp nào có lỗi" in result.output
    assert "✗" not in result.output


def test_load_errors_are_reported_with_line_and_path(run_cli: RunCli) -> None:
    """It reports a file the loader refuses with the loader's line, path and message."""
    file = CASES / "broken" / "unknown-top-level-key.yaml"
    expected = read_expectation(file)
    result = run_cli("criteria", "check", file)
    assert result.exit_code == 1
    assert f"dòng {expected.line} ({expected.path}): {expected.messages[0]}" in result.output
    assert "[unknown_key]" in result.output


def test_every_broken_file_fails_the_check(run_cli: RunCli) -> None:
    """It checks every file it is given and counts each broken file as failed."""
    result = run_cli("criteria", "check", *BROKEN, VALID_MINIMAL)
    assert result.exit_code == 1
    assert f"Đã kiểm tra {len(BROKEN) + 1} tệp: {len(BROKEN)} tệp có lỗi." in result.output


def test_folder_is_expanded(run_cli: RunCli) -> None:
    """It checks every .yaml file under a folder it is given."""
    result = run_cli("criteria", "check", CASES / "lint")
    failing = sum(read_lint_expectation(file).exit_code for file in LINT)
    assert f"Đã kiểm tra {len(LINT)} tệp: {failing} tệp có lỗi." in result.output


def test_missing_path_exits_two(run_cli: RunCli, tmp_path: Path) -> None:
    """It exits 2 with a Vietnamese line when a path does not exist, checking nothing."""
    result = run_cli("criteria", "check", VALID_MINIMAL, tmp_path / "khong-co.yaml")
    assert result.exit_code == 2
    assert "không có tệp hoặc thư mục" in result.output
    assert "Đã kiểm tra" not in result.output


def test_json_output(run_cli: RunCli) -> None:
    """It writes one JSON document with English keys, per-file findings and the verdict."""
    file = CASES / "lint" / "rule-constant.yaml"
    result = run_cli("criteria", "check", "--format", "json", file, VALID_MINIMAL)
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["passed"] is False
    first, second = document["files"]
    assert (first["file"], first["passed"], second["passed"]) == (str(file), False, True)
    (finding,) = first["findings"]
    assert finding["code"] == "rule_constant"
    assert finding["severity"] == "error"
    assert finding["line"] == read_lint_expectation(file).line
    assert set(finding) == {"path", "line", "code", "message", "severity"}
    assert second["findings"] == []


def test_column_read_by_another_titles_rollup_is_used(tmp_path: Path) -> None:
    """It does not call a column unused when another file's roll-up links members by it."""
    member = CASES / "lint" / "field-unused.yaml"
    clan = VALID_MINIMAL.read_text(encoding="utf-8").replace("id: thu-nghiem", "id: dong-ho-tn")
    clan = clan.replace(
        "groups:\n",
        "rollups:\n  - {id: ty_le, label: Tỉ lệ hộ đạt, title: thu-nghiem, link: ghi_chu,"
        " measure: share, incomplete: exclude}\ngroups:\n",
        1,
    )
    (alone,) = check_sources([(str(member), member.read_bytes())])
    linked, _ = check_sources([(str(member), member.read_bytes()), ("clan", clan.encode())])
    assert [f.code for f in alone.findings] == [LintCode.field_unused]
    assert linked.findings == ()


FIELDS = {
    "a": InputField(id="a", type=FieldType.integer, label="A", min=0, max=30),
    "b": InputField(id="b", type=FieldType.integer, label="B", min=0, max=30),
    "x": InputField(id="x", type=FieldType.number, label="X", min=0, max=20),
    "t": InputField(id="t", type=FieldType.text, label="T"),
    "c": InputField(id="c", type=FieldType.boolean, label="C"),
}


@pytest.mark.parametrize(
    ("rule", "constant"),
    [
        ("1 == 1", True),
        ("not (2 > 1)", False),
        ("a >= 0", True),
        ("a > 30", False),
        ("a - b < 31", True),
        ("default(a, 0) >= 0", True),
        ("a >= b", None),
        ("a == 17", None),
        ("x > 19.5", None),
        ("present(a)", None),
        ("t == 'An'", None),
        ("c or a >= 1", None),
        ("a == 0 or b >= a", None),
    ],
)
def test_constant_rules_are_told_apart(rule: str, constant: bool | None) -> None:
    """It calls a rule constant only when no valid record changes its answer."""
    assert constant_value(compile_rule(rule, FIELDS), FIELDS) is constant


def test_shipped_rules_are_not_constant() -> None:
    """It finds no constant rule among the shipped files' rules."""
    for file in sorted((ROOT / "criteria").rglob("*.yaml")):
        compiled = load_criteria(file)
        fields = compiled.criteria.rule_fields()
        for item_id, rule in compiled.rules.items():
            assert constant_value(rule, fields) is None, (file.name, item_id, rule.source)


def test_check_has_vietnamese_help_and_readme_mention(run_cli: RunCli) -> None:
    """It gives the check command Vietnamese help and a README mention."""
    result = run_cli("criteria", "check", "--help")
    assert result.exit_code == 0
    assert "Cách dùng:" in result.output
    assert "hoctap criteria check" in (ROOT / "README.md").read_text(encoding="utf-8")
