"""``hoctap report``: the figures, the page and the command, without a browser."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from tests.support import EXAMPLE_XLSX, EXAMPLE_YAML, RunCli

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.results import ApplicantResult, ItemResult, NearMiss, Outcome, VerdictKind
from hoctap_cli.outputs.html import figures
from hoctap_cli.outputs.words.provenance import provenance_lines
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.records.record import SourceRow
from hoctap_cli.workflow.run import Evaluation, TitleResult, evaluate_paths
from hoctap_cli.workflow.years import evaluate_by_year

DAY = dt.date(2025, 12, 31)
HOUSEHOLD = "gia-dinh-hoc-tap"


def _criteria(title: str) -> CompiledCriteria:
    return shipped_catalog().in_force(title, DAY)


def _items(outcomes: dict[str, Outcome]) -> tuple[ItemResult, ...]:
    """Every household item: met with full points unless ``outcomes`` says otherwise."""
    return tuple(
        ItemResult(
            item.id,
            group.id,
            outcomes.get(item.id, Outcome.met),
            0.0 if item.id in outcomes else item.points,
            item.points,
            (),
            "",
            False,
        )
        for group, item in _criteria(HOUSEHOLD).criteria.items()
    )


def _result(
    ident: str,
    verdict: VerdictKind,
    total: float,
    *,
    village: str | None = "Thôn A",
    outcomes: dict[str, Outcome] | None = None,
    near: NearMiss | None = None,
) -> ApplicantResult:
    """A household result with the given outcomes (every other item met)."""
    return ApplicantResult(
        id=ident,
        name=f"Chủ hộ {ident}",
        village=village,
        title=HOUSEHOLD,
        verdict=verdict,
        level="dat" if verdict is VerdictKind.passed else None,
        total=total,
        max_total=100.0,
        groups=(),
        items=_items(outcomes or {}),
        reasons=(),
        near_miss=near,
        provisional=False,
        source=SourceRow("ho.yaml", None, None),
        values={},
    )


def _households(*results: ApplicantResult) -> TitleResult:
    return TitleResult(_criteria(HOUSEHOLD), list(results))


def _report(tmp_path: Path, run_cli: RunCli, *inputs: Path) -> str:
    target = tmp_path / "bao-cao.html"
    result = run_cli("report", *inputs, "-o", target)
    assert target.is_file(), result.output
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def village_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The report of the village example, made once for the tests that only read it."""
    from typer.testing import CliRunner

    from hoctap_cli.cli.app import app

    target = tmp_path_factory.mktemp("bao-cao") / "bao-cao.html"
    CliRunner().invoke(app, ["report", str(EXAMPLE_XLSX), "-o", str(target)])
    return target.read_text(encoding="utf-8")


def test_summary_counts_rows_read_and_levels() -> None:
    """It counts rows left out for their id as read, and each level of a leveled title."""
    evaluation = evaluate_paths([EXAMPLE_XLSX], shipped_catalog(), None, None)
    summary = figures.title_summary(evaluation.titles[0], evaluation)
    assert (summary.read, summary.assessed, summary.passed) == (40, 38, 25)
    assert (summary.failed, summary.incomplete, summary.levels) == (10, 3, ())
    commune = TitleResult(_criteria("cong-dong-hoc-tap-xa"), [])
    levels = figures.title_summary(commune, Evaluation(DAY)).levels
    assert [level.label for level in levels] == ["Mức độ 1 (Khá)", "Mức độ 2 (Tốt)"]


def test_village_rates_keep_first_appearance_order() -> None:
    """It gives each village its assessed and recognised counts, unnamed ones grouped."""
    level = _households(
        _result("B1", VerdictKind.passed, 90, village="Thôn B"),
        _result("A1", VerdictKind.failed, 60),
        _result("B2", VerdictKind.failed, 70, village="Thôn B"),
        _result("X1", VerdictKind.passed, 85, village=None),
    )
    rates = figures.village_rates(level)
    assert rates is not None
    rows = [(r.village, r.assessed, r.passed, r.rate) for r in rates.rows]
    assert rows == [("Thôn B", 2, 1, 0.5), ("Thôn A", 1, 0, 0.0), ("(không ghi)", 1, 1, 1.0)]


