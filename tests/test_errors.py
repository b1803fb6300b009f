"""One error model: whatever a library caller does wrong, a HoctapError with a code says so.

Bad criteria, unknown names, unreadable files, refused outputs, bad settings and dates
all raise a subclass of ``HoctapError`` carrying a stable English code, a location and
a Vietnamese message; never a bare ValueError, TypeError or KeyError.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support import ROOT, RunCli

import hoctap_cli
from hoctap_cli import CriteriaCode, ErrorCode, HoctapError, ProblemCode
from hoctap_cli.atomic import write_atomic
from hoctap_cli.dates import parse_day
from hoctap_cli.errors import Location
from hoctap_cli.messages import RULE_CODES, RULES, criteria_message, error_message
from hoctap_cli.outputs.papers.settings import ExportSettings, SettingsError, load_settings

MINIMAL = (ROOT / "tests" / "criteria" / "valid-minimal.yaml").read_bytes()
EXAMPLE = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"
VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")


def _minimal(old: str, new: str) -> bytes:
    """The smallest valid criteria file with one change."""
    text = MINIMAL.decode("utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def _raised(call: Callable[[], object]) -> HoctapError:
    with pytest.raises(Exception) as caught:
        call()
    assert isinstance(caught.value, HoctapError), repr(caught.value)
    return caught.value


def _is_said(error: HoctapError) -> None:
    assert isinstance(error.code, StrEnum)
    assert re.fullmatch(r"[a-z0-9_]+", str(error.code))
    assert error.message.strip()
    assert VIETNAMESE.search(error.message), error.message
    assert str(error) == error.message


@pytest.fixture(scope="module")
def criteria() -> hoctap_cli.CompiledCriteria:
    return hoctap_cli.load_criteria("gia-dinh-hoc-tap@448-2015")


def test_every_library_mistake_is_a_hoctap_error_with_a_code(tmp_path: Path) -> None:
    """It walks the library with bad inputs and gets a coded, worded HoctapError each time."""
    broken_xlsx = tmp_path / "hong.xlsx"
    broken_xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    settings_file = tmp_path / "cai-dat.yaml"
    settings_file.write_text("xa: Xã Quảng Phú\nkhoa_la: 1\n", encoding="utf-8")
    cases: list[tuple[Callable[[], object], StrEnum]] = [
        (lambda: hoctap_cli.load_criteria(b"id: [1, 2\n"), CriteriaCode.yaml_syntax),
        (lambda: hoctap_cli.load_criteria("khong-co-danh-hieu"), ErrorCode.unknown_criteria),
        (lambda: hoctap_cli.load_criteria("gia-dinh-hoc-tap@1999"), ErrorCode.unknown_version),
        (lambda: hoctap_cli.load_criteria(tmp_path / "khong.yaml"), CriteriaCode.file_not_found),
        (lambda: hoctap_cli.evaluate_paths([broken_xlsx]), ErrorCode.inputs_unreadable),
        (
            lambda: hoctap_cli.read_stream(
                hoctap_cli.load_criteria("gia-dinh-hoc-tap"), b"%PDF-1.4", name="ho.pdf"
            ),
            ProblemCode.unsupported_format,
        ),
        (
            lambda: write_atomic(tmp_path / "khong-co" / "kq.xlsx", lambda out: None),
            ErrorCode.output_failed,
        ),
        (lambda: load_settings(settings_file), ErrorCode.settings_invalid),
        (lambda: parse_day("31/02/2025"), ErrorCode.bad_day),
        (lambda: parse_day("hôm qua"), ErrorCode.not_a_date),
    ]
    for call, code in cases:
        error = _raised(call)
        _is_said(error)
        assert error.code == code, (error.code, error.message)


def test_a_refused_output_and_settings_say_where(tmp_path: Path) -> None:
    """It locates an output that cannot be written at its path and bad settings at the line."""
    target = tmp_path / "khong-co" / "kq.xlsx"
    error = _raised(lambda: write_atomic(target, lambda out: None))
    assert error.location == Location(str(target))
    assert "thư mục không tồn tại" in error.message
    settings_file = tmp_path / "cai-dat.yaml"
    settings_file.write_text("xa: Xã Quảng Phú\nkhoa_la: 1\n", encoding="utf-8")
    error = _raised(lambda: load_settings(settings_file))
    assert (error.location.file, error.location.line) == (str(settings_file), 2)
    assert error.location.path == "khoa_la"
    assert isinstance(error, SettingsError)
    (problem,) = error.problems
    assert (problem.cause, problem.key, problem.line) == ("unknown_key", "khoa_la", 2)
    assert error.message == (
        f"{settings_file}, dòng 2: khóa lạ 'khoa_la'; các khóa dùng được: "
        + ", ".join(ExportSettings.model_fields)
    )


@pytest.mark.parametrize(
    ("raw", "code", "at", "path"),
    [
        (_minimal("scoring: points", "scoring: points\nthem: 1"), "unknown_key", "them:", "them"),
        (_minimal("version:", "id: lap\nversion:"), "duplicate_key", "id: lap", ""),
        (_minimal("  - id: TC1", "\t- id: TC1"), "yaml_syntax", None, ""),
        (_minimal("min_total: 15", "min_total: muoi"), "bad_type", "muoi", None),
        (_minimal("rule: so_tre >= 1", "rule: so_con >= 1"), "unknown_field", "so_con", None),
        (_minimal("rule: so_tre >= 1", "rule: so_tre >= (1"), "rule_syntax", "(1", None),
        (_minimal("rule: so_tre >= 1", "rule: so_tre + 1"), "rule_not_boolean", "+ 1", None),
        (_minimal("scoring: points", "scoring: sao"), "bad_choice", "sao", "scoring"),
        (b"a: &x 1\nb: *x\n", "yaml_alias", "&x", ""),
        (b"", "empty_file", None, ""),
        (b"\xff\xfe", "not_utf8", None, ""),
    ],
)
def test_criteria_problems_have_codes(
    raw: bytes, code: str, at: str | None, path: str | None
) -> None:
    """It names every criteria problem with a code, the line and the key path."""
    error = _raised(lambda: hoctap_cli.load_criteria(raw, source="tinh.yaml"))
    assert isinstance(error, hoctap_cli.CriteriaError)
    assert error.code == code
    (problem,) = error.problems
    assert problem.code == code
    assert error.location.file == "tinh.yaml"
    if at is not None:  # the line of the text ``at``
        line = next(n for n, text in enumerate(raw.decode().splitlines(), 1) if at in text)
        assert problem.line == line == error.location.line
    if path is not None:
        assert problem.path == path
    assert VIETNAMESE.search(problem.message), problem.message
    assert problem.to_dict()["code"] == code


def test_criteria_from_bytes_are_the_same_criteria_as_from_their_file() -> None:
    """It loads criteria given as bytes exactly as their file, named by the caller."""
    path = ROOT / "tests" / "criteria" / "valid-minimal.yaml"
    from_bytes = hoctap_cli.load_criteria(path.read_bytes(), source="tu-csdl")
    from_file = hoctap_cli.load_criteria(path)
    assert from_bytes.criteria == from_file.criteria
    assert from_bytes.sha256 == from_file.sha256
    assert from_bytes.source == "tu-csdl"
    unnamed = _raised(lambda: hoctap_cli.load_criteria(b"- 1\n"))
    assert unnamed.message.startswith("<bytes>:1: ")


def test_criteria_bytes_may_extend_a_shipped_file() -> None:
    """It resolves ``extends`` of criteria given as bytes against the shipped files."""
    raw = b"extends: gia-dinh-hoc-tap@448-2015\nversion: tinh-2025\n"
    loaded = hoctap_cli.load_criteria(raw, source="tinh.yaml")
    assert loaded.base is not None
    assert loaded.criteria.version == "tinh-2025"


def test_messages_are_the_same_sentences_as_before() -> None:
    """It words codes from the templates as the raisers used to word them themselves."""
    assert error_message(
        ErrorCode.bad_day, {"given": "31/02/2025", "month": 2, "year": 2025, "last": 28}
    ) == ("ngày '31/02/2025' không có thật: tháng 2 năm 2025 chỉ có 28 ngày")
    assert criteria_message(
        CriteriaCode.unknown_field, {"reason": "unknown_field", "field": "x"}
    ) == ("quy tắc không hợp lệ: trường 'x' chưa được khai báo trong 'fields'")
    assert criteria_message(
        CriteriaCode.bad_choice, {"value": "'sao'", "choices": "'points' or 'levels'"}
    ) == ("giá trị 'sao' không hợp lệ, cần một trong: 'points' hoặc 'levels'")


def test_every_code_has_a_template() -> None:
    """It has wording for every criteria code and every reason a rule is refused."""
    from hoctap_cli.criteria import expr
    from hoctap_cli.messages import _CRITERIA

    assert set(CriteriaCode) == set(_CRITERIA) | RULE_CODES
    assert set(expr._REASON_CODES) <= set(RULES)
    assert "constant" in RULES and "syntax_node" in RULES  # the reasons worth rule_forbidden


def test_criteria_check_json_gives_the_loaders_codes(run_cli: RunCli, tmp_path: Path) -> None:
    """It reports a refused file in ``criteria check -f json`` with each problem's code."""
    path = tmp_path / "tinh.yaml"
    path.write_bytes(_minimal("rule: so_tre >= 1", "rule: so_con >= 1"))
    result = run_cli("criteria", "check", path, "-f", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)["files"][0]["findings"]
    assert finding["code"] == "unknown_field"
    assert finding["severity"] == "error"
    text = path.read_text(encoding="utf-8")
    assert finding["line"] == text[: text.index("so_con")].count("\n") + 1
    assert "'so_con' chưa được khai báo" in finding["message"]


