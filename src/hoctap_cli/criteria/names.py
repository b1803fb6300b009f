"""What people call the parts of a criteria file: the one place ids become words.

A group is named as its document numbers it ("Tiêu chí 4"), an item by its number
("mục 2.3", "chỉ số 5", or "chỉ tiêu 2 của Tiêu chí 1" where the document numbers the
indicators of each criterion apart) or, when it stands for a whole group, by the group's name;
fields by their labels, titles by their Vietnamese names. Every renderer asks here,
so an internal id never reaches a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property

from hoctap_cli.criteria.model import Citation, Criteria, Group, Item

__all__ = ["Names", "capitalize", "joined"]

# Group ids that are abbreviations of how documents number their criteria.
_GROUP_PREFIXES = {"TC": "Tiêu chí", "NL": "Năng lực", "CT": "Chỉ tiêu", "ND": "Nội dung"}
_GROUP_ID = re.compile(r"^(?P<prefix>[A-Z]{2})(?P<number>\d+)$")
_DOTTED = re.compile(r"^\d+(\.\d+)+$")
_NUMBER = re.compile(r"^\d+$")
_BY_LEVEL = re.compile(r"^\d+\.m(\d+)$")  # a group judged once per level: "4.m2"
# How a citation may number a single item: "Chỉ số 5", "…, ý 2", "mục 3".
_CITED = re.compile(r"(chỉ số|chỉ tiêu|mục|ý|điểm)\s+(\d+)$", re.IGNORECASE)
# An indicator numbered within its criterion ("Tiêu chí 1", "Chỉ tiêu 2" for item 1.2).
_WITHIN = re.compile(r"^(chỉ số|chỉ tiêu)\s+(\d+)$", re.IGNORECASE)


def capitalize(text: str) -> str:
    """Upper-case the first letter only: 'mục 2.3 …' → 'Mục 2.3 …'."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """'Số trẻ đi học' → 'số trẻ đi học', but 'TC3' and 'UBND xã' stay as written."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def joined(parts: Iterable[str]) -> str:
    """'a', 'a và b', 'a, b và c'."""
    shown = list(parts)
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " và " + shown[-1]


class Names:
    """The people's names of one criteria file's groups, items, fields and levels."""

    def __init__(self, criteria: Criteria, title_names: Mapping[str, str] | None = None) -> None:
        self.criteria = criteria
        self.title_names = dict(title_names or {})
        self.title_names.setdefault(criteria.id, criteria.title)

    @cached_property
    def _groups(self) -> dict[str, str]:
        return {group.id: _group_name(group) for group in self.criteria.groups}

    @cached_property
    def _items(self) -> dict[str, str]:
        return {
            item.id: _item_name(group, item, self._groups[group.id])
            for group, item in self.criteria.items()
        }

    @cached_property
    def _fields(self) -> dict[str, str]:
        return {f.id: f.label for f in self.criteria.rule_fields().values()}

    def group(self, group_id: str) -> str:
        return self._groups.get(group_id, group_id)

    def item(self, item_id: str) -> str:
        # A group given as one council score is one result under the group's id.
        return self._items.get(item_id) or self._groups.get(item_id, item_id)

    def items(self, item_ids: Iterable[str]) -> str:
        return joined(self.item(i) for i in item_ids)

    def field(self, field_id: str) -> str:
        return self._fields.get(field_id, field_id)

    def title(self, title_id: str) -> str:
        return self.title_names.get(title_id, title_id)

    def level(self, level_id: str) -> str:
        for level in self.criteria.verdict.levels:
            if level.id == level_id:
                return level.label
        return level_id

    def citation(self, citation: Citation) -> str:
        """A citation as written, with a group id used as its section put in words."""
        parts = [citation.document]
        parts += [self._groups.get(p, p) for p in (citation.section, citation.item) if p]
        return ", ".join(parts)

    def group_points_header(self, group_id: str) -> str:
        """A points column: 'Điểm tiêu chí 1'."""
        return "Điểm " + lower_first(self.group(group_id))

    def provisional_notes(self) -> list[str]:
        """Every value the cited documents do not confirm, each led by its name."""
        return [
            f"{self._provisional_name(value.kind, value.name)}: {value.note}"
            for value in self.criteria.provisional_values()
        ]

    def _provisional_name(self, kind: str, name: str) -> str:
        if kind == "item":
            return capitalize(self.item(name))
        if kind == "level" and not name.lower().startswith("mức"):
            return f"Mức {name}"  # "Mức Đạt", but "Mức độ 1 (Khá)" as it is
        return name


def _group_name(group: Group) -> str:
    cited = group.citation.item if group.citation else None
    if cited and re.fullmatch(r"(Tiêu chí|Năng lực|Chỉ tiêu|Nội dung) \d+", cited):
        return cited
    match = _GROUP_ID.match(group.id)
    if match and match["prefix"] in _GROUP_PREFIXES:
        return f"{_GROUP_PREFIXES[match['prefix']]} {int(match['number'])}"
    return group.label


def _item_name(group: Group, item: Item, group_name: str) -> str:
    group_cited = group.citation.item if group.citation else None
    whole = len(group.items) == 1 and not _DOTTED.match(item.id)
    if whole and item.citation.item in (None, group_cited):
        return group_name  # one item stands for the whole group ("TC3.0")
    by_level = _BY_LEVEL.match(item.id)
    if by_level:
        return f"{group_name} (mức độ {by_level[1]})"
    if _DOTTED.match(item.id):
        return _within_group(item, group_name) or f"mục {item.id}"
    if _NUMBER.match(item.id):
        cited = _CITED.search(item.citation.item or "")
        if cited and cited[2] == item.id:
            return f"{cited[1].lower()} {item.id}"
        return f"mục {item.id}"
    return lower_first(item.label)


def _within_group(item: Item, group_name: str) -> str | None:
    """'chỉ tiêu 2 của Tiêu chí 1' for item 1.2 when its citation numbers it so within a
    group named 'Tiêu chí 1'; None when the numbers do not agree. No comma inside the name:
    names are listed with commas ('Tiêu chí 2 (mức độ 2), chỉ tiêu 1 của Tiêu chí 3')."""
    cited = _WITHIN.match(item.citation.item or "")
    group, _, last = item.id.rpartition(".")
    if cited is None or cited[2] != last or group_name != f"Tiêu chí {group}":
        return None
    return f"{cited[1].lower()} {last} của {group_name}"
