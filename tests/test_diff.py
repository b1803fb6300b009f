"""``hoctap diff``: the shipped Gia đình học tập file against copies edited in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support import ROOT, RunCli

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.diff import Change, ChangeKind, CriteriaDiff, JsonValue, diff_criteria
from hoctap_cli.criteria.loader import load_criteria, parse_criteria
from hoctap_cli.outputs.screens.diff_view import diff_markdown, show_value
from hoctap_cli.shown_files import shown_path

SHIPPED = ROOT / "criteria" / "gia-dinh-hoc-tap" / "448-2015.yaml"
TEXT = SHIPPED.read_text(encoding="utf-8")
ITEM_2_2 = '      - id: "2.2"\n'
ITEM_2_3 = '      - id: "2.3"\n'


def replace(text: str, old: str, new: str) -> str:
    """``text`` with ``old``, which must occur exactly once, replaced by ``new``."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def block(text: str, start: str, end: str) -> str:
    """The lines from ``start`` up to, not including, ``end``."""
    return text[text.index(start) : text.index(end)]


def compiled(text: str) -> CompiledCriteria:
    return parse_criteria(text.encode("utf-8"), "sua.yaml")


def diff_with(text: str) -> CriteriaDiff:
    return diff_criteria(load_criteria(SHIPPED).criteria, compiled(text).criteria)


def values(text: str) -> dict[str, tuple[JsonValue, JsonValue]]:
    """Each changed path with its old and new value."""
    return {c.path: (c.old, c.new) for c in diff_with(text).changes}


def test_identical_files_have_no_changes() -> None:
    """It finds no change between a file and itself."""
    result = diff_with(TEXT)
    assert result.identical
    assert result.changes == ()


def point_change() -> str:
    """The shipped text with item 2.2 worth 15 points instead of 10."""
    rule = "        rule: so_nguoi_lon_hoc_chuyen_de"
    return replace(TEXT, f"        points: 10\n{rule}", f"        points: 15\n{rule}")


def test_point_change() -> None:
    """It reports a changed point value as one change at the item's path."""
    assert diff_with(point_change()).changes == (
        Change("groups.TC2.items.2.2.points", ChangeKind.changed, 10.0, 15.0),
    )


def test_item_added() -> None:
    """It reports a new item as added, with its whole content as the new value."""
    new_item = (
        '      - id: "1.4"\n        label: Trẻ đi học đều\n        kind: computed\n'
        "        points: 5\n        rule: so_tre_di_hoc >= 1\n"
        "        citation: {document: 448/QĐ-KHVN, section: Gia đình học tập, item: Mục 1.4}\n"
    )
    text = replace(TEXT, '      - id: "1.3"\n', new_item + '      - id: "1.3"\n')
    (change,) = diff_with(text).changes
    assert (change.path, change.kind, change.old) == ("groups.TC1.items.1.4", "added", None)
    assert isinstance(change.new, dict)
    assert (change.new["label"], change.new["points"]) == ("Trẻ đi học đều", 5.0)


def test_item_removed() -> None:
    """It reports a deleted item as removed, with its old content."""
    text = replace(TEXT, block(TEXT, '      - id: "1.2"\n', '      - id: "1.3"\n'), "")
    (change,) = diff_with(text).changes
    assert (change.path, change.kind, change.new) == ("groups.TC1.items.1.2", "removed", None)
    assert isinstance(change.old, dict) and change.old["kind"] == "computed"


def test_item_moved_between_groups() -> None:
    """It reports an item put under another group as moved, not as removed and added."""
    item = block(TEXT, ITEM_2_2, ITEM_2_3)
    text = replace(replace(TEXT, item, ""), '      - id: "1.3"\n', item + '      - id: "1.3"\n')
    assert diff_with(text).changes == (
        Change("groups.TC1.items.2.2", ChangeKind.moved, "TC2", "TC1"),
    )


def test_moved_item_keeps_its_other_changes() -> None:
    """It reports the changes of a moved item under its new group's path."""
    item = block(TEXT, ITEM_2_2, ITEM_2_3)
    changed = replace(item, "        points: 10\n", "        points: 5\n")
    text = replace(replace(TEXT, item, ""), "      - id: TC3.0\n", changed + "      - id: TC3.0\n")
    paths = {(c.path, c.kind) for c in diff_with(text).changes}
    assert ("groups.TC3.items.2.2", "moved") in paths
    assert ("groups.TC3.items.2.2.points", "changed") in paths


def test_level_change() -> None:
    """It reports a changed pass mark and a dropped provisional mark of a level."""
    level = TEXT[TEXT.index("verdict:\n") :]
    edited = replace(level, "min_total: 80", "min_total: 75")
    edited = replace(edited, "      provisional: true\n", "")
    assert values(replace(TEXT, level, edited)) == {
        "verdict.levels.dat.min_total": (80.0, 75.0),
        "verdict.levels.dat.provisional": (True, False),
    }


