"""The verdict tables, summaries, warnings and problems of a run, for a terminal."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.exact import number, share
from hoctap_cli.outputs.data.serialise import summary_by_village, verdict_counts
from hoctap_cli.outputs.origin import criteria_origin
from hoctap_cli.outputs.words.points_text import council_groups, group_text, total_text
from hoctap_cli.outputs.words.wording import PROVISIONAL_WARNING, Wording, percent
from hoctap_cli.problems import Problem, split_problems
from hoctap_cli.workflow.run import Evaluation, TitleResult

_STYLES = {VerdictKind.passed: "green", VerdictKind.failed: "red", VerdictKind.incomplete: "yellow"}


# Below this many columns a table cannot hold a name and a reason: one block per applicant.
NARROW = 100
# Group points get their own columns only when there is room left for the reason.
GROUP_COLUMNS = 140
# Written to a pipe or a file with no COLUMNS given: wide enough for the table layout.
PIPE_WIDTH = 120


class PlainLines:
    """A long table written as plain lines (``long_table``), not laid out by rich."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines  # a generator: nothing is made until the part is printed

    def __iter__(self) -> Iterator[str]:
        return self.lines


def render_evaluation(evaluation: Evaluation, width: int = PIPE_WIDTH) -> RenderableType:
    """Everything an officer reads after ``hoctap evaluate``: each level, then the whole run.

    ``width`` is the console's: narrow consoles get one block per applicant. A long run is
    printed faster by ``print_evaluation``, which writes its long tables line by line.
    """
    parts = evaluation_parts(evaluation, width)
    return Group(*(Text("\n".join(p)) if isinstance(p, PlainLines) else p for p in parts))


def print_evaluation(evaluation: Evaluation, console: Console, summarise: bool = False) -> None:
    """Print the run on ``console``; ``summarise``: a terminal, where a long title shows
    its counts and the applicants needing attention instead of every row."""
    for part in evaluation_parts(evaluation, console.width, summarise):
        if isinstance(part, PlainLines):
            write = console.file.write
            for line in part:
                write(line + "\n")
        else:
            console.print(part)


def evaluation_parts(
    evaluation: Evaluation, width: int, summarise: bool = False
) -> Iterator[RenderableType | PlainLines]:
    from hoctap_cli.outputs.screens import long_run, long_table

    long_titles: dict[str, int] = {}
    names = evaluation.title_names
    for title_result in evaluation.titles:
        yield _heading(title_result)
        identity = identity_columns(title_result)
        if long_table.is_long(title_result):
            long_titles[title_result.criteria.criteria.title] = len(title_result.results)
        if summarise and long_table.is_long(title_result):
            yield long_run.level_counts(title_result)
            rows, total = long_run.incomplete_rows(title_result)
            if rows:
                title = long_run.incomplete_title(len(rows), total)
                if width < NARROW:
                    yield verdict_blocks(title_result, names, rows, title)
                else:
                    yield verdict_table(title_result, names, width >= GROUP_COLUMNS, rows, title)
        elif long_table.is_long(title_result) and width < NARROW:
            yield PlainLines(long_table.block_lines(title_result, names, identity, width))
        elif long_table.is_long(title_result):
            groups = width >= GROUP_COLUMNS
            yield PlainLines(long_table.table_lines(title_result, names, identity, width, groups))
        elif width < NARROW:
            yield verdict_blocks(title_result, names)
        else:
            yield verdict_table(title_result, names, width >= GROUP_COLUMNS)
        if title_result.results and title_result.criteria.criteria.identity.village:
            yield village_table(title_result)
    yield from _run_parts(evaluation)
    if summarise and long_titles:
        yield long_run.detail_hint(long_titles)


def _run_parts(evaluation: Evaluation) -> Iterator[RenderableType]:
    """What follows the levels: the run at a glance, warnings, problems, provenance."""
    parts: list[RenderableType] = []
    if len(evaluation.titles) > 1:
        parts.append(title_table(evaluation))
    if evaluation.fallbacks:
        parts.append(fallback_panel(evaluation))
    provisional = [
        title_result
        for title_result in evaluation.titles
        if title_result.criteria.criteria.is_provisional
    ]
    if provisional:
        parts.append(provisional_panel(provisional))
    problems = [*evaluation.failed_files, *evaluation.problems]
    if problems:
        parts.append(problem_list(problems))
    parts.append(provenance_block(evaluation))
    yield from parts