def test_missed_items_count_each_outcome_and_rank() -> None:
    """It counts not met, partly met and not assessable per item, most missed first."""
    level = _households(
        _result("1", VerdictKind.failed, 60, outcomes={"1.1": Outcome.not_met}),
        _result("2", VerdictKind.failed, 60, outcomes={"1.1": Outcome.not_assessable}),
        _result("3", VerdictKind.failed, 70, outcomes={"TC3.0": Outcome.partial}),
        _result("4", VerdictKind.passed, 100),
    )
    missed = figures.missed_items([level])
    assert [(m.item_id, m.not_met, m.partial, m.not_assessable) for m in missed] == [
        ("Mục 1.1", 1, 0, 1),
        ("Tiêu chí 3", 0, 1, 0),
    ]
    assert missed[0].label.startswith("Mọi trẻ trong độ tuổi phổ cập")
    every_item = {item.id: Outcome.not_met for _, item in _criteria(HOUSEHOLD).criteria.items()}
    failing = _households(_result("5", VerdictKind.failed, 0, outcomes=every_item))
    assert len(figures.missed_items([failing])) == 8
    assert len(figures.missed_items([failing], top=3)) == 3


def test_histogram_bins_are_aligned_on_the_pass_mark() -> None:
    """It bins totals in fives with an edge at 80, the top total in the last bin."""
    totals = [62, 79.5, 80, 84, 100]
    level = _households(*[_result(str(t), VerdictKind.failed, t) for t in totals])
    histogram = figures.totals_histogram(level)
    assert histogram is not None
    assert histogram.marks == (("Đạt", 80.0),)
    edges = [b.start for b in histogram.bins]
    assert edges[0] == 60 and 80 in edges and all(b.end - b.start == 5 for b in histogram.bins)
    assert sum(b.count for b in histogram.bins) == len(totals)
    assert histogram.bins[-1].count == 1 and histogram.bins[-1].end == 100
    assert all(b.passing == (b.start >= 80) for b in histogram.bins)
    counts = {b.start: b.count for b in histogram.bins}
    assert counts[75] == 1 and counts[80] == 2


@pytest.mark.parametrize(("top", "width"), [(100, 5), (10, 1), (40, 2), (200, 10), (30, 2)])
def test_bin_width_is_round(top: float, width: float) -> None:
    """It picks 1, 2, 5 or 10 times a power of ten, about twenty bins to the maximum."""
    assert figures.bin_width(top) == width


def test_follow_up_lists_smallest_gaps_first() -> None:
    """It lists only applicants not passing, the smallest gap first, and says what to do."""
    level = _households(
        _result("far", VerdictKind.failed, 60, near=NearMiss("dat", 20, ("TC3.0", "TC4.0"))),
        _result("ok", VerdictKind.passed, 95),
        _result("near", VerdictKind.incomplete, 75, near=NearMiss("dat", 5, ("1.3",))),
        _result("mid", VerdictKind.failed, 72, near=NearMiss("dat", 8, ("TC4.0",))),
    )
    wording = Wording(level.criteria.criteria)
    rows, left = figures.follow_up(level, wording, limit=2)
    assert [(r.id, r.gap) for r in rows] == [("near", "5 điểm"), ("mid", "8 điểm")]
    assert left == 1
    assert rows[0].verdict == "Chưa đủ dữ liệu" and rows[0].total == "75"
    assert rows[1].advice == wording.explain(level.results[3])


