"""Whose verdict changes between two criteria versions, and because of which items.

Pure: two evaluations of the same inputs in, the changes out. Applicants are matched by
title and id; an applicant counts as changed when its verdict or its level differs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.exact import plain
from hoctap_cli.workflow.run import Evaluation


@dataclass(frozen=True)
class VerdictChange:
    """One applicant whose decision differs."""

    title: str
    id: str
    name: str | None
    village: str | None
    old_verdict: str | None  # None when the applicant is only in the new run
    new_verdict: str | None
    old_level: str | None
    new_level: str | None
    old_total: Decimal | None
    new_total: Decimal | None
    items: tuple[str, ...]  # items whose outcome or points differ

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "id": self.id,
            "name": self.name,
            "village": self.village,
            "old": {
                "verdict": self.old_verdict,
                "level": self.old_level,
                "total": plain(self.old_total),
            },
            "new": {
                "verdict": self.new_verdict,
                "level": self.new_level,
                "total": plain(self.new_total),
            },
            "items": list(self.items),
        }


@dataclass(frozen=True)
class Impact:
    """Every change, with counts per village and title."""

    changes: tuple[VerdictChange, ...]
    compared: int

    def counts(self) -> list[dict[str, Any]]:
        """Changes per (title, village), in order of first appearance."""
        tally = Counter((c.title, c.village or "") for c in self.changes)
        return [{"title": t, "village": v, "changes": n} for (t, v), n in tally.items()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "compared": self.compared,
            "changed": len(self.changes),
            "counts": self.counts(),
            "changes": [change.to_dict() for change in self.changes],
        }


def verdict_impact(old: Evaluation, new: Evaluation) -> Impact:
    """Compare two runs over the same inputs."""
    before = _index(old)
    after = _index(new)
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        change = _change(key, before.get(key), after.get(key))
        if change is not None:
            changes.append(change)
    return Impact(tuple(changes), len(before.keys() | after.keys()))


def _index(evaluation: Evaluation) -> dict[tuple[str, str], ApplicantResult]:
    return {(r.title, r.id): r for r in evaluation.results}


def _change(
    key: tuple[str, str], old: ApplicantResult | None, new: ApplicantResult | None
) -> VerdictChange | None:
    if old is not None and new is not None:
        if (old.verdict, old.level) == (new.verdict, new.level):
            return None
    either = old or new
    assert either is not None
    return VerdictChange(
        title=key[0],
        id=key[1],
        name=either.name,
        village=either.village,
        old_verdict=old.verdict.value if old else None,
        new_verdict=new.verdict.value if new else None,
        old_level=old.level if old else None,
        new_level=new.level if new else None,
        old_total=old.total if old else None,
        new_total=new.total if new else None,
        items=_responsible(old, new),
    )


def _responsible(old: ApplicantResult | None, new: ApplicantResult | None) -> tuple[str, ...]:
    """Items added, removed, or scored differently between the two runs."""
    before = {i.item_id: (i.outcome, i.points, i.max_points) for i in (old.items if old else ())}
    after = {i.item_id: (i.outcome, i.points, i.max_points) for i in (new.items if new else ())}
    ids = [*before, *(i for i in after if i not in before)]
    return tuple(i for i in ids if before.get(i) != after.get(i))
