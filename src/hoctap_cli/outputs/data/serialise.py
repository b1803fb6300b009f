"""The one serialiser: a run as plain dicts (English keys and enum values, exact numbers).

Every JSON output (``evaluate -f json``, the library's ``to_dict``/``to_json``, the export
list's criteria and provenance) and the provenance cells of every CSV are made here, so a
key is spelt, and a number written, one way. The shape is ``document_types.Document``;
README "Kết quả JSON" describes it for people.

What is the same for every applicant of a title (what a criterion is, its citation, its
points, whether it is provisional) is written once, in the document's ``criteria``; each
result names its criteria by id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.columns import ResultColumns
from hoctap_cli.engine.group_scores import GroupScores
from hoctap_cli.engine.results import (
    ApplicantResult,
    GroupScore,
    ItemResult,
    NearMiss,
    Outcome,
    Reason,
    RollupFigure,
    VerdictKind,
)
from hoctap_cli.engine.titles import link_key
from hoctap_cli.exact import exact_or_none, plain
from hoctap_cli.outputs.data.schema_version import SCHEMA_VERSION
from hoctap_cli.outputs.origin import criteria_key, criteria_ref
from hoctap_cli.problems import Problem, split_problems
from hoctap_cli.shown_files import named_file
from hoctap_cli.workflow.run import Evaluation, TitleResult

if TYPE_CHECKING:  # the document's types: annotations only, not built at run time
    from hoctap_cli.outputs.data.document_types import (
        CouncilScore,
        CriteriaEntry,
        CriteriaHead,
        CriteriaStamp,
        Document,
        Fallback,
        GroupEntry,
        GroupResult,
        InputEntry,
        ItemEntry,
        ItemResultEntry,
        NearMissEntry,
        ProblemEntry,
        Provenance,
        ReasonEntry,
        Result,
        RollupEntry,
        SourceEntry,
        Summary,
        TitleEntry,
        Tool,
        VerdictCounts,
        VillageCounts,
    )

# --- values ---------------------------------------------------------------------------


# --- one applicant ----------------------------------------------------------------------


def result_to_dict(result: ApplicantResult) -> Result:
    values = result.values
    missing = missing_groups(result.items)
    return {
        "id": result.id,
        "title": result.title,
        "name": result.name,
        "village": result.village,
        "verdict": result.verdict.value,
        "level": result.level,
        "total": plain(result.total),
        "max_total": plain(result.max_total),
        "total_complete": not missing,
        "provisional": result.provisional,
        "groups": [group_to_dict(group, group.group_id not in missing) for group in result.groups],
        "items": [item_to_dict(item, values) for item in result.items],
        "reasons": [reason_to_dict(reason) for reason in result.reasons],
        "near_miss": near_miss_to_dict(result.near_miss),
        "rollups": [rollup_to_dict(figure) for figure in result.rollups],
        "source": cast("SourceEntry", result.source.to_dict()),
    }


def missing_groups(items: tuple[ItemResult, ...]) -> frozenset[str]:
    """Groups with an item that could not be assessed: their points, and the total, are
    only what is known (a reader must not take them for complete)."""
    return frozenset(i.group_id for i in items if i.outcome is Outcome.not_assessable)


def group_to_dict(group: GroupScore, complete: bool = True) -> GroupResult:
    return {
        "id": group.group_id,
        "points": plain(group.points),
        "max_points": plain(group.max_points),
        "complete": complete,
    }


def item_to_dict(item: ItemResult, values: Mapping[str, Any]) -> ItemResultEntry:
    """One criterion's result, with the values its rule read from ``values``. Its group,
    label, citation, points and provisional mark are the criteria's (``criteria_entry``)."""
    return {
        "id": item.item_id,
        "outcome": item.outcome.value,
        "points": plain(item.points),
        "values": {f: plain(values.get(f)) for f in item.fields},
        "by_council": item.by_council,
    }


def near_miss_to_dict(near_miss: NearMiss | None) -> NearMissEntry | None:
    if near_miss is None:
        return None
    return {
        "level": near_miss.level,
        "points_missing": plain(near_miss.points_missing),
        "items": list(near_miss.items),
    }


