"""The criteria file format: one title, one version, as frozen pydantic models.

Structural rules live here (types, unknown keys, bounds); rules that need the whole
file (declared fields, reachable pass marks, expressions) live in ``checks``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

TitleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=32)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Points = Annotated[float, Field(ge=0, le=1000)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


class Applicant(StrEnum):
    """Who applies for a title."""

    person = "person"
    household = "household"
    clan = "clan"
    village = "village"
    commune = "commune"
    unit = "unit"
    district = "district"  # until 30/06/2025, when districts were abolished
    other = "other"  # organisations, associations and others a plan commends


class FieldType(StrEnum):
    """How a cell is read and which operations a rule may apply to it."""

    text = "text"
    integer = "integer"
    number = "number"
    boolean = "boolean"
    date = "date"
    choice = "choice"


class LegalDocument(_Strict):
    """The document a criteria set comes from."""

    number: Text
    date: dt.date | None = None
    issuer: Text
    title: Text | None = None


class Citation(_Strict):
    """Where in a document a criterion, a value or a rule is written."""

    document: Text
    section: Text | None = None
    item: Text | None = None
    source: Text | None = Field(
        default=None, description="Where the text was read (a page, a gazette), for audit."
    )

    def render(self) -> str:
        parts = [self.document]
        if self.section:
            parts.append(self.section)
        if self.item:
            parts.append(self.item)
        return ", ".join(parts)


class Choice(_Strict):
    """One allowed value of a choice field; listed lowest first when the field is ordered."""

    value: Identifier
    label: Text
    aliases: list[Text] = []


class Identity(_Strict):
    """Which fields name the applicant in tables and lists."""

    id: Identifier
    name: Identifier
    village: Identifier | None = None


class InputField(_Strict):
    """One column of the input: the single source of truth for readers and templates."""

    id: Identifier
    type: Annotated[FieldType, Field(strict=False)]
    label: Text
    aliases: list[Text] = []
    description: Text | None = None
    required: bool = False
    min: float | None = None
    max: float | None = None
    choices: list[Choice] = []
    ordered: bool = Field(default=False, description="Choices are listed lowest first.")
    when_blank: bool | float | None = Field(
        default=None,
        description="Value a blank cell stands for (e.g. false for an 'x' column); "
        "none means a blank cell is missing data.",
    )


class Item(_Strict):
    """One criterion (or indicator) that earns points or is met.

    ``kind: computed`` evaluates ``rule`` on the applicant's fields;
    ``kind: awarded`` reads the points a council gave from ``field``.
    """

    id: ItemId
    label: Text
    kind: Literal["computed", "awarded"]
    points: Points | None = Field(
        default=None, description="Points when met; none for indicator-style criteria."
    )
    rule: Text | None = None
    field: Identifier | None = None
    citation: Citation
    note: Text | None = Field(default=None, description="How this file reads the criterion.")
    provisional: bool = False
    provisional_note: Text | None = None
    up_to: bool = Field(
        default=False,
        description="The document gives 'up to' these points: the council may give part marks.",
    )
    score_field: Identifier | None = Field(
        default=None,
        description="Numeric field holding the council's mark for an 'up to' computed item: "
        "when given it is the item's points (0 to points), instead of the rule's all or nothing.",
    )


class Group(_Strict):
    """A criterion (tiêu chí) grouping its items."""

    id: ItemId
    label: Text
    items: Annotated[list[Item], Field(min_length=1)]
    citation: Citation | None = None
    score_field: Identifier | None = Field(
        default=None,
        description="Numeric field holding the council's score for the whole group, read "
        "instead of the items when a list gives only that score (e.g. 'Điểm TC 1').",
    )


class LevelWait(_Strict):
    """A level granted only ``months`` after the decision recorded in ``field`` (a date)."""

    field: Identifier
    months: Annotated[int, Field(ge=1, le=120)]
    citation: Citation


class Level(_Strict):
    """A recognised level (Đạt, Mức độ 1, Mức độ 2 …), lowest first in the file."""

    id: Identifier
    label: Text
    min_total: Points | None = None
    min_group_points: Points | None = Field(
        default=None, description="Every group must score at least this."
    )
    min_item_points: Points | None = Field(
        default=None, description="Every item must score at least this."
    )
    required_items: list[ItemId] | Literal["all"] = []
    citation: Citation
    provisional: bool = False
    provisional_note: Text | None = None
    wait: LevelWait | None = Field(
        default=None, description="This level may be claimed only some months after a lower one."
    )


class Verdict(_Strict):
    """How a total becomes Đạt / Không đạt and which level is reached."""

    levels: Annotated[list[Level], Field(min_length=1)]


class RollupMeasure(StrEnum):
    """What a roll-up computes over the members' verdicts."""

    share = "share"  # percent (0–100) of counted members that hold the title
    held_count = "count"  # number of members that hold the title
    member_count = "members"  # number of members counted
    all_held = "all"  # every counted member holds the title
    any_held = "any"  # at least one counted member holds it


