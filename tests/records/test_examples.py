"""Recognising the title of an input, and the shipped example workbook against its YAML twin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.problems import ProblemCode
from hoctap_cli.records.reader import ReadResult, open_input, read_input, recognise

from .conftest import BookWriter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WORKBOOK = EXAMPLES / "thon-ea-sup-gia-dinh-2025.xlsx"
TWIN = EXAMPLES / "thon-ea-sup-gia-dinh-2025.yaml"


@pytest.fixture(scope="module")
def gia_dinh() -> CompiledCriteria:
    return shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", dt.date(2025, 11, 20))


@pytest.fixture(scope="module")
def from_workbook(gia_dinh: CompiledCriteria) -> ReadResult:
    return read_input(open_input(WORKBOOK), gia_dinh)


@pytest.fixture(scope="module")
def from_yaml(gia_dinh: CompiledCriteria) -> ReadResult:
    return read_input(open_input(TWIN), gia_dinh)


def test_example_workbook_is_recognised_from_the_shipped_catalog() -> None:
    """It recognises the example workbook as Gia đình học tập from its headers and sheet."""
    found = recognise(open_input(WORKBOOK), shipped_catalog().entries)
    assert found is not None and found.criteria.id == "gia-dinh-hoc-tap"


def test_recognition_picks_the_best_match(
    write_book: BookWriter, compiled: CompiledCriteria
) -> None:
    """It picks, among several criteria, the one whose fields the headers name."""
    candidates = [*shipped_catalog().entries, compiled]
    found = recognise(open_input(WORKBOOK), candidates)
    assert found is not None and found.criteria.id == "gia-dinh-hoc-tap"
    header = ["Mã hồ sơ", "Họ và tên", "Thôn", "Có tủ sách", "Xếp loại"]
    ours = write_book("ours.xlsx", {"Trang 1": [header, ["H1", "An", "Thôn 1", "x", "Khá"]]})
    found = recognise(open_input(ours), candidates)
    assert found is compiled


def test_workbook_matching_nothing_is_not_recognised(
    write_book: BookWriter, compiled: CompiledCriteria
) -> None:
    """It recognises nothing in a workbook whose headers name no known fields."""
    sheets = {
        "Gia đình học tập": [["Danh sách"], ["STT", "Tên", "Ghi chú"], [1, "An", "Mã hộ"]],
        "Khác": [["Số", "Loại"], [1, "A"]],
    }
    path = write_book("khac.xlsx", sheets)
    assert recognise(open_input(path), [*shipped_catalog().entries, compiled]) is None


def test_yaml_twin_names_its_criteria() -> None:
    """It recognises the YAML twin by the criteria it names."""
    found = recognise(open_input(TWIN), shipped_catalog().entries)
    assert found is not None and found.criteria.id == "gia-dinh-hoc-tap"


def test_example_workbook_reads_as_documented(from_workbook: ReadResult) -> None:
    """It reads the 40 households minus the two skipped rows, with the documented mistakes."""
    assert len(from_workbook.records) == 38
    (layout,) = from_workbook.layouts
    assert (layout.sheet, layout.header_row) == ("Gia đình học tập", 7)
    assert layout.columns["ma_ho"] == "B" and layout.columns["diem_tc4"] == "O"
    got = [(p.code, p.row, p.column, p.field, p.value) for p in from_workbook.problems]
    assert got == [
        (ProblemCode.out_of_range, 17, "I", "diem_1_3", "12"),
        (ProblemCode.bad_value, 22, "F", "so_tre_di_hoc", "hai"),
        (ProblemCode.duplicate_id, 31, "B", "ma_ho", "ES-017"),
        (ProblemCode.missing_id, 36, "B", "ma_ho", None),
    ]
    assert from_workbook.problems[2].params["first_row"] == 24
    by_row = {r.source.row: r.values for r in from_workbook.records}
    assert by_row[12]["diem_2_3"] == 8.0  # typed as text
    assert by_row[41]["diem_1_3"] == 7.5  # decimal comma
    assert "diem_tc4" not in by_row[27]  # left blank
    assert max(by_row) == 47  # the bordered rows 48-50 hold no one


def test_workbook_and_yaml_twin_give_the_same_ids(
    from_workbook: ReadResult, from_yaml: ReadResult
) -> None:
    """It reads the same applicant ids, in the same order, from the workbook and its twin."""
    ids = [r.values["ma_ho"] for r in from_workbook.records]
    assert ids == [r.values["ma_ho"] for r in from_yaml.records]
    assert len(ids) == len(set(ids)) == 38


def test_workbook_and_yaml_twin_give_the_same_values(
    from_workbook: ReadResult, from_yaml: ReadResult
) -> None:
    """It reads the same values, of the same types, for every applicant from both files."""
    for excel, twin in zip(from_workbook.records, from_yaml.records, strict=True):
        assert excel.values == twin.values
        assert {k: type(v) for k, v in excel.values.items()} == {
            k: type(v) for k, v in twin.values.items()
        }


def test_workbook_and_yaml_twin_give_the_same_problems(
    from_workbook: ReadResult, from_yaml: ReadResult
) -> None:
    """It reports the same mistakes, in the same order, with the same values from both files."""

    def what(result: ReadResult) -> list[tuple[object, ...]]:
        return [(p.code, p.field, p.value) for p in result.problems]

    assert what(from_workbook) == what(from_yaml)
    # The twin locates them by line and key instead of row and column letter.
    assert all(p.column == p.field for p in from_yaml.problems)
    lines = TWIN.read_text(encoding="utf-8").splitlines()
    for problem in from_yaml.problems:
        assert problem.row is not None
        assert lines[problem.row - 1].startswith("- ma_ho:")
