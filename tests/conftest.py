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
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run
