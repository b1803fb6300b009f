"""Running an evaluation from files: the I/O shell around the pure engine."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hoctap_cli.criteria.catalog import Catalog
from hoctap_cli.criteria.loader import CompiledCriteria
from hoctap_cli.engine.dump import result_to_dict
from hoctap_cli.engine.evaluate import Engine
from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.problems import ROW_FATAL, Problem
from hoctap_cli.records.reader import OpenedInput, open_input, read_input, recognise
from hoctap_cli.records.sources import InputError
from hoctap_cli.records.tabular import SheetLayout


class InputsUnreadable(Exception):
    """No input could be opened at all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class NoCriteriaFound(LookupError):
    """An input whose title could not be recognised."""

    def __init__(self, file: str, titles: list[str]) -> None:
        super().__init__(file)
        self.file = file
        self.titles = titles


@dataclass(frozen=True)
class InputFile:
    """One input as read: its hash for provenance and where its fields were found."""

    file: str
    sha256: str
    layouts: tuple[SheetLayout, ...]


@dataclass
class Evaluation:
    """Everything one run decided, ready for any reporter."""

    criteria: CompiledCriteria
    as_of: dt.date
    inputs: list[InputFile] = field(default_factory=list)
    results: list[ApplicantResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failed_files: list[Problem] = field(default_factory=list)

    @property
    def rows_not_evaluated(self) -> int:
        return sum(1 for p in self.problems if p.code in ROW_FATAL)


def evaluate_paths(
    paths: Sequence[Path], catalog: Catalog, name: str | None, as_of: dt.date
) -> Evaluation:
    """Open every input once, pick the criteria (named, or recognised), evaluate all."""
    opened: list[OpenedInput] = []
    failed: list[Problem] = []
    for path in paths:
        try:
            opened.append(open_input(path))
        except InputError as exc:
            failed.append(exc.problem)
    if not opened:
        raise InputsUnreadable(failed)
    compiled = _choose(opened, catalog, name, as_of)
    evaluation = Evaluation(compiled, as_of, failed_files=failed)
    engine = Engine(compiled)
    for source in opened:
        try:
            read = read_input(source, compiled)
        except InputError as exc:
            evaluation.failed_files.append(exc.problem)
            continue
        evaluation.inputs.append(InputFile(read.file, _sha256(source.path), tuple(read.layouts)))
        evaluation.problems += read.problems
        evaluation.results += engine.evaluate(read.records)
    return evaluation


def _choose(
    opened: Sequence[OpenedInput], catalog: Catalog, name: str | None, as_of: dt.date
) -> CompiledCriteria:
    if name:
        return catalog.resolve(name, as_of)
    candidates = [catalog.in_force(title, as_of) for title in catalog.titles()]
    for source in opened:
        found = recognise(source, candidates)
        if found is None:
            raise NoCriteriaFound(str(source.path), catalog.titles())
        return found
    raise AssertionError("called with at least one opened input")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def summary_by_village(results: Sequence[ApplicantResult]) -> list[dict[str, Any]]:
    """Counts per village (in order of first appearance), then the whole run."""
    rows: dict[str, dict[str, Any]] = {}
    for result in results:
        village = result.village or ""
        row = rows.setdefault(
            village, {"village": village, "assessed": 0, "pass": 0, "fail": 0, "incomplete": 0}
        )
        row["assessed"] += 1
        row[result.verdict.value] += 1
    for row in rows.values():
        row["pass_rate"] = round(row["pass"] / row["assessed"], 4) if row["assessed"] else None
    return list(rows.values())


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The JSON document of a run (see the README for its keys)."""
    from hoctap_cli import __version__

    criteria = evaluation.criteria.criteria
    results = evaluation.results
    totals = {"assessed": len(results)} | {
        kind.value: sum(1 for r in results if r.verdict is kind) for kind in VerdictKind
    }
    return {
        "tool": {"name": "hoctap", "version": __version__},
        "as_of": evaluation.as_of.isoformat(),
        "criteria": {
            "id": criteria.id,
            "title": criteria.title,
            "version": criteria.version,
            "document": criteria.document.number,
            "source": evaluation.criteria.source,
            "sha256": evaluation.criteria.sha256,
            "provisional": criteria.is_provisional,
            "provisional_notes": criteria.provisional_notes(),
        },
        "inputs": [
            {
                "file": item.file,
                "sha256": item.sha256,
                "sheets": [
                    {"sheet": lay.sheet, "header_row": lay.header_row, "columns": lay.columns}
                    for lay in item.layouts
                ],
            }
            for item in evaluation.inputs
        ],
        "summary": {"totals": totals, "by_village": summary_by_village(results)},
        "results": [result_to_dict(result) for result in results],
        "errors": [p.to_dict() for p in [*evaluation.failed_files, *evaluation.problems]],
    }
