"""The verdict tables, summaries, warnings and problems of a run, for a terminal."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hoctap_cli.document import summary_by_village, verdict_counts
from hoctap_cli.engine.results import VerdictKind
from hoctap_cli.problems import Problem
from hoctap_cli.report.points_text import council_groups, group_text, total_text
from hoctap_cli.report.wording import PROVISIONAL_WARNING, Wording, percent
from hoctap_cli.service import Evaluation, LevelResult

_STYLES = {VerdictKind.passed: "green", VerdictKind.failed: "red", VerdictKind.incomplete: "yellow"}


def render_evaluation(evaluation: Evaluation) -> RenderableType:
    """Everything an officer reads after ``hoctap evaluate``: each level, then the whole run."""
    parts: list[RenderableType] = []
    for level in evaluation.levels:
        parts += [_heading(level), verdict_table(level, evaluation.title_names)]
        if level.results:
            parts.append(village_table(level))
    if len(evaluation.levels) > 1:
        parts.append(title_table(evaluation))
    provisional = [level for level in evaluation.levels if level.criteria.criteria.is_provisional]
    if provisional:
        parts.append(provisional_panel(provisional))
    problems = [*evaluation.failed_files, *evaluation.problems]
    if problems:
        parts.append(problem_list(problems))
    parts.append(provenance_block(evaluation))
    return Group(*parts)


def provenance_block(evaluation: Evaluation) -> Text:
    """What a verdict can be reproduced from: tool, as-of date, criteria and input hashes."""
    from hoctap_cli.provenance import provenance_lines

    lines = [f"{label}: {value}" for label, value in provenance_lines(evaluation)]
    return Text("\nNguồn gốc kết quả\n" + "\n".join(lines), style="dim")


def _heading(level: LevelResult) -> Text:
    criteria = level.criteria.criteria
    return Text.assemble(
        ("\n" + criteria.title.upper(), "bold"),
        f" — theo {criteria.document.number} (phiên bản {criteria.version}), "
        f"tệp tiêu chí {level.criteria.source}",
    )


def verdict_table(level: LevelResult, title_names: Mapping[str, str]) -> Table:
    criteria = level.criteria.criteria
    wording = Wording(criteria, title_names)
    identity = criteria.identity
    council = council_groups(level.results)
    caption = (
        f"{', '.join(council)}: điểm do hội đồng chấm cả tiêu chí; – là chưa tính được"
        if council
        else None
    )
    table = Table(title="Kết quả xét từng hồ sơ", header_style="bold", caption=caption)
    table.add_column("STT", justify="right")
    table.add_column(criteria.field(identity.id).label, overflow="fold")
    if identity.name != identity.id:
        table.add_column(criteria.field(identity.name).label, overflow="fold")
    if identity.village and identity.village not in (identity.id, identity.name):
        table.add_column(criteria.field(identity.village).label, overflow="fold")
    scored = criteria.scoring == "points"
    for group in criteria.groups if scored else ():
        table.add_column(group.id, justify="right")
    if scored:
        table.add_column("Tổng", justify="right")
    table.add_column("Kết quả", no_wrap=True)
    table.add_column("Lý do", overflow="fold", ratio=1)
    for index, result in enumerate(level.results, start=1):
        cells = [str(index), result.id]
        if identity.name != identity.id:
            cells.append(result.name or "")
        if identity.village and identity.village not in (identity.id, identity.name):
            cells.append(result.village or "")
        if scored:
            cells += [group_text(result, g.group_id, g.points) for g in result.groups]
            cells.append(total_text(result))
        table.add_row(
            *cells,
            Text(wording.verdict(result), style=_STYLES[result.verdict]),
            wording.explain(result),
        )
    return table


def village_table(level: LevelResult) -> Table:
    criteria = level.criteria.criteria
    label = criteria.field(criteria.identity.village).label if criteria.identity.village else "Nhóm"
    table = Table(title="Tổng hợp theo " + label.lower(), header_style="bold")
    for column in (label, "Số hồ sơ", "Đạt", "Không đạt", "Chưa đủ dữ liệu", "Tỉ lệ đạt"):
        table.add_column(column, justify="left" if column == label else "right")
    for row in summary_by_village(level.results):
        table.add_row(
            row["village"] or "(không ghi)",
            str(row["assessed"]),
            str(row["pass"]),
            str(row["fail"]),
            str(row["incomplete"]),
            percent(row["pass_rate"]),
        )
    return table


def title_table(evaluation: Evaluation) -> Table:
    """One line per title: the run at a glance."""
    table = Table(title="Tổng hợp theo danh hiệu", header_style="bold")
    for column in ("Danh hiệu", "Số hồ sơ", "Đạt", "Không đạt", "Chưa đủ dữ liệu", "Tỉ lệ đạt"):
        table.add_column(column, justify="left" if column == "Danh hiệu" else "right")
    for level in evaluation.levels:
        counts = verdict_counts(level.results)
        rate = counts["pass"] / counts["assessed"] if counts["assessed"] else None
        table.add_row(
            level.criteria.criteria.title,
            str(counts["assessed"]),
            str(counts["pass"]),
            str(counts["fail"]),
            str(counts["incomplete"]),
            percent(rate),
        )
    return table


def provisional_panel(levels: list[LevelResult]) -> Panel:
    lines = [PROVISIONAL_WARNING]
    for level in levels:
        criteria = level.criteria.criteria
        if len(levels) > 1:
            lines.append(f"{criteria.title} ({criteria.version}):")
        lines += [f"  • {note}" for note in criteria.provisional_notes()]
    return Panel("\n".join(lines), title="Lưu ý: giá trị tạm tính", border_style="yellow")


def problem_list(problems: list[Problem]) -> Group:
    """Errors, then notices (how something was read: an encoding, hidden rows)."""
    lines: list[RenderableType] = []
    errors = [p for p in problems if not p.is_notice]
    notices = [p for p in problems if p.is_notice]
    if errors:
        lines.append(Text(f"Lỗi dữ liệu ({len(errors)}):", style="bold red"))
        lines += [Text(f"  • {p.location()}: {p.message}") for p in errors]
    if notices:
        lines.append(Text(f"Lưu ý khi đọc dữ liệu ({len(notices)}):", style="bold yellow"))
        lines += [Text(f"  • {p.location()}: {p.message}") for p in notices]
    return Group(*lines)


def make_console() -> Console:
    """A console for results: on a terminal its width; into a file or pipe, wide enough
    that no cell is cut."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=200)
    return console