def test_field_change() -> None:
    """It reports a field's new bound, label and aliases, each at its own path."""
    field = block(TEXT, "  - id: so_tre_do_tuoi\n", "  - id: so_tre_di_hoc\n")
    edited = replace(field, "    max: 30\n", "    max: 25\n")
    edited = replace(edited, "label: Số trẻ trong độ tuổi phổ cập", "label: Số trẻ 6–14 tuổi")
    edited = replace(edited, "aliases: [", "aliases: [Số trẻ 6-14 tuổi, ")
    changes = values(replace(TEXT, field, edited))
    assert set(changes) == {f"fields.so_tre_do_tuoi.{k}" for k in ("max", "label", "aliases")}
    assert changes["fields.so_tre_do_tuoi.max"] == (30.0, 25.0)
    assert changes["fields.so_tre_do_tuoi.label"] == (
        "Số trẻ trong độ tuổi phổ cập",
        "Số trẻ 6–14 tuổi",
    )
    new_aliases = changes["fields.so_tre_do_tuoi.aliases"][1]
    assert isinstance(new_aliases, list) and new_aliases[0] == "Số trẻ 6-14 tuổi"


def test_field_added_and_removed() -> None:
    """It reports a new field as added and a dropped one as removed, by id."""
    field = block(TEXT, "  - id: so_tre_do_tuoi\n", "  - id: so_tre_di_hoc\n")
    renamed = field.replace("id: so_tre_do_tuoi", "id: so_tre_trong_do_tuoi")
    text = (
        replace(TEXT, field, renamed)
        .replace("so_tre_do_tuoi ==", "so_tre_trong_do_tuoi ==")
        .replace(">= so_tre_do_tuoi", ">= so_tre_trong_do_tuoi")
        .replace("other: so_tre_do_tuoi", "other: so_tre_trong_do_tuoi")
    )
    kinds = {c.path: c.kind for c in diff_with(text).changes if c.path.startswith("fields")}
    assert kinds == {
        "fields.so_tre_do_tuoi": "removed",
        "fields.so_tre_trong_do_tuoi": "added",
    }


def test_citation_and_provisional_change() -> None:
    """It reports a changed citation part and a value no longer marked provisional."""
    item = block(TEXT, ITEM_2_2, ITEM_2_3)
    edited = replace(item, "item: Tiêu chí 2 mục 2.2,", "item: Tiêu chí 2 mục 2.2 (đã đối chiếu),")
    edited = "".join(line for line in edited.splitlines(True) if "provisional" not in line)
    changes = values(replace(TEXT, item, edited))
    assert changes.pop("groups.TC2.items.2.2.provisional_note")[1] is None
    assert changes == {
        "groups.TC2.items.2.2.citation.item": (
            "Tiêu chí 2 mục 2.2",
            "Tiêu chí 2 mục 2.2 (đã đối chiếu)",
        ),
        "groups.TC2.items.2.2.provisional": (True, False),
    }


def test_metadata_and_group_changes() -> None:
    """It reports the version, dates, document and a relabelled group at their paths."""
    text = replace(TEXT, "version: 448-2015", 'version: "2025"')
    text = replace(text, "effective_from: 2016-01-01", "effective_from: 2025-01-01")
    text = replace(text, "effective_until: 2020-12-31", "effective_until: 2025-12-31")
    text = replace(text, "  number: 448/QĐ-KHVN\n", "  number: 12/QĐ-KHVN\n")
    text = replace(
        text, "label: Điều kiện học tập của gia đình\n", "label: Điều kiện học tập của hộ\n"
    )
    assert values(text) == {
        "version": ("448-2015", "2025"),
        "effective_from": ("2016-01-01", "2025-01-01"),
        "effective_until": ("2020-12-31", "2025-12-31"),
        "document.number": ("448/QĐ-KHVN", "12/QĐ-KHVN"),
        "groups.TC3.label": ("Điều kiện học tập của gia đình", "Điều kiện học tập của hộ"),
    }


def test_group_added_lists_items_once() -> None:
    """It reports a new group without its items, and each of its items as added."""
    group = (
        "  - id: TC5\n    label: Đọc sách\n    items:\n"
        '      - id: "5.1"\n        label: Có tủ sách\n        kind: computed\n'
        "        points: 5\n        rule: so_tre_di_hoc >= 0 and so_nguoi_lon >= 1\n"
        "        citation: {document: 448/QĐ-KHVN, section: Gia đình học tập, item: Mục 5.1}\n"
    )
    text = replace(TEXT, "verdict:\n", group + "verdict:\n")
    group_change, item_change = diff_with(text).changes
    assert (group_change.path, group_change.kind) == ("groups.TC5", "added")
    assert isinstance(group_change.new, dict) and "items" not in group_change.new
    assert (item_change.path, item_change.kind) == ("groups.TC5.items.5.1", "added")


def edited_file(tmp_path: Path) -> Path:
    target = tmp_path / "sua.yaml"
    target.write_text(point_change(), encoding="utf-8")
    return target


