"""What ``criteria show`` says about a set's period, successor, validity and recognition."""

from __future__ import annotations

from rich.text import Text

from hoctap_cli.criteria.model import Citation, Criteria

PROVISIONAL_MARK = Text("tạm tính", style="bold yellow")


def _cited(citation: Citation | None) -> str:
    if citation is None:
        return ""
    return f" (căn cứ: {citation.render()}" + (
        f"; nguồn: {citation.source})" if citation.source else ")"
    )


def succession_text(criteria: Criteria) -> Text:
    """Period, what replaced the set, where its dates come from, and the recognition window."""
    parts: list[str | Text | tuple[str, str]] = []
    if criteria.period:
        parts.append(f"\nGiai đoạn: {criteria.period}")
    successor = criteria.superseded_by
    if successor is not None:
        year = successor.year or (successor.date.year if successor.date else None)
        content = "đã có nội dung" if successor.content_available else "công cụ chưa có nội dung"
        parts.append(
            (
                f"\nĐã được thay bằng: {successor.document}"
                + (f" năm {year}" if year else "")
                + (f", giai đoạn {successor.period}" if successor.period else "")
                + f" ({content}){_cited(successor.citation)}",
                "bold red",
            )
        )
    validity = criteria.validity
    if validity is not None:
        parts.append(f"\nNguồn ngày hiệu lực:{_cited(validity.citation) or ' không có'}")
        if validity.note:
            parts.append(f"\n{validity.note}")
        if validity.provisional:
            parts += ["\n", PROVISIONAL_MARK, f": {validity.provisional_note or ''}"]
    parts.append(_recognition(criteria))
    return Text.assemble(*parts)


def _recognition(criteria: Criteria) -> Text:
    recognition = criteria.recognition
    years = recognition.valid_years
    if recognition.after_year:
        window = (
            f"giữ {years} năm tiếp theo năm được công nhận (năm Y còn tính đến hết năm Y+{years})"
        )
    elif years == 1:
        window = "xét lại hằng năm (chỉ tính cho chính năm được công nhận)"
    else:
        window = f"{years} năm kể cả năm được công nhận"
    text = Text(f"\nThời hạn công nhận: {window}{_cited(recognition.citation)}")
    if recognition.year_meaning:
        text.append(f"\nCột năm công nhận ghi: {recognition.year_meaning}")
    if recognition.provisional:
        text.append_text(Text.assemble("\n", PROVISIONAL_MARK, f": {recognition.provisional_note}"))
    return text
