"""The run's document written piece by piece: JSON streamed around its results, and NDJSON.

A province's run is never held whole as text: the small parts of the document come from
the serialiser (``serialise.py``) and the results and problems are encoded and written a
batch at a time between them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.outputs.data.schema_version import SCHEMA_VERSION
from hoctap_cli.outputs.data.serialise import (
    criteria_entries,
    document_parts,
    input_entries,
    problem_to_dict,
    problems_apart,
    result_to_dict,
    title_head,
    tool,
)
from hoctap_cli.problems import Problem
from hoctap_cli.workflow.run import Evaluation, TitleResult

if TYPE_CHECKING:  # annotations only (see schema_version)
    from hoctap_cli.outputs.data.document_types import HeaderLine, TitleHead

# Results and problems of a province run are written as they are encoded, a batch at a time.
_BATCH = 1024


def write_document(evaluation: Evaluation, write: Callable[[bytes], object]) -> None:
    """Write the JSON document, UTF-8, piece by piece to ``write``.

    The bytes are exactly ``json.dumps(evaluation_to_dict(evaluation), ensure_ascii=False,
    indent=2) + "\n"`` encoded as UTF-8, but the document is never built whole: the
    small parts are dumped around markers that the results and problems are streamed into.
    """
    marker = f"\x00{uuid.uuid4().hex}:"
    slots: dict[str, Callable[[str], Iterator[bytes]]] = {}

    def results_slot(title_result: TitleResult) -> dict[str, Any]:
        part: dict[str, Any] = dict(title_head(title_result))
        if title_result.results:  # a title with no records (an empty clan sheet) has no slot
            name = f"{marker}results:{len(slots)}\x00"
            slots[name] = lambda indent: _results_text(title_result.results, indent)
            part["results"] = [name]
        return part

    def problems_slot(kind: str, problems: list[Problem]) -> list[Any]:
        if not problems:
            return []
        name = f"{marker}{kind}\x00"
        slots[name] = lambda indent: _problems_text(problems, indent)
        return [name]

    errors, notices = problems_apart(evaluation)
    skeleton = json.dumps(
        document_parts(
            evaluation,
            results_slot,
            problems_slot("errors", errors),
            problems_slot("notices", notices),
        ),
        ensure_ascii=False,
        indent=2,
    )
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
    from hoctap_cli.engine.columns import ResultColumns
    from hoctap_cli.outputs.data.json_columns import ColumnEncoder

    encoder = ColumnEncoder(indent)
    if isinstance(results, ResultColumns):
        yield from _batches(encoder.encode_columns(results), indent)
        return
    yield from _batches((encoder.encode(result) for result in results), indent)


def _problems_text(problems: Sequence[Problem], indent: str) -> Iterator[bytes]:
    from hoctap_cli.outputs.data.json_text import flat_json

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


# --- the same run as NDJSON -----------------------------------------------------------------


def write_lines(evaluation: Evaluation, write: Callable[[bytes], object]) -> None:
    """Write the run as NDJSON to ``write``: one JSON object a line, UTF-8.

    The first line (``kind`` "header") holds the document's keys and its titles without
    their results; then one line per result (its ``title`` names its title's entry), then
    one per error and per notice. Lines are encoded and written one at a time, so the text
    of a province's run is never held whole; the document is the header's keys with each
    result appended to its title's ``results`` and the problems to ``errors``/``notices``.
    """
    # No indent: json.dumps then runs its C encoder, and no line break can enter a line.
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    errors, notices = problems_apart(evaluation)
    header: HeaderLine = {
        "kind": "header",
        "schema_version": SCHEMA_VERSION,
        "tool": tool(),
        "as_of": evaluation.as_of.isoformat(),
        "inputs": input_entries(evaluation),
        "criteria": criteria_entries(evaluation),
        "titles": [_line_head(title) for title in evaluation.titles],
    }
    write(encode(header).encode("utf-8") + b"\n")
    from hoctap_cli.engine.columns import ResultColumns
    from hoctap_cli.outputs.data.line_columns import LineEncoder

    columns = LineEncoder()
    for title in evaluation.titles:
        batch: list[str] = []
        results = title.results
        lines = (
            columns.lines(results)
            if isinstance(results, ResultColumns)
            else (encode({"kind": "result", **result_to_dict(result)}) for result in results)
        )
        for line in lines:
            batch.append(line)
            if len(batch) >= _BATCH:
                write(("\n".join(batch) + "\n").encode("utf-8"))
                batch.clear()
        if batch:
            write(("\n".join(batch) + "\n").encode("utf-8"))
    for kind, problems in (("error", errors), ("notice", notices)):
        for problem in problems:
            write(encode({"kind": kind, **problem_to_dict(problem)}).encode("utf-8") + b"\n")


def _line_head(title: TitleResult) -> TitleHead:
    head = title_head(title)
    return {"title": head["title"], "criteria": head["criteria"], "summary": head["summary"]}