def test_cli_json(run_cli: RunCli, tmp_path: Path) -> None:
    """It writes the diff as JSON with English keys, the files compared and their hashes."""
    target = edited_file(tmp_path)
    result = run_cli("diff", "gia-dinh-hoc-tap@448-2015", target, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["identical"] is False
    assert document["old"]["source"] == "builtin:gia-dinh-hoc-tap@448-2015"
    assert document["new"]["source"] == shown_path(target)
    assert len(document["new"]["sha256"]) == 64
    assert document["changes"] == [
        {"path": "groups.TC2.items.2.2.points", "kind": "changed", "old": 10.0, "new": 15.0}
    ]


def test_cli_markdown(run_cli: RunCli, tmp_path: Path) -> None:
    """It writes a Vietnamese Markdown table with one row per change."""
    result = run_cli("diff", SHIPPED, edited_file(tmp_path), "-f", "markdown")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "| Thay đổi | Mục | Trước | Sau |" in lines
    assert "| sửa | Mục 2.2: điểm | 10 | 15 |" in lines
    assert "1 thay đổi: 1 sửa." in lines


def test_cli_table_and_identical(run_cli: RunCli) -> None:
    """It says plainly that two names for the same file have no differences."""
    result = run_cli("diff", "gia-dinh-hoc-tap", SHIPPED)
    assert result.exit_code == 0
    assert "không có khác biệt" in result.output


def test_cli_table_headers(run_cli: RunCli, tmp_path: Path) -> None:
    """It prints a table with Vietnamese headers and the change kind in words."""
    out = run_cli("diff", SHIPPED, edited_file(tmp_path)).output
    for text in ("Thay đổi", "Mục", "Trước", "Sau", "sửa", "Mục 2.2: điểm"):
        assert text in out


def test_cli_output_file_needs_force(run_cli: RunCli, tmp_path: Path) -> None:
    """It writes --output, then refuses to replace it unless --force is given."""
    edited, target = edited_file(tmp_path), tmp_path / "khac-biet.md"
    assert run_cli("diff", SHIPPED, edited, "-f", "markdown", "-o", target).exit_code == 0
    assert "Mục 2.2: điểm" in target.read_text(encoding="utf-8")
    target.write_text("cũ", encoding="utf-8")
    refused = run_cli("diff", SHIPPED, edited, "-o", target)
    assert refused.exit_code == 2
    assert target.read_text(encoding="utf-8") == "cũ"
    assert run_cli("diff", SHIPPED, edited, "-o", target, "--force").exit_code == 0
    assert "Thay đổi" in target.read_text(encoding="utf-8")


def test_cli_never_writes_over_a_compared_file(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses an --output that is one of the files compared."""
    edited = edited_file(tmp_path)
    before = edited.read_bytes()
    result = run_cli("diff", SHIPPED, edited, "-o", edited, "--force")
    assert result.exit_code == 2
    assert edited.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "gia-dinh-hoc-tap", "khong-co-bo-nay"], "không có bộ tiêu chí 'khong-co-bo-nay'"),
        (["diff", "gia-dinh-hoc-tap", "khong-co.yaml"], "không tìm thấy tệp tiêu chí"),
        (["diff", "gia-dinh-hoc-tap"], "thiếu"),
    ],
)
def test_cli_errors_exit_two(run_cli: RunCli, args: list[str], message: str) -> None:
    """It answers an unknown name, a missing file or a missing argument with exit code 2."""
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_markdown_cells_stay_in_their_column() -> None:
    """It escapes '|' and joins lines so a value cannot break the Markdown table."""
    text = replace(TEXT, "label: Điều kiện học tập của gia đình\n", "label: Điều kiện | cơ sở\n")
    old, new = load_criteria(SHIPPED), compiled(text)
    markdown = diff_markdown(diff_criteria(old.criteria, new.criteria), old, new)
    row = "| sửa | Tiêu chí 3: nội dung | Điều kiện học tập của gia đình | Điều kiện \\| cơ sở |"
    assert row in markdown.splitlines()


@pytest.mark.parametrize(
    ("value", "path", "shown"),
    [
        (7.5, "", "7,5"),
        (True, "", "có"),
        (None, "", "–"),
        ([], "", "(trống)"),
        ("all", "verdict.levels.dat.required_items", "tất cả"),
        ({"label": "Có tủ sách", "points": 5.0}, "", "Có tủ sách (5 điểm)"),
    ],
)
def test_values_are_shown_as_people_read_them(value: JsonValue, path: str, shown: str) -> None:
    """It shows numbers with a decimal comma, yes/no in Vietnamese and entries by label."""
    assert show_value(value, path) == shown


def test_diff_has_vietnamese_help_and_readme_mention(run_cli: RunCli) -> None:
    """It gives the diff command Vietnamese help and a README mention."""
    result = run_cli("diff", "--help")
    assert result.exit_code == 0
    assert "Cách dùng:" in result.output
    assert "hoctap diff" in (ROOT / "README.md").read_text(encoding="utf-8")
