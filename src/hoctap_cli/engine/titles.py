"""Evaluating several titles at once, bottom-up, so roll-ups are never counted by hand.

A title that counts another title's verdicts (a clan counts its households' Gia đình
học tập) is evaluated after it. Links between levels are checked on the way: a member
pointing at an unknown parent, the same applicant listed twice, a parent with no members.
Pure: records and criteria in, results and problems out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.cycles import describe_cycle, find_cycle
from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.criteria.loader import CriteriaError, CriteriaProblem
from hoctap_cli.criteria.model import IncompleteMembers, Recognition, Rollup, RollupMeasure
from hoctap_cli.engine.columns import RecordApplicants, ResultColumns
from hoctap_cli.engine.evaluate import Engine
from hoctap_cli.engine.results import ApplicantResult, Outcome, RollupFigure, VerdictKind
from hoctap_cli.engine.waiting import enforce_waits
from hoctap_cli.errors import CriteriaCode
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.record import Record, SourceRow
from hoctap_cli.records.record_columns import RecordColumns


def link_key(value: Any) -> str | None:
    """How ids are compared across levels: trimmed, case-insensitive, diacritics kept."""
    if value is None:
        return None
    text = str(value).strip().casefold()
    return text or None


def evaluation_order(titles: Mapping[str, CompiledCriteria]) -> list[str]:
    """Titles ordered so that every title comes after the titles it counts.

    Raises ``CriteriaError`` naming the chain when roll-ups count each other in a circle.
    """
    counts = {t: [r.title for r in c.criteria.rollups] for t, c in titles.items()}
    for title in sorted(titles):
        chain = find_cycle(counts, title)
        if chain is not None:
            names = {t: c.criteria.title for t, c in titles.items()}
            detail = {"detail": describe_cycle(chain, names), "titles": chain}
            problem = CriteriaProblem("rollups", None, CriteriaCode.rollup_cycle, detail)
            raise CriteriaError(titles[title].source, [problem])
    order: list[str] = []
    placed: set[str] = set()

    def visit(title: str) -> None:
        if title in placed or title not in titles:
            return
        placed.add(title)
        for rollup in titles[title].criteria.rollups:
            visit(rollup.title)
        order.append(title)

    for title in sorted(titles):
        visit(title)
    return order


@dataclass
class TitlesOutcome:
    """Results per title in evaluation order, and the link problems found."""

    order: list[str]
    results: dict[str, Sequence[ApplicantResult]]
    problems: list[Problem] = field(default_factory=list)
    # (file, row, link field) of the broken links reported: each once, found in O(1)
    broken: set[tuple[str, int | None, str]] = field(default_factory=set)


def evaluate_titles(
    batches: Mapping[str, Sequence[Record]],
    criteria: Mapping[str, CompiledCriteria],
    year: int,
    as_of: dt.date | None = None,
) -> TitlesOutcome:
    """Evaluate every title of ``batches`` bottom-up; ``year`` is the assessment year and
    ``as_of`` (31 December of it by default) the day a level's waiting time is counted to."""
    outcome = TitlesOutcome(evaluation_order(criteria), {})
    _evaluate_all(batches, criteria, year, outcome)
    day = as_of or dt.date(year, 12, 31)
    for title in outcome.order:
        kept, waited = enforce_waits(outcome.results[title], criteria[title].criteria, day)
        outcome.results[title] = kept
        outcome.problems += waited
    return outcome


def _evaluate_all(
    batches: Mapping[str, Sequence[Record]],
    criteria: Mapping[str, CompiledCriteria],
    year: int,
    outcome: TitlesOutcome,
) -> None:
    for title in outcome.order:
        records = _unique(batches.get(title, ()), criteria[title], outcome.problems)
        engine = Engine(criteria[title])
        applicants = RecordApplicants.of(records)
        if not criteria[title].criteria.rollups:  # nothing counted from members: no links
            outcome.results[title] = engine.evaluate_many(applicants)
            continue
        identity, rollups = criteria[title].criteria.identity.id, criteria[title].criteria.rollups
        keys = [link_key(None if v is MISSING else v) for v in applicants.column(identity)]
        parent_ids = set(keys)
        members = {
            rollup.id: _members(rollup, outcome, criteria, parent_ids, year) for rollup in rollups
        }
        lacking = lacking_links(rollups, criteria, outcome.results)
        figures = [tuple(_figure(r, members[r.id], key) for r in rollups) for key in keys]
        results = engine.evaluate_many(applicants, figures)
        for index, own in enumerate(figures):
            if any(figure.available and figure.members == 0 for figure in own):
                record, result = records[index], results[index]
                _report_empty(record, result, criteria, title, outcome.problems, lacking)
        outcome.results[title] = results


