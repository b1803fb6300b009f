"""Part marks for "up to" computed items (TT 22/2020): the council's mark replaces the
rule's all or nothing, exactly; a mark above 0 for an item said not met is reported."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from tests.support import problems_of, results_of

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.checks import part_mark_fields
from hoctap_cli.engine.evaluate import Engine
from hoctap_cli.engine.results import Outcome, VerdictKind
from hoctap_cli.records.record import Record, SourceRow
from hoctap_cli.report.criteria_view import items_table
from hoctap_cli.service import score_mismatches

TT22 = shipped_catalog().resolve("don-vi-hoc-tap@tt22-2020", dt.date(2022, 12, 31))
ENGINE = Engine(TT22)
MARKED = {  # item → (yes/no field, part-mark field, points)
    item.id: (TT22.rules[item.id].fields[0], item.score_field, Decimal(int(item.points or 0)))
    for _, item in TT22.criteria.items()
    if item.score_field
}
RANK = {VerdictKind.failed: 0, VerdictKind.incomplete: 1, VerdictKind.passed: 2}
BASE: dict[str, Any] = {"ma_don_vi": "U1", "diem_1_1": 10, "diem_1_2": 10, "diem_1_3": 10}
BASE |= {"ti_le_cdht": 100}


def run(values: dict[str, Any]) -> Any:
    return ENGINE.evaluate_one(Record({**BASE, **values}, SourceRow("p.xlsx", "DV", 2)))


def test_every_computed_up_to_item_but_3_1_has_a_part_mark() -> None:
    """2.1–2.4, 3.2 and 3.3 take a part mark; 3.1, computed from the members, does not."""
    assert sorted(MARKED) == ["2.1", "2.2", "2.3", "2.4", "3.2", "3.3"]


marks = st.fixed_dictionaries(
    {
        i: st.integers(0, int(p) * 10).map(lambda t: Decimal(t) / 10)
        for i, (_, _, p) in MARKED.items()
    }
)


@settings(max_examples=40, deadline=None)
@given(marks)
def test_marks_are_the_item_points_exactly(given_marks: dict[str, Decimal]) -> None:
    """With every condition met, each item scores its mark and the total is their exact
    sum with the 55 points of 1.x and 3.1 (no binary float on the way)."""
    values = {field: True for field, _, _ in MARKED.values()}
    values |= {MARKED[i][1]: mark for i, mark in given_marks.items()}
    result = run(values)
    points = {item.item_id: item.points for item in result.items}
    assert all(points[i] == mark for i, mark in given_marks.items())
    assert result.total == Decimal(55) + sum(given_marks.values(), Decimal(0))


@settings(max_examples=40, deadline=None)
@given(marks, st.sampled_from(sorted(MARKED)), st.integers(1, 50))
def test_raising_a_mark_never_lowers_the_verdict(
    given_marks: dict[str, Decimal], item_id: str, tenths: int
) -> None:
    values: dict[str, Any] = {field: True for field, _, _ in MARKED.values()}
    values |= {MARKED[i][1]: mark for i, mark in given_marks.items()}
    before = run(values)
    _, field, points = MARKED[item_id]
    values[field] = min(points, given_marks[item_id] + Decimal(tenths) / 10)
    after = run(values)
    assert RANK[after.verdict] >= RANK[before.verdict]
    assert after.total >= before.total


def test_blank_mark_keeps_the_yes_no_rule() -> None:
    """Without a mark the item is all or nothing, as before."""
    yes = run({"ke_hoach_tu_hoc_du": True})
    no = run({"ke_hoach_tu_hoc_du": False})
    assert [r.points for r in yes.items if r.item_id == "2.1"] == [Decimal(10)]
    assert [r.points for r in no.items if r.item_id == "2.1"] == [Decimal(0)]


def test_yes_with_part_mark_is_partial_and_no_with_a_mark_is_reported() -> None:
    """'có' with less than full points is a part mark; 'không' with points is reported at
    the mark's cell, with its file, sheet, row and column, and the mark still counts."""
    part = run({"ke_hoach_tu_hoc_du": True, "diem_2_1": Decimal("7.5")})
    item = next(r for r in part.items if r.item_id == "2.1")
    assert (item.outcome, item.points) == (Outcome.partial, Decimal("7.5"))
    assert score_mismatches(TT22, [part]) == []
    record = {**BASE, "chia_se_tri_thuc": False, "diem_3_3": Decimal(3)}
    source = SourceRow("p.xlsx", "DV", 7, columns={"diem_3_3": "Q"})
    wrong = ENGINE.evaluate_one(Record(record, source))
    [problem] = score_mismatches(TT22, [wrong])
    assert problem.code.value == "part_mark_contradiction"
    assert (problem.file, problem.sheet, problem.row, problem.column) == ("p.xlsx", "DV", 7, "Q")
    assert "mục 3.3" in problem.message and "hãy sửa cho khớp" in problem.message
    assert next(r for r in wrong.items if r.item_id == "3.3").points == Decimal(3)


