"""Criteria files as readable tables: the catalogue and one file in full."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hoctap_cli.criteria.catalog import Catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.model import Criteria, InputField, Item
from hoctap_cli.criteria.names import Names, capitalize
from hoctap_cli.exact import number
from hoctap_cli.outputs.origin import criteria_origin
from hoctap_cli.outputs.screens.succession_view import succession_text
from hoctap_cli.outputs.words.rule_words import rule_words

# Below this many columns the catalogue is a list, so no id is ever cut.
NARROW = 100

APPLICANT_LABELS = {
    "person": "cá nhân",
    "household": "hộ gia đình",
    "clan": "dòng họ",
    "village": "thôn, tổ dân phố",
    "commune": "xã, phường",
    "unit": "cơ quan, đơn vị",
    "district": "huyện",
    "other": "tổ chức, cá nhân khác",
}
TYPE_LABELS = {
    "text": "chữ",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "có/không",
    "date": "ngày",
    "choice": "lựa chọn",
}
PROVISIONAL_MARK = Text("tạm tính", style="bold yellow")


def catalog_table(catalog: Catalog, width: int = 120) -> RenderableType:
    """The shipped sets; the ids people type are never cut (a list when the screen is narrow)."""
    if width < NARROW:
        return catalog_list(catalog)
    table = Table(title="Các bộ tiêu chí có sẵn", header_style="bold")
    for column in ("Mã (để gõ sau --criteria)", "Danh hiệu", "Văn bản", "Hiệu lực"):
        table.add_column(column, no_wrap=column.startswith("Mã"))
    for column in ("Đối tượng", "Tạm tính"):
        table.add_column(column)
    for entry in _sorted(catalog):
        c = entry.criteria
        table.add_row(
            f"{c.id}@{c.version}",
            c.title,
            c.document.number,
            _period(c),
            APPLICANT_LABELS[c.applicant.value],
            f"{len(c.provisional_notes())} giá trị" if c.is_provisional else "không",
        )
    return table


def catalog_list(catalog: Catalog) -> Group:
    """One short block per set: what to type, then what it is."""
    lines: list[RenderableType] = [Text("Các bộ tiêu chí có sẵn", style="bold")]
    for entry in _sorted(catalog):
        c = entry.criteria
        provisional = f"; {len(c.provisional_notes())} giá trị tạm tính" if c.is_provisional else ""
        lines.append(Text.assemble(("\n" + f"{c.id}@{c.version}", "bold")))
        about = Table.grid(padding=(0, 1))
        about.add_column(no_wrap=True)
        about.add_column(ratio=1)
        about.add_row(
            " ",
            f"{c.title} — {c.document.number}, hiệu lực {_period(c)}; "
            f"đối tượng: {APPLICANT_LABELS[c.applicant.value]}{provisional}",
        )
        lines.append(about)
    return Group(*lines)


def _sorted(catalog: Catalog) -> list[CompiledCriteria]:
    return sorted(catalog.entries, key=lambda e: (e.criteria.id, e.criteria.effective_from))


def _period(criteria: Criteria) -> str:
    start = criteria.effective_from.strftime("%d/%m/%Y")
    end = criteria.effective_until.strftime("%d/%m/%Y") if criteria.effective_until else "nay"
    return f"{start} – {end}"


def criteria_view(compiled: CompiledCriteria, detail: bool = False) -> RenderableType:
    """One set in full; ``detail`` adds each rule's expression as the file writes it."""
    c = compiled.criteria
    doc = c.document
    issued = f" ngày {doc.date:%d/%m/%Y}" if doc.date else ""
    heading = Text.assemble(
        (f"{c.title} — phiên bản {c.version}\n", "bold"),
        f"Văn bản: {doc.number}{issued} của {doc.issuer}"
        + (f" ({doc.title})" if doc.title else ""),
        f"\nHiệu lực: {_period(c)}; đối tượng: {APPLICANT_LABELS[c.applicant.value]}; "
        f"chấm: {'theo điểm' if c.scoring == 'points' else 'theo chỉ số đạt/không đạt'}",
        f"\nNguồn: {criteria_origin(compiled)} (SHA-256 {compiled.sha256[:16]}…)",
        succession_text(c),
    )
    return Group(heading, items_table(c, detail), levels_table(c), fields_table(c))