def _unique(
    records: Sequence[Record], compiled: CompiledCriteria, problems: list[Problem]
) -> Sequence[Record]:
    """Keep the first record of each applicant id across all files and sheets."""
    id_field = compiled.criteria.identity.id
    if isinstance(records, RecordColumns):  # ids all different: the columns as they are
        ids = records.column(id_field)
        if len({link_key(None if i is MISSING else i) for i in ids}) == len(ids):
            return records
    first: dict[str | None, Record] = {}
    kept = []
    for record in records:
        key = link_key(record.values.get(id_field))
        if key in first and _both_generated(first[key].source, record.source):
            key = _renamed(record, id_field, first)  # no household of another file repeats it
        if key in first:
            seen = first[key].source
            where = (
                seen.row if seen.file == record.source.file else f"{seen.row} của tệp {seen.file}"
            )
            name = str(record.values.get(compiled.criteria.identity.name) or "")
            problems.append(
                _problem(ProblemCode.duplicate_id, record, id_field, first_row=where, name=name)
            )
            continue
        first[key] = record
        kept.append(record)
    return kept


def _both_generated(seen: SourceRow, here: SourceRow) -> bool:
    """Two ids made from STT columns of different files: alike only by chance of naming."""
    return seen.generated_id and here.generated_id and seen.file != here.file


def _renamed(record: Record, id_field: str, first: Mapping[str | None, Record]) -> str | None:
    """The record's generated id with its file named in full, kept unique in ``first``."""
    base = f"{record.values[id_field]} ({record.source.file})"
    made, count = base, 1
    while link_key(made) in first:
        count += 1
        made = f"{base} {count}"
    record.values[id_field] = made
    return link_key(made)


@dataclass
class _Member:
    id: str
    held: bool
    incomplete: bool
    by_prior: bool


@dataclass
class _MemberIndex:
    available: bool
    by_parent: dict[str | None, list[_Member]] = field(default_factory=lambda: defaultdict(list))
    rollup: Rollup | None = None


def _members(
    rollup: Rollup,
    outcome: TitlesOutcome,
    criteria: Mapping[str, CompiledCriteria],
    parent_ids: set[str | None],
    year: int,
) -> _MemberIndex:
    if rollup.title not in outcome.results:
        return _MemberIndex(available=False, rollup=rollup)
    index = _MemberIndex(available=True, rollup=rollup)
    recognition = criteria[rollup.title].criteria.recognition
    results = outcome.results[rollup.title]
    for number, member_id, link, prior, verdict in _member_rows(results, rollup, recognition):
        key = link_key(link if rollup.link else member_id)
        if rollup.link and key is not None and key not in parent_ids:
            _report_broken_link(results[number], rollup, criteria, outcome)
            continue
        still_valid = isinstance(prior, int) and recognition.still_valid(prior, year)
        passed = verdict is VerdictKind.passed
        held = passed or still_valid
        incomplete = verdict is VerdictKind.incomplete and not held
        index.by_parent[key].append(_Member(member_id, held, incomplete, held and not passed))
    return index


def _member_rows(
    results: Sequence[ApplicantResult], rollup: Rollup, recognition: Recognition
) -> Iterator[tuple[int, str, Any, Any, VerdictKind]]:
    """(position, id, link, prior year, verdict) of each member: read from the columns
    when the results are columns, so that no result is made for it."""
    if isinstance(results, ResultColumns):
        applicants, count = results.applicants, len(results)
        none = [None] * count
        links = applicants.column(rollup.link) if rollup.link else none
        priors = applicants.column(recognition.prior_field) if recognition.prior_field else none
        verdicts = (decision.verdict for decision in results.decisions)
        rows = zip(range(count), results.ids, links, priors, verdicts, strict=True)
        for number, member_id, link, prior, verdict in rows:
            yield (
                number,
                member_id,
                None if link is MISSING else link,
                None if prior is MISSING else prior,
                verdict,
            )
        return
    for number, result in enumerate(results):
        values = result.values
        link = values.get(rollup.link) if rollup.link else None
        prior = values.get(recognition.prior_field) if recognition.prior_field else None
        yield number, result.id, link, prior, result.verdict


