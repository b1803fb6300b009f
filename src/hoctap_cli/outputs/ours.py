"""Recognising files an earlier hoctap run wrote, so they are neither read as applicants
nor protected from ``--force`` like the person's own data."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path


def written_by_export(path: Path) -> bool:
    """Whether ``path`` is a list an earlier ``hoctap export`` wrote (workbook or CSV)."""
    from hoctap_cli.outputs.papers.export_formats import CSV_HEADER
    from hoctap_cli.outputs.papers.export_xlsx import WORKBOOK_TITLE

    try:
        if path.suffix.lower() == ".csv":
            with path.open("rb") as handle:
                first = handle.read(400).decode("utf-8-sig", "replace").splitlines()[:1]
            return first == [",".join(CSV_HEADER)]
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
        # with lxml, openpyxl declares the namespace on the element: <dc:title xmlns:dc="…">
        return re.search(f"<dc:title[^>]*>{re.escape(WORKBOOK_TITLE)}</dc:title>", core) is not None
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def written_by_evaluate(path: Path) -> bool:
    """Whether ``path`` is a CSV an earlier ``hoctap evaluate -f csv`` wrote."""
    from hoctap_cli.outputs.data.formats import written_by_csv

    return written_by_csv(path)


EXPORTED_LIST = "danh sách do hoctap export ghi trước đó"


def exported_list(path: Path) -> str | None:
    """``also_skip`` for ``export``: a list an earlier ``hoctap export`` left in a folder."""
    return EXPORTED_LIST if written_by_export(path) else None
