"""Vietnamese wording of verdicts, outcomes and reasons: the one place it is written."""

from __future__ import annotations

from collections.abc import Mapping

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.engine.results import ApplicantResult, Outcome, Reason, ReasonCode, VerdictKind
from hoctap_cli.exact import Shown, shown
from hoctap_cli.report.rollup_wording import describe, percent, thresholds

__all__ = ["Wording", "number", "percent"]

VERDICT_LABELS = {
    VerdictKind.passed: "Đạt",
    VerdictKind.failed: "Không đạt",
    VerdictKind.incomplete: "Chưa đủ dữ liệu",
}
OUTCOME_LABELS = {
    Outcome.met: "Đạt",
    Outcome.not_met: "Không đạt",
    Outcome.partial: "Đạt một phần",
    Outcome.not_assessable: "Chưa đánh giá được",
}
PROVISIONAL_WARNING = (
    "Kết quả dùng giá trị tạm tính, chưa đối chiếu được với văn bản gốc; "
    "hãy dùng bộ tiêu chí của tỉnh/xã (--criteria) nếu có:"
)


def number(value: Shown | None) -> str:
    """Points as people write them: 10, 7,5 (rounded as ``hoctap_cli.exact.shown`` says)."""
    if value is None:
        return "–"
    text = f"{shown(value):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


class Wording:
    """Reasons and verdicts of one criteria file, in Vietnamese."""

    def __init__(self, criteria: Criteria, title_names: Mapping[str, str] | None = None) -> None:
        self.criteria = criteria
        self.title_names = dict(title_names or {})
        self.rollup_labels = {r.id: r.label for r in criteria.rollups}
        self.thresholds = thresholds(criteria)
        self.levels = {level.id: level.label for level in criteria.verdict.levels}
        self.groups = {group.id: group.label for group in criteria.groups}
        self.item_fields = {item.id: item for _, item in criteria.items()}
        self.labels = {f.id: f.label for f in criteria.rule_fields().values()}

    def verdict(self, result: ApplicantResult) -> str:
        if result.verdict is VerdictKind.passed and len(self.levels) > 1 and result.level:
            return self.levels[result.level]
        return VERDICT_LABELS[result.verdict]

    def reason(self, reason: Reason, result: ApplicantResult) -> str:
        level = self.levels.get(reason.level, reason.level)
        if reason.code is ReasonCode.total_below:
            gap = (reason.required or 0) - (reason.actual or 0)
            return (
                f"tổng {number(reason.actual)} điểm, thiếu {number(gap)} điểm so với mức "
                f"{level} ({number(reason.required)})"
            )
        if reason.code is ReasonCode.group_below:
            return (
                f"tiêu chí {reason.subject} chỉ được {number(reason.actual)} điểm, "
                f"cần từ {number(reason.required)}"
            )
        if reason.code is ReasonCode.item_below:
            return (
                f"chỉ số {reason.subject} chỉ được {number(reason.actual)} điểm, "
                f"cần từ {number(reason.required)}"
            )
        if reason.code is ReasonCode.item_required:
            return f"chưa đạt chỉ số {reason.subject} (bắt buộc cho {level})"
        if reason.code is ReasonCode.missing_data:
            return "thiếu dữ liệu: " + "; ".join(self.missing_fields(reason.items, result))
        return f"có thể đạt {level} khi bổ sung: " + ", ".join(reason.items)

    def missing_fields(self, item_ids: tuple[str, ...], result: ApplicantResult) -> list[str]:
        """For each not-assessable item, the blank columns it needs."""
        by_item = {r.item_id: r for r in result.items}
        lines = []
        for item_id in item_ids:
            blanks = [self.labels[f] for f in by_item[item_id].fields if f not in result.values]
            lines.append(f"{item_id} ({', '.join(blanks)})" if blanks else item_id)
        return lines

    def explain(self, result: ApplicantResult) -> str:
        """One line saying why an applicant did not pass (empty when it passed plainly)."""
        parts = [
            describe(f, self.rollup_labels[f.field], self.thresholds.get(f.field), self.title_names)
            for f in result.rollups
            if f.measure != "members"
        ]
        parts += [self.reason(reason, result) for reason in result.reasons]
        near = result.near_miss
        if near is not None and result.verdict is not VerdictKind.passed and near.items:
            by_item = {r.item_id: r for r in result.items}
            items = ", ".join(
                f"{i} (+{number((by_item[i].max_points or 0) - (by_item[i].points or 0))})"
                if by_item[i].max_points
                else i
                for i in near.items
            )
            parts.append(f"cần cải thiện: {items}")
        return "; ".join(parts)