def test_plain_rows_are_located_by_the_callers_key(
    criteria: hoctap_cli.CompiledCriteria,
) -> None:
    """It names a row's problems by its key when given one, by its position otherwise."""
    rows = [
        {"ma_ho": "H07", "so_tre_do_tuoi": "hai"},
        {"ma_ho": None, "so_tre_do_tuoi": 1},
    ]
    run = hoctap_cli.evaluate_rows(criteria, rows, source="xa.db", table="ho", key="ma_ho")
    keyed, unkeyed = run.problems
    assert keyed.location().startswith("xa.db, bảng 'ho', khóa ma_ho=H07, cột so_tre_do_tuoi")
    assert keyed.row == 1
    assert hoctap_cli.to_dict(keyed)["key"] == "ma_ho=H07"
    assert unkeyed.location() == "xa.db, trang 'ho', dòng 2, cột ma_ho"
    assert "key" not in hoctap_cli.to_dict(unkeyed)
    without = hoctap_cli.read_rows(criteria, rows[:1], source="xa.db", table="ho")
    assert without.problems[0].location().startswith("xa.db, trang 'ho', dòng 1,")


def test_a_duplicate_found_by_the_engine_is_named_by_key_too(
    criteria: hoctap_cli.CompiledCriteria,
) -> None:
    """It names by key the problems found after reading (a second row with the same id)."""
    header = ["khoa", "ma_ho", "so_tre_do_tuoi", "so_tre_di_hoc"]
    rows = [("A", "H1", 2, 2), ("B", "H1", 1, 1)]
    run = hoctap_cli.evaluate_rows(criteria, rows, header=header, table="ho", key="khoa", year=2025)
    codes = {problem.code: problem for problem in run.problems}
    assert ProblemCode.duplicate_id in codes
    assert codes[ProblemCode.duplicate_id].key == "khoa=B"


