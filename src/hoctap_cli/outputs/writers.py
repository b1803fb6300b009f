"""The writers the registry names: each calls the module that owns the output's content.

Imports stay inside the functions: the registry is read when the CLI declares its
``--format`` choices, and ``hoctap --help`` must not load the readers, the engine or
openpyxl for that.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

    from hoctap_cli.criteria.compiled import CompiledCriteria
    from hoctap_cli.criteria.diff import CriteriaDiff
    from hoctap_cli.criteria.lint import FileCheck
    from hoctap_cli.criteria.names import Names as RenderNames
    from hoctap_cli.engine.results import ApplicantResult
    from hoctap_cli.outputs.papers.export_data import ExportData
    from hoctap_cli.outputs.papers.settings import ExportSettings
    from hoctap_cli.outputs.screens.impact_view import Names
    from hoctap_cli.workflow.impact import Impact
    from hoctap_cli.workflow.run import Evaluation, TitleResult

FILE_TABLE_WIDTH = 200  # a table in a file is plain text, wide enough that no cell is cut


@dataclass(frozen=True)
class CriteriaChanges:
    """``hoctap diff``: what changed from ``old`` to ``new``."""

    changes: CriteriaDiff
    old: CompiledCriteria
    new: CompiledCriteria


@dataclass(frozen=True)
class VerdictImpact:
    """``hoctap diff --records``: whose verdict changed, with the names to show it by."""

    impact: Impact
    names: Names


@dataclass(frozen=True)
class Decision:
    """``export --quyet-dinh``: the lists and the settings the decision quotes."""

    data: ExportData
    settings: ExportSettings


def plain_text(renderable: RenderableType, width: int, stream: IO[bytes]) -> None:
    """A rich renderable as plain UTF-8 text ``width`` columns wide."""
    from rich.console import Console

    console = Console(record=True, width=width, file=io.StringIO())
    console.print(renderable)
    stream.write(console.export_text().encode("utf-8"))


def show(renderable: RenderableType) -> None:
    """A rich renderable on the terminal, at its width."""
    from hoctap_cli.outputs.screens.console import make_console

    make_console().print(renderable)


def results_table(evaluation: Evaluation, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.console import PIPE_WIDTH, console_width, render_evaluation
    from hoctap_cli.outputs.screens.long_table import is_long

    width = console_width() or PIPE_WIDTH
    if not any(is_long(title_result) for title_result in evaluation.titles):
        plain_text(render_evaluation(evaluation, width), width, stream)
        return
    from rich.console import Console

    from hoctap_cli.outputs.screens.console import print_evaluation

    # Printed straight into the file, never recorded whole; no colours in a file.
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
    print_evaluation(evaluation, Console(file=text, width=width, color_system=None))
    text.flush()
    text.detach()


def show_results(evaluation: Evaluation) -> None:
    from hoctap_cli.outputs.screens.console import make_console, print_evaluation

    console = make_console()
    # On a terminal a long title is summarised; piped, every row is written.
    print_evaluation(evaluation, console, summarise=console.is_terminal)


def results_json(evaluation: Evaluation, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.data.formats import write_json

    write_json(evaluation, stream)  # streamed: a province's document is never held whole


def results_ndjson(evaluation: Evaluation, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.data.streaming import write_lines

    write_lines(evaluation, stream.write)  # line by line: a province's run is never held whole


def results_csv(evaluation: Evaluation, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.data.formats import write_csv

    write_csv(evaluation, stream)  # row by row: a province's table is never held whole


def annotated_xlsx(workbook: Any, stream: IO[bytes]) -> None:
    workbook.save(stream)


def lists_xlsx(data: ExportData, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.papers.export_xlsx import write_xlsx

    write_xlsx(data, stream)


def lists_csv(data: ExportData, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.papers.export_formats import to_csv

    stream.write(to_csv(data))


def lists_json(data: ExportData, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.papers.export_formats import to_json

    stream.write(to_json(data))


def decision_docx(decision: Decision, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.papers.decision import to_docx

    settings = decision.settings
    stream.write(
        to_docx(
            decision.data, settings.can_cu, settings.xet_de_nghi, settings.thi_hanh,
            settings.noi_nhan,
        )
    )  # fmt: skip


def html_page(page: bytes, stream: IO[bytes]) -> None:
    stream.write(page)


def changes_table(diff: CriteriaChanges, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.diff_view import diff_table

    plain_text(diff_table(diff.changes, diff.old, diff.new), FILE_TABLE_WIDTH, stream)


def show_changes(diff: CriteriaChanges) -> None:
    from hoctap_cli.outputs.screens.diff_view import diff_table

    show(diff_table(diff.changes, diff.old, diff.new))


def changes_json(diff: CriteriaChanges, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.diff_view import diff_json

    stream.write(diff_json(diff.changes, diff.old, diff.new))


def changes_markdown(diff: CriteriaChanges, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.diff_view import diff_markdown

    stream.write(diff_markdown(diff.changes, diff.old, diff.new).encode("utf-8"))


def impact_table(shown: VerdictImpact, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.impact_view import impact_table

    plain_text(impact_table(shown.impact, shown.names), FILE_TABLE_WIDTH, stream)


def show_impact(shown: VerdictImpact) -> None:
    from hoctap_cli.outputs.screens.impact_view import impact_table

    show(impact_table(shown.impact, shown.names))


def impact_json(shown: VerdictImpact, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.impact_view import impact_json

    stream.write(impact_json(shown.impact))


def impact_markdown(shown: VerdictImpact, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.impact_view import impact_markdown

    stream.write(impact_markdown(shown.impact, shown.names).encode("utf-8"))


@dataclass(frozen=True)
class Explained:
    """``hoctap explain``: one applicant's trace, why it is so, and the names to say it by."""

    trace: dict[str, Any]
    why: str
    names: RenderNames


