"""The lines that make a list an official paper: what it is attached to, what it rests on."""

from __future__ import annotations

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.outputs.papers.letterhead import BLANK, Letterhead


def document_name(number: str) -> str:
    """'Quyết định số 448/QĐ-KHVN', 'Thông tư số 25/2023/TT-BGDĐT', … from the number's sign."""
    kinds = (("/QĐ-", "Quyết định"), ("/TT-", "Thông tư"), ("/KH-", "Kế hoạch"))
    kind = next((name for sign, name in kinds if sign in number), None)
    if kind is None:
        return number if number[:1].isalpha() else f"văn bản số {number}"
    return f"{kind} số {number}"


def basis_line(criteria: Criteria) -> str:
    """'(Xét theo Quyết định số 448/QĐ-KHVN ngày 01/12/2015 của Hội Khuyến học Việt Nam)'."""
    document = criteria.document
    day = f" ngày {document.date:%d/%m/%Y}" if document.date else ""
    return f"(Xét theo {document_name(document.number)}{day} của {document.issuer})"


def legal_basis(criteria: Criteria) -> str:
    """'Căn cứ Quyết định số 448/QĐ-KHVN ngày 01 tháng 12 năm 2015 của … ban hành …'."""
    document = criteria.document
    day = document.date
    when = f" ngày {day.day:02d} tháng {day.month:02d} năm {day.year}" if day else ""
    about = f" ban hành {document.title}" if document.title else ""
    return f"Căn cứ {document_name(document.number)}{when} của {document.issuer}{about}"


def attached_line(head: Letterhead, decider: str) -> str:
    """The line that ties the list to its paper: the commune's decision or its submission."""
    day = f"ngày …… tháng …… năm {head.year}"
    if decider == "commune":
        return f"(Kèm theo Quyết định số {BLANK}/QĐ-UBND {day} của {head.sender})"
    target = f" gửi {head.higher}" if head.higher else ""
    return f"(Kèm theo Tờ trình số {BLANK}/TTr-UBND {day} của {head.sender}{target})"
