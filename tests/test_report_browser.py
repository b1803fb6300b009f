"""``hoctap report`` in a real browser: headless Chromium draws, prints and reads the page.

Chromium is required, not optional: .ci/run installs it, and a machine without it fails
here with a message saying how to install it.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.support import EXAMPLE_XLSX, EXAMPLE_YAML
from typer.testing import CliRunner

from hoctap_cli.cli.app import app

# Drives Chromium: runs in .ci/run and in `pytest`; `-m "not slow"` leaves it out while editing.
pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
BROWSER_OWN = "not an origin"  # the initiator of Chromium's own requests, never the page's


@dataclass(frozen=True)
class Page:
    """The report and what Chromium made of it."""

    html: Path
    screenshot: Path
    pdf: Path
    dom: str
    netlog: Path


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "Chromium is needed to test the HTML report in a browser and was not found: "
            "install it with `apt-get install -y chromium` (.ci/run does so in CI)."
        )
    return found


def _run_chromium(work: Path, name: str, *args: str) -> str:
    """Run headless Chromium with a fresh profile; its stdout."""
    command = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={work / ('profile-' + name)}"]
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    """The two-year report of the village example, shot, printed and dumped once."""
    work = tmp_path_factory.mktemp("trinh-duyet")
    older = work / "thon-ea-sup-gia-dinh-2024.yaml"
    older.write_text(EXAMPLE_YAML.read_text("utf-8").replace("diem_tc4: 18", "diem_tc4: 10"))
    target = work / "bao-cao.html"
    result = CliRunner().invoke(app, ["report", str(older), str(EXAMPLE_XLSX), "-o", str(target)])
    assert target.is_file(), result.output
    url = target.resolve().as_uri()
    shot, pdf, netlog = work / "trang.png", work / "trang.pdf", work / "net.json"
    _run_chromium(work, "shot", f"--screenshot={shot}", "--window-size=1280,2000", url)
    _run_chromium(work, "pdf", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url)
    dom = _run_chromium(work, "dom", f"--log-net-log={netlog}", "--dump-dom", url)
    yield Page(target, shot, pdf, dom, netlog)


def _png_rows(data: bytes) -> tuple[int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG: (channels, rows of pixel bytes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, compressed, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            compressed += body
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6), (depth, color)
    channels = 3 if color == 2 else 4
    raw = zlib.decompress(compressed)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        rows.append(bytes(line))
        previous = line
    return channels, rows


def _unfilter(kind: int, line: bytearray, above: bytearray, step: int) -> bytearray:
    """Undo one PNG scanline filter (none, sub, up, average, Paeth)."""
    for i in range(len(line)) if kind else ():
        left = line[i - step] if i >= step else 0
        corner = above[i - step] if i >= step else 0
        if kind == 1:
            guess = left
        elif kind == 2:
            guess = above[i]
        elif kind == 3:
            guess = (left + above[i]) >> 1
        else:
            estimate = left + above[i] - corner
            near = min(
                (abs(estimate - left), 0, left),
                (abs(estimate - above[i]), 1, above[i]),
                (abs(estimate - corner), 2, corner),
            )
            guess = near[2]
        line[i] = (line[i] + guess) & 0xFF
    return line


def test_screenshot_is_a_drawn_page(page: Page) -> None:
    """It draws a 1280×2000 page with text, rules and grey bars, not a blank colour."""
    data = page.screenshot.read_bytes()
    assert len(data) > 20_000
    channels, rows = _png_rows(data)
    assert len(rows) == 2000 and len(rows[0]) == 1280 * channels
    colours = {row[i : i + 3] for row in rows[::4] for i in range(0, len(row), channels * 3)}
    assert len(colours) > 50
    dark = sum(1 for row in rows[::8] for i in range(0, len(row), channels * 8) if row[i] < 80)
    assert dark > 500  # headings, text and chart bars


def test_pdf_has_a4_pages(page: Page) -> None:
    """It prints to a PDF of several A4 pages: each section starts a new one."""
    pdf = page.pdf.read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page(?![a-z])", pdf)
    assert len(pages) >= 7
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    a4 = (595.28, 841.89)  # points
    assert boxes and all(
        abs(float(w) - a4[0]) < 1.5 and abs(float(h) - a4[1]) < 1.5 for w, h in boxes
    )


def test_charts_are_drawn_with_data(page: Page) -> None:
    """It keeps every chart in the DOM with bars or lines drawn from data."""
    svgs = re.findall(r"<svg\b.*?</svg>", page.dom, re.S)
    assert len(svgs) == 4
    for svg in svgs:
        assert 'role="img"' in svg and "<title>" in svg
        drawn = re.findall(r'<(?:rect|path)[^>]*class="(?:rect|line) reactive', svg)
        assert drawn, svg[:300]
    assert sum("histbar" in svg for svg in svgs) == 1
    assert sum('class="line reactive' in svg for svg in svgs) == 1


def test_vietnamese_text_survives(page: Page) -> None:
    """It keeps every diacritic through the browser's parse."""
    for phrase in (
        "Báo cáo kết quả xét công nhận danh hiệu học tập năm 2025",
        "Hồ sơ sắp đạt cần theo dõi",
        "Tiêu chí có nhiều hồ sơ không đạt nhất",
        "Xu hướng qua các năm",
        "Đặng Hữu Tuấn",
        "Thôn Ea Súp",
        "Đạt: 80 điểm",
    ):
        assert phrase in page.dom, phrase
    assert '<html lang="vi">' in page.dom


def test_no_request_leaves_the_machine(page: Page) -> None:
    """It references nothing outside the file, and the page asks the network for nothing."""
    source = page.html.read_text("utf-8")
    for forbidden in ("<script", "<link", " src=", "url(http", "@import"):
        assert forbidden not in source.lower(), forbidden
    addresses = re.findall(r'(\S*?)"?(https?://[^"\s]*)', source)
    assert all(before.startswith("xmlns") for before, _ in addresses), addresses
    log = json.loads(page.netlog.read_text("utf-8"))
    kinds = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    asked = [
        (event["params"]["url"], event["params"].get("initiator"))
        for event in log["events"]
        if kinds.get(event["type"]) == "URL_REQUEST_START_JOB"
        and event.get("params", {}).get("url")
    ]
    assert [(url, who) for url, who in asked if who != BROWSER_OWN] == []
