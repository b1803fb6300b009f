"""What a header leaves unsaid: ids for a list with no code column, and ignored columns.

Most communes number their lists (STT) but give households no code. Such a row is known by
its file, sheet and STT ("danh-sach-2025/Thôn 1/12"): the same files give the same ids on
every run. Two villages often send lists under one file name from their own folders: the
file is then named by as many of its folders as tell it apart from the others of the run
("thon-1/diem-2025/Sheet1/1"), so one village is never taken for a repeat of the other.
An STT written twice in one sheet (numbering that restarts for each village) gets the row
number too ("…/12-r40"), so no household is taken for a repeat of another.

A header cell that names no field is reported once per sheet with the field labels it most
resembles, so the user learns which of her columns were ignored and what they may mean.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.header_text import words
from hoctap_cli.records.headers import HeaderMatch
from hoctap_cli.records.sources import Table
from hoctap_cli.records.values import BadValue, is_blank
from hoctap_cli.text import canonical

SUGGESTIONS = 3  # field labels offered for an ignored column
SUGGESTION_CUTOFF = 70.0  # rapidfuzz similarity (0–100) below which a label is no hint


@dataclass
class StableIds:
    """Ids from the STT column of one sheet: file, sheet and STT."""

    file: str
    sheet: str | None
    column: int  # 0-based column of the STT
    letter: str  # that column as the user sees it
    name: str | None = None  # the file's name in ids (see ``id_names``); else its stem
    _seen: set[str] = field(default_factory=set)

    @property
    def prefix(self) -> str:
        stem = self.name or PurePath(self.file).stem
        return f"{stem}/{self.sheet}/" if self.sheet else f"{stem}/"

    def read(self, cell: Any) -> str | None:
        """The STT of a cell as text (12.0 → '12'), or None when blank."""
        if is_blank(cell):
            return None
        if isinstance(cell, float) and cell.is_integer():
            return str(int(cell))
        if isinstance(cell, bool):
            raise BadValue("stt")
        return canonical(str(cell))

    def unique(self, stt: str, row: int) -> str:
        """The row's id: prefix and STT; with the row number when that STT came before."""
        made = self.prefix + stt
        if made in self._seen:
            made = f"{made}-r{row}"
        self._seen.add(made)
        return made

    def notice(self, header_row: int) -> Problem:
        params = {"column": self.letter, "example": self.prefix + "1"}
        return Problem(ProblemCode.ids_from_stt, self.file, self.sheet, header_row, params=params)


def id_names(paths: Sequence[Path]) -> dict[Path, str]:
    """Each input's name in generated ids: its stem, with the fewest parent folders that
    no other input of the run shares ('diem-2025', or 'thon-1/diem-2025' beside
    'thon-2/diem-2025'); compared as ids are, ignoring case. Files that differ only by
    their suffix ('diem.xlsx', 'diem.csv') keep it."""
    named = {path: _tails(path.absolute().with_suffix("").parts) for path in paths}
    names = dict(zip(named, _shortest(list(named.values())), strict=True))
    clashing = [path for path, name in names.items() if name is None]
    names |= dict(
        zip(clashing, _shortest([_tails(p.absolute().parts) for p in clashing]), strict=True)
    )
    return {path: name or path.as_posix() for path, name in names.items()}


def _tails(parts: tuple[str, ...]) -> list[str]:
    """'c', 'b/c', 'a/b/c' for the parts ('a', 'b', 'c')."""
    return ["/".join(parts[-depth:]) for depth in range(1, len(parts) + 1)]


def _shortest(tails: list[list[str]]) -> list[str | None]:
    """For each path's tails, the shortest no other path has; None when there is none."""
    counts = Counter(tail.casefold() for each in tails for tail in each)
    return [next((tail for tail in each if counts[tail.casefold()] == 1), None) for each in tails]


def unmatched_notices(
    file: str, table: Table, header: HeaderMatch, criteria: Criteria, header_row: int
) -> list[Problem]:
    """One notice per header cell that names no field, with the closest field labels."""
    taken = set(header.columns)
    names = [  # every label and alias of the fields the header did not name
        (" ".join(words(name)), f.id)
        for f in criteria.fields
        if f.id not in taken
        for name in (f.label, *f.aliases)
    ]
    choices = [text for text, _ in names]
    found = []
    if header.unmatched:
        # Loaded here, not with the module: most sheets name every column they have.
        from rapidfuzz import fuzz, process
    for column, text in header.unmatched:
        hints = process.extract(
            " ".join(words(text)),
            choices,
            scorer=fuzz.token_set_ratio,
            limit=SUGGESTIONS * 4,
            score_cutoff=SUGGESTION_CUTOFF,
        )
        fields = list(dict.fromkeys(names[index][1] for _, _, index in hints))[:SUGGESTIONS]
        labels = [criteria.field(field_id).label for field_id in fields]
        shown = "; có thể là: " + ", ".join(f"'{label}'" for label in labels) if labels else ""
        params = {"suggestions": labels, "hint": shown}
        letter = table.column_label(column)
        found.append(
            Problem(
                ProblemCode.unmatched_column,
                file,
                table.sheet,
                header_row,
                letter,
                None,
                text,
                params,
            )
        )
    return found