def explain_one(
    title_result: TitleResult, result: ApplicantResult, title_names: Mapping[str, str]
) -> Explained:
    """``hoctap explain`` for one applicant, read back from its cells: what the command
    prints and the page shows."""
    from hoctap_cli.criteria.names import Names
    from hoctap_cli.outputs.screens.explanation import trace
    from hoctap_cli.outputs.words.wording import Wording
    from hoctap_cli.records.raw import raw_row

    criteria = title_result.criteria.criteria
    source = result.source
    raw = raw_row(Path(source.file), source.sheet, source.row)
    why = Wording(criteria, title_names).explain(result)
    names = Names(criteria, title_names)
    return Explained(trace(result, title_result.criteria, raw), why, names)


@dataclass(frozen=True)
class Explanations:
    """Everything ``hoctap explain`` found for an id: the applicants evaluated, and the rows
    of that id that were read but left out (each a dict, as ``UnevaluatedRow.to_dict``)."""

    found: list[Explained]
    not_evaluated: list[dict[str, Any]]


def show_traces(explanations: Explanations) -> None:
    from hoctap_cli.outputs.screens.console import make_console
    from hoctap_cli.outputs.screens.explain_view import explain_view

    console = make_console()
    for item in explanations.found:
        console.print(explain_view(item.trace, item.why, item.names, console.width))


def traces_text(explanations: Explanations, stream: IO[bytes]) -> None:
    from rich.console import Group

    from hoctap_cli.outputs.screens.explain_view import explain_view

    views = [explain_view(i.trace, i.why, i.names, FILE_TABLE_WIDTH) for i in explanations.found]
    plain_text(Group(*views), FILE_TABLE_WIDTH, stream)


def traces_json(explanations: Explanations, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.data.json_text import json_bytes
    from hoctap_cli.outputs.data.schema_version import SCHEMA_VERSION

    document = {
        "schema_version": SCHEMA_VERSION,
        "traces": [item.trace for item in explanations.found],
        "not_evaluated": explanations.not_evaluated,
    }
    stream.write(json_bytes(document))


def template_xlsx(workbook: Any, stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.papers.template import save

    save(workbook, stream)


def utf8_text(text: str, stream: IO[bytes]) -> None:
    stream.write(text.encode("utf-8"))


def checks_table(checks: list[FileCheck], stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.check_view import check_report

    plain_text(check_report(checks), FILE_TABLE_WIDTH, stream)


def show_checks(checks: list[FileCheck]) -> None:
    from hoctap_cli.outputs.screens.check_view import check_report

    show(check_report(checks))


def checks_json(checks: list[FileCheck], stream: IO[bytes]) -> None:
    from hoctap_cli.outputs.screens.check_view import check_json

    stream.write(check_json(checks))
