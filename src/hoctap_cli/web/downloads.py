"""The files a run can be downloaded as: written by the command line's own registry entries.

Downloads are addressed by a name from ``OUTPUTS`` only; the name never becomes a path.
Files are built in memory, except the PDF, which Chromium prints from a page written in the
run's private folder.
"""

from __future__ import annotations

import io
import logging
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from hoctap_cli.outputs import registry
from hoctap_cli.outputs.papers.settings import ExportSettings
from hoctap_cli.web.store import Run

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")

NO_WORKBOOK = "không có bảng Excel nào đọc được để ghi kết quả kèm (tệp CSV không ghi kèm được)"

log = logging.getLogger("hoctap.giao_dien")
S = TypeVar("S")


class DownloadError(Exception):
    """The file cannot be made for this run; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Download:
    """A file the page offers: its label, media type and how it is built for a run."""

    label: str
    media: str
    build: Callable[[Run, ExportSettings], bytes]
    uses_settings: bool = False


def workbooks(run: Run) -> list[Path]:
    """The run's workbooks that were read, the ones an annotated copy can be made of: as
    ``evaluate --annotate`` does, a workbook that could not be read is skipped, not fatal."""
    read = {item.file for item in run.evaluation.inputs}
    return [path for path in _all_workbooks(run) if str(path) in read]


def skipped_workbooks(run: Run) -> list[Path]:
    """The run's workbooks that could not be read, so have no annotated copy."""
    kept = set(workbooks(run))
    return [path for path in _all_workbooks(run) if path not in kept]


def _all_workbooks(run: Run) -> list[Path]:
    return [path for path in run.inputs if path.suffix.lower() in WORKBOOKS]


def annotated_copy(run: Run, settings: ExportSettings) -> bytes:
    """The one input workbook with its results, as ``evaluate --annotate`` writes it."""
    books = workbooks(run)
    if not books:
        raise DownloadError(NO_WORKBOOK)
    if len(books) > 1:
        raise DownloadError("có nhiều bảng Excel: hãy tải tệp nén các bảng kết quả")
    return _annotated(run, books[0])


def annotated_copies(run: Run, settings: ExportSettings) -> bytes:
    """A zip of every input workbook with its results, named ``<tên>-ket-qua.xlsx``."""
    from hoctap_cli.workflow.annotations import copy_names

    books = workbooks(run)
    if not books:
        raise DownloadError(NO_WORKBOOK)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for book, name in zip(books, copy_names(Path(), books), strict=True):
            archive.writestr(name.name, _annotated(run, book))
    return buffer.getvalue()


def _annotated(run: Run, source: Path) -> bytes:
    from hoctap_cli.outputs.annotated.copy import open_copy

    if str(source) not in {item.file for item in run.evaluation.inputs}:
        raise DownloadError(f"không ghi được bảng kết quả của {source.name}: tệp không đọc được")
    try:
        copy = open_copy(source, run.evaluation)
    except Exception as exc:  # a workbook openpyxl cannot open is the officer's to fix
        # openpyxl's reason is English and technical: it goes to the server's log only.
        log.info("không mở được %s để ghi kết quả kèm: %r", source.name, exc)
        raise DownloadError(
            f"không mở được {source.name} để ghi kết quả kèm: tệp hỏng hoặc không phải bảng "
            "Excel mà hoctap ghi được; hãy mở và lưu lại tệp bằng Excel rồi chấm lại"
        ) from None
    return _written(registry.ANNOTATED, copy)


def _export(run: Run, settings: ExportSettings) -> Any:
    from hoctap_cli.outputs.papers.export_data import build_export

    return build_export(run.evaluation, settings)


def _written(output: registry.Output[S], subject: S) -> bytes:
    """What the command line's registry entry writes for ``subject``, as bytes: the page
    offers the same files the commands write, by the same writers."""
    buffer = io.BytesIO()
    output.writer(subject, buffer)
    return buffer.getvalue()


def recognition_list(run: Run, settings: ExportSettings) -> bytes:
    return _written(registry.LISTS["xlsx"], _export(run, settings))


def recognition_csv(run: Run, settings: ExportSettings) -> bytes:
    return _written(registry.LISTS["csv"], _export(run, settings))


def recognition_json(run: Run, settings: ExportSettings) -> bytes:
    return _written(registry.LISTS["json"], _export(run, settings))