class IncompleteMembers(StrEnum):
    """How a member whose verdict is ``incomplete`` is counted."""

    exclude = "exclude"  # left out of both the count and the total
    not_held = "not_held"  # counted in the total, as not holding the title


class Rollup(_Strict):
    """A figure computed from other applicants' verdicts, usable in rules like a field.

    ``link`` names the member's field that holds this applicant's id (a household's
    ``ma_dong_ho`` for its clan); with no link, the member is this same applicant
    under another title (a household's own Gia đình học tập verdict).
    """

    id: Identifier
    label: Text
    title: TitleId
    link: Identifier | None = None
    measure: Annotated[RollupMeasure, Field(strict=False)]
    incomplete: Annotated[IncompleteMembers, Field(strict=False)]
    citation: Citation | None = None
    provisional: bool = False
    provisional_note: Text | None = None


class Recognition(_Strict):
    """How long a recognition lasts, and which column records an earlier one."""

    prior_field: Identifier | None = Field(
        default=None, description="Integer field: the year an earlier decision recognised it."
    )
    valid_years: Annotated[int, Field(ge=1, le=10)] = 1
    citation: Citation | None = None
    provisional: bool = False
    provisional_note: Text | None = None
    recognised_by: Literal["commune", "higher"] | None = Field(
        default=None,
        description="Who decides: the commune itself (its list goes with its own decision) "
        "or a higher body (the commune sends a proposal). Unset: a proposal. Settings override.",
    )
    after_year: bool = Field(
        default=False,
        description="valid_years counts the years following the recognition year (TT 25/2023): "
        "a title recognised for year Y also holds for Y+1 … Y+valid_years.",
    )
    year_meaning: Text | None = Field(
        default=None, description="What the year in prior_field is, in words, for people."
    )

    def still_valid(self, prior: int, year: int) -> bool:
        """Whether a recognition for assessment year ``prior`` still holds in ``year``."""
        years = year - prior
        return 0 <= years <= self.valid_years if self.after_year else 0 <= years < self.valid_years


class Successor(_Strict):
    """The document that replaced this criteria set, as far as it is known."""

    document: Text
    issuer: Text | None = None
    date: dt.date | None = None
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    period: Text | None = None
    content_available: bool = Field(
        default=False, description="Whether hoctap ships the successor's criteria."
    )
    citation: Citation


class Validity(_Strict):
    """Where the dates in force (effective_from, effective_until) are written."""

    citation: Citation | None = None
    provisional: bool = False
    provisional_note: Text | None = None
    note: Text | None = None


class ConstraintOp(StrEnum):
    """How two fields of one record must compare."""

    at_most = "<="
    less = "<"
    at_least = ">="
    greater = ">"
    equal = "=="


class Constraint(_Strict):
    """Two fields of one record that must compare so, e.g. children at school <= children of
    school age (a part never exceeds its whole). Checked when reading: a row that breaks it
    is reported naming both cells, and both are read as missing."""

    field: Identifier
    op: Annotated[ConstraintOp, Field(strict=False)] = ConstraintOp.at_most
    other: Identifier
    note: Text | None = None
    citation: Citation | None = None