def test_a_stream_is_read_as_its_file(criteria: hoctap_cli.CompiledCriteria) -> None:
    """It reads an upload from a stream exactly as the same file on disk, named by the
    caller's name everywhere."""
    from_file = hoctap_cli.evaluate_paths([EXAMPLE], criteria="gia-dinh-hoc-tap@448-2015")
    with EXAMPLE.open("rb") as stream:
        run = hoctap_cli.evaluate_stream(criteria, stream, name="tai-len.xlsx", year=2025)
    expected = {r.id: (r.verdict, r.total) for title in from_file.titles for r in title.results}
    assert {r.id: (r.verdict, r.total) for r in run.results} == expected
    assert {r.source.file for r in run.results} == {"tai-len.xlsx"}
    assert {p.file for p in run.problems} == {"tai-len.xlsx"}
    file_rows = {(p.code, p.row, p.column) for p in from_file.problems}
    assert {(p.code, p.row, p.column) for p in run.problems} <= file_rows
    read = hoctap_cli.read_stream(criteria, io.BytesIO(EXAMPLE.read_bytes()), name="b.xlsx")
    assert len(read.records) == len(run.results)


def test_a_stream_with_no_table_is_an_input_error(criteria: hoctap_cli.CompiledCriteria) -> None:
    """It refuses a stream with no table of the criteria, naming the caller's file."""
    error = _raised(
        lambda: hoctap_cli.read_stream(criteria, b"a,b\n1,2\n", name="uploads/khac.csv")
    )
    assert isinstance(error, hoctap_cli.InputError)
    assert error.location.file == "uploads/khac.csv"
    assert error.problem.file == "uploads/khac.csv"
    _is_said(error)