def decision(run: Run, settings: ExportSettings) -> bytes:
    from hoctap_cli.outputs.papers.decision import decided_lists
    from hoctap_cli.outputs.writers import Decision

    data = _export(run, settings)
    if not decided_lists(data):
        raise DownloadError(
            "không lập quyết định: không có danh hiệu nào do xã công nhận có hồ sơ đạt "
            "(chọn «Xã công nhận» cho danh hiệu ở mục «Ai công nhận từng danh hiệu» "
            "của phần Tải về)"
        )
    return _written(registry.DECISION, Decision(data, settings))


def report_page(run: Run, settings: ExportSettings) -> bytes:
    """The HTML report, with the commune's heading when any setting was given."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.outputs.html import render_report
    from hoctap_cli.outputs.papers.letterhead import letterhead
    from hoctap_cli.workflow.years import evaluate_by_year

    # Read in the request's thread, as every evaluation of the page (web/running.py).
    evaluations = evaluate_by_year(run.inputs, shipped_catalog(), run.criteria, None, workers=1)
    year = settings.nam or max(e.as_of.year for e in evaluations)
    given = settings != ExportSettings()
    head = letterhead(settings, year) if given else None
    return _written(registry.REPORT, render_report(evaluations, head, settings.noi_nhan).encode())


def report_pdf(run: Run, settings: ExportSettings) -> bytes:
    """The report printed by Chromium, as ``hoctap report --pdf`` prints it."""
    from hoctap_cli.atomic import write_atomic
    from hoctap_cli.outputs.papers.pdf import PdfError, html_to_pdf

    page = report_page(run, settings)
    stem = f"bao-cao-{secrets.token_hex(4)}"
    html, pdf = run.folder / f"{stem}.html", run.folder / f"{stem}.pdf"
    try:
        write_atomic(html, lambda stream: _write(stream, page))
        html_to_pdf(html, pdf)
        return pdf.read_bytes()
    except PdfError as exc:
        raise DownloadError(str(exc)) from None
    finally:
        html.unlink(missing_ok=True)
        pdf.unlink(missing_ok=True)


def results_json(run: Run, settings: ExportSettings) -> bytes:
    return _written(registry.RESULTS["json"], run.evaluation)


def results_csv(run: Run, settings: ExportSettings) -> bytes:
    return _written(registry.RESULTS["csv"], run.evaluation)


def pdf_available() -> bool:
    from hoctap_cli.outputs.papers.pdf import PdfError, browser

    try:
        browser()
    except PdfError:
        return False
    return True


def _write(stream: IO[bytes], data: bytes) -> None:
    stream.write(data)


# File name → what it is. The page offers these, and a request can ask for nothing else.
OUTPUTS: dict[str, Download] = {
    "bang-ket-qua.xlsx": Download("Bảng của mình kèm kết quả (Excel)", XLSX, annotated_copy),
    "cac-bang-ket-qua.zip": Download(
        "Các bảng kèm kết quả (tệp nén)", "application/zip", annotated_copies
    ),
    "danh-sach.xlsx": Download(
        "Danh sách công nhận, kèm trang Thống kê (Excel)", XLSX, recognition_list, True
    ),
    "quyet-dinh.docx": Download("Dự thảo quyết định công nhận (Word)", DOCX, decision, True),
    "danh-sach-thong-ke.json": Download(
        "Danh sách và thống kê (JSON)", "application/json", recognition_json, True
    ),
    "danh-sach.csv": Download("Danh sách công nhận (CSV)", "text/csv", recognition_csv, True),
    "bao-cao.html": Download("Báo cáo (HTML)", "text/html", report_page, True),
    "bao-cao.pdf": Download("Báo cáo (PDF)", "application/pdf", report_pdf, True),
    "ket-qua.json": Download("Kết quả từng hồ sơ (JSON)", "application/json", results_json),
    "ket-qua.csv": Download("Kết quả từng hồ sơ (CSV)", "text/csv", results_csv),
}


def offered(run: Run, with_pdf: bool) -> list[str]:
    """The outputs that make sense for this run (one annotated form; PDF when it can print)."""
    books = len(workbooks(run))
    names = []
    for name in OUTPUTS:
        if name == "bang-ket-qua.xlsx" and books != 1:
            continue
        if name == "cac-bang-ket-qua.zip" and books < 2:
            continue
        if name == "bao-cao.pdf" and not with_pdf:
            continue
        names.append(name)
    return names
