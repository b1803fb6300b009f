"""``hoctap criteria check``: what a loadable criteria file may still get wrong. Pure.

The loader refuses what cannot be used; lint reports what can be used but is probably
not what the authors meant: levels nobody or everybody reaches, levels in the wrong
order, rules that never change their answer, citations an auditor cannot follow,
columns nothing reads. Provisional values are listed for information.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path as Path_

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.cycles import describe_cycle, find_cycle
from hoctap_cli.criteria.loader import BaseResolver, CriteriaError, CriteriaProblem, parse_criteria
from hoctap_cli.criteria.model import Citation, Criteria, Item
from hoctap_cli.criteria.override import OverrideLocations, uncited_changes
from hoctap_cli.criteria.probe import constant_value
from hoctap_cli.criteria.reach import level_findings
from hoctap_cli.criteria.yaml_source import LocatedData, load_located
from hoctap_cli.errors import CriteriaCode

Path = tuple[str | int, ...]


class Severity(StrEnum):
    """``error`` fails the check; ``warning`` is worth a look; ``info`` is for the record."""

    error = "error"
    warning = "warning"
    info = "info"


class LintCode(StrEnum):
    level_unreachable = "level_unreachable"
    level_always_reached = "level_always_reached"
    level_not_stricter = "level_not_stricter"
    level_same_as_lower = "level_same_as_lower"
    rule_constant = "rule_constant"
    citation_missing = "citation_missing"
    field_unused = "field_unused"
    provisional_value = "provisional_value"
    citation_unchanged = "citation_unchanged"  # a value changed, its source left as it was
    rollup_cycle = "rollup_cycle"  # roll-ups that count each other in a circle


SEVERITY = {
    LintCode.level_unreachable: Severity.error,
    LintCode.level_always_reached: Severity.error,
    LintCode.level_not_stricter: Severity.error,
    LintCode.level_same_as_lower: Severity.error,
    LintCode.rule_constant: Severity.error,
    LintCode.citation_missing: Severity.error,
    # A column no rule reads may still be kept for people or for another title's link.
    LintCode.field_unused: Severity.warning,
    LintCode.provisional_value: Severity.info,
    LintCode.citation_unchanged: Severity.warning,
    LintCode.rollup_cycle: Severity.error,
}


@dataclass(frozen=True)
class LintFinding:
    """One finding; ``path`` is dotted as in load errors, e.g. ``groups[0].items[1].rule``."""

    path: str
    line: int | None
    code: LintCode | CriteriaCode  # a refused file's findings carry the loader's codes
    message: str
    severity: Severity


@dataclass(frozen=True)
class FileCheck:
    """Everything found in one file."""

    file: str
    sha256: str
    findings: tuple[LintFinding, ...]

    @property
    def passed(self) -> bool:
        return not any(f.severity is Severity.error for f in self.findings)


def check_sources(
    sources: Sequence[tuple[str, bytes]],
    known: Sequence[CompiledCriteria] = (),
    resolve_base: BaseResolver | None = None,
) -> list[FileCheck]:
    """Load and lint each ``(name, bytes)``; ``known`` are other files whose roll-ups may
    read these files' columns (the shipped catalogue); ``resolve_base`` finds what an
    ``extends:`` file builds on, whose merged result is then checked."""
    loaded: dict[str, CompiledCriteria] = {}
    refused: dict[str, CriteriaError] = {}
    for name, raw in sources:
        try:
            loaded[name] = parse_criteria(raw, name, resolve_base)
        except CriteriaError as exc:
            refused[name] = exc
    everything = [*known, *loaded.values()]
    checks = []
    for name, raw in sources:
        sha256 = hashlib.sha256(raw).hexdigest()
        if name in refused:
            findings = [_refusal(problem) for problem in refused[name].problems]
        else:
            compiled = loaded[name]
            located = load_located(raw.decode("utf-8-sig"))
            linked = linked_fields(everything, compiled.criteria.id)
            if compiled.base is None:
                findings = lint(compiled, located, linked)
            else:
                merged = compiled.criteria.model_dump(mode="json", exclude_unset=True)
                findings = lint(compiled, OverrideLocations(located, merged), linked)
                findings += _uncited(located, compiled.base)
            findings += _cycle(compiled, everything, located)
        checks.append(FileCheck(name, sha256, tuple(findings)))
    return checks


def _uncited(located: LocatedData, base: CompiledCriteria) -> list[LintFinding]:
    """Values a provincial file changes while still citing the base's document."""
    base_data = load_located(Path_(base.source).read_text(encoding="utf-8-sig")).data
    document = base.criteria.document.number
    return [
        LintFinding(
            _dotted(path),
            located.line_of(path),
            LintCode.citation_unchanged,
            f"giá trị '{key}' đã đổi nhưng căn cứ vẫn là {document} của bộ gốc: hãy ghi "
            "citation theo văn bản của tỉnh (số, mục, nguồn)",
            Severity.warning,
        )
        for path, key in uncited_changes(located.data, base_data)
    ]


def _cycle(
    compiled: CompiledCriteria, everything: Sequence[CompiledCriteria], located: LocatedData
) -> list[LintFinding]:
    """A chain of roll-ups through the other files that comes back to this file's title."""
    counts: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for entry in everything:
        counts.setdefault(entry.criteria.id, set()).update(r.title for r in entry.criteria.rollups)
        names[entry.criteria.id] = entry.criteria.title
    chain = find_cycle(counts, compiled.criteria.id)
    if chain is None or len(chain) == 2:  # a title counting itself is refused when loading
        return []
    message = describe_cycle(chain, names)
    line = located.line_of(("rollups",))
    return [LintFinding("rollups", line, LintCode.rollup_cycle, message, Severity.error)]


