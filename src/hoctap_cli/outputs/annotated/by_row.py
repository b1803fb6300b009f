"""A sheet's results by row number, for the annotated copy, each made when asked for.

The copy looks up the result of each row it writes. Results held as columns are indexed
by their row numbers (read from the columns) and made one at a time as the rows stream
past, instead of all at once in a dict, which at a province's size held them all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from hoctap_cli.engine.columns import ResultColumns
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.records.record_columns import RecordColumns


class RowResults(Mapping[int, ApplicantResult]):
    """Row number → result of that row (the last, if a row is given twice)."""

    def __init__(self, results: Sequence[ApplicantResult], index: dict[int, int]) -> None:
        self._results = results
        self._index = index

    def __getitem__(self, row: int) -> ApplicantResult:
        return self._results[self._index[row]]

    def __iter__(self) -> Iterator[int]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def results_by_row(results: Sequence[ApplicantResult], file: str, sheet: str | None) -> RowResults:
    """The results of the rows of ``file``'s ``sheet``, by row number."""
    applicants = results.applicants if isinstance(results, ResultColumns) else None
    if isinstance(applicants, RecordColumns):
        on_sheet = [o.file == file and o.sheet == sheet for o in applicants.origins]
        which = applicants.origin_of
        index = {
            row: i
            for i, row in enumerate(applicants.rows)
            if row and on_sheet[0 if which is None else which[i]]
        }
        return RowResults(results, index)
    index = {}
    for i, result in enumerate(results):
        source = result.source
        if source.file == file and source.sheet == sheet and source.row:
            index[source.row] = i
    return RowResults(results, index)
