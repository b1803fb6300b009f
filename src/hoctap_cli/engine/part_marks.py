"""Part marks a council gives to an "up to" computed item (``Item.score_field``).

A computed item gives all of its points when its rule holds and none when it does not.
Where the document says "up to" (tối đa), the council may give part of them: the item's
``score_field`` holds that mark, and when a row gives it the engine scores the item from
it (``engine/evaluate.py``). A blank mark leaves the rule to decide, as before. Giving a
mark above zero while the row also says the rule does not hold is a contradiction the
council must resolve: ``contradictions`` finds it, the mark still counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.criteria.loader import CompiledCriteria
from hoctap_cli.criteria.model import Item
from hoctap_cli.criteria.score_fields import marked_items
from hoctap_cli.exact import ZERO, exact


def contradictions(
    compiled: CompiledCriteria, values: Mapping[str, Any]
) -> list[tuple[Item, Decimal]]:
    """(item, mark) where a row gives a mark above 0 and its rule, read on the same row,
    does not hold. A rule that cannot be decided (blank cells) contradicts nothing."""
    found = []
    for item in marked_items(compiled):
        assert item.score_field is not None
        mark = values.get(item.score_field)
        if mark is None:
            continue
        points = exact(mark)
        if Decimal(points) <= ZERO:
            continue
        decided = compiled.rules[item.id].run(values)
        if decided is not MISSING and not decided:
            found.append((item, Decimal(points)))
    return found