def rollup_to_dict(figure: RollupFigure) -> RollupEntry:
    return {
        "field": figure.field,
        "title": figure.title,
        "measure": figure.measure,
        "incomplete_policy": figure.policy,
        "available": figure.available,
        "members": figure.members,
        "counted": figure.counted,
        "held": figure.held,
        "held_ids": list(figure.held_ids),
        "by_prior": list(figure.by_prior),
        "value": plain(figure.value),
        "not_held": list(figure.not_held),
        "incomplete": list(figure.incomplete),
    }


def reason_to_dict(reason: Reason) -> ReasonEntry:
    return {
        "code": reason.code.value,
        "level": reason.level,
        "subject": reason.subject,
        "actual": plain(reason.actual),
        "required": plain(reason.required),
        "items": list(reason.items),
    }


def problem_to_dict(problem: Problem) -> ProblemEntry:
    return cast("ProblemEntry", problem.to_dict())


# --- counts -----------------------------------------------------------------------------


def verdict_counts(results: Sequence[ApplicantResult]) -> VerdictCounts:
    """assessed, pass, fail, incomplete."""
    return _counts(_verdicts(results))


def _counts(verdicts: Sequence[VerdictKind]) -> VerdictCounts:
    found = Counter(verdicts)
    counts = {"assessed": len(verdicts)} | {kind.value: found[kind] for kind in VerdictKind}
    return cast("VerdictCounts", counts)


def _verdicts(results: Sequence[ApplicantResult]) -> Sequence[VerdictKind]:
    """Each result's verdict, read from the decisions when the results are columns."""
    if isinstance(results, ResultColumns):
        return [decision.verdict for decision in results.decisions]
    return [result.verdict for result in results]


def summary_by_village(results: Sequence[ApplicantResult]) -> list[VillageCounts]:
    """Counts per village, in order of first appearance, with the pass rate."""
    # Villages are grouped as links are matched ("Thôn A" = "thôn a"), shown as first written.
    villages = (
        results.villages if isinstance(results, ResultColumns) else [r.village for r in results]
    )
    keys = {village: link_key(village) for village in set(villages)}  # a few distinct names
    groups: dict[str | None, list[VerdictKind]] = {}
    shown: dict[str | None, str] = {}
    for village, verdict in zip(villages, _verdicts(results), strict=True):
        key = keys[village]
        if key not in shown:
            shown[key] = village or ""
            groups[key] = []
        groups[key].append(verdict)
    rows: list[VillageCounts] = []
    for key, verdicts in groups.items():
        counts = _counts(verdicts)
        rate = round(counts["pass"] / counts["assessed"], 4) if counts["assessed"] else None
        rows.append(cast("VillageCounts", {"village": shown[key], **counts, "pass_rate": rate}))
    return rows


def summary(title_result: TitleResult) -> Summary:
    return {
        "totals": verdict_counts(title_result.results),
        "by_village": summary_by_village(title_result.results),
    }


# --- criteria and provenance ------------------------------------------------------------


def tool() -> Tool:
    from hoctap_cli.version import __version__

    return {"name": "hoctap", "version": __version__}


def criteria_stamp(compiled: CompiledCriteria) -> CriteriaStamp:
    """Which criteria file decided, as every output's provenance names it."""
    criteria = compiled.criteria
    return {
        "ref": criteria_key(compiled),
        "id": criteria.id,
        "version": criteria.version,
        "source": criteria_ref(compiled),
        "sha256": compiled.sha256,
    }


def criteria_head(title_result: TitleResult) -> CriteriaHead:
    """The stamp, the title and document, what is provisional and the out-of-period notice."""
    criteria = title_result.criteria.criteria
    stamp = criteria_stamp(title_result.criteria)
    return {
        "ref": stamp["ref"],
        "id": stamp["id"],
        "title": criteria.title,
        "version": stamp["version"],
        "document": criteria.document.number,
        "source": stamp["source"],
        "sha256": stamp["sha256"],
        "provisional": criteria.is_provisional,
        "provisional_notes": Names(criteria).provisional_notes(),
        "fallback": cast("Fallback", title_result.fallback.to_dict())
        if title_result.fallback
        else None,
    }


