"""``evaluate --annotate``: which annotated copies to write, checked before the run, and
writing them atomically after it.

One input workbook: ``--annotate`` names the copy (``.xlsx``) or a folder. Several: it must
name a folder, which receives ``<tên>-ket-qua.xlsx`` per workbook (``-2``, ``-3`` … when two
inputs share a name). CSV and YAML inputs have no workbook to annotate: they are named,
and the run refuses only when no input is a workbook.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoctap_cli.atomic import OutputError, os_reason
from hoctap_cli.cli.errors import stderr
from hoctap_cli.workflow.inputs import ANNOTATED_SUFFIX
from hoctap_cli.workflow.writing import check_target

if TYPE_CHECKING:  # the run pulls in the readers and engine: not needed for --help
    from hoctap_cli.workflow.run import Evaluation

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
        raise OutputError(
            "--annotate chỉ ghi được vào bảng Excel (.xlsx); không tệp đầu vào nào là bảng "
            f"Excel: {_names(inputs)}"
        )
    if is_folder_target(target):
        plan.folder = target
        plan.copies = list(zip(workbooks, copy_names(target, workbooks), strict=True))
    elif target.suffix.lower() != ".xlsx":
        raise OutputError(f"--annotate {target}: cần tên tệp .xlsx hoặc một thư mục")
    elif len(workbooks) > 1:
        raise OutputError(
            f"có {len(workbooks)} bảng Excel đầu vào: --annotate cần một thư mục, nơi mỗi bảng "
            f"được ghi thành một tệp <tên>{ANNOTATED_SUFFIX}"
        )
    else:
        plan.copies = [(workbooks[0], target)]
    for _, copy in plan.copies:
        check_target(copy, inputs, force)
        if output is not None and copy.resolve() == output.resolve():
            raise OutputError(f"tệp {copy} vừa là --output vừa là --annotate; hãy chọn tên khác")
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


def write_annotations(plan: AnnotationPlan, evaluation: Evaluation) -> list[Path]:
    """Write each copy; say what was written; return the workbooks that could not be."""
    from hoctap_cli.cli.steps import emit
    from hoctap_cli.outputs.registry import ANNOTATED
    from hoctap_cli.report.annotate import annotate_workbook

    if plan.not_workbooks:
        stderr.print(
            "Không ghi kết quả kèm vào được tệp .csv, .yaml (chỉ bảng Excel .xlsx, .xls "
            "hoặc bảng tính .ods): " + _names(plan.not_workbooks),
            markup=False,
        )
    read = {item.file for item in evaluation.inputs}
    missed: list[Path] = []
    for source, target in plan.copies:
        if str(source) not in read:
            stderr.print(
                f"Không ghi được bảng kết quả của {source}: tệp không đọc được.",
                markup=False,
            )
            missed.append(source)
            continue
        workbook = _open(source)
        if workbook is None:
            missed.append(source)
            continue
        annotate_workbook(workbook, evaluation, str(source))
        if plan.folder is not None:
            _make_folder(plan.folder)
        emit(ANNOTATED, workbook, target)
        if source.suffix.lower() in CONVERTED:
            stderr.print(
                f"Đã ghi bảng kết quả {target}: bản .xlsx chép giá trị các ô của {source} "
                f"(không giữ định dạng), vì không ghi kết quả vào tệp {source.suffix} được.",
                markup=False,
            )
        else:
            stderr.print(f"Đã ghi bảng kết quả {target} (từ {source}).", markup=False)
    return missed


def _open(source: Path) -> Any:
    """The workbook opened for editing (never saved over ``source``), or None with a message."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    from hoctap_cli.records.sources import InputError
    from hoctap_cli.report.converted_book import converted_workbook

    try:
        if source.suffix.lower() in CONVERTED:
            return converted_workbook(source)
        return load_workbook(source, rich_text=True)
    except InputError as exc:
        stderr.print(f"Không mở được {source} để ghi kết quả kèm: {exc}", markup=False)
        return None
    except (
        OSError,
        ValueError,
        KeyError,
        TypeError,
        zipfile.BadZipFile,
        InvalidFileException,
    ) as exc:
        stderr.print(f"Không mở được {source} để ghi kết quả kèm: {exc}", markup=False)
        return None


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"không tạo được thư mục {folder}: {os_reason(exc)}") from None


def _names(paths: Sequence[Path]) -> str:
    return ", ".join(str(path) for path in paths)
