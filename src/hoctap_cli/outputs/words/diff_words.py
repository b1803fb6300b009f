"""A criteria diff path said for people: 'groups.TC3.items.TC3.0.points' → 'Tiêu chí 3: điểm'.

The path keeps ids (JSON and ``--format json`` carry it as is); the tables show this.
"""

from __future__ import annotations

from hoctap_cli.criteria.names import Names, capitalize

# The keys of a criteria file, in the words `criteria show` uses.
KEY_WORDS = {
    "id": "mã",
    "title": "tên",
    "version": "phiên bản",
    "effective_from": "có hiệu lực từ",
    "effective_until": "hết hiệu lực",
    "applicant": "đối tượng",
    "scoring": "cách chấm",
    "document": "văn bản",
    "number": "số hiệu",
    "date": "ngày",
    "issuer": "cơ quan ban hành",
    "summary": "tóm tắt",
    "identity": "cột nhận diện",
    "name": "tên",
    "village": "thôn",
    "fields": "cột",
    "sheet_names": "tên trang",
    "rollups": "số liệu tính từ cấp dưới",
    "recognition": "thời hạn công nhận",
    "prior_field": "cột năm đã công nhận",
    "valid_years": "số năm hiệu lực",
    "groups": "tiêu chí",
    "items": "mục",
    "label": "nội dung",
    "kind": "cách xét",
    "points": "điểm",
    "rule": "quy tắc",
    "field": "cột điểm",
    "citation": "căn cứ",
    "section": "phần",
    "item": "mục",
    "source": "nơi đọc được",
    "note": "ghi chú",
    "provisional": "tạm tính",
    "provisional_note": "ghi chú tạm tính",
    "verdict": "điều kiện công nhận",
    "levels": "mức",
    "min_total": "tổng điểm tối thiểu",
    "min_group_points": "điểm tối thiểu mỗi tiêu chí",
    "min_item_points": "điểm tối thiểu mỗi mục",
    "required_items": "mục bắt buộc",
    "type": "kiểu",
    "aliases": "tên khác",
    "description": "mô tả",
    "required": "bắt buộc",
    "min": "nhỏ nhất",
    "max": "lớn nhất",
    "choices": "lựa chọn",
    "ordered": "có thứ tự",
    "when_blank": "ô trống tính là",
    "order": "thứ tự",
    "measure": "cách tính",
    "incomplete": "hồ sơ chưa đủ dữ liệu",
    "link": "cột liên kết",
    "extends": "mở rộng từ",
    "after_year": "tính từ năm sau năm công nhận",
    "content_available": "đã có nội dung trong công cụ",
    "format": "định dạng",
    "months": "số tháng",
    "period": "giai đoạn",
    "recognised_by": "cấp công nhận",
    "superseded_by": "văn bản thay thế",
    "up_to": "chấm tối đa",
    "validity": "hiệu lực",
    "value": "giá trị",
    "wait": "thời gian chờ",
    "year": "năm",
    "year_meaning": "ý nghĩa của năm công nhận",
}


def path_words(path: str, old: Names, new: Names) -> str:
    """The entry a change path names, by the names of the side that has it."""
    head, rest = _entry(path, new) or _entry(path, old) or ("", path)
    words = [KEY_WORDS.get(key, key) for key in rest.split(".") if key]
    tail = ", ".join(words)
    if head and tail:
        return f"{head}: {tail}"
    return capitalize(head or tail)


def _entry(path: str, names: Names) -> tuple[str, str] | None:
    """(name of the group, item, field or level the path is under, what remains)."""
    c = names.criteria
    for group in sorted(c.groups, key=lambda g: -len(g.id)):
        prefix = f"groups.{group.id}"
        if path == prefix or path.startswith(prefix + "."):
            rest = path[len(prefix) + 1 :]
            for item in sorted(group.items, key=lambda i: -len(i.id)):
                key = f"items.{item.id}"
                if rest == key or rest.startswith(key + "."):
                    return capitalize(names.item(item.id)), rest[len(key) + 1 :]
            return names.group(group.id), rest
    keyed = [("fields", f.id, f"cột «{f.label}»") for f in c.fields]
    keyed += [("verdict.levels", v.id, f"mức {v.label}") for v in c.verdict.levels]
    keyed += [("rollups", r.id, f"«{r.label}»") for r in c.rollups]
    for section, key, shown in keyed:
        prefix = f"{section}.{key}"
        if path == prefix or path.startswith(prefix + "."):
            return capitalize(shown), path[len(prefix) + 1 :]
    return None