def provenance_block(evaluation: Evaluation) -> Text:
    """What a verdict can be reproduced from: tool, date of assessment, criteria, input hashes."""
    from hoctap_cli.outputs.words.provenance import provenance_lines

    lines = [f"{label}: {value}" for label, value in provenance_lines(evaluation)]
    return Text("\nNguồn gốc kết quả\n" + "\n".join(lines), style="dim")


def _heading(title_result: TitleResult) -> Text:
    criteria = title_result.criteria.criteria
    return Text.assemble(
        ("\n" + criteria.title.upper(), "bold"),
        f" — theo {criteria.document.number}, {criteria_origin(title_result.criteria)}",
    )


def identity_columns(
    title_result: TitleResult,
) -> list[tuple[str, Callable[[ApplicantResult], str]]]:
    """The columns that name an applicant: code, then name and village when they differ."""
    criteria = title_result.criteria.criteria
    identity = criteria.identity
    columns: list[tuple[str, Callable[[ApplicantResult], str]]] = [
        (criteria.field(identity.id).label, lambda r: r.id)
    ]
    if identity.name != identity.id:
        columns.append((criteria.field(identity.name).label, lambda r: r.name or ""))
    if identity.village and identity.village not in (identity.id, identity.name):
        columns.append((criteria.field(identity.village).label, lambda r: r.village or ""))
    return columns


def total_cell(result: ApplicantResult) -> str:
    """The total as shown on screen: '85', '72 + ?' when partly known, '–' when unknown."""
    return total_text(result)


def verdict_table(
    title_result: TitleResult,
    title_names: Mapping[str, str],
    group_columns: bool = True,
    rows: Iterable[tuple[int, ApplicantResult]] | None = None,
    title: str = "Kết quả xét từng hồ sơ",
) -> Table:
    """The results of ``level`` (or only ``rows``, each with its number in the full table)."""
    criteria = title_result.criteria.criteria
    wording = Wording(criteria, title_names)
    council = council_groups(title_result.results)
    caption = (
        f"{', '.join(wording.names.group(g) for g in council)}: điểm do hội đồng chấm cả tiêu"
        " chí; – là chưa tính được"
        if council
        else None
    )
    table = Table(title=title, header_style="bold", caption=caption)
    table.add_column("STT", justify="right")
    identity = identity_columns(title_result)
    for label, _ in identity:
        table.add_column(label, no_wrap=True)  # a name cut in two reads as two people
    scored = criteria.scoring == "points"
    for group in criteria.groups if scored and group_columns else ():
        table.add_column(wording.names.group(group.id), justify="right")
    if scored:
        table.add_column("Tổng", justify="right")
    table.add_column("Kết quả", no_wrap=True)
    table.add_column("Lý do", ratio=1)
    for index, result in enumerate(title_result.results, start=1) if rows is None else rows:
        cells = [str(index)] + [cell(result) for _, cell in identity]
        if scored and group_columns:
            cells += [group_text(result, g.group_id, g.points) for g in result.groups]
        if scored:
            cells.append(total_cell(result))
        table.add_row(
            *cells,
            Text(wording.verdict(result), style=_STYLES[result.verdict]),
            wording.explain(result),
        )
    return table


def verdict_blocks(
    title_result: TitleResult,
    title_names: Mapping[str, str],
    rows: Iterable[tuple[int, ApplicantResult]] | None = None,
    title: str = "Kết quả xét từng hồ sơ",
) -> Table:
    """One block per applicant for a narrow terminal: who, the verdict and total, then why
    (only ``rows``, when given, each with its number in the full table).

    Lines wrap at spaces inside the second column, so a name or a reason is never cut
    inside a syllable and wrapped lines stay indented under their applicant.
    """
    criteria = title_result.criteria.criteria
    wording = Wording(criteria, title_names)
    identity = identity_columns(title_result)
    table = Table.grid(padding=(0, 1))
    table.title = title
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    scored = criteria.scoring == "points"
    for index, result in enumerate(title_result.results, start=1) if rows is None else rows:
        who = " · ".join(filter(None, (cell(result) for _, cell in identity)))
        verdict = Text(wording.verdict(result), style=_STYLES[result.verdict])
        if scored:
            verdict.append(f" — {total_cell(result)}/{number(result.max_total)} điểm")
        body = Text.assemble((who, "bold"), "\n", verdict)
        reason = wording.explain(result)
        if reason:
            lead = "Số liệu" if result.verdict is VerdictKind.passed else "Lý do"
            body.append(f"\n{lead}: {reason}")
        table.add_row(f"{index}.", body)
    return table


