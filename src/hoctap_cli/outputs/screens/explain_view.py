"""One applicant's trace, readable in a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hoctap_cli.criteria.model import Item
from hoctap_cli.criteria.names import Names, capitalize
from hoctap_cli.engine.results import Outcome, VerdictKind
from hoctap_cli.exact import number
from hoctap_cli.outputs.words.points_text import known_text
from hoctap_cli.outputs.words.rule_words import rule_words
from hoctap_cli.outputs.words.wording import OUTCOME_LABELS, VERDICT_LABELS
from hoctap_cli.shown_files import shown_path

# Below this many columns the seven columns of the table cannot be read: blocks instead.
NARROW = 100
_FROM = {"cell": "ô", "rollup": "tính từ cấp dưới", "absent": "không có cột"}


def explain_view(
    trace: Mapping[str, Any], explanation: str, names: Names, width: int = 120
) -> RenderableType:
    """The heading, one row per item with its cells, then roll-ups and the gains."""
    source = trace["source"]
    where = shown_path(source["file"]) + (f", trang '{source['sheet']}'" if source["sheet"] else "")
    heading = Text.assemble(
        (f"{trace['id']} — {trace['name'] or ''}\n", "bold"),
        f"Danh hiệu {names.title(trace['title'])} (phiên bản {trace['criteria']['version']}); "
        f"dữ liệu ở {where}, dòng {source['row']}\n",
        ("Kết quả: " + VERDICT_LABELS[VerdictKind(trace["verdict"])], "bold"),
        total_line(trace) if trace["max_total"] else "",
    )
    parts: list[RenderableType] = [heading, _items(trace, names, width)]
    for figure in trace["rollups"]:
        parts.append(Text(rollup_line(figure, names)))
    if explanation:
        lead = "Số liệu" if trace["verdict"] == VerdictKind.passed.value else "Lý do"
        parts.append(Text(f"{lead}: {explanation}"))
    return Group(*parts)


def total_line(trace: Mapping[str, Any]) -> str:
    """' — tổng 84/100 điểm', or '84 + ?' when an item could not be scored: a partial total
    never reads as complete."""
    top = number(trace["max_total"])
    if trace["total"] is None or trace.get("total_complete", True):
        return f" — tổng {number(trace['total'])}/{top} điểm"
    known = known_text(trace["total"], False)
    return f" — tổng {known} điểm (tối đa {top}; có mục chưa chấm được)"


ITEM_HEADERS = (
    "Mục",
    "Nội dung",
    "Ô đã đọc (cột: ô gốc → giá trị)",
    "Cách xét",
    "Kết quả",
    "Điểm",
    "Căn cứ",
)


def item_rows(trace: Mapping[str, Any], names: Names) -> list[tuple[str, ...]]:
    """One row per item, in the order of ``ITEM_HEADERS``."""
    by_id = {item.id: item for _, item in names.criteria.items()}
    rows: list[tuple[str, ...]] = []
    for item in trace["items"]:
        points = (
            f"{number(item['points'])}/{number(item['max_points'])}" if item["max_points"] else ""
        )
        rows.append(
            (
                capitalize(names.item(item["id"])),
                item["label"],
                "\n".join(_cell(cell) for cell in item["cells"]),
                # A group given as one council score has no item: its trace says how.
                how_judged(by_id[item["id"]], names)
                if item["id"] in by_id
                else capitalize(item["rule"]),
                OUTCOME_LABELS[Outcome(item["outcome"])],
                points,
                item["citation"] + (" (tạm tính)" if item["provisional"] else ""),
            )
        )
    return rows


def _items(trace: Mapping[str, Any], names: Names, width: int) -> Table:
    """A table on a wide screen; on a narrow one, a block per item with its lines labelled."""
    rows = item_rows(trace, names)
    if width < NARROW:
        blocks = Table.grid(padding=(0, 1))
        blocks.title = "Từng tiêu chí"
        blocks.add_column(no_wrap=True)
        blocks.add_column(ratio=1)
        for name, label, cells, how, outcome, points, citation in rows:
            blocks.add_row(
                Text(name, style="bold"), f"{outcome}" + (f", {points} điểm" if points else "")
            )
            read = "; ".join(cells.splitlines())
            for lead, text in (("Nội dung", label), ("Ô đã đọc", read), ("Cách xét", how)):
                blocks.add_row("", f"{lead}: {text}")
            blocks.add_row("", f"Căn cứ: {citation}")
        return blocks
    table = Table(title="Từng tiêu chí", header_style="bold", show_lines=True)
    for header in ITEM_HEADERS:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def how_judged(item: Item, names: Names) -> str:
    """A rule in words, or which column holds the council's points."""
    if item.rule:
        rule = capitalize(rule_words(item.rule, names.criteria))
        if item.score_field:  # a council's part mark, when given, replaces the rule
            mark = names.field(item.score_field)
            rule += f"; có điểm hội đồng chấm ở cột «{mark}» thì tính theo điểm đó"
        return rule
    return f"Điểm hội đồng chấm ở cột «{names.field(item.field or '')}»"


def _cell(cell: Mapping[str, Any]) -> str:
    label = cell["label"]
    if cell["from"] != "cell":
        return f"{label}: {_FROM[cell['from']]} → {_show(cell['value'])}"
    return f"{label} [{cell['column']}{cell['row']}]: {_show(cell['raw'])} → {_show(cell['value'])}"


def rollup_line(figure: Mapping[str, Any], names: Names) -> str:
    field, title = names.field(figure["field"]), names.title(figure["title"])
    if not figure["available"]:
        return f"{field}: không có dữ liệu {title} trong lần chạy này"
    if figure["measure"] == "members":
        return f"{field}: {figure['counted']}"
    text = (
        f"{field}: {figure['held']}/{figure['counted']} hồ sơ đạt {title} "
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