def _figure(rollup: Rollup, index: _MemberIndex, parent: str | None) -> RollupFigure:
    members = index.by_parent.get(parent, []) if index.available else []
    excluded = rollup.incomplete is IncompleteMembers.exclude
    counted = [m for m in members if not (excluded and m.incomplete)]
    held = [m for m in counted if m.held]
    value = _measure(rollup.measure, len(held), len(counted)) if index.available else None
    return RollupFigure(
        field=rollup.id,
        title=rollup.title,
        measure=rollup.measure.value,
        policy=rollup.incomplete.value,
        available=index.available,
        members=len(members),
        counted=len(counted),
        held=len(held),
        held_ids=tuple(m.id for m in held),
        by_prior=tuple(m.id for m in held if m.by_prior),
        not_held=tuple(m.id for m in counted if not m.held),
        incomplete=tuple(m.id for m in members if m.incomplete),
        value=value,
    )


def _measure(measure: RollupMeasure, held: int, counted: int) -> Fraction | int | bool | None:
    if measure is RollupMeasure.held_count:
        return held
    if measure is RollupMeasure.member_count:
        return counted
    if measure is RollupMeasure.any_held:
        return held > 0
    if counted == 0:
        return None  # a share or "all" of nobody is not a figure
    if measure is RollupMeasure.all_held:
        return held == counted
    return Fraction(100 * held, counted)  # exact: 7 of 10 is 70, and meets ">= 70"


def _report_broken_link(
    result: ApplicantResult,
    rollup: Rollup,
    criteria: Mapping[str, CompiledCriteria],
    outcome: TitlesOutcome,
) -> None:
    """Report a member pointing at no parent, once per row and link field (two roll-ups
    over the same link find it twice)."""
    assert rollup.link is not None
    member_criteria = criteria[rollup.title].criteria
    code = ProblemCode.broken_link
    seen = (result.source.file, result.source.row, rollup.link)
    if seen in outcome.broken:
        return
    outcome.broken.add(seen)
    parent_title = next(
        (
            c.criteria.title
            for c in criteria.values()
            if any(r is rollup for r in c.criteria.rollups)
        ),
        "",
    )
    outcome.problems.append(
        Problem(
            code,
            result.source.file,
            result.source.sheet,
            result.source.row,
            result.source.columns.get(rollup.link),
            rollup.link,
            str(result.values.get(rollup.link)),
            {"label": member_criteria.field(rollup.link).label, "parent": parent_title},
        )
    )


def _report_empty(
    record: Record,
    result: ApplicantResult,
    criteria: Mapping[str, CompiledCriteria],
    title: str,
    problems: list[Problem],
    lacking: Mapping[str, str] | None = None,
) -> None:
    """A parent that links members but has none (a clan with no households), or an applicant
    proposed under a title that counts its own other title but has no record there;
    ``lacking`` says, per roll-up, which link column the members' sheets lack.

    An error only when the missing members leave an item undecided; when the rule itself
    allows "no members" (a village without clans meets that item), a notice."""
    compiled = criteria[title]
    empty = [f for f in result.rollups if f.available and f.members == 0]
    if not empty:
        return
    undecided = {
        field
        for item in result.items
        if item.outcome is Outcome.not_assessable
        for field in item.fields
    }
    blocking = [f for f in empty if f.field in undecided]
    figure = (blocking or empty)[0]
    members = criteria[figure.title].criteria.title
    identity = compiled.criteria.identity.id
    if blocking:
        hint = (lacking or {}).get(figure.field, "")
        problems.append(
            _problem(ProblemCode.no_members, record, identity, members=members, hint=hint)
        )
    else:
        problems.append(_problem(ProblemCode.no_members_allowed, record, identity, members=members))


def lacking_links(
    rollups: Sequence[Rollup],
    criteria: Mapping[str, CompiledCriteria],
    results: Mapping[str, Sequence[ApplicantResult]],
) -> dict[str, str]:
    """Per roll-up, the words saying the members' sheets have no link column at all (a
    household list without 'Mã dòng họ'): why every parent finds no members."""
    found = {}
    for rollup in rollups:
        members = results.get(rollup.title, ())
        if rollup.link is None or not members:
            continue
        if any(rollup.link in member.source.columns for member in members):
            continue  # the links are there, only not to this parent
        sheets = sorted({m.source.sheet or m.source.file for m in members})
        label = criteria[rollup.title].criteria.field(rollup.link).label
        named = ", ".join(f"'{sheet}'" for sheet in sheets)
        found[rollup.id] = f": trang {named} không có cột '{label}' để nối hồ sơ"
    return found


def _problem(code: ProblemCode, record: Record, field_id: str, **params: Any) -> Problem:
    value = record.values.get(field_id)
    return Problem(
        code,
        record.source.file,
        record.source.sheet,
        record.source.row,
        record.source.columns.get(field_id),
        field_id,
        None if value is None else str(value),
        params,
    )
