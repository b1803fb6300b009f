"""``hoctap giao-dien`` in a real browser: Debian's Chromium driven by Selenium through the
system chromedriver (nothing is downloaded), against a server on 127.0.0.1.

Chromium and chromedriver are required, not optional: .ci/run installs them, and a machine
without them fails here with a message saying how to install them.
"""

from __future__ import annotations

import base64
import io
import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait
from tests.support import EXAMPLE_XLSX, FAMILY_HEADER, ROOT
from tests.web_support import Served, served

# Drives Chromium: runs in .ci/run and in `pytest`; `-m "not slow"` leaves it out while editing.
pytestmark = pytest.mark.slow

COMMUNE_XLSX = ROOT / "examples" / "xa-quang-phu-2025.xlsx"
CHROMEDRIVER = "/usr/bin/chromedriver"
SHOTS = Path(os.environ.get("HOCTAP_WEB_SHOTS", "")) if os.environ.get("HOCTAP_WEB_SHOTS") else None
WAIT = 120


def _browser_paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = CHROMEDRIVER if Path(CHROMEDRIVER).is_file() else shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.fail(
            "Chromium and chromedriver are needed to test the page in a browser and were not "
            "found: install them with `apt-get install -y chromium chromium-driver` (.ci/run "
            "does so in CI)."
        )
    return chromium, driver


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with served() as running:
        yield running


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "tai-ve"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(downloads: Path) -> Iterator[WebDriver]:
    chromium, driver_path = _browser_paths()
    os.environ["SE_OFFLINE"] = "true"  # selenium-manager must never fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", "--lang=vi"):  # fmt: skip
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        yield driver
    finally:
        driver.quit()


def _evaluate(browser: WebDriver, server: Served, *files: Path, criteria: str = "") -> float:
    """Choose ``files`` on the first screen, press the button, wait for the results; the
    seconds from the press to the table on screen."""
    browser.get(server.url + "/")
    browser.find_element(By.ID, "tep-ho-so").send_keys("\n".join(str(f) for f in files))
    if criteria:
        Select(browser.find_element(By.ID, "bo-tieu-chi")).select_by_value(criteria)
    started = time.perf_counter()
    browser.find_element(By.ID, "nut-cham").click()
    WebDriverWait(browser, WAIT).until(
        lambda b: (
            b.find_elements(By.CSS_SELECTOR, "table.verdicts tbody tr")
            or b.find_elements(By.CSS_SELECTOR, "#thong-bao.box")
        )
    )
    return time.perf_counter() - started


def _wait_for_file(folder: Path, name: str) -> Path:
    deadline = time.monotonic() + WAIT
    path = folder / name
    while time.monotonic() < deadline:
        if path.is_file() and not list(folder.glob("*.crdownload")):
            return path
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded; folder holds {os.listdir(folder)}")


def _shoot(browser: WebDriver, name: str, width: int, at: str = "") -> int:
    """Show the page as a screen ``width`` px wide (a telephone below 600 px), save the top
    of it and the whole of it when HOCTAP_WEB_SHOTS names a folder; return how wide the page
    really is."""
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        drawn = int(browser.execute_script("return document.documentElement.scrollWidth"))
        if at:  # the screenshot of the top shows the page from that element down
            browser.execute_script(f"document.getElementById('{at}').scrollIntoView()")
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            for part, beyond in (("dau", False), ("ca-trang", True)):
                shot = browser.execute_cdp_cmd(
                    "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": beyond}
                )
                (SHOTS / f"{name}-{width}-{part}.png").write_bytes(base64.b64decode(shot["data"]))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return drawn


