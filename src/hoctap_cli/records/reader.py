"""One entry point for every input format: open, recognise the title, read records."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.headers import (
    STT_LABELS,
    HeaderMatch,
    find_header,
    header_labels,
    near_header,
)
from hoctap_cli.records.other_books import open_ods, open_xls
from hoctap_cli.records.record import Record
from hoctap_cli.records.record_columns import join_records
from hoctap_cli.records.sources import InputError, Table, open_csv, open_xlsx
from hoctap_cli.records.tabular import RowReader, SheetLayout
from hoctap_cli.records.yaml_records import load_yaml_records
from hoctap_cli.text import fold


def _open_yaml(path: Path) -> tuple[list[Table], str | None]:
    named, table = load_yaml_records(path)
    return [table], named


OPENERS: dict[str, Callable[[Path], tuple[list[Table], str | None]]] = {
    ".xlsx": lambda path: (open_xlsx(path), None),
    ".xlsm": lambda path: (open_xlsx(path), None),
    ".xls": lambda path: (open_xls(path), None),
    ".ods": lambda path: (open_ods(path), None),
    ".csv": lambda path: (open_csv(path), None),
    ".yaml": _open_yaml,
    ".yml": _open_yaml,
}


_HINTS = {
    ".xlsb": "; đây là bảng Excel nhị phân .xlsb: hãy mở bằng Excel và lưu lại dạng .xlsx",
    ".numbers": "; hãy mở bằng Numbers và xuất ra dạng .xlsx",
}


@dataclass
class OpenedInput:
    """An input file whose tables are open but not yet read."""

    path: Path
    tables: list[Table]
    named_criteria: str | None  # a YAML input may name its criteria


@dataclass
class ReadResult:
    """Records read from one input, by title, with every problem and each table's layout."""

    file: str
    by_title: dict[str, Sequence[Record]] = field(default_factory=dict)
    criteria: dict[str, CompiledCriteria] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    layouts: list[SheetLayout] = field(default_factory=list)

    @property
    def records(self) -> list[Record]:
        """Every record read, whatever its title."""
        return [record for records in self.by_title.values() for record in records]


@dataclass(frozen=True)
class Assignment:
    """A table and the criteria whose header it carries."""

    table: Table
    compiled: CompiledCriteria
    header: HeaderMatch
    score: int = 0  # fields named, with the bonus of a sheet name or title block naming it


# What naming the title in a sheet's name, or in the title block above its header, is worth
# against fields named: enough to choose between titles whose columns look alike.
NAMED_BONUS = 5


def open_input(path: Path) -> OpenedInput:
    """Open ``path`` by its suffix; raise ``InputError`` when it cannot be read at all."""
    opener = OPENERS.get(path.suffix.lower())
    if opener is None:
        hint = _HINTS.get(path.suffix.lower(), "")
        params = {"suffix": path.suffix, "hint": hint}
        raise InputError(Problem(ProblemCode.unsupported_format, str(path), params=params))
    if not path.is_file():
        raise InputError(
            Problem(ProblemCode.file_unreadable, str(path), params={"reason_kind": "not_found"})
        )
    tables, named = opener(path)
    return OpenedInput(path, tables, named)


def assign(opened: OpenedInput, candidates: Sequence[CompiledCriteria]) -> list[Assignment]:
    """Each table with the candidate whose fields its header (and sheet name) match best."""
    named = [c for c in candidates if c.criteria.id == opened.named_criteria]
    assignments = []
    for table in opened.tables:
        heads = [cells for _, cells in table.head]
        labels = header_labels(heads)
        best: tuple[int, Assignment] | None = None
        for candidate in named or candidates:
            header = find_header(heads, candidate.criteria, labels)
            if header is None:
                continue
            sheet_names = {fold(name) for name in candidate.criteria.sheet_names}
            bonus = NAMED_BONUS if table.sheet and fold(table.sheet) in sheet_names else 0
            block = title_block(heads, header)
            if fold(candidate.criteria.title) in block:
                bonus += NAMED_BONUS + len(candidate.criteria.title) // 10  # the longest name
            if best is None or header.score + bonus > best[0]:
                score = header.score + bonus
                best = (score, Assignment(table, candidate, header, score))
        if best is not None:
            assignments.append(best[1])
    return assignments


