"""The library's front door: the README example, the typed surface, the cheap import."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api as mypy_api
from tests.support import ROOT, problems_of

import hoctap_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Dùng như thư viện Python", 1)[1].split("\n## ", 1)[0]

USER_SCRIPT = """
import sqlite3

import hoctap_cli
from hoctap_cli import CheckedRun, CompiledCriteria, VerdictKind


def verdicts(criteria: CompiledCriteria, db: sqlite3.Connection) -> dict[str, VerdictKind]:
    cursor = db.execute("SELECT ma_ho, chu_ho FROM ho")
    header = [column[0] for column in cursor.description]
    run: CheckedRun = hoctap_cli.evaluate_rows(criteria, cursor, header=header, table="ho")
    return {result.id: result.verdict for result in run.results}


criteria = hoctap_cli.load_criteria("gia-dinh-hoc-tap")
text: str = hoctap_cli.to_json(hoctap_cli.evaluate_rows(criteria, [{"ma_ho": "H1"}]))
"""


def _block(language: str) -> str:
    found = re.search(rf"```{language}\n(.+?)\n```", SECTION, flags=re.S)
    assert found is not None, f"no {language} block in the README's library section"
    return found.group(1)


def test_the_readme_library_example_prints_what_the_readme_says() -> None:
    """It runs the README's SQLite example and gets exactly the output the README shows:
    one verdict per household and the broken row located by database, table and row."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(_block("python"), "README.md", "exec"), {"__name__": "readme"})
    assert printed.getvalue().rstrip("\n") == _block("text")
    assert "xa.db, trang 'ho_gia_dinh', dòng 3" in printed.getvalue()


@pytest.mark.parametrize(
    ("script", "errors"),
    [
        (USER_SCRIPT, []),
        ("import hoctap_cli\nhoctap_cli.evaluate_rowz\n", ['has no attribute "evaluate_rowz"']),
        (
            "import hoctap_cli\nn: int = hoctap_cli.load_criteria('x')\n",
            ["Incompatible types in assignment"],
        ),
    ],
)
def test_a_user_script_is_checked_by_mypy_strict(
    tmp_path: Path, script: str, errors: list[str]
) -> None:
    """It lets ``mypy --strict`` accept a script using the API and catch misuses of it."""
    path = tmp_path / "user.py"
    path.write_text(script, encoding="utf-8")
    cache = ROOT / ".mypy_cache"
    out, err, status = mypy_api.run(["--strict", "--cache-dir", str(cache), str(path)])
    assert status == (1 if errors else 0), out + err
    for error in errors:
        assert error in out


def test_every_public_name_resolves_and_the_package_is_typed() -> None:
    """It resolves every name in ``__all__`` and ships the ``py.typed`` marker."""
    assert all(getattr(hoctap_cli, name) is not None for name in hoctap_cli.__all__)
    assert (Path(hoctap_cli.__file__).parent / "py.typed").is_file()
    with pytest.raises(AttributeError):
        _ = hoctap_cli.no_such_name  # type: ignore[attr-defined]


def test_importing_the_package_loads_nothing_else() -> None:
    """It imports no submodule on ``import hoctap_cli`` but the one-line version, so the
    command starts fast."""
    code = "import sys, hoctap_cli; print(sorted(m for m in sys.modules if 'hoctap' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['hoctap_cli', 'hoctap_cli.version']"


def test_rows_with_a_header_are_located_at_the_caller_table() -> None:
    """It reads header + value rows like a file: a bad value and a missing id are each
    reported at the caller's source, table and row, and the good row is still evaluated."""
    criteria = hoctap_cli.load_criteria("gia-dinh-hoc-tap@448-2015")
    rows = [("H1", "An", 2), ("H2", "Bình", "hai"), (None, "Cường", 1)]
    run = hoctap_cli.evaluate_rows(
        criteria,
        rows,
        header=["ma_ho", "chu_ho", "so_tre_do_tuoi"],
        source="xa.db",
        table="ho",
        year=2025,
    )
    found = [(p.code, p.file, p.sheet, p.row, p.field) for p in run.problems]
    assert found == [
        (hoctap_cli.ProblemCode.bad_value, "xa.db", "ho", 2, "so_tre_do_tuoi"),
        (hoctap_cli.ProblemCode.missing_id, "xa.db", "ho", 3, "ma_ho"),
    ]
    assert [r.id for r in run.results] == ["H1", "H2"]
    errors = problems_of(hoctap_cli.to_dict(run))
    assert [e["sheet"] for e in errors] == ["ho", "ho"]
