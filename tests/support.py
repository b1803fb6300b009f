"""Paths and types the tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_XLSX = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"
EXAMPLE_YAML = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.yaml"
# The household columns of Gia đình học tập (QĐ 448) as a commune sheet heads them, for
# tests that write one row per household.
FAMILY_HEADER = [
    "Mã hộ", "Họ tên chủ hộ", "Thôn", "Số trẻ trong độ tuổi phổ cập", "Số trẻ đi học",
    "Số trẻ học lực từ trung bình", "Số trẻ hạnh kiểm từ khá", "Điểm 1.3", "Số người lớn",
    "Số người lớn biết chữ mức 1", "Số người lớn học chuyên đề", "Điểm 2.3", "Điểm TC3",
    "Điểm TC4",
]  # fmt: skip

RunCli = Callable[..., Result]