def test_page_is_self_contained(village_page: str) -> None:
    """It has no script, no linked file and no web address but SVG namespaces."""
    assert village_page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in village_page and '<meta charset="utf-8">' in village_page
    for forbidden in ("<script", "<link", "<iframe", "<img", " src=", "@import", "url(http"):
        assert forbidden not in village_page.lower(), forbidden
    assert not re.search(r"url\((?!#)", village_page)
    addresses = re.findall(r'(\S*?)"?(https?://[^"\s]*)', village_page)
    assert addresses
    for before, address in addresses:
        assert before.startswith("xmlns") and address.startswith("http://www.w3.org/"), address


def test_page_shows_headline_and_sections(village_page: str) -> None:
    """It gives the figures of the village example and every section, in Vietnamese."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", village_page))
    for phrase in (
        "Báo cáo kết quả xét công nhận danh hiệu học tập năm 2025",
        "Tổng quan",
        "Tỉ lệ công nhận theo thôn",
        "Tiêu chí có nhiều hồ sơ không đạt nhất",
        "Phân bố tổng điểm",
        "Hồ sơ sắp đạt cần theo dõi",
        "Giá trị tạm tính",
        "Lỗi dữ liệu",
        "Nguồn gốc kết quả",
        "65,8%",
        "Đặng Hữu Tuấn",
    ):
        assert phrase in text, phrase
    assert "Xu hướng qua các năm" not in text
    row = re.search(r"<td>Gia đình học tập</td>((?:<td[^>]*>[^<]*</td>){6})", village_page)
    assert row is not None
    assert re.findall(r">([^<]*)<", row.group(1))[::2] == ["40", "38", "25", "10", "3", "65,8%"]


def test_every_chart_is_an_accessible_figure(village_page: str) -> None:
    """It puts each SVG in a figure with a caption, a title, an ARIA label and a data table."""
    chart_figures = re.findall(r'<figure class="chart">(.*?)</figure>', village_page, re.S)
    assert len(chart_figures) == village_page.count("<svg") == 3
    for body in chart_figures:
        caption = re.search(r"<figcaption>(.*?)</figcaption>", body)
        assert caption is not None
        svg = re.search(r"<svg[^>]*>", body)
        assert svg is not None and 'role="img"' in svg.group(0)
        assert f'aria-label="{caption.group(1)}"' in svg.group(0)
        assert f"<title>{caption.group(1)}</title>" in body
        assert body.index("</svg>") < body.index("<table") and "<thead>" in body


def test_histogram_draws_the_pass_line(village_page: str) -> None:
    """It marks the pass mark with a dashed line and its label on the totals chart."""
    assert "Đạt: 80 điểm" in village_page
    assert "stroke-dasharray:7,4" in village_page


def test_provisional_values_and_provenance_are_listed(village_page: str) -> None:
    """It lists every provisional value used and every provenance line."""
    evaluation = evaluate_paths([EXAMPLE_XLSX], shipped_catalog(), None, None)
    assert "Lưu ý: có dùng giá trị tạm tính" in village_page
    for note in Names(evaluation.titles[0].criteria.criteria).provisional_notes():
        assert html.escape(note) in village_page, note
    for label, value in provenance_lines(evaluation):
        assert html.escape(label) in village_page and value in village_page


def test_page_is_the_same_on_every_run(tmp_path: Path, run_cli: RunCli) -> None:
    """It writes the same bytes for the same inputs: no random ids, no timestamps."""
    first = _report(tmp_path, run_cli, EXAMPLE_XLSX)
    second_target = tmp_path / "lan-hai.html"
    run_cli("report", EXAMPLE_XLSX, "-o", second_target)
    assert second_target.read_text(encoding="utf-8") == first


def test_names_are_escaped(tmp_path: Path, run_cli: RunCli) -> None:
    """It shows markup typed in a cell as text, never as HTML."""
    source = EXAMPLE_YAML.read_text(encoding="utf-8")
    hostile = tmp_path / "thon-2025.yaml"
    hostile.write_text(source.replace("Đặng Hữu Tuấn", "<b onclick=x>Tuấn</b>"), "utf-8")
    page = _report(tmp_path, run_cli, hostile)
    assert "&lt;b onclick=x&gt;Tuấn&lt;/b&gt;" in page
    assert "<b onclick" not in page


def _year_copy(tmp_path: Path) -> Path:
    """The village YAML as a 2024 file, with lower committee points for criterion 4."""
    copy = tmp_path / "thon-ea-sup-gia-dinh-2024.yaml"
    copy.write_text(
        EXAMPLE_YAML.read_text("utf-8").replace("diem_tc4: 18", "diem_tc4: 10"), "utf-8"
    )
    return copy


def test_years_are_evaluated_apart(tmp_path: Path) -> None:
    """It evaluates each assessment year on its own 31 December, oldest first."""
    runs = evaluate_by_year([EXAMPLE_XLSX, _year_copy(tmp_path)], shipped_catalog(), None, None)
    assert [run.as_of for run in runs] == [dt.date(2024, 12, 31), DAY]
    assert [len(run.results) for run in runs] == [38, 38]
    rates = [sum(r.verdict is VerdictKind.passed for r in run.results) for run in runs]
    assert rates[0] < rates[1]
    single = evaluate_by_year([EXAMPLE_XLSX, _year_copy(tmp_path)], shipped_catalog(), None, DAY)
    assert len(single) == 1


def test_several_years_show_the_trend(tmp_path: Path, run_cli: RunCli) -> None:
    """It adds a trend chart and its table when the inputs are of different years."""
    page = _report(tmp_path, run_cli, _year_copy(tmp_path), EXAMPLE_XLSX)
    assert "Xu hướng qua các năm" in page and "Các năm: 2024, 2025" in page
    trend = re.search(r"Tỉ lệ được công nhận qua các năm.*?</figure>", page, re.S)
    assert trend is not None
    assert "<td>2024</td><td>Gia đình học tập</td>" in trend.group(0)
    assert '25</td><td class="num">65,8%' in trend.group(0)
    assert page.count("<svg") == 4


def test_report_command_writes_and_says_so(tmp_path: Path, run_cli: RunCli) -> None:
    """It writes the page, says what it holds and exits 1 for the example's bad rows."""
    target = tmp_path / "bao-cao.html"
    result = run_cli("report", EXAMPLE_XLSX, "-o", target)
    assert result.exit_code == 1
    assert f"Đã ghi báo cáo {target}: 1 danh hiệu, 38 hồ sơ, 3 biểu đồ, năm 2025." in result.output


