"""Gathering every figure of the report from one evaluation per assessment year."""

from __future__ import annotations

from collections.abc import Sequence

from hoctap_cli.criteria.names import Names
from hoctap_cli.outputs.html import figures
from hoctap_cli.outputs.html.data import (
    CriteriaNotes,
    FollowUp,
    ProvenanceBlock,
    ReportData,
)
from hoctap_cli.outputs.papers.letterhead import Letterhead
from hoctap_cli.outputs.words.provenance import provenance_lines
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.problems import split_problems
from hoctap_cli.shown_files import shown_path
from hoctap_cli.workflow.run import Evaluation, TitleResult

PROBLEMS_SHOWN = 50


def build_report(
    evaluations: Sequence[Evaluation],
    head: Letterhead | None = None,
    recipients: Sequence[str] = (),
) -> ReportData:
    """The report's data: detail for the latest year, the trend over all years given."""
    ordered = sorted(evaluations, key=lambda e: e.as_of)
    latest = [e for e in ordered if e.as_of.year == ordered[-1].as_of.year]
    pairs = [(title_result, e) for e in latest for title_result in e.titles]
    levels = [title_result for title_result, _ in pairs]
    follow, left = _follow_up(pairs)
    found = [p for e in latest for p in [*e.failed_files, *e.problems]]
    problems, notices = split_problems(found)
    years = tuple(sorted({e.as_of.year for e in ordered}))
    return ReportData(
        year=years[-1],
        years=years,
        as_of=latest[-1].as_of,
        inputs=tuple(shown_path(source.file) for e in latest for source in e.inputs),
        summaries=tuple(figures.title_summary(title_result, e) for title_result, e in pairs),
        villages=tuple(v for lv in levels if (v := figures.village_rates(lv)) is not None),
        missed=tuple(figures.missed_items(levels)),
        histograms=tuple(h for lv in levels if (h := figures.totals_histogram(lv)) is not None),
        trend=tuple(figures.trend(ordered)) if len(years) > 1 else (),
        follow_up=tuple(follow),
        follow_up_left=left,
        provisional=tuple(
            _provisional([title_result for e in ordered for title_result in e.titles])
        ),
        provenance=tuple(
            ProvenanceBlock(e.as_of.year, tuple(provenance_lines(e))) for e in ordered
        ),
        problems=tuple((p.location(), p.message) for p in problems[:PROBLEMS_SHOWN]),
        problems_left=max(len(problems) - PROBLEMS_SHOWN, 0),
        notices=tuple((p.location(), p.message) for p in notices[:PROBLEMS_SHOWN]),
        notices_left=max(len(notices) - PROBLEMS_SHOWN, 0),
        letterhead=head,
        recipients=tuple(recipients),
    )


def _follow_up(pairs: list[tuple[TitleResult, Evaluation]]) -> tuple[list[FollowUp], int]:
    rows: list[FollowUp] = []
    left = 0
    for level, evaluation in pairs:
        wording = Wording(level.criteria.criteria, evaluation.title_names)
        shown, more = figures.follow_up(level, wording)
        rows += shown
        left += more
    return rows, left


def _provisional(levels: list[TitleResult]) -> list[CriteriaNotes]:
    """Each criteria file used once, with its provisional values, if it has any."""
    seen: dict[tuple[str, str], CriteriaNotes] = {}
    for level in levels:
        criteria = level.criteria.criteria
        fallback = level.fallback.message if level.fallback else None
        notes = (*([fallback] if fallback else []), *Names(criteria).provisional_notes())
        if notes:
            seen.setdefault(
                (criteria.id, criteria.version),
                CriteriaNotes(criteria.title, criteria.version, notes, fallback),
            )
    return list(seen.values())
