"""The JSON document of a run and the counts every report shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hoctap_cli.engine.dump import result_to_dict
from hoctap_cli.engine.levels import link_key
from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.service import Evaluation, LevelResult


def verdict_counts(results: Sequence[ApplicantResult]) -> dict[str, int]:
    """assessed, pass, fail, incomplete."""
    counts = {"assessed": len(results)} | {kind.value: 0 for kind in VerdictKind}
    for result in results:
        counts[result.verdict.value] += 1
    return counts


def summary_by_village(results: Sequence[ApplicantResult]) -> list[dict[str, Any]]:
    """Counts per village, in order of first appearance, with the pass rate."""
    # Villages are grouped as links are matched ("Thôn A" = "thôn a"), shown as first written.
    groups: dict[str | None, list[ApplicantResult]] = {}
    shown: dict[str | None, str] = {}
    for result in results:
        key = link_key(result.village)
        shown.setdefault(key, result.village or "")
        groups.setdefault(key, []).append(result)
    rows = []
    for key, members in groups.items():
        village = shown[key]
        counts = verdict_counts(members)
        rate = round(counts["pass"] / counts["assessed"], 4) if counts["assessed"] else None
        rows.append({"village": village, **counts, "pass_rate": rate})
    return rows


def level_to_dict(level: LevelResult) -> dict[str, Any]:
    """One title's part of the document: its criteria, summary and results."""
    compiled = level.criteria
    criteria = compiled.criteria
    return {
        "criteria": {
            "id": criteria.id,
            "title": criteria.title,
            "version": criteria.version,
            "document": criteria.document.number,
            "source": compiled.source,
            "sha256": compiled.sha256,
            "provisional": criteria.is_provisional,
            "provisional_notes": criteria.provisional_notes(),
        },
        "summary": {
            "totals": verdict_counts(level.results),
            "by_village": summary_by_village(level.results),
        },
        "results": [result_to_dict(result) for result in level.results],
    }


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The JSON document of a run: one level flat, several under ``levels`` (see README)."""
    from hoctap_cli import __version__

    head: dict[str, Any] = {
        "tool": {"name": "hoctap", "version": __version__},
        "as_of": evaluation.as_of.isoformat(),
        "inputs": [
            {
                "file": item.file,
                "sha256": item.sha256,
                "sheets": [
                    {
                        "sheet": lay.sheet,
                        "title": lay.title,
                        "header_row": lay.header_row,
                        "columns": lay.columns,
                    }
                    for lay in item.layouts
                ],
            }
            for item in evaluation.inputs
        ],
    }
    if len(evaluation.levels) == 1:
        body = level_to_dict(evaluation.levels[0])
    else:
        body = {"levels": [level_to_dict(level) for level in evaluation.levels]}
    errors = [p.to_dict() for p in [*evaluation.failed_files, *evaluation.problems]]
    return head | body | {"errors": errors}