def test_report_refuses_unsafe_outputs(tmp_path: Path, run_cli: RunCli) -> None:
    """It needs .html, never writes over an input and replaces a file only with --force."""
    wrong = run_cli("report", EXAMPLE_XLSX, "-o", tmp_path / "bao-cao.pdf")
    assert wrong.exit_code == 2 and "phải có đuôi .html" in wrong.output
    copy = tmp_path / "ho.html"
    copy.write_text("không phải hồ sơ", "utf-8")
    itself = run_cli("report", EXAMPLE_XLSX, copy, "-o", copy, "--force")
    assert itself.exit_code == 2 and "trùng với tệp đầu vào" in itself.output
    target = tmp_path / "bao-cao.html"
    target.write_text("cũ", "utf-8")
    kept = run_cli("report", EXAMPLE_XLSX, "-o", target)
    assert kept.exit_code == 2 and target.read_text("utf-8") == "cũ"
    replaced = run_cli("report", EXAMPLE_XLSX, "-o", target, "--force")
    assert replaced.exit_code == 1 and target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_tables_cut_short_send_the_reader_to_the_results_not_to_a_command(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """It tells a district reader where the rows a table leaves out are, in words about
    papers: the report never asks its reader to type a command."""
    commune = EXAMPLE_XLSX.parent / "xa-quang-phu-2025.xlsx"
    page = tmp_path / "bao-cao.html"
    run_cli("report", commune, "-o", page)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    assert re.search(r"Còn \d+ hồ sơ chưa đạt khác, xa mức đạt hơn; danh sách đầy đủ", text)
    assert "hoctap evaluate" not in text