def test_a_list_of_marks_without_yes_no_columns_is_read(tmp_path: Path, run_cli: Any) -> None:
    """A list giving the marks and no yes/no columns lacks no column, and is scored."""
    head = "Mã đơn vị,Tên đơn vị,1.1,1.2,1.3,Điểm 2.1,Điểm 2.2,Điểm 2.3,Điểm 2.4,Điểm 3.2,Điểm 3.3"
    path = tmp_path / "dv.csv"
    path.write_text(f'{head}\nU1,UBND xã,10,10,10,"2,5",5,10,5,10,5\n', encoding="utf-8")
    out = run_cli("evaluate", str(path), "-c", "don-vi-hoc-tap@tt22-2020", "-f", "json")
    data = json.loads(out.output)
    assert not [e for e in problems_of(data) if e["code"] == "missing_column"]
    [unit] = results_of(data)
    assert unit["total"] == 67.5  # 30 + (2.5 + 5 + 10 + 5) + 3.2 and 3.3; 3.1 has no members
    assert {i["id"]: i["outcome"] for i in unit["items"]}["2.1"] == "partial"


def test_check_refuses_a_part_mark_where_it_cannot_be() -> None:
    """A part mark needs an "up to" computed item and a number field within 0..points."""
    criteria = TT22.criteria
    assert list(part_mark_fields(criteria)) == []
    changes = {(0, 0): "diem_2_1", (1, 1): "diem_2_1", (1, 2): "ten_don_vi"}
    # 1.1 is awarded; 2.2 has 5 points while diem_2_1 goes to 10; ten_don_vi is text.
    groups = [
        g.model_copy(
            update={
                "items": [
                    i.model_copy(update={"score_field": changes.get((gi, ii), i.score_field)})
                    for ii, i in enumerate(g.items)
                ]
            }
        )
        for gi, g in enumerate(criteria.groups)
    ]
    broken = criteria.model_copy(update={"groups": groups})
    found = dict(part_mark_fields(broken))
    assert "chỉ mục tính tự động" in found[("groups", 0, "items", 0, "score_field")]
    assert "vượt quá điểm của mục (5)" in found[("groups", 1, "items", 1, "score_field")]
    assert "phải là một trường số" in found[("groups", 1, "items", 2, "score_field")]


def test_show_and_explain_name_the_part_mark_column(tmp_path: Path, run_cli: Any) -> None:
    """criteria show says where a part mark goes; explain says the mark decides when given."""
    console = Console(width=400, record=True)
    console.print(items_table(TT22.criteria))
    shown = console.export_text()
    assert "hội đồng cho một phần ở cột «Điểm 3.3 (chia sẻ tri thức)»" in shown
    assert shown.count("hội đồng cho một phần") == 6  # not 3.1: computed from the members
    path = tmp_path / "dv.csv"
    path.write_text('Mã đơn vị,Tên đơn vị,2.1,Điểm 2.1\nU1,UBND xã,có,"2,3"\n', encoding="utf-8")
    told = run_cli("explain", path, "--id", "U1", "-c", "don-vi-hoc-tap@tt22-2020")
    words = " ".join(told.output.split())
    assert "Đạt một phần" in words and "2,3/10" in words
    assert "thì tính theo điểm đó" in words