def test_the_debug_flag_lasts_one_run(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """It lets a bug's traceback through only in the run started with --debug."""

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr("hoctap_cli.workflow.run.evaluate_paths", broken)
    example = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"
    with pytest.raises(RuntimeError):
        run_cli("--debug", "evaluate", example)
    after = run_cli("evaluate", example)
    assert after.exit_code == 2
    assert "lỗi không mong đợi (RuntimeError: hỏng)" in after.output


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
FIELDS = st.sampled_from(["ma_ho", "so_tre_do_tuoi", "so_tre_di_hoc", "diem_1_3", "Mã hộ", "x"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.one_of(JUNK, st.dictionaries(FIELDS, JUNK, max_size=5)), max_size=4))
def test_junk_rows_give_problems_never_exceptions(
    criteria: hoctap_cli.CompiledCriteria, rows: list[Any]
) -> None:
    """It turns any junk handed to evaluate_rows into results and problems, never a crash."""
    run = hoctap_cli.evaluate_rows(criteria, rows, year=2025, key="ma_ho")
    for problem in run.problems:
        assert problem.message
    read = hoctap_cli.read_rows(criteria, rows)
    assert len(read.records) == len(run.results)


@settings(max_examples=60, deadline=None)
@given(
    raw=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda text: text.encode("utf-8")),
        st.builds(
            lambda old, new: MINIMAL.replace(old, new),
            st.sampled_from([b"so_tre >= 1", b"15", b"points", b"household", b"id: ho"]),
            st.binary(max_size=12),
        ),
    )
)
def test_junk_criteria_give_a_hoctap_error_or_criteria(raw: bytes) -> None:
    """It loads any bytes into criteria or refuses them with a coded HoctapError."""
    try:
        loaded = hoctap_cli.load_criteria(raw, source="rac.yaml")
    except HoctapError as error:
        assert error.code
        assert error.message
    else:
        assert loaded.criteria.id


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=300),
    name=st.sampled_from(["a.xlsx", "a.csv", "a.yaml", "a.ods", "a.xls", "a", "a.txt"]),
)
def test_junk_streams_give_a_hoctap_error_or_records(
    criteria: hoctap_cli.CompiledCriteria, data: bytes, name: str
) -> None:
    """It reads any bytes under any name into records or refuses them with a HoctapError."""
    try:
        read = hoctap_cli.read_stream(criteria, data, name=name)
    except HoctapError as error:
        assert error.code
        assert error.message
    else:
        assert all(problem.file == name for problem in read.problems)


USER_SCRIPT = """
import io

import hoctap_cli
from hoctap_cli import CheckedRecords, CheckedRun, HoctapError


def check(raw: bytes, upload: bytes) -> list[str]:
    try:
        criteria = hoctap_cli.load_criteria(raw, source="tinh.yaml")
        read: CheckedRecords = hoctap_cli.read_stream(criteria, io.BytesIO(upload), name="a.xlsx")
        run: CheckedRun = hoctap_cli.evaluate_rows(
            criteria, [{"ma_ho": "H1"}], table="ho", key="ma_ho"
        )
        streamed: CheckedRun = hoctap_cli.evaluate_stream(criteria, upload, name="a.csv")
    except HoctapError as error:
        code: str = error.code
        return [code, error.message, str(error.location.line)]
    return [p.location() for p in [*read.problems, *run.problems, *streamed.problems]]
"""


