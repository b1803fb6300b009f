"""What a terminal shows of a title too long to read row by row, and where the rest is.

Thousands of rows scroll past unread on a screen; the officer needs the counts, the
applicants whose data is missing, and a way to get every row into a file.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import RenderableType
from rich.panel import Panel
from rich.text import Text

from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.outputs.data.serialise import verdict_counts
from hoctap_cli.workflow.run import TitleResult

# How many applicants whose data is missing are listed on screen, in their table order.
SHOWN_INCOMPLETE = 50


def count(value: int) -> str:
    """A count as Vietnamese writes it: 100.000."""
    return f"{value:,}".replace(",", ".")


def level_counts(title_result: TitleResult) -> Text:
    """One line: how many applicants, and how many of each verdict."""
    counts = verdict_counts(title_result.results)
    return Text(
        f"{count(counts['assessed'])} hồ sơ: Đạt {count(counts['pass'])}, Không đạt"
        f" {count(counts['fail'])}, Chưa đủ dữ liệu {count(counts['incomplete'])}."
        " Bảng từng hồ sơ quá dài để in ra màn hình (xem lưu ý ở cuối)."
    )


def incomplete_rows(title_result: TitleResult) -> tuple[list[tuple[int, ApplicantResult]], int]:
    """The first applicants whose data is missing, with their row number in the full
    table, and how many there are in all."""
    found = [
        (index, result)
        for index, result in enumerate(title_result.results, start=1)
        if result.verdict is VerdictKind.incomplete
    ]
    return found[:SHOWN_INCOMPLETE], len(found)


def incomplete_title(shown: int, total: int) -> str:
    if shown == total:
        return f"Hồ sơ chưa đủ dữ liệu ({count(total)})"
    return f"Hồ sơ chưa đủ dữ liệu: {count(shown)} hồ sơ đầu trong {count(total)}"


def detail_hint(long_titles: Mapping[str, int]) -> Panel:
    """Where to find every row: the same command written to a file."""
    named = ", ".join(f"{title} ({count(n)} hồ sơ)" for title, n in long_titles.items())
    lines = [
        f"Màn hình chỉ in phần tổng hợp của {named}: số hồ sơ theo kết quả, theo thôn, các hồ"
        " sơ chưa đủ dữ liệu và lỗi dữ liệu.",
        "Để có đủ từng hồ sơ, chạy lại lệnh vừa rồi và thêm:",
        "  -o bang.txt                 bảng đủ mọi hồ sơ, cùng các cột, ghi vào tệp văn bản",
        "  -f csv -o ket-qua.csv       mọi hồ sơ trong tệp CSV, mở bằng Excel",
    ]
    body: RenderableType = Text("\n".join(lines))
    return Panel(body, title="Lưu ý: bảng quá dài cho màn hình", border_style="yellow")
