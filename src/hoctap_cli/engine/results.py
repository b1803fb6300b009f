"""What the engine returns: plain frozen data, dumped to JSON by ``to_dict``.

Dataclasses rather than pydantic models: a province run builds millions of item
results, and these cost a fraction of a validated model each.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from hoctap_cli.records.record import SourceRow


class Outcome(StrEnum):
    """What one criterion came to for one applicant."""

    met = "met"
    not_met = "not_met"
    partial = "partial"  # awarded items scored above 0 but below the maximum
    not_assessable = "not_assessable"


class VerdictKind(StrEnum):
    """The decision for one applicant."""

    passed = "pass"
    failed = "fail"
    incomplete = "incomplete"


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One criterion for one applicant."""

    item_id: str
    group_id: str
    outcome: Outcome
    points: Decimal | None  # None for indicator-style criteria and for not-assessable items
    max_points: Decimal | None
    fields: tuple[str, ...]  # the input fields the rule read
    citation: str
    provisional: bool
    by_council: bool = False  # a whole group given as one council score (engine/group_scores)


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Points of one criteria group."""

    group_id: str
    points: Decimal
    max_points: Decimal


class ReasonCode(StrEnum):
    """Why an applicant did not reach a level (or could not be decided)."""

    total_below = "total_below"
    group_below = "group_below"
    item_below = "item_below"
    item_required = "item_required"
    missing_data = "missing_data"
    higher_level_possible = "higher_level_possible"


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason, with the figures behind it."""

    code: ReasonCode
    level: str
    subject: str | None = None  # a group or item id, or None for the total
    actual: Decimal | None = None
    required: Decimal | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NearMiss:
    """How far an applicant is from the next level, and what would close the gap."""

    level: str
    points_missing: Decimal
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RollupFigure:
    """A figure counted from members' verdicts, with the members behind it."""

    field: str
    title: str  # the members' title
    measure: str
    policy: str  # how incomplete members were counted
    available: bool  # False when the members' title was not part of the run
    members: int  # linked members
    counted: int  # members in the denominator (after the incomplete policy)
    held: int  # counted members holding the title
    held_ids: tuple[str, ...]  # ids of counted members holding it
    by_prior: tuple[str, ...]  # of those, held only through an earlier, still valid decision
    not_held: tuple[str, ...]  # ids of counted members not holding it
    incomplete: tuple[str, ...]  # ids of members whose verdict was incomplete
    value: Fraction | int | bool | None  # a share is an exact ratio; None: cannot be computed


@dataclass(frozen=True, slots=True)
class ApplicantResult:
    """Everything decided about one applicant."""

    id: str
    name: str | None
    village: str | None
    title: str
    verdict: VerdictKind
    level: str | None
    total: Decimal  # exact; see hoctap_cli.exact
    max_total: Decimal
    groups: tuple[GroupScore, ...]
    items: tuple[ItemResult, ...]
    reasons: tuple[Reason, ...]
    near_miss: NearMiss | None
    provisional: bool
    source: SourceRow
    values: dict[str, Any]  # the record as read, shared by the item results
    rollups: tuple[RollupFigure, ...] = ()
