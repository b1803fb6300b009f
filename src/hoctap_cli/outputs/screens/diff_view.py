"""A criteria diff as a terminal table, a Markdown table for a report, or JSON."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.diff import Change, ChangeKind, CriteriaDiff, JsonValue
from hoctap_cli.criteria.names import Names
from hoctap_cli.exact import number
from hoctap_cli.outputs.data.json_text import json_bytes
from hoctap_cli.outputs.origin import criteria_origin, criteria_ref
from hoctap_cli.outputs.words.diff_words import KEY_WORDS, path_words

KIND_LABELS = {
    ChangeKind.added: "thêm",
    ChangeKind.removed: "bỏ",
    ChangeKind.changed: "sửa",
    ChangeKind.moved: "chuyển nhóm",
}
_KIND_STYLES = {
    ChangeKind.added: "green",
    ChangeKind.removed: "red",
    ChangeKind.changed: "yellow",
    ChangeKind.moved: "cyan",
}
HEADERS = ("Thay đổi", "Mục", "Trước", "Sau")
IDENTICAL = "Hai bộ tiêu chí không có khác biệt."


def show_value(value: JsonValue, path: str = "") -> str:
    """A changed value as people read it: 7,5 not 7.5, có/không, a label for a whole entry."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            year, month, day = value.split("-")
            return f"{day}/{month}/{year}"
        return "tất cả" if value == "all" and path.endswith("required_items") else value
    if isinstance(value, list):
        return ", ".join(show_value(entry) for entry in value) if value else "(trống)"
    return _entry(value)


def _entry(value: dict[str, JsonValue]) -> str:
    """A whole added or removed entry: its label and points, else its keys."""
    label = value.get("label")
    if isinstance(label, str):
        points = value.get("points")
        shown = f"{label} ({number(points)} điểm)" if isinstance(points, int | float) else label
        return shown
    return "; ".join(
        f"{KEY_WORDS.get(k, k)}: {show_value(v)}" for k, v in value.items() if v not in (None, [])
    )


def summary(diff: CriteriaDiff) -> str:
    """'3 thay đổi: 1 thêm, 2 sửa', or the line saying there is none."""
    if diff.identical:
        return IDENTICAL
    counts = Counter(change.kind for change in diff.changes)
    parts = [f"{counts[kind]} {label}" for kind, label in KIND_LABELS.items() if counts[kind]]
    return f"{len(diff.changes)} thay đổi: {', '.join(parts)}."


def _side(compiled: CompiledCriteria) -> str:
    c = compiled.criteria
    return (
        f"{c.title}, phiên bản {c.version} — {criteria_origin(compiled)} "
        f"(SHA-256 {compiled.sha256[:16]}…)"
    )


def _values(change: Change, old: CompiledCriteria, new: CompiledCriteria) -> tuple[str, str]:
    """Before and after; a moved item's groups by their names."""
    if change.kind is ChangeKind.moved:
        return (
            Names(old.criteria).group(str(change.old)),
            Names(new.criteria).group(str(change.new)),
        )
    return show_value(change.old, change.path), show_value(change.new, change.path)


def _where(path: str, old: CompiledCriteria, new: CompiledCriteria) -> str:
    return path_words(path, Names(old.criteria), Names(new.criteria))


def diff_table(diff: CriteriaDiff, old: CompiledCriteria, new: CompiledCriteria) -> RenderableType:
    heading = Text.assemble(
        ("So sánh bộ tiêu chí\n", "bold"), f"Trước: {_side(old)}\nSau:   {_side(new)}"
    )
    if diff.identical:
        return Group(heading, Text(IDENTICAL, style="bold green"))
    table = Table(header_style="bold", show_lines=True)
    for header in HEADERS:
        table.add_column(header, overflow="fold")
    for change in diff.changes:
        table.add_row(
            Text(KIND_LABELS[change.kind], style=_KIND_STYLES[change.kind]),
            _where(change.path, old, new),
            *_values(change, old, new),
        )
    return Group(heading, table, Text(summary(diff)))


def diff_markdown(diff: CriteriaDiff, old: CompiledCriteria, new: CompiledCriteria) -> str:
    """A section to paste into an audit report."""
    lines = [
        "## So sánh bộ tiêu chí",
        "",
        f"- **Trước:** {_cell(_side(old))}",
        f"- **Sau:** {_cell(_side(new))}",
        "",
    ]
    if not diff.identical:
        lines += [f"| {' | '.join(HEADERS)} |", "|---|---|---|---|"]
        lines += [
            f"| {KIND_LABELS[c.kind]} | {_cell(_where(c.path, old, new))} "
            f"| {' | '.join(_cell(v) for v in _values(c, old, new))} |"
            for c in diff.changes
        ]
        lines.append("")
    lines.append(summary(diff))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Markdown table cells hold one line and no bare '|'."""
    return " ".join(text.split()).replace("|", "\\|")


def diff_json(diff: CriteriaDiff, old: CompiledCriteria, new: CompiledCriteria) -> bytes:
    """The dataclass dump, plus which files and bytes were compared."""
    document = dataclasses.asdict(diff)
    for key, compiled in (("old", old), ("new", new)):
        document[key] |= {"source": criteria_ref(compiled), "sha256": compiled.sha256}
    document["identical"] = diff.identical
    return json_bytes(document)
