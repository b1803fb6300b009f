"""Vietnamese wording of verdicts, outcomes and reasons: the one place it is written."""

from __future__ import annotations

from collections.abc import Mapping

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.criteria.names import Names, joined
from hoctap_cli.engine.results import ApplicantResult, Outcome, Reason, ReasonCode, VerdictKind
from hoctap_cli.exact import number
from hoctap_cli.outputs.words.rollup_wording import describe, percent, thresholds

__all__ = ["Wording", "percent"]

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


class Wording:
    """Reasons and verdicts of one criteria file, in Vietnamese, naming things as people do."""

    def __init__(self, criteria: Criteria, title_names: Mapping[str, str] | None = None) -> None:
        self.criteria = criteria
        self.names = Names(criteria, title_names)
        self.title_names = self.names.title_names
        self.rollup_labels = {r.id: r.label for r in criteria.rollups}
        self.thresholds = thresholds(criteria)
        self.levels = {level.id: level.label for level in criteria.verdict.levels}

    def verdict(self, result: ApplicantResult) -> str:
        if result.verdict is VerdictKind.passed and len(self.levels) > 1 and result.level:
            return self.levels[result.level]
        return VERDICT_LABELS[result.verdict]

    def reason(self, reason: Reason, result: ApplicantResult) -> str:
        level = self.levels.get(reason.level, reason.level)
        names = self.names
        if reason.code is ReasonCode.total_below:
            gap = (reason.required or 0) - (reason.actual or 0)
            return (
                f"còn thiếu {number(gap)} điểm để {_reach(level)} (cần {number(reason.required)})"
            )
        if reason.code in (ReasonCode.group_below, ReasonCode.item_below):
            subject = names.group(reason.subject or "")
            if reason.code is ReasonCode.item_below:
                subject = names.item(reason.subject or "")
            return (
                f"{subject} chỉ được {number(reason.actual)} điểm, cần từ {number(reason.required)}"
            )
        if reason.code is ReasonCode.item_required:
            return f"chưa đạt {names.item(reason.subject or '')} (bắt buộc để {_reach(level)})"
        if reason.code is ReasonCode.missing_data:
            return "; ".join(self.missing_fields(reason.items, result))
        return f"có thể đạt {level} nếu đạt thêm {names.items(reason.items)}"

    def missing_fields(self, item_ids: tuple[str, ...], result: ApplicantResult) -> list[str]:
        """Not-assessable items grouped by the columns they need: blank ones are missing
        ("thiếu"), filled ones whose value was refused are errors to fix ("có lỗi")."""
        by_item = {r.item_id: r for r in result.items}
        refused = result.source.unreadable
        council = self._refused_council_scores(item_ids, refused)
        needs: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
        for item_id in item_ids:
            if item_id in council:
                continue
            fields = by_item[item_id].fields if item_id in by_item else ()
            absent = [f for f in fields if f not in result.values]
            blanks = tuple(self.names.field(f) for f in absent if f not in refused)
            wrong = tuple(self.names.field(f) for f in absent if f in refused)
            needs.setdefault((blanks, wrong), []).append(item_id)
        lines = [
            f"chưa chấm được {self.names.group(group_id)} vì ô «{label}» có lỗi (xem lỗi dữ liệu)"
            for group_id, label in dict(council.values()).items()
        ]
        for (blanks, wrong), items in needs.items():
            why = []
            if wrong:
                why.append(f"ô «{'», «'.join(wrong)}» có lỗi (xem lỗi dữ liệu)")
            if blanks:
                why.append(f"thiếu «{'», «'.join(blanks)}»")
            reason = " và ".join(why) if why else "thiếu dữ liệu"
            lines.append(f"chưa chấm được {self.names.items(items)} vì {reason}")
        return lines

    def _refused_council_scores(
        self, item_ids: tuple[str, ...], refused: frozenset[str]
    ) -> dict[str, tuple[str, str]]:
        """Items of a group whose one council score was typed but refused: item → (group,
        the score column's label). A score-only list has no item columns to ask for."""
        found = {}
        for group in self.criteria.groups:
            if group.score_field is None or group.score_field not in refused:
                continue
            label = self.names.field(group.score_field)
            for item in group.items:
                if item.id in item_ids:
                    found[item.id] = (group.id, label)
        return found

    def gains(self, result: ApplicantResult) -> str:
        """Where the missing points could come from: 'có thể thêm tối đa 8 điểm ở Tiêu chí 4'."""
        near = result.near_miss
        if near is None or result.verdict is VerdictKind.passed or not near.items:
            return ""
        by_item = {r.item_id: r for r in result.items}
        said = {r.subject for r in result.reasons if r.code is ReasonCode.item_required}
        if said.issuperset(near.items):
            return ""  # the reasons already name every item still to reach
        parts = []
        for item_id in near.items:
            item = by_item.get(item_id)
            room = (item.max_points or 0) - (item.points or 0) if item else 0
            name = self.names.item(item_id)
            parts.append(f"{number(room)} điểm ở {name}" if room else name)
        if all(" điểm ở " in part for part in parts):
            return "có thể thêm tối đa " + joined(parts)
        return "cần cải thiện " + joined(parts)

    def explain(self, result: ApplicantResult) -> str:
        """One line saying why an applicant did not pass (empty when it passed plainly)."""
        parts = [
            describe(f, self.rollup_labels[f.field], self.thresholds.get(f.field), self.title_names)
            for f in result.rollups
            if f.measure != "members"
        ]
        parts += [self.reason(reason, result) for reason in result.reasons]
        gains = self.gains(result)
        if gains:
            parts.append(gains)
        return "; ".join(parts)


def _reach(level: str) -> str:
    """'để Đạt', 'để đạt Mức độ 1'."""
    return level if level in VERDICT_LABELS.values() else f"đạt {level}"