def test_the_village_example_is_scored_explained_and_downloaded(
    browser: WebDriver, server: Served, downloads: Path
) -> None:
    """It scores the village example through the page, shows its 38 households and the data
    errors, opens one explanation, and downloads the annotated workbook and the list, which
    openpyxl opens."""
    _evaluate(browser, server, EXAMPLE_XLSX)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.verdicts tbody tr")
    assert len(rows) == 38
    assert "Lỗi dữ liệu" in browser.find_element(By.ID, "loi-du-lieu").text
    first = rows[0].find_element(By.TAG_NAME, "a")
    household = first.text
    first.click()
    assert household in browser.find_element(By.TAG_NAME, "h1").text
    assert "Kết quả:" in browser.find_element(By.CSS_SELECTOR, ".outcome").text
    items = browser.find_elements(By.CSS_SELECTOR, "table.explain tbody tr")
    assert [row.find_element(By.TAG_NAME, "td").text for row in items][:2] == ["Mục 1.1", "Mục 1.2"]
    assert _shoot(browser, "giai-thich", 390) <= 390
    assert _shoot(browser, "giai-thich", 1280) <= 1280
    browser.back()
    browser.find_element(By.ID, "cai-dat-xa").send_keys("Xã Ea Súp")
    browser.find_element(By.CSS_SELECTOR, 'button[data-name="bang-ket-qua.xlsx"]').click()
    annotated = _wait_for_file(downloads, "thon-ea-sup-gia-dinh-2025-ket-qua.xlsx")
    browser.find_element(By.CSS_SELECTOR, 'button[data-name="danh-sach.xlsx"]').click()
    listed = _wait_for_file(downloads, "danh-sach.xlsx")
    sheet = openpyxl.load_workbook(annotated).worksheets[0]
    header_values = {cell.value for row in sheet.iter_rows(max_row=12) for cell in row}
    assert {"Kết quả", "Lý do"} <= header_values
    book = openpyxl.load_workbook(listed)
    assert "Thống kê" in book.sheetnames
    cells = " ".join(str(c.value) for c in book.worksheets[0]["A"] if c.value)
    assert "EA SÚP" in cells.upper()


def test_both_examples_at_once(browser: WebDriver, server: Served, downloads: Path) -> None:
    """It scores the two example workbooks together, one table per title, and downloads
    their annotated copies as one zip of workbooks that openpyxl opens."""
    _evaluate(browser, server, EXAMPLE_XLSX, COMMUNE_XLSX)
    titles = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "h2[id^='danh-hieu-']")]
    assert "Gia đình học tập" in titles and "Công dân học tập" in titles
    assert browser.find_element(By.CSS_SELECTOR, "table.summary caption").text
    browser.find_element(By.CSS_SELECTOR, 'button[data-name="cac-bang-ket-qua.zip"]').click()
    archive = zipfile.ZipFile(_wait_for_file(downloads, "cac-bang-ket-qua.zip"))
    names = sorted(archive.namelist())
    assert names == ["thon-ea-sup-gia-dinh-2025-ket-qua.xlsx", "xa-quang-phu-2025-ket-qua.xlsx"]
    for name in names:
        assert "Tổng hợp" in openpyxl.load_workbook(io.BytesIO(archive.read(name))).sheetnames


def test_the_settings_are_remembered_in_the_browser(browser: WebDriver, server: Served) -> None:
    """It fills the settings form again from localStorage after a new evaluation."""
    _evaluate(browser, server, EXAMPLE_XLSX)
    field = browser.find_element(By.ID, "cai-dat-nguoi_ky")
    field.send_keys("Nguyễn Văn A")
    browser.find_element(By.ID, "cai-dat-xa").click()  # leaving the field saves it
    _evaluate(browser, server, EXAMPLE_XLSX)
    assert browser.find_element(By.ID, "cai-dat-nguoi_ky").get_attribute("value") == "Nguyễn Văn A"


