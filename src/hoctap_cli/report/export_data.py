"""The recognition lists of a run as plain data, the one source of every export format.

Pure: an evaluation and the commune's settings in, frozen data out. For each title:
the applicants that passed, grouped by village and numbered; the ones that need more
data, with what is missing; and the counts a district asks for. The letterhead is in
``letterhead``, the counts in ``export_stats``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hoctap_cli.criteria.model import Applicant, Criteria
from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.provenance import provenance, provenance_lines
from hoctap_cli.report.export_stats import Counts, village_counts, village_label
from hoctap_cli.report.letterhead import Letterhead, letterhead
from hoctap_cli.report.wording import Wording
from hoctap_cli.service import Evaluation, LevelResult
from hoctap_cli.settings import ExportSettings

UNITS = {
    Applicant.household: "hộ",
    Applicant.person: "người",
    Applicant.clan: "dòng họ",
    Applicant.village: "thôn",
    Applicant.commune: "xã",
    Applicant.unit: "đơn vị",
}


@dataclass(frozen=True)
class Listed:
    """One applicant proposed for recognition."""

    stt: int
    id: str
    name: str
    village: str
    total: Decimal | None  # None for titles judged by indicators
    level: str | None
    level_label: str
    note: str


@dataclass(frozen=True)
class VillageGroup:
    village: str
    applicants: tuple[Listed, ...]


@dataclass(frozen=True)
class ToComplete:
    """An applicant that cannot be decided yet, and what it lacks."""

    title: str
    id: str
    name: str
    village: str
    total: Decimal | None
    missing: str
    note: str


@dataclass(frozen=True)
class TitleList:
    """One title's recognition list with its heading texts and statistics."""

    title_id: str
    title: str
    short_names: tuple[str, ...]  # the title's usual sheet names, for a short sheet name
    heading: str
    basis: str
    provisional: str | None
    unit: str
    name_label: str
    has_village: bool
    has_points: bool
    level_header: str
    villages: tuple[VillageGroup, ...]
    incomplete: tuple[ToComplete, ...]
    statistics: tuple[Counts, ...]  # one per village; the rows not evaluated are apart
    not_evaluated: int
    total: Counts  # registered includes the rows not evaluated
    criteria: dict[str, Any]

    @property
    def listed(self) -> int:
        return sum(len(group.applicants) for group in self.villages)


@dataclass(frozen=True)
class ExportData:
    year: int
    letterhead: Letterhead
    lists: tuple[TitleList, ...]
    provenance: dict[str, Any]
    provenance_lines: tuple[tuple[str, str], ...]


def build_export(evaluation: Evaluation, settings: ExportSettings) -> ExportData:
    """Everything the export formats print, from one run and the commune's settings."""
    head = letterhead(settings, settings.nam or evaluation.as_of.year)
    lists = tuple(
        _title_list(
            level, evaluation, head.year, evaluation.rows_not_evaluated(level.criteria.criteria.id)
        )
        for level in evaluation.levels
    )
    stamp = provenance(evaluation)
    return ExportData(head.year, head, lists, stamp, tuple(provenance_lines(evaluation)))


def _title_list(level: LevelResult, evaluation: Evaluation, year: int, skipped: int) -> TitleList:
    criteria = level.criteria.criteria
    wording = Wording(criteria, evaluation.title_names)
    identity = criteria.identity
    has_village = identity.village is not None and identity.village != identity.name
    statistics, total = village_counts(level.results, skipped, has_village)
    return TitleList(
        title_id=criteria.id,
        title=criteria.title,
        short_names=tuple(criteria.sheet_names),
        heading=f'DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU "{criteria.title.upper()}" NĂM {year}',
        basis=_basis(criteria),
        provisional=provisional_note(criteria),
        unit=UNITS[criteria.applicant],
        name_label=criteria.field(criteria.identity.name).label,
        has_village=has_village,
        has_points=criteria.scoring == "points",
        level_header="Mức độ" if len(criteria.verdict.levels) > 1 else "Xếp loại",
        villages=_groups(level.results, criteria, wording, has_village),
        incomplete=_incomplete(level.results, criteria, wording, has_village),
        statistics=statistics,
        not_evaluated=skipped,
        total=total,
        criteria=_criteria_stamp(level),
    )


def _incomplete(
    results: Sequence[ApplicantResult], criteria: Criteria, wording: Wording, has_village: bool
) -> tuple[ToComplete, ...]:
    points = criteria.scoring == "points"
    return tuple(
        ToComplete(
            criteria.title,
            result.id,
            result.name or "",
            _village(result, has_village),
            result.total if points else None,
            wording.explain(result),
            _note(result, criteria),
        )
        for result in results
        if result.verdict is VerdictKind.incomplete
    )


def _criteria_stamp(level: LevelResult) -> dict[str, Any]:
    criteria = level.criteria.criteria
    return {
        "id": criteria.id,
        "version": criteria.version,
        "document": criteria.document.number,
        "sha256": level.criteria.sha256,
        "provisional": criteria.is_provisional,
        "provisional_notes": criteria.provisional_notes(),
    }


def _groups(
    results: Sequence[ApplicantResult], criteria: Criteria, wording: Wording, has_village: bool
) -> tuple[VillageGroup, ...]:
    """Passed applicants by village (in order of first appearance), numbered throughout."""
    by_village: dict[str, list[ApplicantResult]] = {}
    for result in results:
        if result.verdict is VerdictKind.passed:
            by_village.setdefault(_village(result, has_village), []).append(result)
    groups, stt = [], 0
    points = criteria.scoring == "points"
    for village, members in by_village.items():
        listed = []
        for result in members:
            stt += 1
            total = result.total if points else None
            label = wording.verdict(result)
            note = _note(result, criteria)
            listed.append(
                Listed(stt, result.id, result.name or "", village, total, result.level, label, note)
            )
        groups.append(VillageGroup(village, tuple(listed)))
    return tuple(groups)


def _note(result: ApplicantResult, criteria: Criteria) -> str:
    """'đã được công nhận năm 2024', and 'tạm tính' when provisional values decided it."""
    parts = []
    prior_field = criteria.recognition.prior_field
    prior = result.values.get(prior_field) if prior_field else None
    if isinstance(prior, int) and not isinstance(prior, bool):
        parts.append(f"đã được công nhận năm {prior}")
    if result.provisional:
        parts.append("tạm tính")
    return "; ".join(parts)


def _basis(criteria: Criteria) -> str:
    document = criteria.document
    day = f" ngày {document.date:%d/%m/%Y}" if document.date else ""
    return (
        f"(Xét theo {document.number}{day} của {document.issuer}; "
        f"bộ tiêu chí {criteria.id}, phiên bản {criteria.version})"
    )


def provisional_note(criteria: Criteria) -> str | None:
    """One line naming, briefly, every provisional value the list relies on."""
    if not criteria.is_provisional:
        return None
    items = [item.id for _, item in criteria.items() if item.provisional]
    parts = [f"mục {', '.join(items)}"] if items else []
    parts += [
        level.label if level.label.lower().startswith("mức") else f"mức {level.label}"
        for level in criteria.verdict.levels
        if level.provisional
    ]
    parts += [rollup.label for rollup in criteria.rollups if rollup.provisional]
    if criteria.recognition.provisional:
        parts.append("thời hạn công nhận")
    return (
        "Lưu ý: danh sách dựa trên giá trị tạm tính, chưa đối chiếu được với văn bản gốc: "
        + "; ".join(parts)
        + "."
    )


def _village(result: ApplicantResult, has_village: bool) -> str:
    return village_label(result.village or "", has_village)