def criteria_entry(title_result: TitleResult) -> CriteriaEntry:
    """The head and every group and criterion as results name them by id."""
    compiled = title_result.criteria
    council = {s.group.id: s for s in GroupScores(compiled).scored}
    groups: dict[str, GroupEntry] = {}
    items: dict[str, ItemEntry] = {}
    for group in compiled.criteria.groups:
        scored = council.get(group.id)
        council_score: CouncilScore | None = None
        if scored is not None:  # the same figures the engine gives a council's one score
            council_score = {
                "field": scored.field,
                "max_points": plain(scored.points),
                "citation": scored.citation,
                "provisional": scored.provisional,
            }
        total = sum((exact_or_none(item.points) or Decimal(0) for item in group.items), Decimal(0))
        groups[group.id] = {
            "label": group.label,
            "max_points": plain(total),
            "council_score": council_score,
        }
        for item in group.items:
            items[item.id] = {
                "group": group.id,
                "label": item.label,
                "max_points": plain(exact_or_none(item.points)),
                "citation": item.citation.render(),
                "provisional": item.provisional,
                "provisional_note": item.provisional_note,
            }
    head = criteria_head(title_result)
    return {**head, "groups": groups, "items": items}


def criteria_entries(evaluation: Evaluation) -> list[CriteriaEntry]:
    """One entry per criteria file, in evaluation order (titles sharing one share it)."""
    entries: dict[str, CriteriaEntry] = {}
    for title_result in evaluation.titles:
        ref = criteria_key(title_result.criteria)
        if ref not in entries:
            entries[ref] = criteria_entry(title_result)
    return list(entries.values())


def input_entries(evaluation: Evaluation) -> list[InputEntry]:
    return [
        {
            "file": named_file(item.file),
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
    ]


def provenance(evaluation: Evaluation) -> Provenance:
    """Tool version, as-of date, each criteria file (id, version, SHA-256) and input hash:
    the head of the JSON document without the details, for outputs that only cite it."""
    stamps: dict[str, CriteriaStamp] = {}
    for title_result in evaluation.titles:
        stamps.setdefault(
            criteria_key(title_result.criteria), criteria_stamp(title_result.criteria)
        )
    return {
        "tool": tool(),
        "as_of": evaluation.as_of.isoformat(),
        "criteria": list(stamps.values()),
        "inputs": [
            {"file": named_file(item.file), "sha256": item.sha256} for item in evaluation.inputs
        ],
    }


# --- the document -----------------------------------------------------------------------


def title_to_dict(title: TitleResult) -> TitleEntry:
    """One title's part of the document: its criteria's ref, summary and results."""
    return {**title_head(title), "results": [result_to_dict(r) for r in title.results]}


def title_head(title: TitleResult) -> TitleEntry:
    """The title without its results (they are streamed into it by ``streaming.write_document``)."""
    return {
        "title": title.criteria.criteria.id,
        "criteria": criteria_key(title.criteria),
        "summary": summary(title),
        "results": [],
    }


def evaluation_to_dict(evaluation: Evaluation) -> Document:
    """The JSON document of a run, whole (see ``streaming.write_document`` for a province's)."""
    errors, notices = problems_apart(evaluation)
    document = document_parts(
        evaluation,
        title_to_dict,
        [problem_to_dict(p) for p in errors],
        [problem_to_dict(p) for p in notices],
    )
    return cast("Document", document)


def problems_apart(evaluation: Evaluation) -> tuple[list[Problem], list[Problem]]:
    """Errors (a cell, row or file left unread) and notices (how something was read)."""
    return split_problems([*evaluation.failed_files, *evaluation.problems])


def document_parts(
    evaluation: Evaluation,
    title_part: Callable[[TitleResult], Mapping[str, Any]],
    errors: list[Any],
    notices: list[Any],
) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool(),
        "as_of": evaluation.as_of.isoformat(),
        "inputs": input_entries(evaluation),
        "criteria": criteria_entries(evaluation),
        "titles": [title_part(title) for title in evaluation.titles],
        "errors": errors,
        "notices": notices,
    }