def test_a_script_using_the_new_api_passes_mypy_strict(tmp_path: Path) -> None:
    """It types criteria bytes, streams, keys and HoctapError for ``mypy --strict``."""
    from mypy import api as mypy_api

    path = tmp_path / "user.py"
    path.write_text(USER_SCRIPT, encoding="utf-8")
    cache = ROOT / ".mypy_cache"
    out, err, status = mypy_api.run(["--strict", "--cache-dir", str(cache), str(path)])
    assert status == 0, out + err


def test_errors_survive_pickling(tmp_path: Path) -> None:
    """It sends any error to another process whole: its class, code, location and message."""
    import pickle

    errors = [
        _raised(lambda: hoctap_cli.load_criteria(b"a: 1\na: 2\n", source="tinh.yaml")),
        _raised(lambda: hoctap_cli.load_criteria("khong-co-danh-hieu")),
        _raised(lambda: parse_day("31/02/2025")),
        _raised(lambda: write_atomic(tmp_path / "khong-co" / "kq.xlsx", lambda out: None)),
        _raised(
            lambda: hoctap_cli.read_stream(
                hoctap_cli.load_criteria("gia-dinh-hoc-tap"), b"", name="a.txt"
            )
        ),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.code, copy.location, copy.message) == (
            error.code,
            error.location,
            error.message,
        )


def test_an_error_as_json_names_its_code_location_and_problems() -> None:
    """It turns an error into JSON with English keys, its code and every problem's code."""
    error = _raised(lambda: hoctap_cli.load_criteria(b"a: 1\na: 2\n", source="tinh.yaml"))
    document = json.loads(hoctap_cli.to_json(error))
    assert document["code"] == "duplicate_key"
    assert document["location"] == {"file": "tinh.yaml", "line": 2}
    assert document["problems"] == [
        {"code": "duplicate_key", "path": "", "line": 2, "message": "khóa 'a' bị lặp lại"}
    ]
    assert document["message"] == "tinh.yaml:2: khóa 'a' bị lặp lại"


CSV_ROWS = b"ma_ho,chu_ho\nH1,An\n"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("x" * 300 + ".csv", "x" * 300 + ".csv"),
        ("a\x00b.csv", "a\x00b.csv"),
        ("xa-2025.csv", "xa-2025.csv"),
    ],
    ids=["300-letters", "nul-byte", "plain"],
)
def test_a_stream_reads_whatever_its_name(name: str, shown: str) -> None:
    """It reads an upload named too long for a file system, or with a NUL byte in its name,
    as it reads any other, and names its records as the caller did."""
    criteria = hoctap_cli.load_criteria("gia-dinh-hoc-tap@448-2015")
    read = hoctap_cli.read_stream(criteria, CSV_ROWS, name=name)
    assert [(r.values["ma_ho"], r.source.file) for r in read.records] == [("H1", shown)]


@pytest.mark.parametrize("name", ["..", "/", ""])
def test_a_stream_named_as_no_file_is_an_error_to_fix(name: str) -> None:
    """It refuses a name that is no file's with the unsupported-format error, not an OSError."""
    criteria = hoctap_cli.load_criteria("gia-dinh-hoc-tap@448-2015")
    with pytest.raises(HoctapError) as caught:
        hoctap_cli.read_stream(criteria, CSV_ROWS, name=name)
    assert caught.value.code == ProblemCode.unsupported_format
    _is_said(caught.value)


def test_a_refused_yaml_tag_in_a_stream_is_said_in_words() -> None:
    """It words a stream's YAML refusal as for a file, never by its internal reason id."""
    criteria = hoctap_cli.load_criteria("gia-dinh-hoc-tap@448-2015")
    with pytest.raises(HoctapError) as caught:
        hoctap_cli.read_stream(criteria, b"- {a: !!python/object:os.system x}", name="x.yaml")
    assert "thẻ YAML không được phép" in caught.value.message
    assert "yaml_tag" not in caught.value.message


def test_an_assessment_year_no_calendar_has_is_an_error_to_fix() -> None:
    """It refuses ``year=99999`` with a located, worded error, never a bare ValueError."""
    criteria = hoctap_cli.load_criteria("gia-dinh-hoc-tap@448-2015")
    with pytest.raises(HoctapError) as caught:
        hoctap_cli.evaluate_rows(criteria, [{"ma_ho": "H1"}], year=99999)
    assert caught.value.code == ErrorCode.bad_year
    _is_said(caught.value)
