"""Whole-file rules a criteria file must meet beyond its schema.

Each check yields ``(path, message)`` pairs; the loader turns them into located errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from hoctap_cli.criteria.constraints import findings as constraint_findings
from hoctap_cli.criteria.cycles import describe_cycle
from hoctap_cli.criteria.expr import BOOL, ExprError, Rule, compile_rule
from hoctap_cli.criteria.model import Criteria, FieldType, Item
from hoctap_cli.errors import CriteriaCode

Path = tuple[str | int, ...]
Finding = tuple[Path, str]
# A finding with its code and the values its message is made from (``hoctap_cli.messages``).
CodedFinding = tuple[Path, CriteriaCode, dict[str, Any]]

_NUMERIC = (FieldType.integer, FieldType.number)


def compile_rules(criteria: Criteria) -> tuple[dict[str, Rule], list[CodedFinding]]:
    """Compile every computed item's rule; collect the ones that do not compile."""
    fields = criteria.rule_fields()
    rules: dict[str, Rule] = {}
    findings: list[CodedFinding] = []
    for g_index, group in enumerate(criteria.groups):
        for i_index, item in enumerate(group.items):
            if item.kind != "computed" or item.rule is None:
                continue
            path: Path = ("groups", g_index, "items", i_index, "rule")
            try:
                rule = compile_rule(item.rule, fields)
            except ExprError as exc:
                findings.append((path, CriteriaCode(exc.code), exc.params))
                continue
            if rule.kind != BOOL:
                kind = {"kind": rule.kind.name}
                findings.append((path, CriteriaCode.rule_not_boolean, kind))
                continue
            rules[item.id] = rule
    return rules, findings


def structure(criteria: Criteria) -> Iterator[Finding]:
    """Ids unique, references declared, kinds consistent, levels reachable."""
    yield from _unique(criteria)
    yield from _fields(criteria)
    yield from _identity(criteria)
    yield from _items(criteria)
    yield from _levels(criteria)
    yield from _recognition(criteria)
    yield from _waits(criteria)
    yield from group_scores(criteria)
    yield from part_mark_fields(criteria)
    yield from constraint_findings(criteria)
    yield from _self_count(criteria)
    if criteria.effective_until and criteria.effective_until < criteria.effective_from:
        yield ("effective_until",), "ngày hết hiệu lực đứng trước ngày có hiệu lực"


def _unique(criteria: Criteria) -> Iterator[Finding]:
    fields: list[tuple[Path, str]] = [
        (("fields", i, "id"), f.id) for i, f in enumerate(criteria.fields)
    ]
    fields += [(("rollups", i, "id"), r.id) for i, r in enumerate(criteria.rollups)]
    lists: dict[str, list[tuple[Path, str]]] = {
        "trường": fields,
        "nhóm tiêu chí": [(("groups", i, "id"), g.id) for i, g in enumerate(criteria.groups)],
        "tiêu chí": [
            (("groups", gi, "items", ii, "id"), item.id)
            for gi, g in enumerate(criteria.groups)
            for ii, item in enumerate(g.items)
        ],
        "mức": [
            (("verdict", "levels", i, "id"), lv.id) for i, lv in enumerate(criteria.verdict.levels)
        ],
    }
    for what, entries in lists.items():
        counts = Counter(value for _, value in entries)
        seen: set[str] = set()
        for path, value in entries:
            if counts[value] > 1 and value in seen:
                yield path, f"mã {what} '{value}' bị trùng"
            seen.add(value)


def _fields(criteria: Criteria) -> Iterator[Finding]:
    for index, field in enumerate(criteria.fields):
        path: Path = ("fields", index)
        if field.type is FieldType.choice and not field.choices:
            yield (*path, "choices"), "trường lựa chọn cần danh sách 'choices'"
        if field.type is not FieldType.choice and (field.choices or field.ordered):
            yield (*path, "choices"), "chỉ trường kiểu 'choice' mới có 'choices'/'ordered'"
        if (field.min is not None or field.max is not None) and field.type not in _NUMERIC:
            yield (*path, "min"), "chỉ trường số mới có 'min'/'max'"
        if field.min is not None and field.max is not None and field.min > field.max:
            yield (*path, "min"), f"min ({field.min:g}) lớn hơn max ({field.max:g})"
        if field.when_blank is not None:
            ok = (field.type is FieldType.boolean and isinstance(field.when_blank, bool)) or (
                field.type in _NUMERIC and not isinstance(field.when_blank, bool)
            )
            if not ok:
                yield (*path, "when_blank"), "'when_blank' chỉ dùng cho trường đúng/sai hoặc số"


