"""The verdict table, the village summary, warnings and problems, for a terminal."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hoctap_cli.engine.results import VerdictKind
from hoctap_cli.problems import Problem
from hoctap_cli.report.wording import PROVISIONAL_WARNING, Wording, number
from hoctap_cli.service import Evaluation, summary_by_village

_STYLES = {VerdictKind.passed: "green", VerdictKind.failed: "red", VerdictKind.incomplete: "yellow"}


def render_evaluation(evaluation: Evaluation) -> RenderableType:
    """Everything an officer reads after ``hoctap evaluate``."""
    parts: list[RenderableType] = [_heading(evaluation), verdict_table(evaluation)]
    if evaluation.results:
        parts.append(village_table(evaluation))
    if evaluation.criteria.criteria.is_provisional:
        parts.append(provisional_panel(evaluation))
    problems = [*evaluation.failed_files, *evaluation.problems]
    if problems:
        parts.append(problem_list(problems))
    return Group(*parts)


def _heading(evaluation: Evaluation) -> Text:
    criteria = evaluation.criteria.criteria
    return Text.assemble(
        (criteria.title.upper(), "bold"),
        f" — theo {criteria.document.number} (phiên bản {criteria.version}), "
        f"tệp tiêu chí {evaluation.criteria.source}",
    )


def verdict_table(evaluation: Evaluation) -> Table:
    criteria = evaluation.criteria.criteria
    wording = Wording(criteria)
    identity = criteria.identity
    table = Table(title="Kết quả xét từng hồ sơ", show_lines=False, header_style="bold")
    table.add_column("STT", justify="right")
    table.add_column(criteria.field(identity.id).label, no_wrap=True)
    table.add_column(criteria.field(identity.name).label)
    if identity.village:
        table.add_column(criteria.field(identity.village).label)
    for group in criteria.groups:
        table.add_column(group.id, justify="right")
    table.add_column("Tổng", justify="right")
    table.add_column("Kết quả", no_wrap=True)
    table.add_column("Lý do", overflow="fold", ratio=1)
    for index, result in enumerate(evaluation.results, start=1):
        village = [result.village or ""] if identity.village else []
        table.add_row(
            str(index),
            result.id,
            result.name or "",
            *village,
            *(number(group.points) for group in result.groups),
            number(result.total),
            Text(wording.verdict(result), style=_STYLES[result.verdict]),
            wording.explain(result),
        )
    return table


def village_table(evaluation: Evaluation) -> Table:
    criteria = evaluation.criteria.criteria
    label = criteria.field(criteria.identity.village).label if criteria.identity.village else "Nhóm"
    table = Table(title="Tổng hợp theo " + label.lower(), header_style="bold")
    for column in (label, "Số hồ sơ", "Đạt", "Không đạt", "Chưa đủ dữ liệu", "Tỉ lệ đạt"):
        table.add_column(column, justify="left" if column == label else "right")
    rows = summary_by_village(evaluation.results)
    for row in rows:
        rate = (
            f"{row['pass_rate'] * 100:.1f}%".replace(".", ",")
            if row["pass_rate"] is not None
            else "–"
        )
        table.add_row(
            row["village"] or "(không ghi)",
            str(row["assessed"]),
            str(row["pass"]),
            str(row["fail"]),
            str(row["incomplete"]),
            rate,
        )
    return table


def provisional_panel(evaluation: Evaluation) -> Panel:
    notes = evaluation.criteria.criteria.provisional_notes()
    body = PROVISIONAL_WARNING + "\n" + "\n".join(f"  • {note}" for note in notes)
    return Panel(body, title="Lưu ý: giá trị tạm tính", border_style="yellow")


def problem_list(problems: list[Problem]) -> Group:
    lines: list[RenderableType] = [Text(f"Lỗi dữ liệu ({len(problems)}):", style="bold red")]
    lines += [Text(f"  • {p.location()}: {p.message}") for p in problems]
    return Group(*lines)


def make_console() -> Console:
    """A console for results: on a terminal its width; into a file or pipe, wide enough
    that no cell is cut."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=200)
    return console
