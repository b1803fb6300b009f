"""The scoring engine: records in, results out. No files, no printing.

Missing data is never scored as a failure by itself. The verdict is computed twice, once
with every not-assessable item at its worst and once at its best: when both agree the
verdict stands, otherwise the applicant is ``incomplete`` (hồ sơ thiếu, not a rejection).
Every level condition (total, group floor, item floor, required items) only gets easier
as an item scores more, so the worst and the best bound every completion of the missing
values: a verdict that holds at both holds for all of them. "Worst" means the lowest the
item can score within its field's bounds, 0 and not met, for every kind of condition:
a blank indicator counts at 0 against "no indicator below 5", not as absent.

Points, totals and thresholds are exact decimals (``hoctap_cli.exact``): a council's
7,3 + 2,7 is 10, and a total equal to the pass mark meets it in any order of addition.

A province has hundreds of thousands of applicants but few distinct answers: an item's
outcome depends only on the few values its rule reads, and the verdict, reasons and near
miss only on the items' outcomes and points. The engine therefore remembers, per item, the
result for each distinct set of values it read, and per distinct set of item results the
decision built from them. Applicants with the same answers share the same frozen
``ItemResult``, ``GroupScore``, ``Reason`` and ``NearMiss`` objects: the results are equal
to computing each afresh, built many times faster and held in a fraction of the memory.
The memories are bounded; past their bound, results are computed as before, unshared.

The engine works on a title's applicants at once, as columns (``engine.columns``): each
item's answers are looked up a column at a time, only the answers not seen before are
decided, and each applicant is given its shared decision; no result object is built per
applicant until one is asked for. One applicant alone (``evaluate_one``, ``explain``) is
a column of one: there is no second way of deciding.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import Any, TypeVar, cast

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.criteria.model import Group, Item, Level
from hoctap_cli.engine.columns import Decision, RecordApplicants, ResultColumns
from hoctap_cli.engine.completion import by_completion
from hoctap_cli.engine.group_scores import GroupScores
from hoctap_cli.engine.results import (
    ApplicantResult,
    GroupScore,
    ItemResult,
    NearMiss,
    Outcome,
    Reason,
    ReasonCode,
    RollupFigure,
    VerdictKind,
)
from hoctap_cli.exact import ZERO, exact, exact_or_none
from hoctap_cli.records.record import Record
from hoctap_cli.records.record_columns import Applicants

# Bounds of the engine's memories, per item and per criteria file: past them results are
# computed as before, unshared. Sized so a province fits with room to spare (distinct item
# results are a handful per item; distinct decisions are thousands) while a criteria file
# whose rules read free text or dates cannot grow them without limit.
ITEM_MEMORY = 4096
DECISION_MEMORY = 1 << 16

_Memo = tuple[int, ItemResult]  # a shared item result and its number (-1: not shared)
_Part = TypeVar("_Part")


class _ItemPlan:
    """How one item is decided, with its memory of answers (values read → item result)."""

    __slots__ = (
        "item",
        "group",
        "citation",
        "fields",
        "answers",
        "shared",
        "points",
        "worst",
        "best",
    )
    # Values that compare equal give the same outcome, with one exception: an awarded -0.0
    # scores -0.0 points, 0 scores 0.0. Zero answers of awarded items are never remembered,
    # and shared results are told apart by the sign of their points.

    def __init__(self, group: Group, item: Item, citation: str, fields: tuple[str, ...]) -> None:
        self.item = item
        self.group = group
        self.citation = citation
        self.fields = fields  # what the rule reads, or the field of the awarded points
        self.answers: dict[Any, _Memo] = {}  # value(s) read → shared result
        self.shared: dict[tuple[Outcome, Decimal | None, float], _Memo] = {}
        self.points = exact_or_none(item.points)  # the item's full points, exact
        self.worst = ZERO  # what a blank awarded score can be at least, within its bounds
        self.best = self.points or ZERO  # … and at most

    def alike(self, answer: Any) -> bool:
        """Whether every answer equal to ``answer`` has the same result, so that it may be
        remembered (see the class comment on zeros; a council's part mark, the last value a
        computed item with ``score_field`` reads, is a score)."""
        if self.item.kind == "awarded":
            return bool(answer != 0)
        return self.item.score_field is None or answer[-1] != 0

    def share(self, result: ItemResult) -> _Memo:
        """The one shared object equal to ``result``, numbered; unshared past the bound."""
        points = result.points
        key = (result.outcome, points, 1.0 if points is None else math.copysign(1.0, points))
        memo = self.shared.get(key)
        if memo is None:
            if len(self.shared) >= ITEM_MEMORY:
                return -1, result
            memo = self.shared[key] = (len(self.shared), result)
        return memo


@dataclass(frozen=True, slots=True)
class _Scenario:
    """Item points and met items, with not-assessable items set to their worst or best."""

    total: Decimal
    group_points: Mapping[str, Decimal]
    item_points: Mapping[str, Decimal]
    met: frozenset[str]


class Engine:
    """Evaluates applicants against one compiled criteria file."""

    def __init__(self, compiled: CompiledCriteria) -> None:
        self.compiled = compiled
        self.criteria = compiled.criteria
        self._items: list[tuple[Group, Item, str]] = [
            (group, item, item.citation.render()) for group, item in self.criteria.items()
        ]
        self._group_max = {
            g.id: sum((exact_or_none(i.points) or ZERO for i in g.items), ZERO)
            for g in self.criteria.groups
        }
        self._max_total = sum(self._group_max.values(), ZERO)
        self._marks = [_Marks.of(level) for level in self.criteria.verdict.levels]
        self._all_items = tuple(item.id for _, item in self.criteria.items())
        self._verdict_provisional = any(level.provisional for level in self.criteria.verdict.levels)
        self._identity = self.criteria.identity
        self._rule_fields = self.criteria.rule_fields()
        self._title = self.criteria.id
        self._plans: list[_ItemPlan] = []
        for group, item, citation in self._items:
            if item.kind == "computed":
                fields = compiled.rules[item.id].fields
                if item.score_field is not None:  # the council's part mark, when given
                    fields = (*fields, item.score_field)
            else:
                assert item.field is not None and item.points is not None
                fields = (item.field,)
            plan = _ItemPlan(group, item, citation, fields)
            if item.kind == "awarded":
                plan.worst, plan.best = _awarded_bounds(compiled, item)
            self._plans.append(plan)
        self._bounds = {p.item.id: (p.worst, p.best) for p in self._plans}
        self._fast = [
            (p.fields[0] if p.item.kind == "awarded" else None, p.fields, p.answers, p)
            for p in self._plans
        ]
        self._decisions: dict[tuple[int, ...], Decision] = {}
        self._parts: dict[str, object] = {}
        scores = GroupScores(compiled)
        self._scores = scores if scores.scored else None
        self._order = scores.order(self._all_items)

    def evaluate(self, records: Iterable[Record]) -> Iterator[ApplicantResult]:
        """Evaluate records, in order (all of them are read before the first result)."""
        yield from self.evaluate_many(RecordApplicants.of(list(records)))

    def evaluate_one(
        self, record: Record, rollups: tuple[RollupFigure, ...] = ()
    ) -> ApplicantResult:
        """Evaluate one applicant; ``rollups`` are its members' figures, if any."""
        applicants = RecordApplicants([record.values], [record.source])
        return self.evaluate_many(applicants, [rollups] if rollups else None)[0]

    def evaluate_many(
        self,
        applicants: Applicants,
        rollups: Sequence[tuple[RollupFigure, ...]] | None = None,
    ) -> ResultColumns:
        """Evaluate every applicant at once, column by column; ``rollups``: each one's
        members' figures, which take the place of its own values of those fields."""
        if rollups is not None and any(rollups):
            applicants = _with_figures(applicants, rollups)
        count = len(applicants)
        numbers: list[list[int]] = []
        shared: list[list[ItemResult]] = []
        for single, fields, answers, plan in self._fast:
            # An awarded item is remembered by its one value, a computed one by all it reads.
            keys: Sequence[Any]
            if single is not None:
                keys = applicants.column(single)
            elif fields:
                keys = list(zip(*map(applicants.column, fields), strict=True))
            else:
                keys = [()] * count
            memos = self._answers(plan, answers, keys, applicants)
            numbers.append(list(map(_number, memos)))
            shared.append(list(map(_shared, memos)))
        alone: set[int] = set()  # applicants whose decision is their own, not shared
        decisions = self._decisions_of(numbers, shared, count, alone)
        if self._scores is not None:  # a group given as one council score replaces its items
            self._apply_council(applicants, shared, decisions, alone)
        identity = self._identity
        column = applicants.column
        names = column(identity.name)
        return ResultColumns(
            self._title,
            self._max_total,
            ["" if v is MISSING else str(v) for v in column(identity.id)],
            [None if v is MISSING else v for v in names],
            [None if v is MISSING else v for v in column(identity.village)]
            if identity.village
            else [None] * count,
            decisions,
            applicants,
            rollups,
            frozenset(alone),
        )

    def _answers(
        self, plan: _ItemPlan, answers: dict[Any, _Memo], keys: Sequence[Any], rows: Applicants
    ) -> list[_Memo]:
        """Each applicant's shared result for one item: the column looked up in the item's
        memory, the answers it lacks decided once each and remembered when they may be,
        the column looked up again; what may not be remembered is decided row by row."""
        found = _look_up(answers, keys)
        if None not in found:
            return found  # type: ignore[return-value]  # no None left
        try:  # each distinct answer, and a row giving it
            giving = dict(zip(keys, range(len(keys)), strict=True))
        except TypeError:
            giving = {key: index for index, key in enumerate(keys) if _hashable(key)}
        beyond: dict[Any, _Memo] = {}  # answers decided here once the memory is full
        for key, index in giving.items():
            if key in answers or not plan.alike(key):
                continue  # remembered already, or decided row by row (see ``_ItemPlan``)
            memo = plan.share(self._item(plan.group, plan.item, plan.citation, rows.values(index)))
            if memo[0] >= 0:
                (answers if len(answers) < ITEM_MEMORY else beyond)[key] = memo
        found = _look_up(answers, keys)
        for index, known in enumerate(found):
            if known is None:
                key = keys[index]
                known = beyond.get(key) if beyond and _hashable(key) else None
            if known is None:  # its own result: a zero, or an answer that is not shared
                made = self._item(plan.group, plan.item, plan.citation, rows.values(index))
                known = plan.share(made)
            found[index] = known
        return found  # type: ignore[return-value]  # every None was replaced

    def _decisions_of(
        self,
        numbers: list[list[int]],
        shared: list[list[ItemResult]],
        count: int,
        alone: set[int],
    ) -> list[Decision]:
        """Each applicant's decision, looked up by its item results' numbers: each new
        combination decided once and remembered; one with an unshared item result (-1)
        is decided for its row alone."""
        keys: list[tuple[int, ...]] = list(zip(*numbers, strict=True)) if numbers else [()] * count
        memory = self._decisions
        found: list[Decision | None] = list(map(memory.get, keys))
        if None not in found:
            return found  # type: ignore[return-value]  # no None left
        for key, index in dict(zip(keys, range(count), strict=True)).items():
            if key not in memory and -1 not in key and len(memory) < DECISION_MEMORY:
                memory[key] = self._decide(tuple(column[index] for column in shared))
        found = list(map(memory.get, keys))
        for index, decision in enumerate(found):
            if decision is None:
                found[index] = self._decide(tuple(column[index] for column in shared))
                alone.add(index)
        return found  # type: ignore[return-value]  # every None was replaced

    def _apply_council(
        self,
        rows: Applicants,
        shared: list[list[ItemResult]],
        decisions: list[Decision],
        alone: set[int],
    ) -> None:
        """Decide afresh the applicants with a group given as one council score."""
        assert self._scores is not None
        scored: set[int] = set()
        for group in self._scores.scored:
            column = rows.column(group.field)
            scored.update(i for i, v in enumerate(column) if v is not MISSING and v is not None)
        for index in sorted(scored):
            items = [column[index] for column in shared]
            council = self._scores.apply(items, rows.values(index), rows.source(index).columns)
            if council is not None:
                decisions[index] = self._decide(tuple(council))
                alone.add(index)

    def _decide(self, items: tuple[ItemResult, ...]) -> Decision:
        """Verdict, level, points, reasons and near miss from the item results alone."""
        low = self._scenario(items, optimistic=False)
        high = self._scenario(items, optimistic=True)
        levels = self.criteria.verdict.levels
        reached_low = self._highest(low)
        reached_high = self._highest(high)
        missing = tuple(r.item_id for r in items if r.outcome is Outcome.not_assessable)
        reasons: list[Reason] = []
        if reached_low is not None:
            verdict = VerdictKind.passed
            if reached_high != reached_low and missing:
                assert reached_high is not None
                reasons.append(
                    Reason(ReasonCode.higher_level_possible, levels[reached_high].id, items=missing)
                )
        elif reached_high is not None:
            verdict = VerdictKind.incomplete
            reasons.append(Reason(ReasonCode.missing_data, levels[0].id, items=missing))
            reasons += self._shortfalls(levels[0], low, 0, frozenset(missing))
        else:
            verdict = VerdictKind.failed
            reasons += self._shortfalls(levels[0], low, 0, frozenset(missing))
        target = 0 if reached_low is None else reached_low + 1
        return Decision(
            items=items,
            verdict=verdict,
            level=levels[reached_low].id if reached_low is not None else None,
            total=low.total,
            groups=self._same(
                tuple(GroupScore(g, low.group_points[g], m) for g, m in self._group_max.items())
            ),
            reasons=self._same(tuple(reasons)),
            near_miss=self._same(
                self._near_miss(levels[target], low, items) if target < len(levels) else None
            ),
            provisional=self._verdict_provisional or any(r.provisional for r in items),
        )

    def _same(self, made: _Part) -> _Part:
        """One shared object for equal group scores, reasons or near misses.

        Told apart by ``repr``, which keeps what equality forgets (-0.0 and 0.0, 1 and 1.0).
        """
        key = repr(made)
        found = self._parts.get(key)
        if found is not None:
            return cast(_Part, found)
        if len(self._parts) < DECISION_MEMORY:
            self._parts[key] = made
        return made

    def _item(
        self, group: Group, item: Item, citation: str, values: Mapping[str, Any]
    ) -> ItemResult:
        full = exact_or_none(item.points)
        points: Decimal | None
        mark = values.get(item.score_field) if item.score_field else None
        if mark is not None:  # a council's part mark replaces the rule's all or nothing
            assert full is not None and item.score_field is not None
            points = min(exact_points(mark), full)
            fields = (*self.compiled.rules[item.id].fields, item.score_field)
            outcome = _outcome(points, full)
        elif item.kind == "computed":
            rule = self.compiled.rules[item.id]
            decided = rule.run(values)
            if decided is MISSING:  # blank cells: decided if every possible value agrees
                decided = by_completion(rule, values, self.criteria, self._rule_fields)
            fields = rule.fields
            if decided is MISSING:
                outcome, points = Outcome.not_assessable, None
            elif decided:
                outcome, points = Outcome.met, full
            else:
                outcome, points = Outcome.not_met, (None if full is None else ZERO)
        else:
            assert item.field is not None and full is not None
            fields = (item.field,)
            awarded = values.get(item.field)
            if awarded is None:
                outcome, points = Outcome.not_assessable, None
            else:
                points = exact_points(awarded)
                outcome = _outcome(points, full)
        return ItemResult(
            item.id, group.id, outcome, points, full, fields, citation, item.provisional
        )

    def _scenario(self, items: tuple[ItemResult, ...], *, optimistic: bool) -> _Scenario:
        """Points and met items with every not-assessable item at its worst (or best).

        The worst is the item's lowest score within its field's bounds (0 for a rule), and
        it is scored: a level's floor on items or groups sees it, as it sees any other.
        """
        group_points = dict.fromkeys(self._group_max, ZERO)
        item_points: dict[str, Decimal] = {}
        met: set[str] = set()
        for result in items:
            if result.outcome is Outcome.not_assessable:
                worst, best = self._bounds[result.item_id]
                points = best if optimistic else worst
                if result.max_points is None or points >= result.max_points:
                    if optimistic:
                        met.add(result.item_id)
            else:
                points = result.points or ZERO
                if result.outcome is Outcome.met:
                    met.add(result.item_id)
            group_points[result.group_id] += points
            item_points[result.item_id] = points
        return _Scenario(
            sum(group_points.values(), ZERO), group_points, item_points, frozenset(met)
        )

    def _highest(self, scenario: _Scenario) -> int | None:
        reached = None
        for index, level in enumerate(self.criteria.verdict.levels):
            if not self._shortfalls(level, scenario, index):
                reached = index
        return reached

    def _shortfalls(
        self,
        level: Level,
        scenario: _Scenario,
        index: int | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> list[Reason]:
        """What ``scenario`` lacks for ``level``; ``skip``: items whose floor is not reported
        (missing ones, already named by the missing-data reason)."""
        marks = self._marks[self.criteria.verdict.levels.index(level) if index is None else index]
        reasons = []
        if marks.total is not None and scenario.total < marks.total:
            reasons.append(
                Reason(ReasonCode.total_below, level.id, None, scenario.total, marks.total)
            )
        if marks.group is not None:
            for group_id, points in scenario.group_points.items():
                if points < marks.group:
                    reasons.append(
                        Reason(ReasonCode.group_below, level.id, group_id, points, marks.group)
                    )
        if marks.item is not None:
            for item_id, points in scenario.item_points.items():
                if points < marks.item and item_id not in skip:
                    reasons.append(
                        Reason(ReasonCode.item_below, level.id, item_id, points, marks.item)
                    )
        required = self._all_items if level.required_items == "all" else level.required_items
        for item_id in required:
            if item_id not in scenario.met:
                reasons.append(Reason(ReasonCode.item_required, level.id, item_id))
        return reasons

    def _near_miss(self, level: Level, low: _Scenario, items: tuple[ItemResult, ...]) -> NearMiss:
        """Points missing for ``level`` and the fewest unmet items whose points would close it."""
        marks = self._marks[self.criteria.verdict.levels.index(level)]
        gap = max(ZERO, (marks.total or ZERO) - low.total)
        chosen: list[str] = []
        missing = frozenset(r.item_id for r in items if r.outcome is Outcome.not_assessable)
        for reason in self._shortfalls(level, low, skip=missing):
            if reason.code in (ReasonCode.item_required, ReasonCode.item_below) and reason.subject:
                chosen.append(reason.subject)
            elif reason.code is ReasonCode.group_below:
                chosen += [
                    r.item_id for r in items if r.group_id == reason.subject and _room(r) > 0
                ]
        # Missing evidence comes first: it must be supplied before anything can be decided.
        chosen += [r.item_id for r in items if r.outcome is Outcome.not_assessable]
        covered = sum((_room(r) for r in items if r.item_id in set(chosen)), ZERO)
        spare = sorted((r for r in items if r.item_id not in chosen and _room(r) > 0), key=_room)
        while covered < gap and spare:
            # Fewest items: one that alone closes the rest (the smallest such), else the largest.
            remaining = gap - covered
            pick = next((r for r in spare if _room(r) >= remaining), spare[-1])
            spare.remove(pick)
            chosen.append(pick.item_id)
            covered += _room(pick)
        order = self._order
        return NearMiss(level.id, gap, tuple(sorted(set(chosen), key=order.__getitem__)))


@dataclass(frozen=True, slots=True)
class _Marks:
    """A level's thresholds as exact decimals."""

    total: Decimal | None
    group: Decimal | None
    item: Decimal | None

    @classmethod
    def of(cls, level: Level) -> _Marks:
        return cls(
            exact_or_none(level.min_total),
            exact_or_none(level.min_group_points),
            exact_or_none(level.min_item_points),
        )


def _awarded_bounds(compiled: CompiledCriteria, item: Item) -> tuple[Decimal, Decimal]:
    """The lowest and highest score a blank awarded item can be given: its field's bounds,
    clipped to 0 and the item's points."""
    assert item.field is not None
    full = exact_or_none(item.points) or ZERO
    field = compiled.criteria.field(item.field)
    low = max(ZERO, exact_or_none(field.min) or ZERO)
    high = full if field.max is None else min(full, exact_or_none(field.max) or ZERO)
    return min(low, full), max(high, min(low, full))


def exact_points(value: Any) -> Decimal:
    """Points as read (int, Decimal, or a caller's float) as their exact decimal."""
    points = exact(value)
    return points if isinstance(points, Decimal) else Decimal(points)


def _outcome(points: Decimal, full: Decimal) -> Outcome:
    """Met at full points, not met at none, partial between."""
    return Outcome.met if points >= full else Outcome.not_met if points <= 0 else Outcome.partial


def _room(result: ItemResult) -> Decimal:
    """Points an item could still add."""
    return (result.max_points or ZERO) - (result.points or ZERO)


_number = itemgetter(0)
_shared = itemgetter(1)


def _hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


def _look_up(answers: dict[Any, _Memo], keys: Sequence[Any]) -> list[_Memo | None]:
    """The remembered result of each key; None for one not remembered (or unhashable)."""
    try:
        return list(map(answers.get, keys))
    except TypeError:  # a value that cannot be remembered: the column one key at a time
        return [answers.get(key) if _hashable(key) else None for key in keys]


def _with_figures(
    applicants: Applicants, rollups: Sequence[tuple[RollupFigure, ...]]
) -> RecordApplicants:
    """The applicants with their members' figures in place of their own values of those
    fields (a figure that cannot be computed leaves the value read)."""
    values = [
        {**applicants.values(i), **{r.field: r.value for r in figures if r.value is not None}}
        if figures
        else applicants.values(i)
        for i, figures in enumerate(rollups)
    ]
    return RecordApplicants(values, [applicants.source(i) for i in range(len(applicants))])


def evaluate(compiled: CompiledCriteria, records: Iterable[Record]) -> list[ApplicantResult]:
    """Evaluate every record against ``compiled``."""
    return list(Engine(compiled).evaluate(records))