def items_table(criteria: Criteria, detail: bool = False) -> Table:
    names = Names(criteria)
    table = Table(title="Tiêu chí", header_style="bold", show_lines=True)
    for column in ("Mục", "Nội dung", "Điểm", "Cách xét", "Căn cứ", "Ghi chú"):
        table.add_column(column)
    for group in criteria.groups:
        group_points = sum(i.points or 0 for i in group.items)
        table.add_row(
            Text(names.group(group.id), style="bold"),
            Text(group.label, style="bold"),
            number(group_points) if criteria.scoring == "points" else "",
            "",
            names.citation(group.citation) if group.citation else "",
            "",
        )
        for item in group.items:
            how = (
                capitalize(rule_words(item.rule or "", criteria))
                if item.kind == "computed"
                else f"Hội đồng chấm, cột «{criteria.field(item.field or '').label}»"
            )
            if item.score_field:  # a council's part mark replaces the rule when given
                how += f"; hội đồng cho một phần ở cột «{criteria.field(item.score_field).label}»"
            if detail and item.rule:
                how += f"\nBiểu thức: {item.rule}"
            note = Text(item.note or "")
            if item.provisional:
                note = Text.assemble(
                    PROVISIONAL_MARK,
                    f": {item.provisional_note or ''}",
                    f"\n{item.note}" if item.note else "",
                )
            citation = names.citation(item.citation) + (
                f"\nNguồn: {item.citation.source}" if item.citation.source else ""
            )
            table.add_row(
                capitalize(names.item(item.id)),
                item.label,
                _points(item),
                how,
                citation,
                note,
            )
    return table


def _points(item: Item) -> str:
    """'10', or 'tối đa 10' when the document lets the council give part of it."""
    if item.points is None:
        return "đạt/không"
    return f"tối đa {number(item.points)}" if item.up_to else number(item.points)


def levels_table(criteria: Criteria) -> Table:
    names = Names(criteria)
    table = Table(title="Điều kiện công nhận", header_style="bold")
    for column in ("Mức", "Điều kiện", "Căn cứ", "Ghi chú"):
        table.add_column(column, overflow="fold")
    for level in criteria.verdict.levels:
        conditions = []
        if level.min_total is not None:
            conditions.append(
                f"tổng từ {number(level.min_total)}/{number(criteria.max_total())} điểm"
            )
        if level.min_group_points is not None:
            conditions.append(f"mỗi tiêu chí từ {number(level.min_group_points)} điểm")
        if level.required_items == "all":
            conditions.append("đạt tất cả chỉ số")
        elif level.required_items:
            conditions.append("đạt " + names.items(level.required_items))
        note = (
            Text.assemble(PROVISIONAL_MARK, f": {level.provisional_note or ''}")
            if level.provisional
            else Text("")
        )
        if level.wait is not None:
            conditions.append(
                f"sau quyết định công nhận mức trước ít nhất {level.wait.months} tháng "
                f"(cột '{criteria.field(level.wait.field).label}')"
            )
        citation = level.citation.render() + (
            f"\nNguồn: {level.citation.source}" if level.citation.source else ""
        )
        table.add_row(level.label, "; ".join(conditions), citation, note)
    return table


def fields_table(criteria: Criteria) -> Table:
    table = Table(title="Các cột cần có trong tệp hồ sơ", header_style="bold")
    for column in ("Cột", "Kiểu", "Giới hạn", "Bắt buộc", "Tên khác được chấp nhận"):
        table.add_column(column, overflow="fold")
    for field in criteria.fields:
        table.add_row(
            field.label,
            TYPE_LABELS[field.type.value],
            _bounds(field),
            "có" if field.required else "",
            ", ".join(field.aliases),
        )
    return table


def _bounds(field: InputField) -> str:
    if field.choices:
        return ", ".join(choice.label for choice in field.choices)
    if field.min is None and field.max is None:
        return ""
    return f"{number(field.min)} – {number(field.max)}"
