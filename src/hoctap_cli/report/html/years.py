"""Evaluating a report's inputs: one run per assessment year (the package's only I/O).

Files of the same year are evaluated together, so that a clan's or a village's figures
come from its members in the other files of that year; files of different years are
evaluated apart, each on 31 December of its own year. A file naming no year (or one that
cannot be opened, which the run then reports) joins the latest year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from hoctap_cli.criteria.catalog import Catalog
from hoctap_cli.records.reader import open_input
from hoctap_cli.records.sources import InputError
from hoctap_cli.records.year import find_year
from hoctap_cli.service import Evaluation, evaluate_paths


def evaluate_by_year(
    paths: Sequence[Path], catalog: Catalog, name: str | None, as_of: dt.date | None
) -> list[Evaluation]:
    """One evaluation per assessment year found in the inputs, oldest first.

    With ``as_of``, or when the inputs name fewer than two years, a single run as
    ``hoctap evaluate`` would make.
    """
    if as_of is not None or len(paths) < 2:
        return [evaluate_paths(paths, catalog, name, as_of)]
    groups: dict[int | None, list[Path]] = {}
    for path in paths:
        groups.setdefault(assessment_year(path), []).append(path)
    years = sorted(year for year in groups if year is not None)
    if len(years) < 2:
        return [evaluate_paths(paths, catalog, name, None)]
    groups[years[-1]] += groups.pop(None, [])
    return [evaluate_paths(groups[year], catalog, name, dt.date(year, 12, 31)) for year in years]


def assessment_year(path: Path) -> int | None:
    """The year a file speaks of ('NĂM 2025' in its title block, or in its name)."""
    try:
        return find_year(open_input(path))
    except InputError:
        return None
