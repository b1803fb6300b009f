"""Which levels can be reached, which are reached by everyone, and whether each level
is stricter than the one below it. Pure; used by ``lint``.

The loader already refuses pass marks above the file's maximum. This goes further with
the rules found constant (an item that is always or never met) and with what a level's
conditions imply about each other: a total of 18 out of 20 forces every group to at
least 8, a group floor above what the other items of the group give forces an item met.
The implications derived are sound, so "same as the level below" is never said
wrongly; "not stricter" can only be said of a level whose strictness needs finer
reasoning than this, which a reader can then confirm.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from hoctap_cli.criteria.model import Criteria, Level

Path = tuple[str | int, ...]
LevelFinding = tuple[Path, str, str]  # path, code, message


@dataclass(frozen=True)
class Reach:
    """Points each item, group and the file can give at best and guarantee at worst."""

    points: dict[str, float]
    group_of: dict[str, str]
    group_max: dict[str, float]
    group_min: dict[str, float]
    awarded: frozenset[str]
    always: frozenset[str]
    never: frozenset[str]

    @property
    def max_total(self) -> float:
        return sum(self.group_max.values())


def reach(criteria: Criteria, constants: Mapping[str, bool]) -> Reach:
    """``constants`` maps the items whose rule always (True) or never (False) holds."""
    points = {item.id: item.points or 0.0 for _, item in criteria.items()}
    always = frozenset(i for i, value in constants.items() if value)
    never = frozenset(i for i, value in constants.items() if not value)
    return Reach(
        points=points,
        group_of={item.id: group.id for group, item in criteria.items()},
        group_max={
            g.id: sum(points[i.id] for i in g.items if i.id not in never) for g in criteria.groups
        },
        group_min={
            g.id: sum(points[i.id] for i in g.items if i.id in always) for g in criteria.groups
        },
        awarded=frozenset(item.id for _, item in criteria.items() if item.kind == "awarded"),
        always=always,
        never=never,
    )


def required(level: Level, criteria: Criteria) -> set[str]:
    if level.required_items == "all":
        return {item.id for _, item in criteria.items()}
    return set(level.required_items)


def level_findings(criteria: Criteria, constants: Mapping[str, bool]) -> Iterator[LevelFinding]:
    """Unreachable, always-reached and not-stricter levels."""
    r = reach(criteria, constants)
    levels = criteria.verdict.levels
    floors = [_floor(level, criteria, r) for level in levels]
    blocked: set[int] = set()
    for index, level in enumerate(levels):
        path: Path = ("verdict", "levels", index)
        unreachable = _unreachable(level, criteria, r)
        if unreachable is not None:
            blocked.add(index)
            yield (*path, unreachable[0]), "level_unreachable", unreachable[1]
        elif _implies(_floor_of_nothing(r), level, criteria):
            yield path, "level_always_reached", _always_message(level, r)
        if index and not blocked & {index, index - 1}:
            pair = (levels[index - 1], level)
            yield from _stricter(path, pair, (floors[index - 1], floors[index]), criteria)


def _unreachable(level: Level, criteria: Criteria, r: Reach) -> tuple[str, str] | None:
    """The key that makes ``level`` impossible and why; everything at its best is the test."""
    never = sorted(r.never)
    cause = f" (các tiêu chí {', '.join(never)} không bao giờ đạt)" if never else ""
    if level.min_total is not None and level.min_total > r.max_total:
        return "min_total", (
            f"mức '{level.label}' không thể đạt: cần {level.min_total:g} điểm nhưng tổng "
            f"cao nhất có thể là {r.max_total:g}{cause}"
        )
    if level.min_group_points is not None and level.min_group_points > min(r.group_max.values()):
        return "min_group_points", (
            f"mức '{level.label}' không thể đạt: mỗi nhóm cần {level.min_group_points:g} điểm "
            f"nhưng có nhóm chỉ đạt được {min(r.group_max.values()):g}{cause}"
        )
    best_item = min(0.0 if i in r.never else p for i, p in r.points.items())
    if level.min_item_points is not None and level.min_item_points > best_item:
        return "min_item_points", (
            f"mức '{level.label}' không thể đạt: mỗi tiêu chí cần {level.min_item_points:g} "
            f"điểm nhưng có tiêu chí chỉ đạt được {best_item:g}{cause}"
        )
    impossible = sorted(required(level, criteria) & r.never)
    if impossible:
        return "required_items", (
            f"mức '{level.label}' không thể đạt: bắt buộc các tiêu chí "
            f"{', '.join(impossible)} mà quy tắc của chúng không bao giờ đúng"
        )
    return None


def _always_message(level: Level, r: Reach) -> str:
    guaranteed = sum(r.group_min.values())
    detail = (
        f" (cần {level.min_total:g} điểm, hồ sơ nào cũng có ít nhất {guaranteed:g})"
        if level.min_total is not None
        else ""
    )
    return (
        f"mức '{level.label}' luôn đạt, kể cả khi không tiêu chí nào đạt: "
        f"điều kiện của mức không loại được hồ sơ nào{detail}"
    )


@dataclass(frozen=True)
class _Floor:
    """The least points (total, per group, per item) and the items met of any applicant
    who reaches a level."""

    total: float
    groups: dict[str, float]
    items: dict[str, float]
    met: frozenset[str]


def _floor_of_nothing(r: Reach) -> _Floor:
    """What every applicant has, whatever it scores: only the always-met items."""
    items = {i: (p if i in r.always else 0.0) for i, p in r.points.items()}
    return _Floor(sum(r.group_min.values()), dict(r.group_min), items, r.always)


def _floor(level: Level, criteria: Criteria, r: Reach) -> _Floor:
    met = required(level, criteria) | r.always
    least = level.min_item_points or 0.0
    # Met means full points; a computed item gives all or nothing, so any floor means met.
    items = {
        i: p if i in met else (min(least, p) if i in r.awarded else (p if least > 0 else 0.0))
        for i, p in r.points.items()
    }
    sums = dict.fromkeys(r.group_max, 0.0)
    for item_id, value in items.items():
        sums[r.group_of[item_id]] += value
    groups = {g: max(level.min_group_points or 0.0, value) for g, value in sums.items()}
    total = max(level.min_total or 0.0, sum(groups.values()))
    for group_id in groups:
        groups[group_id] = max(groups[group_id], total - (r.max_total - r.group_max[group_id]))
    return _Floor(total, groups, *_forced(items, groups, met, r))


def _forced(
    items: dict[str, float], groups: dict[str, float], met: set[str], r: Reach
) -> tuple[dict[str, float], frozenset[str]]:
    """Items a group floor forces: the rest of the group cannot make up for them."""
    forced = dict(items)
    for item_id, points in r.points.items():
        if item_id in r.never:
            continue
        group = r.group_of[item_id]
        slack = groups[group] - (r.group_max[group] - points)
        if slack > 0:
            forced[item_id] = max(forced[item_id], points if item_id not in r.awarded else slack)
    full = {i for i, v in forced.items() if r.points[i] > 0 and v >= r.points[i]}
    return forced, frozenset(met | full)


def _implies(floor: _Floor, level: Level, criteria: Criteria) -> bool:
    """Whoever has at least ``floor`` reaches ``level``."""
    return (
        (level.min_total is None or floor.total >= level.min_total)
        and (level.min_group_points is None or min(floor.groups.values()) >= level.min_group_points)
        and (level.min_item_points is None or min(floor.items.values()) >= level.min_item_points)
        and required(level, criteria) <= floor.met
    )


def _stricter(
    path: Path, pair: tuple[Level, Level], floors: tuple[_Floor, _Floor], criteria: Criteria
) -> Iterator[LevelFinding]:
    """A higher level must ask for everything the lower one asks, and for more."""
    (lower, higher), (lower_floor, higher_floor) = pair, floors
    if not _implies(higher_floor, lower, criteria):
        yield (
            path,
            "level_not_stricter",
            (
                f"mức '{higher.label}' đứng trên mức '{lower.label}' nhưng không chặt hơn: "
                f"hồ sơ có thể đạt '{higher.label}' mà không đạt '{lower.label}'"
            ),
        )
    elif _implies(lower_floor, higher, criteria):
        yield (
            path,
            "level_same_as_lower",
            (
                f"mức '{higher.label}' có điều kiện tương đương mức '{lower.label}' đứng dưới: "
                f"hồ sơ đạt '{lower.label}' thì cũng đạt '{higher.label}'"
            ),
        )
