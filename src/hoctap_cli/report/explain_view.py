"""One applicant's trace, readable in a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hoctap_cli.engine.results import Outcome, VerdictKind
from hoctap_cli.report.wording import OUTCOME_LABELS, VERDICT_LABELS, number

_FROM = {"cell": "ô", "rollup": "tính từ cấp dưới", "absent": "không có cột"}


def explain_view(trace: Mapping[str, Any], explanation: str) -> RenderableType:
    """The heading, one row per item with its cells, then roll-ups and the near-miss."""
    source = trace["source"]
    where = f"{source['file']}" + (f", trang '{source['sheet']}'" if source["sheet"] else "")
    heading = Text.assemble(
        (f"{trace['id']} — {trace['name'] or ''}\n", "bold"),
        f"Danh hiệu {trace['title']} (phiên bản {trace['criteria']['version']}); "
        f"dữ liệu ở {where}, dòng {source['row']}\n",
        ("Kết quả: " + VERDICT_LABELS[VerdictKind(trace["verdict"])], "bold"),
        f" — tổng {number(trace['total'])}/{number(trace['max_total'])} điểm",
    )
    parts: list[RenderableType] = [heading, _items(trace)]
    for figure in trace["rollups"]:
        parts.append(Text(_rollup(figure)))
    if explanation:
        parts.append(Text("Lý do: " + explanation))
    return Group(*parts)


def _items(trace: Mapping[str, Any]) -> Table:
    table = Table(title="Từng tiêu chí", header_style="bold", show_lines=True)
    for header in (
        "Mã",
        "Nội dung",
        "Ô đã đọc (cột: ô gốc → giá trị)",
        "Cách xét",
        "Kết quả",
        "Điểm",
        "Căn cứ",
    ):
        table.add_column(header, overflow="fold")
    for item in trace["items"]:
        cells = "\n".join(_cell(cell) for cell in item["cells"])
        outcome = OUTCOME_LABELS[Outcome(item["outcome"])]
        points = (
            f"{number(item['points'])}/{number(item['max_points'])}" if item["max_points"] else ""
        )
        citation = item["citation"] + (" (tạm tính)" if item["provisional"] else "")
        table.add_row(item["id"], item["label"], cells, item["rule"], outcome, points, citation)
    return table


def _cell(cell: Mapping[str, Any]) -> str:
    label = cell["label"]
    if cell["from"] != "cell":
        return f"{label}: {_FROM[cell['from']]} → {_show(cell['value'])}"
    return f"{label} [{cell['column']}{cell['row']}]: {_show(cell['raw'])} → {_show(cell['value'])}"


def _rollup(figure: Mapping[str, Any]) -> str:
    if not figure["available"]:
        return f"{figure['field']}: không có dữ liệu {figure['title']} trong lần chạy này"
    text = (
        f"{figure['field']}: {figure['held']}/{figure['counted']} hồ sơ {figure['title']} đạt "
        f"(giá trị {_show(figure['value'])})"
    )
    if figure["not_held"]:
        text += "; chưa đạt: " + ", ".join(figure["not_held"])
    if figure["incomplete"]:
        text += "; chưa đủ dữ liệu: " + ", ".join(figure["incomplete"])
    return text


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        return number(value)
    return str(value)
