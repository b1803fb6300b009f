"""criteria check on files that extend a shipped set: merged, located in the user's file."""

from __future__ import annotations

from pathlib import Path

from tests.support import ROOT

HEAD = """extends: gia-dinh-hoc-tap@448-2015
version: tinh-thu
effective_from: 2025-01-01
effective_until: null
"""


def test_shipped_example_passes_without_warnings(run_cli) -> None:  # type: ignore[no-untyped-def]
    """It checks the shipped provincial example (once refused outright) and finds nothing."""
    result = run_cli("criteria", "check", ROOT / "examples" / "tieu-chi-tinh-vi-du.yaml")
    assert result.exit_code == 0, result.output
    assert "không có lỗi" in result.output and "cảnh báo" not in result.output


def test_problem_in_merged_file_points_at_the_users_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It names the user's own line and index when raised points no longer fit the column."""
    file = tmp_path / "tinh.yaml"
    file.write_text(
        HEAD + "groups:\n  - id: TC3\n    items:\n      - id: TC3.0\n        points: 30\n"
        '        citation: {document: 01/QĐ-UBND, item: Mục 3, source: "https://x.invalid"}\n',
        encoding="utf-8",
    )
    result = run_cli("criteria", "check", file)
    assert result.exit_code == 1
    assert "dòng 8 (groups[0].items[0].field): trường 'diem_tc3' phải có min: 0 và max: 30" in (
        " ".join(result.output.split())
    )


def test_raising_points_and_the_column_bound_passes(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It passes once the column's max follows the new points (README step 4)."""
    file = tmp_path / "tinh.yaml"
    file.write_text(
        HEAD + "fields:\n  - {id: diem_tc3, max: 30}\n"
        "groups:\n  - id: TC3\n    items:\n      - id: TC3.0\n        points: 30\n"
        '        citation: {document: 01/QĐ-UBND, item: Mục 3, source: "https://x.invalid"}\n',
        encoding="utf-8",
    )
    result = run_cli("criteria", "check", file)
    assert result.exit_code == 0, result.output
    assert "citation_unchanged" not in result.output


def test_lines_wholly_in_the_base_point_at_extends(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It lists a provisional value the user's file does not touch at the extends line."""
    file = tmp_path / "tinh.yaml"
    file.write_text(HEAD, encoding="utf-8")
    result = run_cli("criteria", "check", file)
    assert result.exit_code == 0, result.output
    assert "dòng 1 (verdict.levels[0].provisional)" in result.output


def test_a_local_citation_replaces_the_national_one_whole() -> None:
    """It keeps no section or source of the base's citation under a province's own."""
    from hoctap_cli.criteria.extend import merge

    base = {"citation": {"document": "448/QĐ-KHVN", "section": "A", "source": "https://a"}}
    local = {"citation": {"document": "01/QĐ-UBND", "item": "Mục 3"}}
    assert merge(base, local) == local
