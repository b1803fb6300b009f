"""Groups given as one council score ("điểm do hội đồng chấm") instead of their items.

Most communes keep score-only lists: the council has already scored each criterion
("Điểm TC 1 … 4") and the items behind it were never typed in. A group whose criteria
file names a ``score_field`` is then awarded from that one value: when the row has it and
has none of the group's item columns (or every item of the group is blank for that row),
the group's item results are replaced by one result for the whole group, marked
``by_council``, bounded by the group's points. A row with both is scored from its items;
``mismatches`` tells the caller where the two disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any

from hoctap_cli.criteria.loader import CompiledCriteria
from hoctap_cli.criteria.score_fields import ScoredGroup, scored_groups
from hoctap_cli.engine.results import ItemResult, Outcome
from hoctap_cli.exact import ZERO, exact


class GroupScores:
    """The groups of one criteria file that may be given as one score."""

    def __init__(self, compiled: CompiledCriteria) -> None:
        self.scored, self.unscored = scored_groups(compiled)

    def order(self, item_order: Sequence[str]) -> dict[str, int]:
        """Positions of items and of council-scored groups (at their first item)."""
        order = {item_id: index for index, item_id in enumerate(item_order)}
        for scored in self.scored:
            order[scored.group.id] = order[scored.group.items[0].id]
        return order

    def apply(
        self, items: Sequence[ItemResult], values: Mapping[str, Any], columns: Collection[str]
    ) -> list[ItemResult] | None:
        """``items`` with each group given as a score replaced by its one result; None when
        no group is (the common case, so the caller keeps its shared results)."""
        replaced: list[ItemResult] | None = None
        for scored in self.scored:
            score = values.get(scored.field)
            if score is None:
                continue
            own = [item for item in items if item.group_id == scored.group.id]
            # The items were given (a column of the sheet, or a value of a caller's record):
            # then they decide, and the score may only be compared with them.
            typed = any(name in columns or name in values for name in scored.reads)
            if typed and any(item.outcome is not Outcome.not_assessable for item in own):
                continue  # scored from its items; see ``mismatches``
            current = list(items) if replaced is None else replaced
            at = current.index(own[0])
            kept = [item for item in current if item.group_id != scored.group.id]
            kept.insert(at, self._result(scored, _decimal(score)))
            replaced = kept
        return replaced

    def _result(self, scored: ScoredGroup, score: Decimal) -> ItemResult:
        points = min(score, scored.points)  # above the bound: reported by ``too_high``
        outcome = (
            Outcome.met
            if points >= scored.points
            else Outcome.not_met
            if points <= 0
            else Outcome.partial
        )
        group_id = scored.group.id
        fields = (scored.field,)
        return ItemResult(
            group_id,
            group_id,
            outcome,
            points,
            scored.points,
            fields,
            scored.citation,
            scored.provisional,
            by_council=True,
        )

    def too_high(self, values: Mapping[str, Any]) -> list[tuple[str, Decimal, Decimal]]:
        """(score field, council score, group's points) where a score exceeds its bound."""
        found = []
        for scored in self.scored:
            score = values.get(scored.field)
            if score is not None and _decimal(score) > scored.points:
                found.append((scored.field, _decimal(score), scored.points))
        return found

    def mismatches(
        self, items: Sequence[ItemResult], values: Mapping[str, Any]
    ) -> list[tuple[str, str, Decimal, Decimal]]:
        """(group id, score field, council score, items' sum) where a row gives both and
        they differ; a group with an item not assessable is not compared."""
        found = []
        for scored in self.scored:
            score = values.get(scored.field)
            own = [item for item in items if item.group_id == scored.group.id]
            if score is None or any(i.by_council or i.points is None for i in own):
                continue
            if any(item.outcome is Outcome.not_assessable for item in own):
                continue
            computed = sum((item.points or ZERO for item in own), ZERO)
            if computed != _decimal(score):  # exact: 7.3 + 2.7 is 10
                found.append((scored.group.id, scored.field, _decimal(score), computed))
        return found


def _decimal(score: Any) -> Decimal:
    """A council score as read (int, Decimal, or a caller's float) as its exact decimal."""
    value = exact(score)
    return value if isinstance(value, Decimal) else Decimal(value)
