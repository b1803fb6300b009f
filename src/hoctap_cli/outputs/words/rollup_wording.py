"""Sentences that show how a parent's figures were counted from its members."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.engine.results import RollupFigure
from hoctap_cli.exact import Shown, ratio, shown

MAX_IDS = 8
_SIGNS = {ast.GtE: "≥", ast.Gt: ">", ast.LtE: "≤", ast.Lt: "<", ast.Eq: "=", ast.NotEq: "≠"}


def percent(value: Shown | None) -> str:
    """A share as people write it: 66,7%, rounded as ``exact.shown`` rounds (1/16 is
    6,3%, where formatting the float would give 6,2%)."""
    if value is None:
        return "–"
    return f"{shown(ratio(value) * 100, 1):f}%".replace(".", ",")


def thresholds(criteria: Criteria) -> dict[str, str]:
    """For each roll-up a rule compares with a constant, the comparison (e.g. '≥ 70')."""
    found: dict[str, str] = {}
    rollups = {r.id for r in criteria.rollups}
    for _, item in criteria.items():
        if not item.rule:
            continue
        for node in ast.walk(ast.parse(item.rule, mode="eval")):
            if (
                isinstance(node, ast.Compare)
                and isinstance(node.left, ast.Name)
                and node.left.id in rollups
                and len(node.ops) == 1
                and type(node.ops[0]) in _SIGNS
                and isinstance(node.comparators[0], ast.Constant)
            ):
                sign = _SIGNS[type(node.ops[0])]
                found.setdefault(node.left.id, f"{sign} {node.comparators[0].value!s}")
    return found


def describe(
    figure: RollupFigure, label: str, threshold: str | None, names: Mapping[str, str]
) -> str:
    """'Tỉ lệ hộ đạt Gia đình học tập: 42/60 = 70% (≥ 70%); chưa đạt: H01, H05'."""
    title = names.get(figure.title, figure.title)
    if not figure.available:
        return f"{label}: không có dữ liệu {title} trong lần chạy này"
    if figure.measure == "share":
        if figure.value is None:
            return f"{label}: không có hồ sơ {title} nào để tính"
        share = f"{figure.held}/{figure.counted} đạt = {_number(figure.value)}%"
        text = f"{label}: {share}" + (f" (cần {threshold}%)" if threshold else "")
    elif figure.measure in ("count", "members"):
        text = f"{label}: {figure.value}"
    else:
        held = {True: "có", False: "không", None: "chưa có kết quả"}[_bool(figure.value)]
        text = f"{label}: {held}"
    if figure.measure != "members" and figure.not_held and figure.counted > 1:
        text += "; chưa đạt: " + _ids(figure.not_held)
    if figure.by_prior:
        text += "; đạt nhờ quyết định công nhận trước còn hiệu lực: " + _ids(figure.by_prior)
    if figure.incomplete:
        # Never counted as holding the title: say which, and how the policy counted them.
        how = "tính là chưa đạt" if figure.policy == "not_held" else "không tính vào tỉ lệ"
        text += (
            f" ({len(figure.incomplete)} hồ sơ chưa đủ dữ liệu, {how}: {_ids(figure.incomplete)})"
        )
    return text


def _bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _ids(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:MAX_IDS])
    return shown + (f" và {len(ids) - MAX_IDS} hồ sơ khác" if len(ids) > MAX_IDS else "")


def _number(value: object) -> str:
    """A share as shown: one decimal place, halves away from zero (``exact.shown``)."""
    if isinstance(value, float | Fraction | Decimal):
        text = f"{shown(value, places=1):f}"
        return text.rstrip("0").rstrip(".").replace(".", ",") if "." in text else text
    return str(value)