def _identity(criteria: Criteria) -> Iterator[Finding]:
    declared = {f.id: f for f in criteria.fields}
    for key in ("id", "name", "village"):
        field_id = getattr(criteria.identity, key)
        if field_id is None:
            continue
        field = declared.get(field_id)
        if field is None:
            yield ("identity", key), f"trường '{field_id}' chưa được khai báo trong 'fields'"
        elif field.type is not FieldType.text:
            yield ("identity", key), f"trường '{field_id}' phải có kiểu 'text'"


def _items(criteria: Criteria) -> Iterator[Finding]:
    declared = {f.id: f for f in criteria.fields}
    for gi, group in enumerate(criteria.groups):
        for ii, item in enumerate(group.items):
            path: Path = ("groups", gi, "items", ii)
            yield from _item(criteria, item, path, declared)


def _item(
    criteria: Criteria, item: Item, path: Path, declared: Mapping[str, object]
) -> Iterator[Finding]:
    if criteria.scoring == "points" and item.points is None:
        yield (*path, "points"), "bộ tiêu chí chấm điểm: mỗi tiêu chí cần 'points'"
    if criteria.scoring == "indicators" and item.points is not None:
        yield (*path, "points"), "bộ tiêu chí dạng chỉ số (đạt/không đạt) không dùng 'points'"
    if item.kind == "computed":
        if item.rule is None:
            yield (*path, "rule"), "tiêu chí 'computed' cần 'rule'"
        if item.field is not None:
            yield (*path, "field"), "tiêu chí 'computed' không dùng 'field' (hãy viết trong 'rule')"
        return
    if item.rule is not None:
        yield (*path, "rule"), "tiêu chí 'awarded' không dùng 'rule'"
    if item.points is None:
        yield (*path, "points"), "tiêu chí 'awarded' cần 'points' (điểm tối đa)"
    if item.field is None:
        yield (*path, "field"), "tiêu chí 'awarded' cần 'field' (cột ghi điểm)"
        return
    field = criteria.field(item.field) if item.field in declared else None
    if field is None:
        yield (*path, "field"), f"trường '{item.field}' chưa được khai báo trong 'fields'"
    elif field.type not in _NUMERIC:
        yield (*path, "field"), f"trường '{item.field}' phải là số"
    elif item.points is not None and (field.min != 0 or field.max != item.points):
        yield (
            (*path, "field"),
            (
                f"trường '{item.field}' phải có min: 0 và max: {item.points:g} "
                "(điểm tối đa của tiêu chí)"
            ),
        )


def _levels(criteria: Criteria) -> Iterator[Finding]:
    item_ids = {item.id for _, item in criteria.items()}
    max_total = criteria.max_total()
    smallest_group = min(sum(i.points or 0 for i in g.items) for g in criteria.groups)
    previous_total = -1.0
    for index, level in enumerate(criteria.verdict.levels):
        path: Path = ("verdict", "levels", index)
        required = item_ids if level.required_items == "all" else set(level.required_items)
        for missing in sorted(required - item_ids):
            yield (*path, "required_items"), f"tiêu chí '{missing}' không có trong tệp"
        if criteria.scoring == "indicators":
            if any(
                v is not None
                for v in (level.min_total, level.min_group_points, level.min_item_points)
            ):
                yield (
                    path,
                    "bộ chỉ số (đạt/không đạt) xét mức bằng 'required_items', không bằng điểm",
                )
            if not required:
                yield (*path, "required_items"), "mức cần danh sách chỉ số phải đạt"
            continue
        if (
            level.min_total is None
            and level.min_group_points is None
            and level.min_item_points is None
            and not required
        ):
            yield (
                path,
                "mức cần ít nhất một điều kiện: min_total, min_group_points hoặc required_items",
            )
        if level.min_total is not None:
            if level.min_total > max_total:
                yield (
                    (*path, "min_total"),
                    (
                        f"mức đạt {level.min_total:g} điểm không thể đạt được: "
                        f"tổng tối đa là {max_total:g}"
                    ),
                )
            if level.min_total < previous_total:
                yield (*path, "min_total"), "các mức phải xếp từ thấp đến cao"
            previous_total = level.min_total
        if level.min_group_points is not None and level.min_group_points > smallest_group:
            yield (
                (*path, "min_group_points"),
                (
                    f"mỗi nhóm phải đạt {level.min_group_points:g} điểm nhưng có nhóm "
                    f"chỉ có tối đa {smallest_group:g} điểm"
                ),
            )
        smallest_item = min((i.points or 0 for _, i in criteria.items()), default=0)
        if level.min_item_points is not None and level.min_item_points > smallest_item:
            yield (
                (*path, "min_item_points"),
                f"mỗi tiêu chí phải đạt {level.min_item_points:g} điểm nhưng có tiêu chí "
                f"chỉ có tối đa {smallest_item:g} điểm",
            )


