"""Reading a rendered PDF's text layout (poppler's ``pdftotext -bbox-layout``) in tests.

Rendering is done by LibreOffice (workbooks, Word files) or Chromium (the HTML report), the
programs a commune office prints from; the checks then look at where each line of text
landed: no two lines may overlap, and every expected text must be on a page.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NS = "{http://www.w3.org/1999/xhtml}"
TOLERANCE = 1.0  # points, across
SHARE = 0.3  # of the lower line's height: stacked Vietnamese diacritics reach into the line above


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Line) -> bool:
        wide = min(self.x1, other.x1) - max(self.x0, other.x0)
        high = min(self.y1, other.y1) - max(self.y0, other.y0)
        limit = SHARE * min(self.y1 - self.y0, other.y1 - other.y0)
        return self.page == other.page and wide > TOLERANCE and high > limit


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice (soffice) is needed: .ci/run installs it"
    return found


def to_pdf(document: Path, folder: Path) -> Path:
    """Convert with LibreOffice headless, in a profile of its own (tests may run in parallel)."""
    profile = folder / "lo-profile"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(document)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = folder / (document.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {document.name}"
    return pdf


def lines(pdf: Path) -> list[Line]:
    """Every text line of the PDF with its box, page by page (pages from 1)."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout
    root = ET.fromstring(out)
    found = []
    for number, page in enumerate(root.iter(f"{NS}page"), start=1):
        for line in page.iter(f"{NS}line"):
            words = [word.text or "" for word in line.iter(f"{NS}word")]
            box = [float(line.get(key, "0")) for key in ("xMin", "yMin", "xMax", "yMax")]
            found.append(Line(number, " ".join(words), *box))
    return found


def overlaps(found: list[Line]) -> list[tuple[Line, Line]]:
    """Pairs of lines on one page whose boxes cross."""
    pairs = []
    by_page: dict[int, list[Line]] = {}
    for line in found:
        by_page.setdefault(line.page, []).append(line)
    for page_lines in by_page.values():
        ordered = sorted(page_lines, key=lambda line: line.y0)
        for index, line in enumerate(ordered):
            for other in ordered[index + 1 :]:
                if other.y0 > line.y1:
                    break
                if line.overlaps(other):
                    pairs.append((line, other))
    return pairs


def page_texts(pdf: Path) -> list[str]:
    """The plain text of each page."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def to_png(pdf: Path, prefix: Path, resolution: int = 60) -> list[Path]:
    """Each page as a PNG (for people to look at; kept with the test's files)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), str(pdf), str(prefix)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return sorted(prefix.parent.glob(prefix.name + "*.png"))


def raw_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")


def missing_words(texts: list[str], pdf: Path) -> list[str]:
    """Words of ``texts`` not printed: cut at a page edge or hidden under another cell.

    Long unbroken words (hashes) may be split over lines, so they are looked for in the
    text with every space and line break taken out.
    """
    printed = raw_text(pdf)
    words = set(printed.split())
    joined = "".join(printed.split())
    missing = []
    for text in texts:
        for word in text.split():
            if word not in words and (len(word) < 20 or word not in joined):
                missing.append(word)
    return missing


def signed_pages_without_rows(found: list[Line], least: int = 2) -> list[int]:
    """Pages carrying the signatures but fewer than ``least`` numbered rows of the table
    and no letterhead: pages that sign for no one."""
    by_page: dict[int, list[Line]] = {}
    for line in found:
        by_page.setdefault(line.page, []).append(line)
    bad = []
    for page, page_lines in by_page.items():
        texts = " ".join(line.text for line in page_lines)
        if "(Ký tên, đóng dấu)" not in texts or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts:
            continue
        left = min(line.x0 for line in page_lines)
        numbered = [
            line for line in page_lines
            if line.text.split()[0].isdigit() and line.x0 < left + 30
        ]  # fmt: skip
        if len(numbered) < least:
            bad.append(page)
    return bad
