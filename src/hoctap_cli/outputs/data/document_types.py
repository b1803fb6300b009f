"""The shape of the JSON document of a run, as types: the serialiser is checked against
them by mypy, and the shipped JSON Schema (``result-schema.json``) is generated from them.

Numbers are ``Number``: JSON numbers written from exact decimals (see README, "Số trong
JSON"); they are never floats in the program, only in the JSON text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, NotRequired

from typing_extensions import TypedDict

from hoctap_cli.outputs.data.schema_version import SCHEMA_VERSION

SCHEMA_FILE = Path(__file__).with_name("result-schema.json")
# A name, not an address: the schema ships inside the package and is not published online.
SCHEMA_ID = f"urn:hoctap:result-schema:{SCHEMA_VERSION}"

# A JSON number ("number" in the schema, which integers satisfy).
Number = float
Verdict = Literal["pass", "fail", "incomplete"]
ItemOutcome = Literal["met", "not_met", "partial", "not_assessable"]
ReasonCode = Literal[
    "total_below",
    "group_below",
    "item_below",
    "item_required",
    "missing_data",
    "higher_level_possible",
]


class Tool(TypedDict):
    name: Literal["hoctap"]
    version: str


class Sheet(TypedDict):
    sheet: str | None
    title: str  # the criteria id the sheet was read with
    header_row: int
    columns: dict[str, str]  # field id → column letter


class InputEntry(TypedDict):
    file: str
    sha256: str
    sheets: list[Sheet]


class InputStamp(TypedDict):
    file: str
    sha256: str


class Fallback(TypedDict):
    criteria_id: str
    version: str
    period: str | None
    superseded_by: str | None
    superseded_content_available: bool
    message: str


class CouncilScore(TypedDict):
    """A group a council may give as one score instead of its items."""

    field: str
    max_points: Number
    citation: str
    provisional: bool


class GroupEntry(TypedDict):
    label: str
    max_points: Number
    council_score: CouncilScore | None


class ItemEntry(TypedDict):
    group: str
    label: str
    max_points: Number | None  # none for indicator-style criteria
    citation: str
    provisional: bool
    provisional_note: str | None


class CriteriaStamp(TypedDict):
    """Which criteria decided: enough to fetch the same file again and check it."""

    ref: str  # id@version; what a level's ``criteria`` names
    id: str
    version: str
    source: str  # builtin:id@version, or the user's file
    sha256: str


class CriteriaHead(CriteriaStamp):
    title: str
    document: str
    provisional: bool
    provisional_notes: list[str]
    fallback: Fallback | None


class CriteriaEntry(CriteriaHead):
    groups: dict[str, GroupEntry]
    items: dict[str, ItemEntry]


# "pass" is a Python keyword: the functional form of TypedDict names it.
VerdictCounts = TypedDict(
    "VerdictCounts", {"assessed": int, "pass": int, "fail": int, "incomplete": int}
)
VillageCounts = TypedDict(
    "VillageCounts",
    {
        "village": str,
        "assessed": int,
        "pass": int,
        "fail": int,
        "incomplete": int,
        "pass_rate": float | None,
    },
)


class Summary(TypedDict):
    totals: VerdictCounts
    by_village: list[VillageCounts]


class GroupResult(TypedDict):
    id: str
    points: Number
    max_points: Number
    complete: bool


class ItemResultEntry(TypedDict):
    """One criterion for one applicant; what the criterion is lives in the level's
    criteria entry: ``items[id]``, or ``groups[id].council_score`` when ``by_council``."""

    id: str
    outcome: ItemOutcome
    points: Number | None
    values: dict[str, Any]  # field id → the value the rule read
    by_council: bool


class ReasonEntry(TypedDict):
    code: ReasonCode
    level: str
    subject: str | None
    actual: Number | None
    required: Number | None
    items: list[str]


class NearMissEntry(TypedDict):
    level: str
    points_missing: Number
    items: list[str]


class RollupEntry(TypedDict):
    field: str
    title: str
    measure: str
    incomplete_policy: str
    available: bool
    members: int
    counted: int
    held: int
    held_ids: list[str]
    by_prior: list[str]
    value: Number | bool | None
    not_held: list[str]
    incomplete: list[str]


class SourceEntry(TypedDict):
    file: str
    sheet: str | None
    row: int | None


class Result(TypedDict):
    id: str
    title: str
    name: str | None
    village: str | None
    verdict: Verdict
    level: str | None
    total: Number
    max_total: Number
    total_complete: bool
    provisional: bool
    groups: list[GroupResult]
    items: list[ItemResultEntry]
    reasons: list[ReasonEntry]
    near_miss: NearMissEntry | None
    rollups: list[RollupEntry]
    source: SourceEntry


class TitleEntry(TypedDict):
    title: str
    criteria: str  # the ``ref`` of an entry of the document's ``criteria``
    summary: Summary
    results: list[Result]


class ProblemEntry(TypedDict):
    code: str
    severity: Literal["error", "notice"]
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    field: str | None
    value: str | None
    key: NotRequired[str]  # rows given from Python with ``key=``: "ma_ho=H07"
    message: str
    suggestions: NotRequired[list[str]]


class Document(TypedDict):
    """The JSON document of a run: the same shape for one title or many."""

    schema_version: Literal["2.0"]
    tool: Tool
    as_of: str
    inputs: list[InputEntry]
    criteria: list[CriteriaEntry]
    titles: list[TitleEntry]
    errors: list[ProblemEntry]
    notices: list[ProblemEntry]


# --- the same run as NDJSON: one object a line, each saying what it is by ``kind`` ---------


class TitleHead(TypedDict):
    """A title's entry without its results: they follow on their own lines, each naming it."""

    title: str
    criteria: str
    summary: Summary


