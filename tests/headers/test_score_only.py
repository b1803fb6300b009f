"""Score-only lists end to end: the council's score of each criterion, no household code."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.headers.books import MAXIMA, expected_verdict, households, write_score_only
from tests.support import RunCli, criteria_of, problems_of, results_of

SEEDS = (11, 2025, 448, 7)  # one per header spelling of books.HEADER_STYLES


@pytest.mark.parametrize(("seed", "style"), [(seed, i) for i, seed in enumerate(SEEDS)])
def test_score_only_list_is_scored_end_to_end(
    run_cli: RunCli, tmp_path: Path, seed: int, style: int
) -> None:
    """It recognises the title from the title block, gives each row an id from its STT and
    awards every criterion from the council's score: exit 0, right totals and verdicts."""
    rows = households(seed, 24)
    path = write_score_only(tmp_path / f"ds-{seed}.xlsx", rows, style=style)
    result = run_cli("evaluate", path, "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    by_stt = {r["source"]["row"] - 6: r for r in _results(document)}
    assert sorted(by_stt) == [row.stt for row in rows]
    for row in rows:
        found = by_stt[row.stt]
        assert found["title"] == "gia-dinh-hoc-tap"
        assert found["id"] == f"ds-{seed}/Sheet1/{row.stt}"
        assert (found["name"], found["village"]) == (row.name, row.village)
        assert found["total"] == pytest.approx(sum(s for s in row.scores if s is not None))
        assert found["verdict"] == expected_verdict(row.scores)
        groups = {item["id"]: item for item in found["items"]}
        assert sorted(groups) == ["TC1", "TC2", "TC3.0", "TC4.0"]
        assert groups["TC1"]["by_council"] and groups["TC2"]["by_council"]
        assert groups["TC1"]["points"] == pytest.approx(row.scores[0])
        council = criteria_of(document)["groups"]["TC2"]["council_score"]
        assert council["max_points"] == MAXIMA[1]
    problems = problems_of(document)
    assert [p["code"] for p in problems if p["severity"] == "error"] == []
    assert [p["code"] for p in problems].count("ids_from_stt") == 1


def _results(document: dict[str, object]) -> list[dict[str, object]]:
    results = results_of(document)
    assert isinstance(results, list)
    return results


def test_score_only_list_says_the_council_scored_it(run_cli: RunCli, tmp_path: Path) -> None:
    """It says in words, under the table, that the criteria were scored by the council."""
    path = write_score_only(tmp_path / "ds.xlsx", households(7, 5))
    result = run_cli("evaluate", path)
    assert result.exit_code == 0, result.output
    assert "Tiêu chí 1, Tiêu chí 2: điểm do hội đồng chấm cả tiêu chí" in result.output
    assert "không nhận ra danh hiệu" not in result.output


def test_explain_shows_the_council_score(run_cli: RunCli, tmp_path: Path) -> None:
    """`explain` shows a group given as one score, with the column it was read from."""
    rows = households(3, 4)
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    result = run_cli("explain", path, "--id", "ds/Sheet1/2", "-f", "json")
    assert result.exit_code == 0, result.output
    (trace,) = json.loads(result.stdout)["traces"]
    items = {item["id"]: item for item in trace["items"]}
    first = items["TC1"]
    assert first["by_council"] and first["label"] == "Học tập của trẻ em trong gia đình"
    assert first["rule"].startswith("điểm do hội đồng chấm cả tiêu chí, cột 'Điểm tiêu chí 1")
    assert first["points"] == rows[1].scores[0] and first["cells"][0]["column"] == "D"
    shown = run_cli("explain", path, "--id", "ds/Sheet1/2").output
    assert "điểm do hội đồng" in shown.lower() and "Học tập của trẻ em" in shown


def test_blank_council_score_is_incomplete_not_zero(run_cli: RunCli, tmp_path: Path) -> None:
    """A blank criterion is missing data, shown '–' and '+ ?', empty in the CSV file."""
    rows = households(5, 12, blanks=4)
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    result = run_cli("evaluate", path, "-f", "json")
    found = {r["source"]["row"] - 6: r for r in results_of(json.loads(result.output))}
    for row in rows:
        assert found[row.stt]["verdict"] == expected_verdict(row.scores)
    table = run_cli("evaluate", path).output
    assert " + ?" in table and "–" in table
    out = tmp_path / "kq.csv"
    run_cli("evaluate", path, "-f", "csv", "-o", out)
    lines = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    header, body = lines[0], lines[1:]
    total = header.index("Tổng điểm")
    blank = [row for row in rows if None in row.scores]
    assert len(blank) == 4
    for line in body:
        stt = int(line[0])
        if rows[stt - 1] in blank:
            assert line[total] == ""  # never a false 0
            groups = [line[header.index(f"Điểm tiêu chí {n}")] for n in range(1, 5)]
            assert "" in groups and "0" not in groups
        else:
            known = sum(score for score in rows[stt - 1].scores if score is not None)
            assert line[total] == f"{known:g}".replace(".", ",")  # decimal comma, as people write


def test_both_items_and_score_that_disagree_is_a_located_error(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A row giving criterion 3 as items and as one score, with different sums, is an error
    at the cell of the score; one that agrees is not."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    header = [
        "Mã hộ",
        "Họ tên chủ hộ",
        "Thôn",
        "Số người lớn",
        "Biết chữ mức độ 1",
        "Số người học ít nhất 1 chuyên đề",
        "Điểm 2.3",
        "Điểm TC 2",
    ]
    ws.append(header)
    ws.append(["H1", "An", "Thôn 1", 2, 2, 2, 10, 30])  # 10 + 10 + 10 = 30: agrees
    ws.append(["H2", "Bình", "Thôn 1", 2, 1, 2, 10, 30])  # 0 + 10 + 10 = 20: disagrees
    path = tmp_path / "ca-hai.xlsx"
    book.save(path)
    result = run_cli("evaluate", path, "--criteria", "gia-dinh-hoc-tap", "-f", "json")
    assert result.exit_code == 1
    mismatches = [
        p for p in problems_of(json.loads(result.output)) if p["code"] == "group_score_mismatch"
    ]
    assert [(p["row"], p["column"], p["value"]) for p in mismatches] == [(3, "H", "30")]
    assert "được 20" in mismatches[0]["message"]


def test_council_score_above_the_group_points_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    """A council score above its criterion's points is out of range, located."""
    rows = households(9, 3)
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    import openpyxl

    book = openpyxl.load_workbook(path)
    book.active["D7"] = 35  # TC1 has 30 points
    book.save(path)
    result = run_cli("evaluate", path, "-f", "json")
    assert result.exit_code == 1
    located = [
        (p["code"], p["row"], p["column"])
        for p in problems_of(json.loads(result.output))
        if p["severity"] == "error"
    ]
    assert located == [("out_of_range", 7, "D")]


def test_readme_example_reads_as_the_readme_says(run_cli: RunCli, tmp_path: Path) -> None:
    """The two households of the README's score-only example: 85 (Đạt) and 61 + ?."""
    from tests.headers.books import Household

    rows = [
        Household(1, "Nguyễn Văn Ánh", "Thôn 1", (26.0, 30.0, 13.0, 16.0)),
        Household(2, "Lê Thị Hoa", "Thôn 3", (27.0, 24.0, 10.0, None)),
    ]
    path = write_score_only(tmp_path / "ds-2025.xlsx", rows)
    result = run_cli("evaluate", path, "-f", "json")
    assert result.exit_code == 0
    found = [(r["id"], r["total"], r["verdict"]) for r in results_of(json.loads(result.output))]
    assert found == [
        ("ds-2025/Sheet1/1", 85, "pass"),
        ("ds-2025/Sheet1/2", 61, "incomplete"),
    ]
    assert "61 + ?" in run_cli("evaluate", path).output


def test_score_only_list_with_a_code_column_has_no_missing_columns(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """With a code column added, the same list is scored from the council's scores: no
    'Thiếu cột' for the items the scores stand for, no household at 0 points."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Mã hộ", "Chủ hộ", "Thôn", "Điểm TC 1", "Điểm TC 2", "Điểm TC 3", "Điểm TC 4"])
    ws.append(["H1", "An", "Thôn 1", 25, 28, 15, 15])  # 83: Đạt
    ws.append(["H2", "Bình", "Thôn 1", 20, 20, 15, 15])  # 70: Không đạt
    path = tmp_path / "co-ma.xlsx"
    book.save(path)
    result = run_cli("evaluate", path, "-c", "gia-dinh-hoc-tap", "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    found = [(r["id"], r["total"], r["verdict"]) for r in results_of(document)]
    assert found == [("H1", 83, "pass"), ("H2", 70, "fail")]
    assert [p["code"] for p in problems_of(document)] == []


def test_unit_list_under_tt22_is_scored_from_its_three_criteria(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Đơn vị học tập (TT 22) given as three council scores gets its rank from their sum."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["DANH SÁCH ĐƠN VỊ HỌC TẬP NĂM 2022"])
    ws.append(["STT", "Tên đơn vị", "Điểm TC1", "Điểm TC2", "Điểm TC3"])
    ws.append([1, "Trường Tiểu học Ea Súp", 28, 27, 35])  # 90: Tốt (from 85)
    ws.append([2, "Trạm Y tế xã", 25, 25, 22])  # 72: Khá (from 70)
    ws.append([3, "Hợp tác xã", 15, 15, 10])  # 40: below Trung bình (50)
    path = tmp_path / "don-vi-2022.xlsx"
    book.save(path)
    result = run_cli("evaluate", path, "-f", "json")
    assert result.exit_code == 0, result.output
    results = results_of(json.loads(result.output))
    assert [r["title"] for r in results] == ["don-vi-hoc-tap"] * 3
    assert [(r["total"], r["verdict"]) for r in results] == [
        (90, "pass"),
        (72, "pass"),
        (40, "fail"),
    ]
    assert [r["level"] for r in results] == ["tot", "kha", None]
    assert all(all(i["by_council"] for i in r["items"]) for r in results)


def test_report_counts_criteria_given_as_one_score(tmp_path: Path) -> None:
    """The district report's 'criteria most often missed' counts a criterion the council
    scored as a whole, under its own name."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.outputs.html.figures import missed_items
    from hoctap_cli.workflow.run import evaluate_paths

    rows = households(21, 10)
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    evaluation = evaluate_paths([path], shipped_catalog(), None, None)
    missed = {m.item_id: m for m in missed_items(evaluation.titles, top=20)}
    partial = sum(1 for row in rows if 0 < (row.scores[0] or 0) < MAXIMA[0])
    assert missed["Tiêu chí 1"].label == "Học tập của trẻ em trong gia đình"
    assert missed["Tiêu chí 1"].partial == partial