def _waits(criteria: Criteria) -> Iterator[Finding]:
    """A level's wait reads a declared date field, and the lowest level cannot wait."""
    declared = {f.id: f for f in criteria.fields}
    for index, level in enumerate(criteria.verdict.levels):
        if level.wait is None:
            continue
        path = ("verdict", "levels", index, "wait")
        if index == 0:
            yield path, "mức thấp nhất không có mức nào trước nó để chờ"
        name = level.wait.field
        if name not in declared:
            yield (*path, "field"), f"trường '{name}' chưa được khai báo trong 'fields'"
        elif declared[name].type is not FieldType.date:
            yield (*path, "field"), f"trường '{name}' phải là ngày (type: date)"


def _recognition(criteria: Criteria) -> Iterator[Finding]:
    prior = criteria.recognition.prior_field
    if prior is None:
        return
    declared = {f.id: f for f in criteria.fields}
    if prior not in declared:
        yield ("recognition", "prior_field"), f"trường '{prior}' chưa được khai báo trong 'fields'"
    elif declared[prior].type is not FieldType.integer:
        yield ("recognition", "prior_field"), f"trường '{prior}' phải là số nguyên (năm)"


def group_scores(criteria: Criteria) -> Iterator[Finding]:
    """A group given as one score reads a declared number (bounded by the group's points
    when it is read: a file that extends another may change them), and no level asks for
    its items one by one (a single score does not say them)."""
    fields = {f.id: f for f in criteria.fields}
    by_item: set[str] = set()
    for index, group in enumerate(criteria.groups):
        if group.score_field is None:
            continue
        by_item |= {item.id for item in group.items}
        path: Path = ("groups", index, "score_field")
        declared = fields.get(group.score_field)
        if declared is None or declared.type not in _NUMERIC:
            yield path, f"'{group.score_field}' phải là một trường số đã khai báo trong fields"
    for index, level in enumerate(criteria.verdict.levels):
        asked = by_item if level.required_items == "all" else by_item & set(level.required_items)
        if by_item and (asked or level.min_item_points is not None):
            path = ("verdict", "levels", index)
            yield path, "mức này xét từng mục, không dùng được với tiêu chí chấm gộp (score_field)"


def part_mark_fields(criteria: Criteria) -> Iterator[Finding]:
    """A part mark belongs to an "up to" computed item with points, and reads a declared
    number bounded by 0 and the item's points (a file extending another may change them)."""
    fields = {f.id: f for f in criteria.fields}
    for g, group in enumerate(criteria.groups):
        for i, item in enumerate(group.items):
            if item.score_field is None:
                continue
            path: Path = ("groups", g, "items", i, "score_field")
            if item.kind != "computed" or not item.up_to or item.points is None:
                only = "chỉ mục tính tự động có điểm 'tối đa' (up_to) mới có điểm hội đồng chấm"
                yield path, only
                continue
            declared = fields.get(item.score_field)
            if declared is None or declared.type not in _NUMERIC:
                yield path, f"'{item.score_field}' phải là một trường số đã khai báo trong fields"
            elif declared.min is None or declared.min < 0 or declared.max is None:
                yield path, f"trường '{item.score_field}' phải có min từ 0 và có max"
            elif declared.max > item.points:
                yield (
                    path,
                    (
                        f"max của trường '{item.score_field}' ({declared.max:g}) vượt quá điểm của"
                        f" mục ({item.points:g})"
                    ),
                )


def _self_count(criteria: Criteria) -> Iterator[Finding]:
    """A roll-up counting this very title can never be evaluated (chains across files are
    found where the files are loaded together: ``cycles``)."""
    for index, rollup in enumerate(criteria.rollups):
        if rollup.title == criteria.id:
            chain = [criteria.id, criteria.id]
            yield ("rollups", index, "title"), describe_cycle(chain, {criteria.id: criteria.title})