def test_the_table_sorts_and_filters(browser: WebDriver, server: Served) -> None:
    """It sorts by total and shows only the households of the chosen verdict."""
    _evaluate(browser, server, EXAMPLE_XLSX)
    table = browser.find_element(By.ID, "bang-0")
    total = table.find_element(By.XPATH, ".//button[text()='Tổng']")
    column = int(total.get_attribute("data-column") or 0)
    total.click()
    shown = [
        row.find_elements(By.TAG_NAME, "td")[column].text
        for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    numbers = [float(text.split()[0].replace(",", ".")) for text in shown if text[:1].isdigit()]
    assert numbers == sorted(numbers) and len(numbers) > 20
    Select(
        browser.find_element(By.CSS_SELECTOR, 'select[data-attribute="verdict"]')
    ).select_by_value("Đạt")
    visible = [r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr") if r.is_displayed()]
    assert visible and all(
        "Đạt" == r.find_element(By.CSS_SELECTOR, ".verdict").text for r in visible
    )
    assert len(visible) < 38


def test_the_commune_example_is_quick_and_fits_both_widths(
    browser: WebDriver, server: Served
) -> None:
    """It scores the commune example through the page in a few seconds, and its results fit
    a 1280 px screen and a 390 px telephone without sideways scrolling of the page."""
    seconds = _evaluate(browser, server, COMMUNE_XLSX)
    print(f"\nxa-quang-phu-2025.xlsx through the page: {seconds:.2f} s")
    assert seconds < 20
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.verdicts")) >= 3
    assert _shoot(browser, "ket-qua", 1280) <= 1280
    overflowing = browser.execute_script(
        "return Array.from(document.querySelectorAll('.scroll'))"
        ".filter(box => box.scrollWidth > box.clientWidth).map(box => box.firstChild.id)"
    )
    assert overflowing == []  # every table, the reasons included, fits a 1280 px screen
    assert _shoot(browser, "ket-qua", 390) <= 390
    for section in ("tam-tinh", "loi-du-lieu", "tai-ve", "cong-nhan"):
        assert _shoot(browser, section, 1280, at=section) <= 1280
        assert _shoot(browser, section, 390, at=section) <= 390
    browser.get(server.url + "/")
    assert _shoot(browser, "trang-dau", 390) <= 390
    assert _shoot(browser, "trang-dau", 1280) <= 1280


def _big_village(path: Path, households: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Hộ gia đình"
    sheet.append(["DANH SÁCH HỘ GIA ĐÌNH HỌC TẬP NĂM 2025"])
    sheet.append(FAMILY_HEADER)
    for n in range(households):
        marks = [n % 3, n % 3, n % 3, n % 3, 7 + n % 4, 2, 2, 1 + n % 2, 4 + n % 2, 10, 10 + n % 6]
        sheet.append([f"H{n:05d}", f"Hộ số {n}", f"Thôn {n % 12 + 1}", *marks])
    book.save(path)
    return path


def test_three_thousand_households_feel_immediate(
    browser: WebDriver, server: Served, tmp_path: Path
) -> None:
    """It shows the verdicts of a 3,000-household file within a few seconds of the press."""
    seconds = _evaluate(browser, server, _big_village(tmp_path / "ca-xa-3000-ho.xlsx", 3000))
    print(f"\n3,000 households through the page: {seconds:.2f} s")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.verdicts tbody tr")) == 3000
    assert seconds < 20


def test_a_bad_file_shows_the_command_line_message(
    browser: WebDriver, server: Served, tmp_path: Path
) -> None:
    """It shows on the page why a file that is no workbook could not be read, in Vietnamese."""
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"this is not a workbook")
    _evaluate(browser, server, broken)
    message = browser.find_element(By.ID, "thong-bao").text
    assert "không đọc được tệp đầu vào nào" in message and "hong.xlsx" in message
    assert str(tmp_path) not in message


def test_script_in_a_name_stays_text(browser: WebDriver, server: Served, tmp_path: Path) -> None:
    """It shows a head of household named like a script or a formula as plain text."""
    path = tmp_path / "thon.csv"
    rows = [
        ",".join(FAMILY_HEADER),
        "X1,<script>alert(1)</script>,Thôn <b>1</b>,2,2,2,2,9,2,2,2,5,10,15",
        'X2,"=HYPERLINK(""http://example.com"",""bấm"")",Thôn 1,2,2,2,2,9,2,2,2,5,10,15',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _evaluate(browser, server, path, criteria="gia-dinh-hoc-tap@448-2015")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is what raises
    table = browser.find_element(By.ID, "bang-0").text
    assert "<script>alert(1)</script>" in table
    assert '=HYPERLINK("http://example.com","bấm")' in table
    assert not browser.find_elements(By.CSS_SELECTOR, "#bang-0 script, #bang-0 b")