@dataclass(frozen=True)
class ProvisionalValue:
    """A value no cited document confirms: an item (``name`` is its id), a level, a roll-up,
    the recognition window or the dates in force (``name`` is already words), and why."""

    kind: Literal["item", "level", "rollup", "recognition", "validity"]
    name: str
    note: str


class Criteria(_Strict):
    """A whole criteria file."""

    format: Literal[1] = 1
    id: TitleId
    title: Text
    version: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
    effective_from: dt.date
    effective_until: dt.date | None = None
    applicant: Annotated[Applicant, Field(strict=False)]
    scoring: Literal["points", "indicators"]
    document: LegalDocument
    summary: Text | None = None
    identity: Identity
    fields: Annotated[list[InputField], Field(min_length=1)]
    sheet_names: list[Text] = Field(
        default=[], description="Sheet names that mark a workbook as this title."
    )
    rollups: list[Rollup] = []
    recognition: Recognition = Recognition()
    groups: Annotated[list[Group], Field(min_length=1)]
    verdict: Verdict
    period: Text | None = Field(default=None, description="The period the set belongs to.")
    superseded_by: Successor | None = None
    validity: Validity | None = None
    constraints: list[Constraint] = Field(
        default=[], description="Cross-field checks on each record, e.g. a part <= its whole."
    )

    def field(self, field_id: str) -> InputField:
        for candidate in self.fields:
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)

    def rule_fields(self) -> dict[str, InputField]:
        """Everything a rule may name: the input fields and the roll-up figures."""
        fields = {f.id: f for f in self.fields}
        for rollup in self.rollups:
            fields.setdefault(rollup.id, rollup_field(rollup))
        return fields

    def items(self) -> list[tuple[Group, Item]]:
        return [(group, item) for group in self.groups for item in group.items]

    def max_total(self) -> float:
        return sum(item.points or 0 for _, item in self.items())

    def provisional_values(self) -> list[ProvisionalValue]:
        """Every value of this file that the cited documents do not confirm, with what it
        is (so a reporter can name it as people do) and its note."""
        found = [
            ProvisionalValue("item", item.id, item.provisional_note or "giá trị tạm tính")
            for _, item in self.items()
            if item.provisional
        ]
        found += [
            ProvisionalValue("level", level.label, level.provisional_note or "mức đạt tạm tính")
            for level in self.verdict.levels
            if level.provisional
        ]
        found += [
            ProvisionalValue("rollup", r.label, r.provisional_note or "cách tính tạm thời")
            for r in self.rollups
            if r.provisional
        ]
        if self.recognition.provisional:
            years = f"Thời hạn công nhận {self.recognition.valid_years} năm"
            found.append(
                ProvisionalValue(
                    "recognition", years, self.recognition.provisional_note or "tạm tính"
                )
            )
        if self.validity is not None and self.validity.provisional:
            note = self.validity.provisional_note or "tạm tính"
            found.append(ProvisionalValue("validity", "Thời gian hiệu lực", note))
        return found

    def provisional_notes(self) -> list[str]:
        """The provisional values as plain lines, items by id (see report.names for words)."""
        return [f"{value.name}: {value.note}" for value in self.provisional_values()]

    @property
    def is_provisional(self) -> bool:
        return bool(self.provisional_notes())


_ROLLUP_TYPES = {
    RollupMeasure.share: (FieldType.number, 0.0, 100.0),
    RollupMeasure.held_count: (FieldType.integer, 0.0, None),
    RollupMeasure.member_count: (FieldType.integer, 0.0, None),
    RollupMeasure.all_held: (FieldType.boolean, None, None),
    RollupMeasure.any_held: (FieldType.boolean, None, None),
}


def rollup_field(rollup: Rollup) -> InputField:
    """The field a rule sees for a roll-up: a percent, a count or a yes/no."""
    kind, low, high = _ROLLUP_TYPES[rollup.measure]
    return InputField(id=rollup.id, type=kind, label=rollup.label, min=low, max=high)
