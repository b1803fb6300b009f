"""Opening old Excel (.xls) and OpenDocument (.ods) workbooks, with the checks of .xlsx.

Both are read by python-calamine, like .xlsx. An .xls is an OLE2 container: its size is
checked, a password-protected file refused with its own message, and each sheet's extent
checked against the limits (an .xls sheet holds at most 65,536 × 256 cells, so the reader
never asks for more than that). An .ods is a zip: ``ods_scan`` checks it as ``xlsx_guard``
checks an .xlsx and finds its merged cells and hidden rows. A file whose content is not
what its suffix says (an .xlsx renamed .xls, CSV text) goes to the .xlsx opener, which
tells each case apart.
"""

from __future__ import annotations

from pathlib import Path

from hoctap_cli.atomic import os_reason
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records import limits, ods_scan, xlsx_guard
from hoctap_cli.records.sources import InputError, Table, open_xlsx, read_sheets

_HEAD = 8192


def _head(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        too_big = limits.file_size_problem(path, size, limits.MAX_FILE_BYTES)
        if too_big:
            raise InputError(too_big)
        with path.open("rb") as stream:
            return stream.read(_HEAD)
    except OSError as exc:
        raise InputError(xlsx_guard.unreadable(path, "os", os_reason=os_reason(exc))) from None


def open_xls(path: Path) -> list[Table]:
    """The sheets of an Excel 97–2003 workbook."""
    head = _head(path)
    if not head.startswith(xlsx_guard.OLE2):
        return open_xlsx(path)
    with path.open("rb") as stream:
        stream.read(len(head))
        if xlsx_guard._contains(stream, head, xlsx_guard.ENCRYPTED_PACKAGE):
            raise InputError(Problem(ProblemCode.password_protected, str(path)))
    return read_sheets(path, {}, kind=".xls", check_extents=True)


def open_ods(path: Path) -> list[Table]:
    """The sheets of an OpenDocument spreadsheet (LibreOffice Calc)."""
    head = _head(path)
    if not head.startswith(xlsx_guard.ZIP) or b"opendocument.spreadsheet" not in head[:200]:
        return open_xlsx(path)
    try:
        facts, merges = ods_scan.inspect_ods(path)
    except xlsx_guard.Refused as exc:
        raise InputError(exc.problem) from None
    return read_sheets(path, facts, merges, kind=".ods")
