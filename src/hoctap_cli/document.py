"""The JSON document of a run and the counts every report shares."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from hoctap_cli.engine.dump import result_to_dict
from hoctap_cli.engine.json_text import ResultEncoder, flat_json
from hoctap_cli.engine.levels import link_key
from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.origin import criteria_ref
from hoctap_cli.problems import Problem
from hoctap_cli.report.names import Names
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
    return _level_head(level) | {"results": [result_to_dict(result) for result in level.results]}


def _level_head(level: LevelResult) -> dict[str, Any]:
    compiled = level.criteria
    criteria = compiled.criteria
    return {
        "criteria": {
            "id": criteria.id,
            "title": criteria.title,
            "version": criteria.version,
            "document": criteria.document.number,
            "source": criteria_ref(compiled),
            "sha256": compiled.sha256,
            "provisional": criteria.is_provisional,
            "provisional_notes": Names(criteria).provisional_notes(),
            "fallback": level.fallback.to_dict() if level.fallback else None,
        },
        "summary": {
            "totals": verdict_counts(level.results),
            "by_village": summary_by_village(level.results),
        },
    }


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The JSON document of a run: one level flat, several under ``levels`` (see README)."""
    return _document(evaluation, level_to_dict, [p.to_dict() for p in _problems(evaluation)])


def _problems(evaluation: Evaluation) -> list[Problem]:
    return [*evaluation.failed_files, *evaluation.problems]


def _document(
    evaluation: Evaluation, level_part: Callable[[LevelResult], dict[str, Any]], errors: list[Any]
) -> dict[str, Any]:
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
        body = level_part(evaluation.levels[0])
    else:
        body = {"levels": [level_part(level) for level in evaluation.levels]}
    return head | body | {"errors": errors}


# Results and errors of a province run are written as they are encoded, a batch at a time.
_BATCH = 1024


def write_document(evaluation: Evaluation, write: Callable[[bytes], object]) -> None:
    """Write the JSON document, UTF-8, piece by piece to ``write``.

    The bytes are exactly ``json.dumps(evaluation_to_dict(evaluation), ensure_ascii=False,
    indent=2) + "\n"`` encoded as UTF-8, but the document is never built whole: the
    small parts are dumped around markers that the results and errors are streamed into.
    """
    marker = f"\x00{uuid.uuid4().hex}:"
    slots: dict[str, Callable[[str], Iterator[bytes]]] = {}

    def results_slot(level: LevelResult) -> dict[str, Any]:
        part = _level_head(level)
        part["results"] = []
        if level.results:  # a title with no records (an empty clan sheet) has no slot
            name = f"{marker}results:{len(slots)}\x00"
            slots[name] = lambda indent: _results_text(level.results, indent)
            part["results"] = [name]
        return part

    problems = _problems(evaluation)
    errors: list[Any] = []
    if problems:
        errors = [f"{marker}errors\x00"]
        slots[errors[0]] = lambda indent: _errors_text(problems, indent)
    skeleton = json.dumps(_document(evaluation, results_slot, errors), ensure_ascii=False, indent=2)
    # Where each marker reads in the skeleton, in the order they appear there.
    places = sorted((skeleton.index(json.dumps(name)), name) for name in slots)
    position = 0
    for start, name in places:
        fill, quoted = slots[name], json.dumps(name)
        indent = skeleton[skeleton.rindex("\n", 0, start) + 1 : start]
        write(skeleton[position:start].encode("utf-8"))
        for chunk in fill(indent):
            write(chunk)
        position = start + len(quoted)
    write((skeleton[position:] + "\n").encode("utf-8"))


def _results_text(results: Sequence[ApplicantResult], indent: str) -> Iterator[bytes]:
    encoder = ResultEncoder(indent)
    yield from _batches((encoder.encode(result) for result in results), indent)


def _errors_text(problems: Sequence[Problem], indent: str) -> Iterator[bytes]:
    newline = "\n" + indent
    texts = (flat_json(p.to_dict(), newline).encode("utf-8") for p in problems)
    yield from _batches(texts, indent)


def _batches(texts: Iterable[bytes], indent: str) -> Iterator[bytes]:
    """The elements of a list, ``indent`` before each, a batch of them at a time."""
    separator = (",\n" + indent).encode("utf-8")
    batch: list[bytes] = []
    first = True
    for text in texts:
        batch.append(text)
        if len(batch) >= _BATCH:
            yield (b"" if first else separator) + separator.join(batch)
            batch.clear()
            first = False
    if batch:
        yield (b"" if first else separator) + separator.join(batch)
