"""``evaluate --annotate``: which annotated copies to write, decided and checked before the
run so that nothing refused is found out only after it.

One input workbook: ``--annotate`` names the copy (``.xlsx``) or a folder. Several: it must
name a folder, which receives ``<tên>-ket-qua.xlsx`` per workbook (``-2``, ``-3`` … when two
inputs share a name). CSV and YAML inputs have no workbook to annotate: they are named,
and the run refuses only when no input is a workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hoctap_cli.atomic import OutputError
from hoctap_cli.errors import ErrorCode, Location
from hoctap_cli.workflow.inputs import ANNOTATED_SUFFIX
from hoctap_cli.workflow.writing import check_target

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CONVERTED = (".xls", ".ods")  # annotated as an .xlsx copy: openpyxl writes only .xlsx


@dataclass
class AnnotationPlan:
    """Input workbook → annotated copy, and the inputs that cannot be annotated."""

    copies: list[tuple[Path, Path]] = field(default_factory=list)
    not_workbooks: list[Path] = field(default_factory=list)
    folder: Path | None = None


def is_folder_target(target: Path) -> bool:
    """An existing folder, or a new name without a suffix."""
    return target.is_dir() or (not target.exists() and not target.suffix)


def plan_annotations(
    target: Path, inputs: Sequence[Path], force: bool, output: Path | None
) -> AnnotationPlan:
    """Every copy to write; refuse before the run what could not be written after it."""
    workbooks = [p for p in inputs if p.suffix.lower() in WORKBOOK_SUFFIXES]
    plan = AnnotationPlan(not_workbooks=[p for p in inputs if p not in workbooks])
    if not workbooks:
        raise _refused(ErrorCode.annotate_no_workbook, target, inputs=names(inputs))
    if is_folder_target(target):
        plan.folder = target
        plan.copies = list(zip(workbooks, copy_names(target, workbooks), strict=True))
    elif target.suffix.lower() != ".xlsx":
        raise _refused(ErrorCode.annotate_bad_target, target)
    elif len(workbooks) > 1:
        count, suffix = len(workbooks), ANNOTATED_SUFFIX
        raise _refused(ErrorCode.annotate_needs_folder, target, count=count, suffix=suffix)
    else:
        plan.copies = [(workbooks[0], target)]
    for _, copy in plan.copies:
        check_target(copy, inputs, force)
        if output is not None and copy.resolve() == output.resolve():
            raise _refused(ErrorCode.annotate_is_output, copy)
    return plan


def copy_names(folder: Path, workbooks: Sequence[Path]) -> list[Path]:
    """``<stem>-ket-qua.xlsx`` in ``folder`` for each workbook, numbered when stems clash."""
    names: list[Path] = []
    taken: set[str] = set()
    for workbook in workbooks:
        stem, number = workbook.stem, 1
        name = f"{stem}{ANNOTATED_SUFFIX}"
        while name.casefold() in taken:
            number += 1
            name = f"{stem}-{number}{ANNOTATED_SUFFIX}"
        taken.add(name.casefold())
        names.append(folder / name)
    return names


def names(paths: Sequence[Path]) -> str:
    """The paths as one line, for messages."""
    return ", ".join(str(path) for path in paths)


def _refused(code: ErrorCode, path: Path, **params: object) -> OutputError:
    """An annotated copy refused before the run: its code, the target, and the details."""
    where = str(path)
    return OutputError(code=code, params={"file": where, **params}, location=Location(where))
