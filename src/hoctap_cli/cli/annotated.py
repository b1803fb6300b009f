"""``evaluate --annotate``: writing the copies ``workflow.annotations`` planned, each
atomically, and saying on stderr what was written and what could not be."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoctap_cli.atomic import OutputError, os_reason
from hoctap_cli.cli.errors import stderr
from hoctap_cli.workflow.annotations import CONVERTED, AnnotationPlan, names

if TYPE_CHECKING:  # the run pulls in the readers and engine: not needed for --help
    from hoctap_cli.workflow.run import Evaluation


def write_annotations(plan: AnnotationPlan, evaluation: Evaluation) -> list[Path]:
    """Write each copy; say what was written; return the workbooks that could not be."""
    from hoctap_cli.cli.steps import emit
    from hoctap_cli.outputs.registry import ANNOTATED

    if plan.not_workbooks:
        stderr.print(
            "Không ghi kết quả kèm vào được tệp .csv, .yaml (chỉ bảng Excel .xlsx, .xls "
            "hoặc bảng tính .ods): " + names(plan.not_workbooks),
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
        copy = _open(source, evaluation)
        if copy is None:
            missed.append(source)
            continue
        if plan.folder is not None:
            _make_folder(plan.folder)
        emit(ANNOTATED, copy, target)
        if source.suffix.lower() in CONVERTED:
            stderr.print(
                f"Đã ghi bảng kết quả {target}: bản .xlsx chép giá trị các ô của {source} "
                f"(không giữ định dạng), vì không ghi kết quả vào tệp {source.suffix} được.",
                markup=False,
            )
        else:
            stderr.print(f"Đã ghi bảng kết quả {target} (từ {source}).", markup=False)
    return missed


def _open(source: Path, evaluation: Evaluation) -> Any:
    """The copy planned, its workbook opened (never saved over ``source``), or None with a
    message."""
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    from hoctap_cli.outputs.annotated.copy import open_copy
    from hoctap_cli.records.sources import InputError

    try:
        return open_copy(source, evaluation)
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
