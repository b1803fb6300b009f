"""Which fields a criteria file lets a council give as a score instead of the facts.

Two ways: a group with a ``score_field`` may be given as one score for the whole
criterion ("Điểm TC 1"), and an "up to" computed item with a ``score_field`` may be given
a part mark ("Điểm 2.1"). Both are facts about the criteria alone: the readers ask which
columns a table may then leave out, the engine scores from them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from decimal import Decimal

from hoctap_cli.criteria.loader import CompiledCriteria
from hoctap_cli.criteria.model import Group, Item
from hoctap_cli.exact import ZERO, exact_or_none


@dataclass(frozen=True)
class ScoredGroup:
    """A group that may be given as one council score."""

    group: Group
    field: str  # the field of the council's score
    points: Decimal  # the group's points: the score's bound (exact, as every point)
    reads: frozenset[str]  # every field the group's items read
    citation: str
    provisional: bool


def scored_groups(compiled: CompiledCriteria) -> tuple[list[ScoredGroup], set[str]]:
    """The groups that may be given as one score, and every field read by the groups
    that may not (those fields stay needed whatever score columns a table has)."""
    scored: list[ScoredGroup] = []
    unscored: set[str] = set()
    for group in compiled.criteria.groups:
        reads: set[str] = set()
        for item in group.items:
            reads |= _item_reads(compiled, item)
            reads |= {item.score_field} if item.score_field else set()
        if group.score_field is None:
            unscored |= reads
            continue
        citation = (group.citation or group.items[0].citation).render()
        provisional = any(item.provisional for item in group.items)
        points = sum((exact_or_none(item.points) or ZERO for item in group.items), ZERO)
        scored.append(
            ScoredGroup(group, group.score_field, points, frozenset(reads), citation, provisional)
        )
    return scored, unscored


def council_covered(compiled: CompiledCriteria, columns: Collection[str]) -> set[str]:
    """Fields a table need not have because it gives their groups as one score: read
    only by groups whose score column is among ``columns``."""
    scored, unscored = scored_groups(compiled)
    given = [s for s in scored if s.field in columns]
    needed = set().union(*(s.reads for s in scored if s not in given))
    needed |= unscored
    return set().union(*(s.reads for s in given)) - needed


def marked_items(compiled: CompiledCriteria) -> Iterator[Item]:
    """The computed items of ``compiled`` that may be given a council's part mark."""
    for _, item in compiled.criteria.items():
        if item.kind == "computed" and item.score_field is not None:
            yield item


def part_mark_covered(compiled: CompiledCriteria, columns: Collection[str]) -> set[str]:
    """Fields a table need not have because it gives the part marks of every item reading
    them (a list the council scored item by item may leave out the yes/no columns)."""
    given: set[str] = set()
    needed: set[str] = set()
    for _, item in compiled.criteria.items():
        reads = _item_reads(compiled, item)
        if item.score_field is not None and item.score_field in columns:
            given |= reads
        else:
            needed |= reads
    return given - needed


def _item_reads(compiled: CompiledCriteria, item: Item) -> set[str]:
    reads = set(compiled.rules[item.id].fields) if item.kind == "computed" else set()
    return reads | ({item.field} if item.field else set())
