"""The bad-input tests: a marker for the few that write files of a million rows."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: writes and reads a file of a million rows (< 20 s)")
