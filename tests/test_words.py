"""Every output a person reads, for both examples, names things as people do.

The examples are run through every command (table at four widths, CSV, annotated copy,
export list, report, explain, diff, criteria list/show, template); each text must pass
``tests.words.leaks``: no internal id, no snake_case field id, no English word.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from tests.support import EXAMPLE_XLSX, ROOT
from tests.words import leaks
from typer.testing import CliRunner

from hoctap_cli.cli.app import app
from hoctap_cli.criteria.catalog import shipped_catalog

COMMUNE_XLSX = ROOT / "examples" / "xa-quang-phu-2025.xlsx"
PROVINCE_YAML = ROOT / "examples" / "tieu-chi-tinh-vi-du.yaml"
EXAMPLES = {"thon": EXAMPLE_XLSX, "xa": COMMUNE_XLSX}
WIDTHS = (60, 80, 120, 200)


def run(*args: str | Path, width: int = 200) -> str:
    runner = CliRunner(env={"COLUMNS": str(width)})
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def input_data(path: Path) -> list[str]:
    """Every text cell of an input workbook: names, villages and headers the user typed."""
    book = openpyxl.load_workbook(path, read_only=True)
    found = {
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    }
    return sorted(found, key=len, reverse=True)


def workbook_text(path: Path, skip_columns: dict[str, int] | None = None) -> str:
    """The text of every cell; on sheets in ``skip_columns``, only columns after that one."""
    book = openpyxl.load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":  # hoctap's own record of what made the file
            continue
        first = (skip_columns or {}).get(sheet.title, 0)
        for row in sheet.iter_rows(min_col=first + 1, values_only=True):
            lines.append(" ".join(str(v) for v in row if v is not None))
        for row in sheet.iter_rows():
            lines += [cell.comment.text for cell in row if cell.comment is not None]
    return "\n".join(lines)


def page_text(markup: str) -> str:
    """What a reader sees on an HTML page: text and chart labels, not markup or style."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    titles = re.findall(r'(?:title|aria-label|alt)="([^"]*)"', markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup) + " " + " ".join(titles))


def example_outputs(example: str, tmp: Path) -> Iterator[tuple[str, str]]:
    source = EXAMPLES[example]
    for width in WIDTHS:
        yield f"evaluate {width} cột", run("evaluate", source, width=width)
    yield "evaluate csv", run("evaluate", source, "-f", "csv")
    annotated = tmp / f"{example}-ket-qua.xlsx"
    run("evaluate", source, "--annotate", annotated, "-f", "json")
    original = openpyxl.load_workbook(source, read_only=True)
    widths = {sheet.title: sheet.max_column or 0 for sheet in original.worksheets}
    yield "bảng ghi kèm", workbook_text(annotated, widths)
    for suffix in ("xlsx", "csv"):
        target = tmp / f"{example}-danh-sach.{suffix}"
        run("export", source, "-o", target)
        text = workbook_text(target) if suffix == "xlsx" else target.read_text("utf-8-sig")
        yield f"export {suffix}", text
    report = tmp / f"{example}-bao-cao.html"
    run("report", source, "-o", report)
    yield "report", page_text(report.read_text(encoding="utf-8"))
    document = json.loads(run("evaluate", source, "-f", "json"))
    # One applicant of each kind of title: points, indicators, levels, roll-ups.
    kinds = ("gia-dinh-hoc-tap", "cong-dan-hoc-tap", "dong-ho-hoc-tap", "cong-dong-hoc-tap-xa")
    kinds += ("don-vi-hoc-tap",)
    for level in document.get("titles", [document]):
        if level["title"] not in kinds:
            continue
        failing = [r for r in level["results"] if r["verdict"] != "pass"] or level["results"]
        title = level["title"]
        for result in failing[:1]:
            yield (
                f"explain {result['id']}",
                # Wide enough that no column label is folded: labels are compared whole.
                run("explain", source, "--id", result["id"], "--title", title, width=1000),
            )


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_every_output_of_the_example_names_things_as_people_do(
    example: str, tmp_path: Path
) -> None:
    """It finds no internal id or English word in any output of the example."""
    data = input_data(EXAMPLES[example])
    outputs = dict(example_outputs(example, tmp_path))
    assert len(outputs) >= 10
    found = {name: sorted(set(leaks(text, data))) for name, text in outputs.items()}
    assert all(text.strip() for text in outputs.values())
    assert not {name: words for name, words in found.items() if words}


def test_criteria_pages_and_diffs_name_things_as_people_do(tmp_path: Path) -> None:
    """It finds no internal id or English word in criteria list/show, diff and template."""
    texts = {f"criteria list {w}": run("criteria", "list", width=w) for w in (60, 200)}
    for entry in shipped_catalog().entries:
        key = f"{entry.criteria.id}@{entry.criteria.version}"
        # Wide enough that no label is folded: labels are compared whole.
        texts[f"criteria show {key}"] = run("criteria", "show", key, width=1000)
        template = tmp_path / f"{entry.criteria.id}-{entry.criteria.version}.xlsx"
        run("template", key, "-o", template)
        texts[f"template {key}"] = workbook_text(template)
    for fmt in ("table", "markdown"):
        texts[f"diff {fmt}"] = run("diff", "gia-dinh-hoc-tap", PROVINCE_YAML, "-f", fmt)
    texts["diff --records"] = run(
        "diff", "gia-dinh-hoc-tap", PROVINCE_YAML, "--records", EXAMPLE_XLSX
    )
    data = input_data(EXAMPLE_XLSX)
    found = {name: sorted(set(leaks(text, data))) for name, text in texts.items()}
    assert not {name: words for name, words in found.items() if words}


def test_the_detector_catches_what_used_to_leak() -> None:
    """It flags the ids, field ids and English that earlier outputs carried."""
    for text in (
        "cần cải thiện: TC4.0 (+8)",
        "thiếu dữ liệu: TC3.0 (Điểm tiêu chí 3)",
        "bộ tiêu chí gia-dinh-hoc-tap",
        "so_ho: 0/0 hồ sơ đạt",
        "Did you mean 'evaluate'?",
        "No such file or directory",
        "[default: text]",
        "nhiều bản khác ghi 01/12/2015 (ngày tệp này ghi ở document.date)",
    ):
        assert leaks(text), text
    assert not leaks("có thể thêm tối đa 8 điểm ở Tiêu chí 4")
    assert not leaks("bộ có sẵn trong hoctap 0.1.0 (gia-dinh-hoc-tap@448-2015)")


@pytest.mark.parametrize(
    "label",
    [
        "TC1.1 Tuyên truyền học tập suốt đời",
        "TC3 Hiệu quả các thiết chế học tập",
        "Đã đánh dấu «TC2.3 Cơ chế phối hợp»",
        "NL4 Năng lực số",
        "Điểm CS12",
    ],
)
def test_a_label_that_starts_with_a_code_is_flagged(label: str) -> None:
    """A code of capitals glued to a number is flagged in a label, even one kept as an alias."""
    assert leaks(label, aliases=False), label


def test_codes_people_write_are_not_mistaken_for_ids() -> None:
    """Document numbers, applicant codes and checksums are not codes of the machine."""
    for text in ("25/2023/TT-BGDĐT", "mã DH-01, CD-0001", "SHA-256", "Trường THPT Quảng Phú"):
        assert not leaks(text, aliases=False), text


def test_every_shipped_label_names_things_as_people_do() -> None:
    """No label, description or note of a shipped criteria file carries an id, a code or
    English; aliases are not let through here, since an old label kept as an alias would
    otherwise hide a label that went back to it."""
    texts: dict[str, str] = {}
    for entry in shipped_catalog().entries:
        criteria = entry.criteria
        key = f"{criteria.id}@{criteria.version}"
        for field in criteria.fields:
            texts[f"{key} {field.id}"] = f"{field.label}\n{field.description or ''}"
        for group, item in criteria.items():
            texts[f"{key} {group.id}"] = group.label
            texts[f"{key} {group.id}/{item.id}"] = f"{item.label}\n{item.note or ''}"
        for level in criteria.verdict.levels:
            texts[f"{key} {level.id}"] = level.label
    assert len(texts) > 100
    found = {name: leaks(text, aliases=False) for name, text in texts.items()}
    assert not {name: words for name, words in found.items() if words}
