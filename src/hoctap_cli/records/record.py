"""What reading gives the engine: one applicant's normalised values and where they were read.

Records belong to the readers that make them (files, streams, plain rows from a caller);
the engine only consumes them, so these types sit below it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hoctap_cli.shown_files import named_file


@dataclass(frozen=True, slots=True)
class SourceRow:
    """Where an applicant's data was read."""

    file: str
    sheet: str | None
    row: int | None
    columns: Mapping[str, str] = field(default_factory=dict)  # field id → column, shared per table
    # Fields whose cell was filled but refused (a word in a number cell, a value out of range,
    # two counts that contradict each other): missing for the engine, but not blank, and the
    # reasons must say so rather than "thiếu".
    unreadable: frozenset[str] = frozenset()
    generated_id: bool = False  # the id was made from the file, sheet and STT, not written

    def to_dict(self) -> dict[str, Any]:
        return {"file": named_file(self.file), "sheet": self.sheet, "row": self.row}


@dataclass(frozen=True, slots=True)
class Record:
    """One applicant's normalised values and where they were read."""

    values: dict[str, Any]
    source: SourceRow
