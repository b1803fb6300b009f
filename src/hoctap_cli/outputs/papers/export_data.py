"""The recognition lists of a run as plain data, the one source of every export format.

Pure: an evaluation and the commune's settings in, frozen data out. For each title:
the applicants that passed, grouped by village and numbered; the ones that need more
data, with what is missing; and the counts a district asks for. The letterhead is in
``letterhead``, the counts in ``export_stats``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from hoctap_cli.criteria.model import Applicant, Criteria
from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.columns import with_verdict
from hoctap_cli.engine.results import ApplicantResult, Outcome, VerdictKind
from hoctap_cli.outputs.data.document_types import CriteriaHead, Provenance
from hoctap_cli.outputs.data.serialise import criteria_head, provenance
from hoctap_cli.outputs.papers.export_stats import Counts, village_counts, village_label
from hoctap_cli.outputs.papers.letterhead import Letterhead, letterhead
from hoctap_cli.outputs.papers.paper_lines import attached_line, basis_line, legal_basis
from hoctap_cli.outputs.papers.settings import ExportSettings
from hoctap_cli.outputs.words.points_text import total_value
from hoctap_cli.outputs.words.provenance import provenance_lines
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.workflow.run import Evaluation, TitleResult

FOOTNOTE_MARK = "¹"  # the one provisional-values footnote of a list
PLURALS = {
    Applicant.household: "HỘ GIA ĐÌNH",
    Applicant.person: "CÁ NHÂN",
    Applicant.clan: "DÒNG HỌ",
    Applicant.village: "THÔN",
    Applicant.commune: "XÃ",
    Applicant.unit: "ĐƠN VỊ",
}
UNITS = {
    Applicant.household: "hộ",
    Applicant.person: "người",
    Applicant.clan: "dòng họ",
    Applicant.village: "thôn",
    Applicant.commune: "xã",
    Applicant.unit: "đơn vị",
    Applicant.district: "huyện",
    Applicant.other: "tổ chức, cá nhân",
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
    provisional: bool  # said once, in the list's footnote, never on the row
    total_complete: bool = True  # False: an item could not be scored, ``total`` is what is known
    generated_id: bool = False  # the id was made from file, sheet and STT, not written

    @property
    def code(self) -> str:
        """The code the list prints: the user's own, never one made up for her rows."""
        return "" if self.generated_id else self.id


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
    recognised_by: str  # "commune" (list attached to its decision) or "higher" (a proposal)
    heading: str
    attached: str  # "(Kèm theo Quyết định số …)" or "(Kèm theo Tờ trình số …)"
    basis: str
    legal_basis: str  # the decision's "Căn cứ …" line for the criteria document
    applicants: str  # "hộ gia đình", "dòng họ", … as a decision names them
    provisional: str | None  # the footnote's text, without its mark
    unit: str
    id_label: str | None  # None when the name itself is the id (villages, communes)
    name_label: str
    has_village: bool
    has_points: bool
    has_rank: bool  # several levels: the list shows each one's level
    level_header: str
    villages: tuple[VillageGroup, ...]
    incomplete: tuple[ToComplete, ...]
    statistics: tuple[Counts, ...]  # one per village; the rows not evaluated are apart
    not_evaluated: int
    total: Counts  # registered includes the rows not evaluated
    criteria: CriteriaHead
    left_out: tuple[ToComplete, ...] = ()  # rows read but not evaluated, listed to complete

    @property
    def listed(self) -> int:
        return sum(len(group.applicants) for group in self.villages)


@dataclass(frozen=True)
class ExportData:
    year: int
    letterhead: Letterhead
    lists: tuple[TitleList, ...]
    provenance: Provenance
    provenance_lines: tuple[tuple[str, str], ...]
    provisional_apart: bool = False  # the footnotes point to a "Giá trị tạm tính" sheet


def build_export(evaluation: Evaluation, settings: ExportSettings) -> ExportData:
    """Everything the export formats print, from one run and the commune's settings."""
    head = letterhead(settings, settings.nam or evaluation.as_of.year)
    lists = tuple(
        _title_list(
            title_result,
            evaluation,
            head,
            recogniser(title_result.criteria.criteria, settings),
            evaluation.rows_not_evaluated(title_result.criteria.criteria.id),
            settings.authority_for(title_result.criteria.criteria.id),
        )
        for title_result in evaluation.titles
    )
    stamp = provenance(evaluation)
    return ExportData(
        head.year,
        head,
        lists,
        stamp,
        tuple(provenance_lines(evaluation)),
        provisional_apart=settings.tam_tinh_phu_luc,
    )


def recogniser(criteria: Criteria, settings: ExportSettings) -> str:
    """ "commune" or "higher": the settings' word for the title, else its criteria file's."""
    chosen = settings.cong_nhan.get(criteria.id)
    if chosen is not None:
        return "commune" if chosen == "xa" else "higher"
    return criteria.recognition.recognised_by or "higher"


