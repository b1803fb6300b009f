"""The HTML report as a PDF, printed by the installed Chromium in headless mode.

Chromium rather than WeasyPrint: it adds no Python dependency and no native libraries
(WeasyPrint needs Pango and its fonts stack), it is the engine the report is already
tested in (tests/test_report_browser.py), and what it prints is what a clerk sees when
printing from the browser. The page is loaded from the local file with the network cut
off (every host resolves to nothing), in a throw-away profile.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO

from hoctap_cli.atomic import write_atomic
from hoctap_cli.errors import ErrorCode, HoctapError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--no-pdf-header-footer",
)
TIMEOUT = 180


class PdfError(HoctapError):
    """The PDF could not be printed; the message says why in Vietnamese."""

    code = ErrorCode.pdf_failed


def browser() -> str:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        "không tìm thấy Chromium để in PDF; cài Chromium (ví dụ 'apt-get install chromium') "
        "hoặc mở tệp .html bằng trình duyệt rồi chọn In > Lưu thành PDF"
    )


def html_to_pdf(page: Path, pdf: Path) -> None:
    """Print ``page`` to ``pdf`` (written atomically: a failed print leaves nothing)."""
    command = browser()
    with tempfile.TemporaryDirectory(prefix="hoctap-pdf-") as work:
        printed = Path(work) / "bao-cao.pdf"
        args = [command, *FLAGS, f"--user-data-dir={Path(work) / 'profile'}",
                f"--print-to-pdf={printed}", page.resolve().as_uri()]  # fmt: skip
        try:
            done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium không in xong PDF trong {TIMEOUT} giây") from None
        if done.returncode != 0 or not printed.is_file():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise PdfError(f"Chromium không in được PDF ({' '.join(tail) or done.returncode})")
        data = printed.read_bytes()
    write_atomic(pdf, lambda stream: _write(stream, data))


def _write(stream: IO[bytes], data: bytes) -> None:
    stream.write(data)
