"""``hoctap report`` for the district: letterhead and signature from the settings, the
criteria ranking that does not call a partial score a failure, errors said on stderr,
and the PDF Chromium prints, checked page by page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from tests.papers.layout import lines, overlaps, page_texts
from tests.support import EXAMPLE_XLSX, RunCli
from tests.test_papers_list import COMMUNE, SETTINGS, keep_pages
from tests.test_report_html import _households, _result

from hoctap_cli.engine.results import Outcome, VerdictKind
from hoctap_cli.outputs.html import figures

# Drives LibreOffice: runs in .ci/run and in `pytest`; `-m "not slow"` leaves it out while editing.
pytestmark = pytest.mark.slow


def visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    from typer.testing import CliRunner

    from hoctap_cli.cli.app import app

    folder = tmp_path_factory.mktemp("report")
    page, pdf = folder / "bao-cao.html", folder / "bao-cao.pdf"
    args = ["report", str(COMMUNE), "--settings", str(SETTINGS), "-o", str(page), "--pdf", str(pdf)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output  # the example's deliberate mistakes
    return page, pdf, result.output


def test_report_names_the_commune_body_date_and_signer(printed: tuple[Path, Path, str]) -> None:
    text = visible(printed[0].read_text(encoding="utf-8"))
    for phrase in (
        "ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: ……………/BC-UBND",
        "Quảng Phú, ngày 15 tháng 12 năm 2025",
        "Báo cáo kết quả xét công nhận danh hiệu học tập năm 2025 trên địa bàn xã Quảng Phú",
        "Nơi nhận: - Hội Khuyến học tỉnh; - Thường trực Đảng ủy, HĐND xã; - Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Ký tên, đóng dấu) Nguyễn Văn A",
    ):
        assert phrase in text, phrase


def test_data_errors_are_summed_up_on_stderr(printed: tuple[Path, Path, str]) -> None:
    output = printed[2]
    assert "Có 4 lỗi dữ liệu" in output
    assert output.count("Lỗi dữ liệu: ") == 4
    assert "Mã 'ES-027' trùng với dòng 31" in output


def test_pdf_is_checked_page_by_page(printed: tuple[Path, Path, str]) -> None:
    pdf = printed[1]
    pages = page_texts(pdf)
    assert len(pages) >= 5
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        assert f"Trang {number} / {len(pages)}" in flat
        assert len(flat) > 40, f"trang {number} gần như trống"
    first = " ".join(pages[0].split())
    assert "ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ" in first and "trên địa bàn xã Quảng Phú" in first
    signed = [n for n, page in enumerate(pages) if "Nguyễn Văn A" in page]
    sources = [n for n, page in enumerate(pages) if "Nguồn gốc kết quả" in page and n > 0]
    assert len(signed) == 1 and signed[0] < sources[-1]  # signed before the appendices
    assert overlaps(lines(pdf)) == []
    assert len(keep_pages(pdf, "bao-cao")) == len(pages)


def test_without_settings_the_report_has_no_letterhead(run_cli: RunCli, tmp_path: Path) -> None:
    page = tmp_path / "bc.html"
    run_cli("report", EXAMPLE_XLSX, "-o", page)
    source = page.read_text(encoding="utf-8")
    assert 'class="letterhead"' not in source and 'class="signature"' not in source


def test_options_name_the_commune_without_a_file(run_cli: RunCli, tmp_path: Path) -> None:
    page = tmp_path / "bc.html"
    run_cli("report", EXAMPLE_XLSX, "-o", page, "--xa", "Xã <Ea> Súp", "--nguoi-ky", "Lê C")
    text = visible(page.read_text(encoding="utf-8"))
    assert "ỦY BAN NHÂN DÂN XÃ <EA> SÚP" in text and "trên địa bàn xã <Ea> Súp" in text
    assert "<Ea>" not in page.read_text(encoding="utf-8")  # escaped in the source


def test_pdf_needs_a_pdf_name(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("report", EXAMPLE_XLSX, "-o", tmp_path / "bc.html", "--pdf", tmp_path / "x")
    assert result.exit_code == 2 and ".pdf" in result.output


def test_partial_scores_are_points_lost_not_failures() -> None:
    """A council's 17/20 on many rows ranks below a criterion two households failed."""
    partial = {"TC3.0": Outcome.partial}
    level = _households(
        _result("1", VerdictKind.failed, 60, outcomes={"1.1": Outcome.not_met}),
        _result("2", VerdictKind.failed, 60, outcomes={"1.1": Outcome.not_met}),
        *(_result(str(n), VerdictKind.passed, 90, outcomes=partial) for n in range(3, 8)),
    )
    missed = figures.missed_items([level])
    assert [(m.item_id, m.not_met, m.partial) for m in missed] == [
        ("Mục 1.1", 2, 0),
        ("Tiêu chí 3", 0, 5),
    ]
    assert missed[0].points_lost == 0
    assert missed[1].points_lost > 0
