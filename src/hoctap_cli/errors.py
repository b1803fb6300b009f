"""The one base class of every error hoctap raises for a problem a person can fix.

Callers of the library catch ``HoctapError`` to handle bad criteria, unreadable inputs and
refused outputs alike; anything else escaping is a defect in hoctap, not in the data.

Each error carries a stable English ``code`` (for programs, as in JSON output), where it
happened (``location``) and the values involved (``params``). Its Vietnamese ``message``
is made from those by the templates in ``hoctap_cli.messages``, so the code raising an
error names what went wrong and never words it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """What stopped a whole operation; English values are for programs."""

    error = "error"  # a message worded by its raiser, without a finer code
    # Criteria
    criteria_invalid = "criteria_invalid"  # each problem has its own ``CriteriaCode``
    unknown_criteria = "unknown_criteria"
    unknown_version = "unknown_version"
    # Inputs
    inputs_unreadable = "inputs_unreadable"
    no_criteria_found = "no_criteria_found"
    unsupported_format = "unsupported_format"
    # Outputs
    output_failed = "output_failed"
    output_is_input = "output_is_input"
    output_exists = "output_exists"  # replaced only when asked (--force)
    output_in_input_folder = "output_in_input_folder"
    output_same_as_main = "output_same_as_main"  # the report's PDF named as the page itself
    annotate_no_workbook = "annotate_no_workbook"
    annotate_bad_target = "annotate_bad_target"
    annotate_needs_folder = "annotate_needs_folder"
    annotate_is_output = "annotate_is_output"
    pdf_failed = "pdf_failed"
    # Settings and dates typed by people
    settings_invalid = "settings_invalid"
    not_a_date = "not_a_date"
    bad_month = "bad_month"
    bad_year = "bad_year"
    bad_day = "bad_day"


class CriteriaCode(StrEnum):
    """Why a criteria file (or one place in it) was refused."""

    file_unreadable = "file_unreadable"
    file_not_found = "file_not_found"
    not_utf8 = "not_utf8"
    too_large = "too_large"
    empty_file = "empty_file"
    yaml_syntax = "yaml_syntax"
    bad_character = "bad_character"
    yaml_alias = "yaml_alias"
    yaml_tag = "yaml_tag"
    merge_key = "merge_key"
    bad_key = "bad_key"  # a key that is a number, a list … instead of text
    duplicate_key = "duplicate_key"
    unreadable_value = "unreadable_value"
    not_a_mapping = "not_a_mapping"
    bad_extends = "bad_extends"
    extends_not_allowed = "extends_not_allowed"
    unknown_base = "unknown_base"
    unknown_key = "unknown_key"
    missing_key = "missing_key"
    bad_type = "bad_type"
    bad_choice = "bad_choice"
    bad_id = "bad_id"
    bad_name = "bad_name"
    empty_list = "empty_list"
    empty_value = "empty_value"
    too_long = "too_long"
    too_small = "too_small"
    too_big = "too_big"
    invalid = "invalid"  # a schema problem without a finer code (pydantic's words)
    rule_syntax = "rule_syntax"
    rule_too_long = "rule_too_long"
    rule_too_deep = "rule_too_deep"
    rule_type = "rule_type"
    rule_not_boolean = "rule_not_boolean"
    rule_forbidden = "rule_forbidden"
    unknown_field = "unknown_field"
    rule_bad_choice = "rule_bad_choice"
    rule_call = "rule_call"
    inconsistent = "inconsistent"  # a whole-file check (ids, references, levels …)
    rollup_cycle = "rollup_cycle"


@dataclass(frozen=True)
class Location:
    """Where an error stands, as precisely as its source allows; unknown parts are None.

    Criteria: ``file``, ``line``, ``path`` (dotted key path). Inputs: ``file``, ``sheet``,
    ``row``, ``column`` (and ``key``, the caller's key of a plain row). Outputs: ``file``.
    """

    file: str | None = None
    line: int | None = None
    path: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value is not None}


class HoctapError(Exception):
    """A problem with criteria, inputs or outputs, said for people (in Vietnamese).

    ``code`` is a stable English identifier for programs, as in JSON output; ``location``
    and ``params`` are what the message is made from. A subclass raised with a finished
    message (``OutputError("…")``) keeps it as its message.
    """

    code: StrEnum = ErrorCode.error

    def __init__(
        self,
        message: str | None = None,
        *,
        code: StrEnum | None = None,
        params: Mapping[str, Any] | None = None,
        location: Location | None = None,
    ) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, Any] = dict(params or {})
        self.location = location or Location()
        self._message = message
        # The sentence is made when someone reads it (``message``, ``str``), not here: the
        # readers raise and catch a BadValue for every refused cell and trial conversion.
        super().__init__(*(() if message is None else (message,)))

    @property
    def message(self) -> str:
        """The Vietnamese sentence for people."""
        if self._message is not None:
            return self._message
        from hoctap_cli.messages import error_message

        return error_message(self.code, self.params)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take other arguments than their message: rebuild from the state, so an
        # error crosses to another process (multiprocessing, a task queue) whole.
        return (_restored, (type(self), self.args, self.__dict__.copy()))

    def to_dict(self) -> dict[str, Any]:
        """The error for programs: English keys, its code, location and message."""
        return {
            "code": str(self.code),
            "message": self.message,
            "location": self.location.to_dict(),
        }


def _restored(kind: type[HoctapError], args: tuple[Any, ...], state: dict[str, Any]) -> HoctapError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error
