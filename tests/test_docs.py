"""The README's promises, kept honest."""

from __future__ import annotations

import re

from tests.support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README, flags=re.S)[:2]


def test_readme_starts_with_two_commands() -> None:
    """It opens with one command that runs the example and one that runs the tests."""
    run, test = _commands()
    assert run.startswith("python3 -m venv") and "hoctap evaluate examples/" in run
    assert test.startswith("python3 -m venv") and test.endswith("pytest")
    assert README.index(run) < README.index("## Các lệnh")


def test_ci_runs_the_readme_test_command() -> None:
    """It keeps .ci/run running exactly the README's test command."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_readme_example_file_exists() -> None:
    """It points the first command at a file that is shipped."""
    path = re.search(r"hoctap evaluate (\S+)", _commands()[0])
    assert path is not None
    assert (ROOT / path.group(1)).is_file()
