"""A whole commune in one workbook: every level evaluated bottom-up in one run."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.support import ROOT, RunCli, problems_of

COMMUNE = ROOT / "examples" / "xa-quang-phu-2025.xlsx"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    """The commune example's JSON document (computed once for the module)."""
    from typer.testing import CliRunner

    from hoctap_cli.cli.app import app

    result = CliRunner().invoke(app, ["evaluate", str(COMMUNE), "-f", "json"])
    assert result.exit_code == 1  # the example carries deliberate link mistakes
    return json.loads(result.output)


def _levels(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {level["title"]: level for level in document["titles"]}


def test_every_sheet_is_read_as_its_title(document: dict[str, Any]) -> None:
    """It matches each sheet of the commune workbook to the title its headers carry."""
    sheets = {s["sheet"]: s["title"] for s in document["inputs"][0]["sheets"]}
    assert sheets["Công dân"] == "cong-dan-hoc-tap"
    assert sheets["Hộ gia đình"] == "gia-dinh-hoc-tap"
    assert sheets["Dòng họ"] == "dong-ho-hoc-tap"
    assert sheets["Thôn"] == "cong-dong-hoc-tap-thon"
    assert sheets["Xã"] == "cong-dong-hoc-tap-xa"
    assert sheets["Đơn vị"] == "don-vi-hoc-tap"
    assert sheets["Thi đua hộ gia đình"] == "thi-dua-gia-dinh"


def test_levels_come_bottom_up(document: dict[str, Any]) -> None:
    """It evaluates every title after the titles it counts."""
    order = [level["title"] for level in document["titles"]]
    assert len(order) == 11
    for lower, upper in [
        ("gia-dinh-hoc-tap", "dong-ho-hoc-tap"),
        ("dong-ho-hoc-tap", "cong-dong-hoc-tap-thon"),
        ("cong-dong-hoc-tap-thon", "cong-dong-hoc-tap-xa"),
        ("cong-dan-hoc-tap", "don-vi-hoc-tap"),
        ("don-vi-hoc-tap", "thi-dua-doanh-nghiep"),
        ("cong-dong-hoc-tap-xa", "thi-dua-xa"),
    ]:
        assert order.index(lower) < order.index(upper)


def test_rollups_match_a_count_of_member_verdicts(document: dict[str, Any]) -> None:
    """It computes every parent's figures from its members' verdicts in the same document."""
    verdicts = {
        (title, r["id"]): r["verdict"]
        for title, level in _levels(document).items()
        for r in level["results"]
    }
    checked = 0
    for level in document["titles"]:
        for result in level["results"]:
            for figure in result["rollups"]:
                if not figure["available"]:
                    continue
                member = figure["title"]
                fresh = [i for i in figure["held_ids"] if i not in figure["by_prior"]]
                assert all(verdicts[(member, i)] == "pass" for i in fresh)
                assert all(verdicts[(member, i)] != "pass" for i in figure["not_held"])
                assert figure["held"] == len(figure["held_ids"])
                assert figure["counted"] == figure["held"] + len(figure["not_held"])
                if figure["measure"] == "share" and figure["counted"]:
                    assert figure["value"] == pytest.approx(
                        100 * figure["held"] / figure["counted"]
                    )
                checked += 1
    assert checked > 40


def test_prior_recognition_counts_only_while_valid(document: dict[str, Any]) -> None:
    """It counts households recognised earlier this year, and only those, as holding the title."""
    villages = _levels(document)["cong-dong-hoc-tap-thon"]["results"]
    prior = [i for v in villages for f in v["rollups"] for i in f["by_prior"]]
    assert prior  # the example has households recognised by an earlier 2025 decision
    households = {r["id"]: r for r in _levels(document)["gia-dinh-hoc-tap"]["results"]}
    assert all(households[i]["verdict"] != "pass" for i in prior)


def test_link_mistakes_are_located(document: dict[str, Any]) -> None:
    """It reports a broken link, a duplicate and a clan without households with their cells."""
    found = {(e["code"], e["sheet"], e["row"], e["column"]) for e in problems_of(document)}
    assert ("broken_link", "Hộ gia đình", 304, "D") in found
    assert ("broken_link", "Công dân", 146, "F") in found
    assert ("duplicate_id", "Hộ gia đình", 115, "B") in found
    assert ("no_members", "Dòng họ", 16, "B") in found


def test_parent_reason_shows_the_numbers(run_cli: RunCli) -> None:
    """It prints each level, the title summary, and a parent's reason with its counts."""
    out = run_cli("evaluate", COMMUNE).output
    for heading in ("DÒNG HỌ HỌC TẬP", "CỘNG ĐỒNG HỌC TẬP CẤP XÃ", "Tổng hợp theo danh hiệu"):
        assert heading in out
    assert "Tỉ lệ hộ đạt Gia đình học tập: 7/10 đạt = 70% (cần ≥ 70%)" in out


def test_csv_for_several_levels(run_cli: RunCli) -> None:
    """It writes one CSV for all levels with the title in the first column."""
    text = run_cli("evaluate", COMMUNE, "-f", "csv").stdout_bytes.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Danh hiệu,STT,Mã,Tên,Thôn")
    assert any(line.startswith("Dòng họ học tập,") for line in lines)
