"""The verdict impact of a criteria change, as a table, Markdown or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hoctap_cli.engine.results import VerdictKind
from hoctap_cli.exact import number
from hoctap_cli.outputs.data.json_text import json_bytes
from hoctap_cli.outputs.words.wording import VERDICT_LABELS
from hoctap_cli.workflow.impact import Impact, VerdictChange

HEADERS = ("Danh hiệu", "Mã", "Tên", "Thôn", "Trước", "Sau", "Tiêu chí thay đổi")


@dataclass(frozen=True)
class Names:
    """Vietnamese names of titles and of levels, for the people reading the impact."""

    titles: dict[str, str]
    levels: dict[str, str]
    items: dict[str, str] = field(default_factory=dict)  # item id → "Mục 2.2", "Tiêu chí 3"


def _state(
    verdict: str | None, level: str | None, total: Decimal | float | None, names: Names
) -> str:
    if verdict is None:
        return "(không có)"
    label = VERDICT_LABELS[VerdictKind(verdict)]
    level_label = names.levels.get(level or "", level)
    if level_label and verdict == VerdictKind.passed.value and level_label != label:
        label = level_label
    return f"{label}, {number(total)} điểm" if total else label


def _row(change: VerdictChange, names: Names) -> list[str]:
    return [
        names.titles.get(change.title, change.title),
        change.id,
        change.name or "",
        change.village or "",
        _state(change.old_verdict, change.old_level, change.old_total, names),
        _state(change.new_verdict, change.new_level, change.new_total, names),
        ", ".join(names.items.get(item, item) for item in change.items),
    ]


def summary_line(impact: Impact) -> str:
    if not impact.changes:
        return f"Không hồ sơ nào đổi kết quả (đã so {impact.compared} hồ sơ)."
    return f"{len(impact.changes)}/{impact.compared} hồ sơ đổi kết quả."


def impact_table(impact: Impact, names: Names) -> RenderableType:
    table = Table(title="Hồ sơ đổi kết quả", header_style="bold")
    for header in HEADERS:
        table.add_column(header, overflow="fold")
    for change in impact.changes:
        table.add_row(*_row(change, names))
    counts = Table(title="Số hồ sơ đổi kết quả theo thôn", header_style="bold")
    for header in ("Danh hiệu", "Thôn", "Số hồ sơ đổi"):
        counts.add_column(header)
    for row in impact.counts():
        title = names.titles.get(row["title"], row["title"])
        counts.add_row(title, row["village"], str(row["changes"]))
    return Group(Text(summary_line(impact), style="bold"), table, counts)


def impact_markdown(impact: Impact, names: Names) -> str:
    lines = [f"**{summary_line(impact)}**", "", "| " + " | ".join(HEADERS) + " |"]
    lines.append("|" + "---|" * len(HEADERS))
    lines += ["| " + " | ".join(_row(c, names)) + " |" for c in impact.changes]
    return "\n".join(lines) + "\n"


def impact_json(impact: Impact) -> bytes:
    return json_bytes(impact.to_dict())