class HeaderLine(TypedDict):
    """The first line: the document's own keys, and its titles without their results."""

    kind: Literal["header"]
    schema_version: Literal["2.0"]
    tool: Tool
    as_of: str
    inputs: list[InputEntry]
    criteria: list[CriteriaEntry]
    titles: list[TitleHead]


class ResultLine(Result):
    """One applicant's result, the document's ``Result`` with its ``kind``."""

    kind: Literal["result"]


class ProblemLine(ProblemEntry):
    """One of the document's ``errors`` (kind ``error``) or ``notices`` (kind ``notice``)."""

    kind: Literal["error", "notice"]


DocumentLine = HeaderLine | ResultLine | ProblemLine


class Provenance(TypedDict):
    """What every output carries so a verdict can be reproduced years later."""

    tool: Tool
    as_of: str
    criteria: list[CriteriaStamp]
    inputs: list[InputStamp]


# --- the other JSON outputs, which cite the same parts -----------------------------------


# "from" is a Python keyword: the functional form of TypedDict names it.
TraceCellEntry = TypedDict(
    "TraceCellEntry",
    {
        "field": str,
        "label": str,
        "from": Literal["cell", "rollup", "absent"],
        "sheet": str | None,
        "row": int | None,
        "column": str | None,
        "raw": Any,
        "value": Any,
    },
)


class TraceItem(TypedDict):
    id: str
    label: str
    rule: str
    outcome: ItemOutcome
    points: Number | None
    max_points: Number | None
    citation: str
    provisional: bool
    by_council: bool
    cells: list[TraceCellEntry]


class Trace(TypedDict):
    """``hoctap explain -f json``: everything that decided one applicant."""

    title: str
    criteria: CriteriaStamp
    id: str
    name: str | None
    village: str | None
    verdict: Verdict
    level: str | None
    total: Number
    max_total: Number
    total_complete: bool
    source: SourceEntry
    items: list[TraceItem]
    rollups: list[RollupEntry]
    reasons: list[ReasonEntry]
    near_miss: NearMissEntry | None


class UnevaluatedEntry(TypedDict):
    """``hoctap explain -f json`` for an id whose rows were read but left out."""

    id: str
    evaluated: Literal[False]
    file: str
    sheet: str | None
    row: int | None
    reasons: list[str]