def title_block(heads: Sequence[Sequence[object]], header: HeaderMatch) -> str:
    """The folded text above a table's header ('danh sach ho dang ky gia dinh hoc tap …')."""
    top = header.row_index - header.rows + 1
    texts = [cell for cells in heads[:top] for cell in cells if isinstance(cell, str)]
    return " ".join(fold(text) for text in texts)


def recognise(
    opened: OpenedInput, candidates: Sequence[CompiledCriteria]
) -> CompiledCriteria | None:
    """The criteria of the input's best-matching table, if any table matches."""
    assignments = assign(opened, candidates)
    return max(assignments, key=lambda a: a.score).compiled if assignments else None


def read_input(
    opened: OpenedInput,
    criteria: CompiledCriteria | Sequence[CompiledCriteria],
    id_name: str | None = None,
) -> ReadResult:
    """Read every table of ``opened`` with the candidate criteria its header matches best.

    ``id_name`` names the file in ids made from an STT column (``row_ids.id_names``)."""
    candidates = [criteria] if isinstance(criteria, CompiledCriteria) else list(criteria)
    with collector_paused():
        return _read(opened, candidates, id_name)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a file is read: reading makes millions of
    objects (cells, records) and no cycles, and each collection the allocations trigger walks
    all of them again (16 % of the CPU time of reading 100,000 rows, bench/README.md).
    Memory is still freed as it is dropped; the collector is back on (if it was) after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(
    opened: OpenedInput, candidates: list[CompiledCriteria], id_name: str | None
) -> ReadResult:
    result = ReadResult(str(opened.path))
    seen_ids: dict[str, dict[str, tuple[str | None, int]]] = {}
    parts: dict[str, list[Sequence[Record]]] = {}
    for assignment in assign(opened, candidates):
        title = assignment.compiled.criteria.id
        reader = RowReader(
            assignment.compiled,
            result.file,
            assignment.table,
            assignment.header,
            seen_ids=seen_ids.setdefault(title, {}),
            id_name=id_name,
        )
        result.criteria[title] = assignment.compiled
        result.problems += _notices(assignment.table, result.file)
        result.problems += reader.header_problems()
        parts.setdefault(title, []).append(reader.read())
        result.problems += reader.problems
        result.layouts.append(reader.layout())
    result.by_title = {title: join_records(read) for title, read in parts.items()}
    if not result.layouts:
        raise InputError(_no_table(opened, candidates, result.file))
    return result


def _no_table(opened: OpenedInput, candidates: Sequence[CompiledCriteria], file: str) -> Problem:
    """Why no table was read: the id column a header lacks, else no header at all."""
    near: tuple[int, Table, CompiledCriteria, HeaderMatch] | None = None
    for table in opened.tables:
        heads = [cells for _, cells in table.head]
        for candidate in candidates:
            header = near_header(heads, candidate.criteria)
            if header is not None and (near is None or header.score > near[0]):
                near = (header.score, table, candidate, header)
    if near is None:
        return Problem(ProblemCode.no_header, file, params={"expected": _expected(candidates)})
    _, table, candidate, header = near
    criteria = candidate.criteria
    id_field = criteria.field(criteria.identity.id)
    accepted = ", ".join(f"'{name}'" for name in (id_field.label, *id_field.aliases))
    row = table.head[header.row_index][0]
    params = {"label": id_field.label, "accepted": accepted, "stt": STT_LABELS}
    return Problem(
        ProblemCode.no_id_column, file, table.sheet, row, None, id_field.id, None, params
    )


def _notices(table: Table, file: str) -> list[Problem]:
    """How a table that is read was read: its encoding, a hidden sheet, a misnamed file."""
    notices = list(table.notices)
    if table.hidden:
        notices.append(Problem(ProblemCode.hidden_sheet, file, table.sheet))
    return notices


def _expected(candidates: Sequence[CompiledCriteria]) -> str:
    if len(candidates) == 1:
        return ", ".join(f"'{f.label}'" for f in candidates[0].criteria.fields if f.required)
    labels = {c.criteria.field(c.criteria.identity.id).label for c in candidates}
    return ", ".join(f"'{label}'" for label in sorted(labels))
