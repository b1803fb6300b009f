"""Applicants and their results held as columns: one list per field, one entry per applicant.

A province's title has hundreds of thousands of applicants but few distinct answers, and
the engine decides each distinct answer once (``evaluate``). Its input is therefore a
table of columns (``Applicants``) and its output one shared decision per applicant
(``ResultColumns``): the verdict, points, reasons and near miss live in the decision, the
applicant's own id, name, village and source beside it. Nothing is built per applicant
that many applicants share, and an ``ApplicantResult`` is made only when a reader asks
for one; writers that know the columns (the JSON document) write from them directly.

A blank value is ``MISSING`` in a column, as the rules read it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.engine.results import (
    ApplicantResult,
    GroupScore,
    ItemResult,
    NearMiss,
    Reason,
    RollupFigure,
    VerdictKind,
)
from hoctap_cli.made_on_read import MadeOnRead
from hoctap_cli.records.record import Record, SourceRow
from hoctap_cli.records.record_columns import Applicants, RecordColumns


class RecordApplicants:
    """Applicants given as records (a file read row by row, a caller's mappings)."""

    __slots__ = ("_values", "_sources", "_columns")

    def __init__(self, values: Sequence[dict[str, Any]], sources: Sequence[SourceRow]) -> None:
        self._values = values
        self._sources = sources
        self._columns: dict[str, list[Any]] = {}

    @staticmethod
    def of(records: Sequence[Record]) -> Applicants:
        """The records as columns: records read as columns are already."""
        if isinstance(records, RecordColumns):
            return records
        return RecordApplicants([r.values for r in records], [r.source for r in records])

    def __len__(self) -> int:
        return len(self._values)

    def column(self, field: str) -> list[Any]:
        found = self._columns.get(field)
        if found is None:
            found = self._columns[field] = [v.get(field, MISSING) for v in self._values]
        return found

    def values(self, index: int) -> dict[str, Any]:
        return self._values[index]

    def source(self, index: int) -> SourceRow:
        return self._sources[index]


@dataclass(frozen=True, slots=True)
class Decision:
    """What follows from an applicant's item results alone; shared by equal applicants."""

    items: tuple[ItemResult, ...]
    verdict: VerdictKind
    level: str | None
    total: Decimal
    groups: tuple[GroupScore, ...]
    reasons: tuple[Reason, ...]
    near_miss: NearMiss | None
    provisional: bool


class ResultColumns(MadeOnRead[ApplicantResult]):
    """One title's results: a decision per applicant, and the applicant's own values.

    A read-only sequence of ``ApplicantResult``, each made when asked for and equal to
    the one the engine would have built for that applicant alone.
    """

    __slots__ = (
        "title",
        "max_total",
        "ids",
        "names",
        "villages",
        "decisions",
        "applicants",
        "rollups",
        "alone",
    )

    def __init__(
        self,
        title: str,
        max_total: Decimal,
        ids: list[str],
        names: list[Any],
        villages: list[Any],
        decisions: list[Decision],
        applicants: Applicants,
        rollups: Sequence[tuple[RollupFigure, ...]] | None = None,
        alone: frozenset[int] = frozenset(),
    ) -> None:
        self.title = title
        self.max_total = max_total
        self.ids = ids
        self.names = names
        self.villages = villages
        self.decisions = decisions
        self.applicants = applicants
        self.rollups = rollups
        # Applicants whose decision was made for them alone (a council's scores, a result
        # the engine's memories had no room to share): writers need not remember it.
        self.alone = alone

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        return f"ResultColumns({self.title!r}, {len(self)} results)"

    def _made(self, index: int) -> ApplicantResult:
        decision = self.decisions[index]
        applicants = self.applicants
        return ApplicantResult(  # by position, as the engine has always built them
            self.ids[index],
            self.names[index],
            self.villages[index],
            self.title,
            decision.verdict,
            decision.level,
            decision.total,
            self.max_total,
            decision.groups,
            decision.items,
            decision.reasons,
            decision.near_miss,
            decision.provisional,
            applicants.source(index),
            applicants.values(index),
            self.rollups[index] if self.rollups is not None else (),
        )


def with_verdict(
    results: Sequence[ApplicantResult], verdict: VerdictKind
) -> Iterator[ApplicantResult]:
    """The results of one verdict, in order: read from the decisions when the results are
    columns, so that only those results are made."""
    if isinstance(results, ResultColumns):
        decisions = results.decisions
        return (results[i] for i, d in enumerate(decisions) if d.verdict is verdict)
    return (result for result in results if result.verdict is verdict)