def _title_list(
    title_result: TitleResult,
    evaluation: Evaluation,
    head: Letterhead,
    decider: str,
    skipped: int,
    authority: str | None = None,
) -> TitleList:
    criteria = title_result.criteria.criteria
    wording = Wording(criteria, evaluation.title_names)
    identity = criteria.identity
    has_village = identity.village is not None and identity.village != identity.name
    statistics, total = village_counts(title_result.results, skipped, has_village)
    title = f"DANH HIỆU “{criteria.title.upper()}” NĂM {head.year}"
    if decider == "commune":
        heading = f"DANH SÁCH {PLURALS[criteria.applicant]} ĐƯỢC CÔNG NHẬN {title}"
    else:
        heading = f"DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN {title}"
    return TitleList(
        title_id=criteria.id,
        title=criteria.title,
        short_names=tuple(criteria.sheet_names),
        recognised_by=decider,
        heading=heading,
        attached=attached_line(replace(head, higher=authority), decider),
        basis=basis_line(criteria) + (f" Cơ quan công nhận: {authority}." if authority else ""),
        legal_basis=legal_basis(criteria),
        applicants=PLURALS[criteria.applicant].lower(),
        provisional=_with_fallback(title_result, provisional_note(criteria)),
        unit=UNITS[criteria.applicant],
        id_label=_id_label(title_result.results, criteria),
        name_label=criteria.field(identity.name).label,
        has_village=has_village,
        has_points=criteria.scoring == "points",
        has_rank=len(criteria.verdict.levels) > 1,
        level_header="Mức độ" if len(criteria.verdict.levels) > 1 else "Xếp loại",
        villages=_groups(title_result.results, criteria, wording, has_village),
        incomplete=_incomplete(title_result.results, criteria, wording, has_village),
        statistics=statistics,
        not_evaluated=skipped,
        total=total,
        criteria=criteria_head(title_result),
        left_out=_left_out(evaluation, criteria),
    )


def _id_label(results: Sequence[ApplicantResult], criteria: Criteria) -> str | None:
    """The code column's header; None when the name is the id (villages, communes) or no
    row has a code of its own (ids made from the STT: the STT and name tell the rows)."""
    identity = criteria.identity
    if identity.id == identity.name or (results and all(r.source.generated_id for r in results)):
        return None
    return criteria.field(identity.id).label


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
        for result in with_verdict(results, VerdictKind.incomplete)
    )


def _left_out(evaluation: Evaluation, criteria: Criteria) -> tuple[ToComplete, ...]:
    """Rows read but not evaluated: they too need completing before they can be decided."""
    several = len(evaluation.inputs) > 1
    return tuple(
        ToComplete(
            criteria.title,
            row.applicant,
            row.name,
            "",
            None,
            "Không xét được: " + "; ".join(row.reasons),
            (f"Tệp {Path(row.file).name}, " if several else "")
            + (f"trang '{row.sheet}', " if row.sheet else "")
            + f"dòng {row.row}",
        )
        for row in evaluation.rows_left_out(criteria.id)
    )


def _with_fallback(title_result: TitleResult, note: str | None) -> str | None:
    """The fallback notice (criteria used outside their period) before the provisional note."""
    if title_result.fallback is None:
        return note
    return title_result.fallback.message + (f" {note}" if note else "")


def _groups(
    results: Sequence[ApplicantResult], criteria: Criteria, wording: Wording, has_village: bool
) -> tuple[VillageGroup, ...]:
    """Passed applicants by village (in order of first appearance), numbered throughout."""
    by_village: dict[str, list[ApplicantResult]] = {}
    for result in with_verdict(results, VerdictKind.passed):
        by_village.setdefault(_village(result, has_village), []).append(result)
    groups, stt = [], 0
    points = criteria.scoring == "points"
    for village, members in by_village.items():
        listed = []
        for result in members:
            stt += 1
            total = result.total if points else None
            label = wording.verdict(result)
            note = _joined_notes(_note(result, criteria), _unscored(result, criteria))
            name = result.name or ""
            listed.append(
                Listed(
                    stt, result.id, name, village, total, result.level, label, note,
                    result.provisional, total_value(result) is not None,
                    result.source.generated_id,
                )
            )  # fmt: skip
        groups.append(VillageGroup(village, tuple(listed)))
    return tuple(groups)


def _note(result: ApplicantResult, criteria: Criteria) -> str:
    """'đã được công nhận năm 2024'; provisional values are the list's footnote, not a note."""
    prior_field = criteria.recognition.prior_field
    prior = result.values.get(prior_field) if prior_field else None
    if isinstance(prior, int) and not isinstance(prior, bool):
        return f"đã được công nhận năm {prior}"
    return ""


def _unscored(result: ApplicantResult, criteria: Criteria) -> str:
    """'chưa chấm được mục 1.1': a passed applicant's total then is only what is known."""
    missing = [i.item_id for i in result.items if i.outcome is Outcome.not_assessable]
    return f"chưa chấm được {Names(criteria).items(missing)}" if missing else ""


def _joined_notes(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


def provisional_note(criteria: Criteria) -> str | None:
    """One line naming, briefly, every provisional value the list relies on."""
    if not criteria.is_provisional:
        return None
    items = [item.id for _, item in criteria.items() if item.provisional]
    parts = [Names(criteria).items(items)] if items else []
    parts += [
        level.label if level.label.lower().startswith("mức") else f"mức {level.label}"
        for level in criteria.verdict.levels
        if level.provisional
    ]
    parts += [rollup.label for rollup in criteria.rollups if rollup.provisional]
    if criteria.recognition.provisional:
        parts.append("thời hạn công nhận")
    return (
        "Kết quả xét dựa trên một số giá trị tạm tính của bộ tiêu chí, chưa đối chiếu được "
        "với văn bản gốc: " + "; ".join(parts) + "."
    )


def _village(result: ApplicantResult, has_village: bool) -> str:
    return village_label(result.village or "", has_village)
