"""Paths and types the tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


# The JSON document of a run (README "Kết quả JSON"): the same shape for one title or many.
def results_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every result of the document, title after title, as README says to read them."""
    return [result for level in document["titles"] for result in level["results"]]


def only_level(document: dict[str, Any]) -> dict[str, Any]:
    """The one level of a one-title document (fails on any other)."""
    (level,) = document["titles"]
    return dict(level)


def criteria_of(document: dict[str, Any], level: dict[str, Any] | None = None) -> dict[str, Any]:
    """The criteria entry a level names (the one level's when not given)."""
    ref = (level or only_level(document))["criteria"]
    (entry,) = [c for c in document["criteria"] if c["ref"] == ref]
    return dict(entry)


def problems_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Errors and notices together, as the document lists them apart."""
    return [*document["errors"], *document["notices"]]


def item_group(criteria: dict[str, Any], item: dict[str, Any]) -> str:
    """The group of a result's item: its criteria entry's, or itself for a council's score
    of a whole group (``by_council``: the item's id is the group's)."""
    if item["by_council"]:
        return str(item["id"])
    return str(criteria["items"][item["id"]]["group"])