class Explained(TypedDict):
    """``hoctap explain -f json``: one shape however many rows have the id."""

    schema_version: Literal["2.0"]
    traces: list[Trace]  # every evaluated applicant with the id (several titles may share it)
    not_evaluated: list[UnevaluatedEntry]  # rows with the id that were read but left out


class Issuer(TypedDict):
    commune: str | None
    parent: str | None
    body: str
    place: str
    date: str | None
    place_date: str
    on_behalf: str
    position: str
    signer: str | None
    preparer_title: str
    preparer: str | None


class Listed(TypedDict):
    stt: int
    id: str
    name: str
    total: Number | None
    total_complete: bool
    level: str | None
    level_label: str
    note: str


class ListVillage(TypedDict):
    village: str
    applicants: list[Listed]


class ToComplete(TypedDict):
    title: str
    id: str
    name: str
    village: str
    total: Number | None
    missing: str
    note: str


Recogniser = Literal["commune", "higher"]  # who recognises: a decision or a proposal


class TitleList(TypedDict):
    title: str
    name: str
    heading: str
    recognised_by: Recogniser
    attached: str
    provisional_note: str | None
    criteria: CriteriaHead
    listed: int
    villages: list[ListVillage]
    incomplete: list[ToComplete]


ListCounts = TypedDict(
    "ListCounts",
    {
        "village": str,
        "registered": int,
        "assessed": int,
        "pass": int,
        "fail": int,
        "incomplete": int,
        "pass_rate": float | None,
    },
)
ListTotal = TypedDict(
    "ListTotal",
    {
        "registered": int,
        "assessed": int,
        "pass": int,
        "fail": int,
        "incomplete": int,
        "pass_rate": float | None,
    },
)


class Statistics(TypedDict):
    title: str
    villages: list[ListCounts]
    not_evaluated: int
    total: ListTotal


class ExportDocument(TypedDict):
    """``hoctap export -o DS.json``: the recognition lists, one per title, always in ``lists``."""

    schema_version: Literal["2.0"]
    year: int
    issuer: Issuer
    lists: list[TitleList]
    statistics: list[Statistics]
    provenance: Provenance


class ChangeSide(TypedDict):
    verdict: Verdict | None
    level: str | None
    total: Number | None


class VerdictChange(TypedDict):
    title: str
    id: str
    name: str | None
    village: str | None
    old: ChangeSide
    new: ChangeSide
    items: list[str]


class ChangeCount(TypedDict):
    title: str
    village: str
    changes: int


class Impact(TypedDict):
    """``hoctap diff --records -f json``: whose verdict changes between two criteria sets."""

    compared: int
    changed: int
    counts: list[ChangeCount]
    changes: list[VerdictChange]


# Outputs other than the run's document, each a definition of the shipped schema; the schema's
# root is ``Document``.
OTHER_OUTPUTS: dict[str, Any] = {
    "Explained": Explained,
    "ExportDocument": ExportDocument,
    "Impact": Impact,
    "DocumentLine": DocumentLine,
}


def generated_schema() -> dict[str, Any]:
    """The JSON Schema of ``Document``, as pydantic writes it from the types above.

    Every object lists all its keys (``additionalProperties: false``), so a key the
    serialiser writes and the types do not name fails validation instead of slipping by.
    """
    from pydantic import TypeAdapter

    schema = TypeAdapter(Document).json_schema(mode="serialization")
    definitions = schema.setdefault("$defs", {})
    for name, kind in OTHER_OUTPUTS.items():
        other = TypeAdapter(kind).json_schema(mode="serialization")
        for shared, definition in other.pop("$defs", {}).items():
            # One type, one definition: the outputs share parts (the criteria stamp, reasons).
            assert definitions.setdefault(shared, definition) == definition, shared
        definitions[name] = other
    _closed(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def _closed(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _closed(value)
    elif isinstance(node, list):
        for value in node:
            _closed(value)


def schema_text() -> str:
    """The shipped schema file's text."""
    return json.dumps(generated_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # python -m hoctap_cli.outputs.data.document_types > result-schema.json
    print(schema_text(), end="")
