"""A report's run split by assessment year, every input opened once.

Files of the same year are evaluated together, so that a clan's or a village's figures
come from its members in the other files of that year; files of different years are
evaluated apart, each on 31 December of its own year. A file naming no year joins the
latest year, and so do the files that could not be opened: that run reports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from hoctap_cli.criteria.catalog import Catalog
from hoctap_cli.workflow.reading import FileRead
from hoctap_cli.workflow.run import Evaluation, evaluate_reads, read_paths


def evaluate_by_year(
    paths: Sequence[Path],
    catalog: Catalog,
    name: str | None,
    as_of: dt.date | None,
    on_read: Callable[[str], None] | None = None,
    *,
    workers: int | None = None,
) -> list[Evaluation]:
    """One evaluation per assessment year found in the inputs, oldest first.

    With ``as_of``, or when the inputs name fewer than two years, a single run as
    ``hoctap evaluate`` would make. ``workers`` as for ``run.evaluate_paths``.
    """
    files, failed = read_paths(paths, catalog, name, as_of, on_read, workers=workers)
    if as_of is not None or len(paths) < 2:
        return [evaluate_reads(files, failed, catalog, name, as_of)]
    groups: dict[int | None, list[FileRead]] = {}
    for file in files:
        groups.setdefault(file.year, []).append(file)
    years = sorted(year for year in groups if year is not None)
    if len(years) < 2:
        return [evaluate_reads(files, failed, catalog, name, None)]
    groups[years[-1]] += groups.pop(None, [])
    return [
        evaluate_reads(
            groups[year], failed if year == years[-1] else [], catalog, name,
            dt.date(year, 12, 31),
        )
        for year in years
    ]  # fmt: skip
