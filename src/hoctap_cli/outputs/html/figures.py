"""Computing the report's figures from evaluations: pure functions over engine results."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from hoctap_cli.criteria.names import Names, capitalize
from hoctap_cli.engine.results import ApplicantResult, Outcome, VerdictKind
from hoctap_cli.exact import ZERO, exact, number
from hoctap_cli.outputs.html.data import (
    Bin,
    FollowUp,
    LevelCount,
    MissedItem,
    TitleSummary,
    TotalsHistogram,
    TrendPoint,
    VillageRates,
    VillageRow,
)
from hoctap_cli.outputs.words.points_text import total_text, total_value
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.workflow.run import Evaluation, TitleResult

MISSED_TOP = 10
FOLLOW_UP_PER_TITLE = 10
NO_VILLAGE = "(không ghi)"


def title_summary(title_result: TitleResult, evaluation: Evaluation) -> TitleSummary:
    """Rows read, assessed, recognised (and per level when the title has several)."""
    criteria = title_result.criteria.criteria
    counts = Counter(result.verdict for result in title_result.results)
    assessed = len(title_result.results)
    levels: tuple[LevelCount, ...] = ()
    if len(criteria.verdict.levels) > 1:
        reached = Counter(r.level for r in title_result.results if r.verdict is VerdictKind.passed)
        levels = tuple(
            LevelCount(lv.label, reached[lv.id], assessed) for lv in criteria.verdict.levels
        )
    return TitleSummary(
        title_id=criteria.id,
        title=criteria.title,
        read=assessed + evaluation.rows_not_evaluated(criteria.id),
        assessed=assessed,
        passed=counts[VerdictKind.passed],
        failed=counts[VerdictKind.failed],
        incomplete=counts[VerdictKind.incomplete],
        levels=levels,
    )


def village_rates(title_result: TitleResult) -> VillageRates | None:
    """Recognition per village, in order of first appearance; None when there are none."""
    criteria = title_result.criteria.criteria
    village_field = criteria.identity.village
    if village_field is None or village_field in (criteria.identity.id, criteria.identity.name):
        return None  # no villages, or the applicants are the villages themselves
    if not any(result.village for result in title_result.results):
        return None
    groups: dict[str, list[ApplicantResult]] = {}
    for result in title_result.results:
        groups.setdefault(result.village or NO_VILLAGE, []).append(result)
    rows = tuple(
        VillageRow(name, len(members), sum(r.verdict is VerdictKind.passed for r in members))
        for name, members in groups.items()
    )
    return VillageRates(criteria.title, criteria.field(village_field).label, rows)


def missed_items(levels: Sequence[TitleResult], top: int = MISSED_TOP) -> list[MissedItem]:
    """The criteria most often not met; points lost by partial scores are counted apart.

    Ranked by the applicants that did not meet the criterion, then those it could not be
    assessed for, then points lost: a council's 17 of 20 is points lost, not a failure.
    """
    found: list[MissedItem] = []
    for level in levels:
        criteria = level.criteria.criteria
        tally: Counter[tuple[str, Outcome]] = Counter()
        lost: dict[str, Decimal] = {}
        for result in level.results:
            for scored in result.items:
                tally[(scored.item_id, scored.outcome)] += 1
                partial = scored.outcome is Outcome.partial
                if partial and scored.points is not None and scored.max_points is not None:
                    below = exact(scored.max_points) - exact(scored.points)
                    lost[scored.item_id] = lost.get(scored.item_id, ZERO) + below
        names = Names(criteria)
        named = [(i.id, names.item(i.id), i.label) for _, i in criteria.items()]
        # A group given as one council score is one result under the group's id.
        named += [(g.id, names.group(g.id), g.label) for g in criteria.groups if g.score_field]
        for key, shown, label in named:
            missed = MissedItem(
                criteria.title,
                capitalize(shown),
                label,
                tally[(key, Outcome.not_met)],
                tally[(key, Outcome.partial)],
                tally[(key, Outcome.not_assessable)],
                lost.get(key, ZERO),
            )
            if missed.total:
                found.append(missed)
    found.sort(key=lambda m: (-m.not_met, -m.not_assessable, -m.points_lost, m.title, m.item_id))
    return found[:top]


def totals_histogram(title_result: TitleResult) -> TotalsHistogram | None:
    """Totals of a points title in bins aligned on its lowest pass mark."""
    criteria = title_result.criteria.criteria
    if criteria.scoring != "points" or not title_result.results:
        return None
    top = criteria.max_total()
    marks = tuple(
        (lv.label, lv.min_total) for lv in criteria.verdict.levels if lv.min_total is not None
    )
    mark = min((value for _, value in marks), default=0.0)
    width = bin_width(top)
    # Only complete totals are binned: "72 + ?" is no point on the axis (a chart: shown, not
    # decided, so floats are fine).
    complete = [r for r in title_result.results if total_value(r) is not None]
    totals = [float(result.total) for result in complete]
    low, high = min([*totals, mark]), max([*totals, mark])
    start = max(mark - width * math.ceil((mark - low) / width), 0.0)
    count = max(1, math.ceil((high - start) / width))
    tally = Counter(min(int((total - start) // width), count - 1) for total in totals)
    bins = tuple(
        Bin(start + i * width, start + (i + 1) * width, tally[i], start + i * width >= mark)
        for i in range(count)
    )
    left_out = len(title_result.results) - len(complete)
    return TotalsHistogram(criteria.title, top, bins, marks, left_out)


def bin_width(top: float) -> float:
    """A round width giving about twenty bins over 0..top: 1, 2, 5, 10, 20 …"""
    raw = max(top / 20, 1.0)
    scale = 10.0 ** math.floor(math.log10(raw))
    return next(float(step * scale) for step in (1, 2, 5, 10) if step * scale >= raw)


def trend(evaluations: Sequence[Evaluation]) -> list[TrendPoint]:
    """Recognition per assessment year and title, years oldest first."""
    tally: dict[tuple[int, str], list[int]] = {}
    for evaluation in evaluations:
        for title_result in evaluation.titles:
            key = (evaluation.as_of.year, title_result.criteria.criteria.title)
            counts = tally.setdefault(key, [0, 0])
            counts[0] += len(title_result.results)
            counts[1] += sum(r.verdict is VerdictKind.passed for r in title_result.results)
    return [TrendPoint(year, title, a, p) for (year, title), (a, p) in sorted(tally.items())]


def follow_up(
    title_result: TitleResult, wording: Wording, limit: int = FOLLOW_UP_PER_TITLE
) -> tuple[list[FollowUp], int]:
    """Applicants not passing whose gap is smallest, and how many more were left out."""
    close = [r for r in title_result.results if r.verdict is not VerdictKind.passed and r.near_miss]
    close.sort(key=lambda r: (_gap(r), r.id))
    points = title_result.criteria.criteria.scoring == "points"
    rows = [
        FollowUp(
            title=title_result.criteria.criteria.title,
            id=result.id,
            name=result.name or "",
            village=result.village or "",
            verdict=wording.verdict(result),
            total=total_text(result) if points else "–",
            gap=_gap_text(result, points),
            advice=wording.explain(result),
        )
        for result in close[:limit]
    ]
    return rows, max(len(close) - limit, 0)


def _gap(result: ApplicantResult) -> tuple[float, int]:
    near = result.near_miss
    return (float(near.points_missing), len(near.items)) if near else (math.inf, 0)


def _gap_text(result: ApplicantResult, points: bool) -> str:
    near = result.near_miss
    if near is None:
        return "–"
    if points and near.points_missing:
        return f"{number(near.points_missing)} điểm"
    return f"{len(near.items)} tiêu chí"
