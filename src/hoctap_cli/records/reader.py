"""One entry point for every input format: open, recognise the title, read records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hoctap_cli.criteria.loader import CompiledCriteria
from hoctap_cli.engine.evaluate import Record
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.headers import find_header
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
    ".csv": lambda path: (open_csv(path), None),
    ".yaml": _open_yaml,
    ".yml": _open_yaml,
}


@dataclass
class OpenedInput:
    """An input file whose tables are open but not yet read."""

    path: Path
    tables: list[Table]
    named_criteria: str | None  # a YAML input may name its criteria


@dataclass
class ReadResult:
    """Records read from one input, with every problem and where each field was found."""

    file: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layouts: list[SheetLayout] = field(default_factory=list)


def open_input(path: Path) -> OpenedInput:
    """Open ``path`` by its suffix; raise ``InputError`` when it cannot be read at all."""
    opener = OPENERS.get(path.suffix.lower())
    if opener is None:
        raise InputError(
            Problem(ProblemCode.unsupported_format, str(path), params={"suffix": path.suffix})
        )
    if not path.is_file():
        raise InputError(
            Problem(ProblemCode.file_unreadable, str(path), params={"reason": "không tìm thấy tệp"})
        )
    tables, named = opener(path)
    return OpenedInput(path, tables, named)


def recognise(
    opened: OpenedInput, candidates: Sequence[CompiledCriteria]
) -> CompiledCriteria | None:
    """The criteria whose fields the input's headers (or sheet names) match best."""
    if opened.named_criteria:
        for candidate in candidates:
            if candidate.criteria.id == opened.named_criteria:
                return candidate
    best: tuple[int, CompiledCriteria] | None = None
    for candidate in candidates:
        sheet_names = {fold(name) for name in candidate.criteria.sheet_names}
        for table in opened.tables:
            header = find_header([cells for _, cells in table.head], candidate.criteria)
            score = header.score if header else 0
            if header and table.sheet and fold(table.sheet) in sheet_names:
                score += 5
            if score and (best is None or score > best[0]):
                best = (score, candidate)
    return best[1] if best else None


def read_input(opened: OpenedInput, compiled: CompiledCriteria) -> ReadResult:
    """Read every table of ``opened`` that has a header for ``compiled``."""
    result = ReadResult(str(opened.path))
    seen_ids: dict[str, tuple[str | None, int]] = {}
    for table in opened.tables:
        header = find_header([cells for _, cells in table.head], compiled.criteria)
        if header is None:
            continue
        reader = RowReader(compiled, result.file, table, header, seen_ids=seen_ids)
        result.problems += reader.header_problems()
        result.records += reader.records()
        result.problems += reader.problems
        result.layouts.append(reader.layout())
    if not result.layouts:
        expected = ", ".join(f"'{f.label}'" for f in compiled.criteria.fields if f.required)
        raise InputError(Problem(ProblemCode.no_header, result.file, params={"expected": expected}))
    return result
