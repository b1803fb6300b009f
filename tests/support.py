"""Paths and types the tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_XLSX = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"
EXAMPLE_YAML = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.yaml"

RunCli = Callable[..., Result]