def village_table(title_result: TitleResult) -> Table:
    criteria = title_result.criteria.criteria
    label = criteria.field(criteria.identity.village).label if criteria.identity.village else "Nhóm"
    table = Table(title="Tổng hợp theo " + label.lower(), header_style="bold")
    for column in (label, "Số hồ sơ", "Đạt", "Không đạt", "Chưa đủ dữ liệu", "Tỉ lệ đạt"):
        table.add_column(column, justify="left" if column == label else "right")
    for row in summary_by_village(title_result.results):
        table.add_row(
            row["village"] or "(không ghi)",
            str(row["assessed"]),
            str(row["pass"]),
            str(row["fail"]),
            str(row["incomplete"]),
            percent(share(row["pass"], row["assessed"])),
        )
    return table


def title_table(evaluation: Evaluation) -> Table:
    """One line per title: the run at a glance."""
    table = Table(title="Tổng hợp theo danh hiệu", header_style="bold")
    for column in ("Danh hiệu", "Số hồ sơ", "Đạt", "Không đạt", "Chưa đủ dữ liệu", "Tỉ lệ đạt"):
        table.add_column(column, justify="left" if column == "Danh hiệu" else "right")
    for title_result in evaluation.titles:
        counts = verdict_counts(title_result.results)
        rate = share(counts["pass"], counts["assessed"])
        table.add_row(
            title_result.criteria.criteria.title,
            str(counts["assessed"]),
            str(counts["pass"]),
            str(counts["fail"]),
            str(counts["incomplete"]),
            percent(rate),
        )
    return table


def fallback_panel(evaluation: Evaluation) -> Panel:
    """Criteria used outside their period: the result is only a stand-in."""
    # On screen the officer can act at once: say how a provincial set is chosen.
    lines = [
        f"• {fallback.message[:-1]} (chọn bằng --criteria)." for fallback in evaluation.fallbacks
    ]
    return Panel("\n".join(lines), title="Lưu ý: bộ tiêu chí ngoài giai đoạn", border_style="red")


def bullets(lines: list[str]) -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for line in lines:
        table.add_row("  •", line)
    return table


def provisional_panel(levels: list[TitleResult]) -> Panel:
    parts: list[RenderableType] = [Text(PROVISIONAL_WARNING)]
    for level in levels:
        criteria = level.criteria.criteria
        if len(levels) > 1:
            parts.append(Text(f"{criteria.title} ({criteria.version}):"))
        parts.append(bullets(Names(criteria).provisional_notes()))
    return Panel(Group(*parts), title="Lưu ý: giá trị tạm tính", border_style="yellow")


def problem_list(problems: list[Problem]) -> Group:
    """Errors, then notices (how something was read: an encoding, hidden rows)."""
    lines: list[RenderableType] = []
    errors, notices = split_problems(problems)
    if errors:
        lines.append(Text(f"Lỗi dữ liệu ({len(errors)}):", style="bold red"))
        lines.append(bullets([f"{p.location()}: {p.message}" for p in errors]))
    if notices:
        lines.append(Text(f"Lưu ý khi đọc dữ liệu ({len(notices)}):", style="bold yellow"))
        lines.append(bullets([f"{p.location()}: {p.message}" for p in notices]))
    return Group(*lines)


def console_width(environ: Mapping[str, str] | None = None) -> int | None:
    """The width COLUMNS asks for, if it names a usable one."""
    value = (environ if environ is not None else os.environ).get("COLUMNS", "")
    return int(value) if value.isdigit() and 20 <= int(value) <= 1000 else None


def make_console(file: IO[str] | None = None) -> Console:
    """A console for results: on a terminal its width; into a file or pipe, the width
    COLUMNS gives, else one wide enough for the table layout."""
    console = Console(highlight=False, file=file)
    if not console.is_terminal:
        console = Console(highlight=False, file=file, width=console_width() or PIPE_WIDTH)
    return console