def _refusal(problem: CriteriaProblem) -> LintFinding:
    return LintFinding(problem.path, problem.line, problem.code, problem.message, Severity.error)


def linked_fields(entries: Iterable[CompiledCriteria], title_id: str) -> frozenset[str]:
    """Columns of ``title_id`` that other titles' roll-ups use to find their members."""
    return frozenset(
        rollup.link
        for entry in entries
        for rollup in entry.criteria.rollups
        if rollup.title == title_id and rollup.link
    )


def lint(
    compiled: CompiledCriteria,
    located: LocatedData | None = None,
    linked: frozenset[str] = frozenset(),
) -> list[LintFinding]:
    """Every finding for one loaded file, problems first, each located when ``located``
    (the same file's YAML positions) is given."""
    criteria = compiled.criteria
    fields = criteria.rule_fields()
    constants: dict[str, bool] = {}
    for item_id, rule in compiled.rules.items():
        value = constant_value(rule, fields)
        if value is not None:
            constants[item_id] = value
    raw: list[tuple[Path, str, str]] = [
        *level_findings(criteria, constants),
        *_constant_rules(criteria, constants),
        *_citations(criteria),
        *_unused_fields(compiled, linked),
        *_provisional(criteria),
    ]
    findings = [_finding(path, LintCode(code), message, located) for path, code, message in raw]
    return sorted(findings, key=lambda f: (f.severity is Severity.info, f.line or 0))


def _finding(path: Path, code: LintCode, message: str, located: LocatedData | None) -> LintFinding:
    if located is None:
        return LintFinding(_dotted(path), None, code, message, SEVERITY[code])
    shown = _dotted(located.shown_path(path))
    return LintFinding(shown, located.line_of(path), code, message, SEVERITY[code])


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _item_paths(criteria: Criteria) -> Iterator[tuple[Path, Item]]:
    for gi, group in enumerate(criteria.groups):
        for ii, item in enumerate(group.items):
            yield ("groups", gi, "items", ii), item


def _constant_rules(
    criteria: Criteria, constants: dict[str, bool]
) -> Iterator[tuple[Path, str, str]]:
    for path, item in _item_paths(criteria):
        if item.id in constants:
            answer, effect = (
                ("đúng", "luôn đạt") if constants[item.id] else ("sai", "không bao giờ đạt")
            )
            yield (
                (*path, "rule"),
                "rule_constant",
                (
                    f"quy tắc '{item.rule}' của tiêu chí {item.id} luôn cho kết quả "
                    f"{answer} với mọi giá trị hợp lệ: tiêu chí này {effect}"
                ),
            )


def _citations(criteria: Criteria) -> Iterator[tuple[Path, str, str]]:
    """An auditor needs the place in the document, not only the document's number."""
    cited: list[tuple[Path, str, Citation]] = [
        (path, f"tiêu chí {item.id}", item.citation) for path, item in _item_paths(criteria)
    ]
    cited += [
        (("verdict", "levels", index), f"mức '{level.label}'", level.citation)
        for index, level in enumerate(criteria.verdict.levels)
    ]
    for path, what, citation in cited:
        if not citation.section and not citation.item:
            yield (
                (*path, "citation"),
                "citation_missing",
                (
                    f"căn cứ của {what} chỉ ghi văn bản {citation.document}, thiếu phần (section) "
                    "và mục (item): người đối chiếu không tìm được chỗ trong văn bản"
                ),
            )


def _unused_fields(
    compiled: CompiledCriteria, linked: frozenset[str]
) -> Iterator[tuple[Path, str, str]]:
    criteria = compiled.criteria
    used = set(linked)
    used |= {name for rule in compiled.rules.values() for name in rule.fields}
    used |= {item.field for _, item in criteria.items() if item.field}
    used |= {group.score_field for group in criteria.groups if group.score_field}
    used |= {item.score_field for _, item in criteria.items() if item.score_field}
    identity = criteria.identity
    used |= {name for name in (identity.id, identity.name, identity.village) if name}
    if criteria.recognition.prior_field:
        used.add(criteria.recognition.prior_field)
    used |= {level.wait.field for level in criteria.verdict.levels if level.wait}
    for index, field in enumerate(criteria.fields):
        if field.id not in used:
            yield (
                ("fields", index),
                "field_unused",
                (
                    f"cột '{field.label}' ({field.id}) được khai báo nhưng không quy tắc, tiêu chí "
                    "hội đồng chấm, phần nhận diện hồ sơ hay bộ tiêu chí nào khác dùng đến"
                ),
            )


def _provisional(criteria: Criteria) -> Iterator[tuple[Path, str, str]]:
    for path, item in _item_paths(criteria):
        if item.provisional:
            note = item.provisional_note or "giá trị tạm tính"
            yield (*path, "provisional"), "provisional_value", f"tiêu chí {item.id}: {note}"
    for index, level in enumerate(criteria.verdict.levels):
        if level.provisional:
            note = level.provisional_note or "mức đạt tạm tính"
            yield (
                ("verdict", "levels", index, "provisional"),
                "provisional_value",
                (f"mức '{level.label}': {note}"),
            )
    for index, rollup in enumerate(criteria.rollups):
        if rollup.provisional:
            note = rollup.provisional_note or "cách tính tạm thời"
            yield ("rollups", index, "provisional"), "provisional_value", f"{rollup.label}: {note}"
    if criteria.recognition.provisional:
        note = criteria.recognition.provisional_note or "tạm tính"
        yield (
            ("recognition", "provisional"),
            "provisional_value",
            (f"thời hạn công nhận {criteria.recognition.valid_years} năm: {note}"),
        )
