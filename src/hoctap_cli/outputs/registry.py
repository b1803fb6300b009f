"""Every output hoctap writes, registered once by name with its writer.

A command's ``--format`` choices are the keys of its family here, and writing any output
is ``output.writer(subject, stream)``: there is no other list of formats to keep in step.
``show``, when given, is how the output appears on a terminal (a table with colours at the
terminal's width); without it the same bytes as in a file go to stdout. ``binary`` outputs
(workbooks, Word documents) are only written to files: their commands require one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

from hoctap_cli.outputs import writers as w

if TYPE_CHECKING:
    from hoctap_cli.criteria.lint import FileCheck
    from hoctap_cli.outputs.papers.export_data import ExportData
    from hoctap_cli.workflow.run import Evaluation

S = TypeVar("S")


@dataclass(frozen=True)
class Output(Generic[S]):
    """One output: its name, the file suffixes it is written to, and how."""

    name: str
    suffixes: tuple[str, ...]
    writer: Callable[[S, IO[bytes]], None]
    binary: bool = False
    show: Callable[[S], None] | None = None

    def fits(self, path: Path) -> bool:
        """Whether ``path`` ends as this output's files do."""
        return path.suffix.lower() in self.suffixes

    def write_to(self, subject: S, target: Path) -> None:
        """Write ``subject`` to ``target`` atomically (see ``hoctap_cli.atomic``); the
        overwrite policy was applied before the run (``workflow.writing``)."""
        from hoctap_cli.atomic import write_atomic  # not needed by --help

        write_atomic(target, lambda stream: self.writer(subject, stream))


def _named(*outputs: Output[S]) -> Mapping[str, Output[S]]:
    return {output.name: output for output in outputs}


# hoctap evaluate --format
RESULTS: Mapping[str, Output[Evaluation]] = _named(
    Output("table", (".txt",), w.results_table, show=w.show_results),
    Output("json", (".json",), w.results_json),
    Output("csv", (".csv",), w.results_csv),
    Output("ndjson", (".ndjson", ".jsonl"), w.results_ndjson),
)
# hoctap evaluate --annotate: the person's own workbook with the results added
ANNOTATED: Output[Any] = Output("annotated-xlsx", (".xlsx",), w.annotated_xlsx, binary=True)
# hoctap export --format (else by the output's suffix)
LISTS: Mapping[str, Output[ExportData]] = _named(
    Output("xlsx", (".xlsx",), w.lists_xlsx, binary=True),
    Output("csv", (".csv",), w.lists_csv),
    Output("json", (".json",), w.lists_json),
)
# hoctap export --quyet-dinh
DECISION: Output[w.Decision] = Output("decision-docx", (".docx",), w.decision_docx, binary=True)
# hoctap report -o
REPORT: Output[bytes] = Output("html", (".html", ".htm"), w.html_page)
# hoctap diff --format
CHANGES: Mapping[str, Output[w.CriteriaChanges]] = _named(
    Output("table", (".txt",), w.changes_table, show=w.show_changes),
    Output("json", (".json",), w.changes_json),
    Output("markdown", (".md",), w.changes_markdown),
)
# hoctap diff --records --format
IMPACT: Mapping[str, Output[w.VerdictImpact]] = _named(
    Output("table", (".txt",), w.impact_table, show=w.show_impact),
    Output("json", (".json",), w.impact_json),
    Output("markdown", (".md",), w.impact_markdown),
)
# hoctap explain --format
TRACES: Mapping[str, Output[w.Explanations]] = _named(
    Output("text", (".txt",), w.traces_text, show=w.show_traces),
    Output("json", (".json",), w.traces_json),
)
# hoctap template -o: the blank workbook to fill in
TEMPLATE: Output[Any] = Output("template-xlsx", (".xlsx",), w.template_xlsx, binary=True)
# hoctap criteria schema / criteria init: text the person's editor reads
CRITERIA_TEXT: Output[str] = Output("criteria-text", (".json", ".yaml", ".yml"), w.utf8_text)
# hoctap criteria check --format
CHECKS: Mapping[str, Output[list[FileCheck]]] = _named(
    Output("table", (".txt",), w.checks_table, show=w.show_checks),
    Output("json", (".json",), w.checks_json),
)


def lists_by_suffix(path: Path) -> Output[ExportData]:
    """The list format a file name asks for: the one whose suffix it has, else xlsx."""
    return next((o for o in LISTS.values() if o.fits(path)), LISTS["xlsx"])
