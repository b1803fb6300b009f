"""Shared fixtures: a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support import RunCli
from typer.testing import CliRunner, Result

from hoctap_cli.cli.app import app


@pytest.fixture
def run_cli() -> RunCli:
    """Invoke ``hoctap`` in-process; exceptions escape so that a crash fails the test."""
    # The table layout depends on the width: tests read the wide one unless they set COLUMNS.
    runner = CliRunner(env={"COLUMNS": "200"})

    def run(*args: str | Path) -> Result:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run
