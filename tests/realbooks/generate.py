"""Write the LibreOffice saves of the corpus into fixtures/ (committed, so tests need no office).

    python -m tests.realbooks.generate        # needs LibreOffice (soffice) on the PATH

Each book of ``books.SAVED`` is written as .xlsx by openpyxl, then opened and saved by
LibreOffice as .xls (Excel 97–2003), .ods and .xlsx, as an officer's office suite would.
The books are generated from a fixed seed, so running this again gives the same cells.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.realbooks.books import (
    BAD_CELL,
    FIXTURES,
    HIDDEN,
    SAVED,
    SAVED_SUFFIXES,
    saved_path,
    write_bad_cell,
    write_hidden,
    write_xlsx,
)

FILTERS = {".xls": "xls:MS Excel 97", ".ods": "ods", ".xlsx": "xlsx:Calc MS Excel 2007 XML"}


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("cần LibreOffice (soffice) để tạo các tệp mẫu", file=sys.stderr)
        return 2
    FIXTURES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        sources = [
            write_xlsx(book, work / f"{name}-libreoffice.xlsx") for name, book in SAVED.items()
        ]
        sources.append(write_bad_cell(work / f"{BAD_CELL.name}-libreoffice.xlsx"))
        sources.append(write_hidden(work / f"{HIDDEN.name}-libreoffice.xlsx"))
        for source in sources:
            name = source.stem.removesuffix("-libreoffice")
            for suffix in SAVED_SUFFIXES:
                out = work / suffix.lstrip(".")
                out.mkdir(exist_ok=True)
                subprocess.run(
                    [
                        soffice,
                        "--headless",
                        "--convert-to",
                        FILTERS[suffix],
                        "--outdir",
                        str(out),
                        str(source),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=180,
                )
                shutil.copyfile(out / (source.stem + suffix), saved_path(name, suffix))
                print(saved_path(name, suffix))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
