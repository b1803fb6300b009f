"""The recognition list as a paper: who decides, one footnote, columns, and a clean print.

Every workbook ``hoctap export`` writes is printed to PDF with LibreOffice headless, and
the PDF's text layout is read back: no two lines may overlap and every name must be on a
page. The PNG pages are kept beside the test's files (and copied to $HOCTAP_ARTEFACTS when
set) for people to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.papers.layout import (
    lines,
    missing_words,
    overlaps,
    page_texts,
    signed_pages_without_rows,
    to_pdf,
    to_png,
)
from tests.support import EXAMPLE_YAML, ROOT, RunCli

from hoctap_cli.outputs.papers.xlsx_fit import wrapped_lines

# Drives LibreOffice: runs in .ci/run and in `pytest`; `-m "not slow"` leaves it out while editing.
pytestmark = pytest.mark.slow

COMMUNE = ROOT / "examples" / "xa-quang-phu-2025.xlsx"
SETTINGS = ROOT / "examples" / "cai-dat-xa.yaml"


def cell_texts(path: Path) -> list[str]:
    """Every text a workbook holds (numbers as shown: integers, rates are formatted)."""
    texts = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            texts += [cell.value for cell in row if isinstance(cell.value, str)]
    return texts


def keep_pages(pdf: Path, name: str) -> list[Path]:
    """PNG pages of ``pdf``; also copied to $HOCTAP_ARTEFACTS when that is set."""
    pages = to_png(pdf, pdf.parent / f"{name}-trang")
    target = os.environ.get("HOCTAP_ARTEFACTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for page in pages:
            shutil.copy(page, Path(target) / page.name)
    return pages


def settings_file(folder: Path, **extra: Any) -> Path:
    data = yaml.safe_load(SETTINGS.read_text(encoding="utf-8")) | extra
    path = folder / "cai-dat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def commune_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from hoctap_cli.cli.app import app

    output = tmp_path_factory.mktemp("list") / "danh-sach.xlsx"
    args = ["export", str(COMMUNE), "--settings", str(SETTINGS), "-o", str(output)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output  # the example has deliberate mistakes
    return output


def test_commune_workbook_prints_without_overlap(commune_list: Path) -> None:
    """Every sheet of the commune's workbook, printed by LibreOffice: no line over another."""
    pdf = to_pdf(commune_list, commune_list.parent)
    found = lines(pdf)
    assert overlaps(found) == []
    assert missing_words(cell_texts(commune_list), pdf) == []
    assert signed_pages_without_rows(found) == []
    workbook = openpyxl.load_workbook(commune_list)
    sheet = workbook["DS Gia đình học tập"]
    names = [row[1] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    text = "\n".join(page_texts(pdf))
    flat = " ".join(text.split())
    missing = [name for name in names if name not in flat]
    assert names and missing == []
    assert flat.count("Kết quả xét dựa trên một số giá trị tạm tính") == sum(
        1 for ws in workbook.worksheets if ws.title.startswith("DS ") and _provisional(ws)
    )
    assert len(keep_pages(pdf, "danh-sach")) == len(page_texts(pdf))


def _provisional(sheet: Any) -> bool:
    return any(
        str(value).startswith("¹ ") for row in sheet.iter_rows(values_only=True) for value in row
    )


def test_rows_too_short_are_caught(commune_list: Path, tmp_path: Path) -> None:
    """The overlap check sees the old fault: the same workbook with default row heights."""
    workbook = openpyxl.load_workbook(commune_list)
    for sheet in workbook.worksheets:
        for dimension in sheet.row_dimensions.values():
            dimension.height = None
    broken = tmp_path / "thap.xlsx"
    workbook.save(broken)
    assert overlaps(lines(to_pdf(broken, tmp_path)))


def test_kind_of_paper_follows_who_decides(commune_list: Path) -> None:
    """The commune recognises households (list with its decision); clans go up as a proposal."""
    workbook = openpyxl.load_workbook(commune_list)
    family, clan = workbook["DS Gia đình học tập"], workbook["DS Dòng họ học tập"]
    assert family["A4"].value.startswith("DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC CÔNG NHẬN DANH HIỆU")
    assert family["A5"].value.startswith("(Kèm theo Quyết định số ")
    assert clan["A4"].value.startswith("DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “DÒNG HỌ")
    assert clan["A5"].value.startswith("(Kèm theo Tờ trình số ")


def test_settings_override_the_recogniser(run_cli: RunCli, tmp_path: Path) -> None:
    settings = settings_file(
        tmp_path,
        cong_nhan={"gia-dinh-hoc-tap": "cap-tren"},
        co_quan_cong_nhan="Ủy ban nhân dân tỉnh Đắk Lắk",
    )
    output = tmp_path / "ds.xlsx"
    result = run_cli("export", EXAMPLE_YAML, "--settings", settings, "-o", output)
    assert "25 hộ đề nghị công nhận" in result.output
    sheet = openpyxl.load_workbook(output)["DS Gia đình học tập"]
    assert sheet["A4"].value.startswith("DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN")
    assert sheet["A5"].value.endswith("gửi Ủy ban nhân dân tỉnh Đắk Lắk)")


def test_bad_recogniser_is_refused_with_its_line(run_cli: RunCli, tmp_path: Path) -> None:
    settings = settings_file(tmp_path, cong_nhan={"gia-dinh-hoc-tap": "huyen"})
    result = run_cli("export", EXAMPLE_YAML, "--settings", settings, "-o", tmp_path / "ds.xlsx")
    assert result.exit_code == 2
    assert "'xa'" in result.output and "'cap-tren'" in result.output


def test_rank_column_only_for_titles_with_levels(commune_list: Path) -> None:
    workbook = openpyxl.load_workbook(commune_list)
    headers = {
        sheet.title: [cell.value for cell in sheet[8]]
        for sheet in workbook.worksheets
        if sheet.title.startswith("DS ")
    }
    assert headers["DS Cộng đồng học tập cấp xã"][-2] == "Mức độ"
    assert "Xếp loại" not in headers["DS Gia đình học tập"]
    assert all("Thôn" not in header[2:] for header in headers.values())  # name is col 2
    assert headers["DS Gia đình học tập"][:3] == ["STT", "Họ tên chủ hộ", "Mã hộ"]


def test_provisional_values_on_an_appendix_sheet(run_cli: RunCli, tmp_path: Path) -> None:
    settings = settings_file(tmp_path, tam_tinh_phu_luc=True)
    output = tmp_path / "ds.xlsx"
    run_cli("export", EXAMPLE_YAML, "--settings", settings, "-o", output)
    workbook = openpyxl.load_workbook(output)
    appendix = [str(v) for row in workbook["Giá trị tạm tính"].values for v in row if v]
    assert any("2.2" in text for text in appendix)
    notes = [str(v) for row in workbook["DS Gia đình học tập"].values for v in row if v]
    assert "¹ Có giá trị tạm tính: xem trang “Giá trị tạm tính”." in notes
    statistics = [str(v) for row in workbook["Thống kê"].values for v in row if v]
    assert sum(text.startswith("¹ ") for text in statistics) == 1


def test_empty_list_says_so_and_has_no_page_to_sign(run_cli: RunCli, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE_YAML.read_text(encoding="utf-8"))
    for record in data["records"]:
        record["diem_tc3"] = record["diem_tc4"] = 0
    source, output = tmp_path / "khong-dat.yaml", tmp_path / "ds.xlsx"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("export", source, "-o", output)
    assert "Gia đình học tập: không có hộ nào đủ điều kiện, không lập trang danh sách để ký" in (
        result.output
    )
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == ["Hồ sơ cần bổ sung", "Thống kê"]
    texts = {str(v) for sheet in workbook for row in sheet.values for v in row if v}
    assert not {"TM. ỦY BAN NHÂN DÂN", "(Ký tên, đóng dấu)"} & texts


def test_page_numbers_top_centre_not_on_the_first_page(commune_list: Path) -> None:
    for sheet in openpyxl.load_workbook(commune_list).worksheets:
        assert sheet.HeaderFooter.differentFirst
        assert sheet.oddHeader.center.text == "&P" and not sheet.firstHeader.center.text


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="aĐê Hộ-QUẢNG 12", min_size=0, max_size=80),
    st.floats(min_value=4, max_value=60),
    st.floats(min_value=1, max_value=30),
)
def test_narrower_cells_never_need_fewer_lines(text: str, width: float, less: float) -> None:
    """Row heights grow as columns narrow, and every text gets at least one line."""
    wide = wrapped_lines(text, width + less, 13, bold=False)
    narrow = wrapped_lines(text, width, 13, bold=False)
    assert 1 <= wide <= narrow
    assert wrapped_lines(text, width, 13, bold=True) >= narrow


def test_appendix_variant_prints_without_overlap(run_cli: RunCli, tmp_path: Path) -> None:
    """The other shape of workbook: proposals only, provisional values on their own sheet."""
    every = ["gia-dinh-hoc-tap", "dong-ho-hoc-tap", "cong-dong-hoc-tap-xa"]
    settings = settings_file(
        tmp_path, tam_tinh_phu_luc=True, cong_nhan=dict.fromkeys(every, "cap-tren")
    )
    output = tmp_path / "de-nghi.xlsx"
    assert run_cli("export", COMMUNE, "--settings", settings, "-o", output).exit_code == 1
    assert "Giá trị tạm tính" in openpyxl.load_workbook(output).sheetnames
    pdf = to_pdf(output, tmp_path)
    assert overlaps(lines(pdf)) == []
    assert missing_words(cell_texts(output), pdf) == []
    flat = " ".join(" ".join(page_texts(pdf)).split())
    assert "GIÁ TRỊ TẠM TÍNH CỦA CÁC BỘ TIÊU CHÍ" in flat and "Mục 2.2" in flat
    assert "ĐƯỢC CÔNG NHẬN" not in flat
    keep_pages(pdf, "de-nghi")
