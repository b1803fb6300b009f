"""How files and built-in sets are named, and the path handling that must hold on Windows.

The pure parts run with PureWindowsPath on any system, so a Linux run checks Windows paths.
"""

from __future__ import annotations

import io
import json
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from tests.support import EXAMPLE_XLSX, ROOT, criteria_of
from typer.testing import CliRunner

from hoctap_cli import __version__
from hoctap_cli.atomic import lock_names
from hoctap_cli.cli.app import app, utf8_streams
from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.outputs.origin import criteria_origin, criteria_ref
from hoctap_cli.shown_files import relative_to, shown_path

PROVINCE = ROOT / "examples" / "tieu-chi-tinh-vi-du.yaml"


@pytest.mark.parametrize(
    ("path", "folder", "shown"),
    [
        (r"C:\Users\xa\Ho so\thon.xlsx", r"C:\Users\xa", r"Ho so\thon.xlsx"),
        (r"c:\users\XA\thon.xlsx", r"C:\Users\xa", "thon.xlsx"),  # Windows ignores case
        (r"D:\khac\thon.xlsx", r"C:\Users\xa", r"D:\khac\thon.xlsx"),
        (r"ho-so\thon.xlsx", r"C:\Users\xa", r"ho-so\thon.xlsx"),
        ("C:/Users/xa/Hồ sơ/Thôn Ea Súp.xlsx", "C:/Users/xa", r"Hồ sơ\Thôn Ea Súp.xlsx"),
    ],
)
def test_windows_paths_are_shown_relative_to_the_current_folder(
    path: str, folder: str, shown: str
) -> None:
    """It shows a file under the current folder relative to it, on Windows paths too."""
    assert str(relative_to(PureWindowsPath(path), PureWindowsPath(folder))) == shown


def test_posix_paths_are_shown_relative_to_the_current_folder() -> None:
    """It shows a file under the current folder relative to it, and one elsewhere whole."""
    here = PurePosixPath("/home/xa")
    assert str(relative_to(PurePosixPath("/home/xa/thon.xlsx"), here)) == "thon.xlsx"
    assert str(relative_to(PurePosixPath("/tmp/thon.xlsx"), here)) == "/tmp/thon.xlsx"
    assert shown_path(ROOT / "examples" / "x.xlsx", ROOT) == str(Path("examples", "x.xlsx"))


@pytest.mark.parametrize(
    ("name", "locks"),
    [
        ("thon.xlsx", ("~$thon.xlsx", "~$on.xlsx")),
        ("Danh sách hộ.xlsx", ("~$Danh sách hộ.xlsx", "~$nh sách hộ.xlsx")),
        (PureWindowsPath(r"D:\Hồ sơ\ab.xlsx").name, ("~$ab.xlsx", "~$.xlsx")),
    ],
)
def test_excel_lock_file_names(name: str, locks: tuple[str, ...]) -> None:
    """It knows both names Excel gives the lock file of an open workbook."""
    assert lock_names(name) == locks


def test_builtin_sets_are_named_as_such() -> None:
    """It names a shipped set by hoctap's version and id@version, never an install path."""
    entry = shipped_catalog().pinned("gia-dinh-hoc-tap@448-2015")
    assert criteria_ref(entry) == "builtin:gia-dinh-hoc-tap@448-2015"
    assert criteria_origin(entry) == (
        f"bộ có sẵn trong hoctap {__version__} (gia-dinh-hoc-tap@448-2015)"
    )


def test_json_names_builtin_sets_and_user_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """It writes builtin:id@version for a shipped set and a relative path for a user's file."""
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    shipped = json.loads(runner.invoke(app, ["evaluate", str(EXAMPLE_XLSX), "-f", "json"]).stdout)
    assert criteria_of(shipped)["source"] == "builtin:gia-dinh-hoc-tap@448-2015"
    own = runner.invoke(app, ["evaluate", str(EXAMPLE_XLSX), "-f", "json", "-c", str(PROVINCE)])
    source = criteria_of(json.loads(own.stdout))["source"]
    assert source == str(Path("examples", "tieu-chi-tinh-vi-du.yaml"))
    table = runner.invoke(app, ["evaluate", str(EXAMPLE_XLSX)], env={"COLUMNS": "200"}).output
    assert "site-packages" not in table and str(ROOT) not in table
    assert f"bộ có sẵn trong hoctap {__version__} (gia-dinh-hoc-tap@448-2015)" in table


def test_console_writes_utf8_even_into_an_old_code_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """It re-opens a cp1252 stdout (a Windows pipe) as UTF-8 so Vietnamese is not refused."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr("sys.stdout", stream)
    utf8_streams()
    stream.write("Gia đình học tập")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "Gia đình học tập"


def test_csv_starts_with_a_bom_for_excel(tmp_path: Path) -> None:
    """It writes CSV as UTF-8 with a BOM, so Excel on Windows shows the marks."""
    target = tmp_path / "ket-qua.csv"
    CliRunner().invoke(app, ["evaluate", str(EXAMPLE_XLSX), "-f", "csv", "-o", str(target)])
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
