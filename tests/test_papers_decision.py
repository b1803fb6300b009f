"""``hoctap export --quyet-dinh``: the draft recognition decision, read as LibreOffice prints it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from tests.papers.layout import lines, missing_words, overlaps, page_texts, to_pdf
from tests.support import EXAMPLE_YAML, RunCli
from tests.test_inert_outputs import LINK
from tests.test_papers_list import COMMUNE, keep_pages, settings_file

# Drives LibreOffice: runs in .ci/run and in `pytest`; `-m "not slow"` leaves it out while editing.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def decision(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from hoctap_cli.cli.app import app

    folder = tmp_path_factory.mktemp("decision")
    settings = settings_file(
        folder,
        can_cu=["Căn cứ Luật Tổ chức chính quyền địa phương"],
        xet_de_nghi="Chủ tịch Hội Khuyến học xã Quảng Phú",
        noi_nhan=["Hội Khuyến học tỉnh"],
    )
    path = folder / "quyet-dinh.docx"
    args = ["export", str(COMMUNE), "--settings", str(settings), "-o", str(folder / "ds.xlsx")]
    result = CliRunner().invoke(app, [*args, "--quyet-dinh", str(path)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"Đã ghi dự thảo quyết định công nhận (Gia đình học tập) vào {path}." in result.output
    return path


def test_decision_reads_as_a_decision(decision: Path) -> None:
    pdf = to_pdf(decision, decision.parent)
    pages = page_texts(pdf)
    first = " ".join(pages[0].split())
    in_order = [
        "ỦY BAN NHÂN DÂN XÃ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/QĐ-UBND",
        "Quảng Phú, ngày 15 tháng 12 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc công nhận danh hiệu “Gia đình học tập” năm 2025",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Quyết định số 448/QĐ-KHVN ngày 01 tháng 12 năm 2015 của Hội Khuyến học Việt Nam",
        "Xét đề nghị của Chủ tịch Hội Khuyến học xã Quảng Phú.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận danh hiệu “Gia đình học tập” năm 2025 cho 210 hộ gia đình",
        "Điều 2.",
        "Điều 3.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
    ]
    positions = [first.find(text) for text in in_order]
    assert -1 not in positions, [t for t, p in zip(in_order, positions, strict=True) if p < 0]
    for text in ("Nơi nhận:", "- Như Điều 3;", "- Hội Khuyến học tỉnh;", "- Lưu: VT."):
        assert text in first
    whole = " ".join(" ".join(pages).split())
    assert "Phụ lục" in whole and "(Kèm theo Quyết định số" in whole
    assert "DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC CÔNG NHẬN DANH HIỆU" in whole
    assert whole.count("Kết quả xét dựa trên một số giá trị tạm tính") == 1
    assert "Tổng cộng: 210 hộ." in whole
    assert not pages[0].strip().startswith("1") and pages[1].strip().startswith("2")
    assert overlaps(lines(pdf)) == []
    document = docx.Document(str(decision))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for table in document.tables for c in table._cells for p in c.paragraphs]
    assert missing_words(texts, pdf) == []
    assert keep_pages(pdf, "quyet-dinh")


def test_every_listed_household_is_in_the_appendix(decision: Path) -> None:
    document = docx.Document(str(decision))
    table = document.tables[-1]
    names = [row.cells[1].text for row in table.rows[1:] if row.cells[0].text.isdigit()]
    assert len(names) == 210 and names[0] == "Trần Quang Hùng"


def test_no_decision_when_the_commune_decides_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    settings = settings_file(tmp_path, cong_nhan={"gia-dinh-hoc-tap": "cap-tren"})
    path = tmp_path / "qd.docx"
    args = ["export", EXAMPLE_YAML, "--settings", settings, "-o", tmp_path / "ds.xlsx"]
    result = run_cli(*args, "--quyet-dinh", path)
    assert "Không lập quyết định" in result.output and not path.exists()


def test_decision_must_be_a_docx_apart_from_the_list(run_cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "ds.xlsx"
    result = run_cli("export", EXAMPLE_YAML, "-o", output, "--quyet-dinh", tmp_path / "qd.pdf")
    assert result.exit_code == 2 and ".docx" in result.output
    assert not output.exists()


def test_hostile_names_stay_plain_text(run_cli: RunCli, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE_YAML.read_text(encoding="utf-8"))
    data["records"][0]["chu_ho"] = LINK
    data["records"][1]["chu_ho"] = "<w:fldSimple w:instr='HYPERLINK x'/>"
    source, path = tmp_path / "ho.yaml", tmp_path / "qd.docx"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run_cli("export", source, "-o", tmp_path / "ds.xlsx", "--quyet-dinh", path)
    body = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    tags = {element.tag.rsplit("}", 1)[-1] for element in body.iter()}
    assert not tags & {"hyperlink", "fldSimple", "fldChar", "instrText", "object"}
    texts = [
        p.text
        for table in docx.Document(str(path)).tables
        for c in table._cells
        for p in c.paragraphs
    ]
    assert LINK in texts and "<w:fldSimple w:instr='HYPERLINK x'/>" in texts


def test_two_titles_the_commune_decides_make_two_appendices(
    run_cli: RunCli, tmp_path: Path
) -> None:
    settings = settings_file(tmp_path, cong_nhan={"dong-ho-hoc-tap": "xa"})
    path = tmp_path / "qd.docx"
    args = ["export", COMMUNE, "--settings", settings, "-o", tmp_path / "ds.xlsx"]
    result = run_cli(*args, "--quyet-dinh", path)
    assert "(Gia đình học tập, Dòng họ học tập)" in result.output
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Về việc công nhận các danh hiệu học tập năm 2025" in texts
    first = next(text for text in texts if text.startswith("Điều 1."))
    assert "“Gia đình học tập” cho 210 hộ gia đình (Phụ lục I)" in first
    assert "“Dòng họ học tập” cho 7 dòng họ (Phụ lục II)" in first
    assert {"Phụ lục I", "Phụ lục II"} <= set(texts)
    assert sum(text.startswith("Căn cứ Quyết định số 448/QĐ-KHVN") for text in texts) == 1
