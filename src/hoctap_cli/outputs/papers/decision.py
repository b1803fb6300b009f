"""The draft recognition decision (Quyết định công nhận danh hiệu … năm …) as a Word file.

Laid out as Nghị định 30/2020/NĐ-CP asks of an administrative document: A4, margins
20/20/30/15 mm, Times New Roman; issuing body and number top left, national motto and
place-and-date top right; the kind of document and its subject; the authority, the
"Căn cứ …" lines (the settings' legal bases, then each criteria document), the articles;
"Nơi nhận" beside the signature; page numbers at the top from page 2. The lists follow as
appendices, each tied to the decision by its "(Kèm theo Quyết định số …)" line.

Only titles the commune recognises itself are decided here. Numbers and dates of the
decision are left as dots for the office to fill in when it is signed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from hoctap_cli.outputs.papers.docx_blocks import BODY, appendix, layout_table, para
from hoctap_cli.outputs.papers.export_data import ExportData, TitleList
from hoctap_cli.outputs.papers.export_xlsx import roman
from hoctap_cli.outputs.papers.letterhead import BLANK, Letterhead
from hoctap_cli.outputs.papers.xlsx_layout import MOTTO, SLOGAN

FONT = "Times New Roman"
DEFAULT_EXECUTORS = (
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã, Hội Khuyến học xã, các thôn, "
    "tổ dân phố và các {applicants} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
)


def decided_lists(data: ExportData) -> list[TitleList]:
    """The titles the commune recognises itself and that have someone to recognise."""
    return [t for t in data.lists if t.recognised_by == "commune" and t.listed]


def to_docx(data: ExportData, can_cu: Sequence[str], proposer: str | None,
            executors: str | None, recipients: Sequence[str]) -> bytes:  # fmt: skip
    """The decision for ``decided_lists(data)`` (at least one), with its appendices."""
    lists = decided_lists(data)
    document = Document()
    _page(document)
    head = data.letterhead
    _masthead(document, head)
    subject = _subject(lists, data.year)
    para(document, "QUYẾT ĐỊNH", bold=True, space_before=12)
    para(document, subject, bold=True)
    para(document, "_______", space_after=6)
    para(document, head.body, bold=True, space_before=6, space_after=6)
    for line in _bases(lists, can_cu, proposer):
        para(document, line, italic=True, align="justify", indent=True)
    para(document, "QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=6)
    for line in _articles(lists, data.year, executors):
        para(document, line, align="justify", indent=True, lead=line.split(".")[0] + ".")
    _signature(document, head, recipients)
    for number, title_list in enumerate(lists, start=1):
        label = "Phụ lục" if len(lists) == 1 else f"Phụ lục {roman(number)}"
        appendix(document, title_list, data, label)
    buffer = io.BytesIO()
    document.core_properties.title = subject
    document.save(buffer)
    return buffer.getvalue()


def _subject(lists: list[TitleList], year: int) -> str:
    if len(lists) == 1:
        return f"Về việc công nhận danh hiệu “{lists[0].title}” năm {year}"
    return f"Về việc công nhận các danh hiệu học tập năm {year}"


def _bases(lists: list[TitleList], can_cu: Sequence[str], proposer: str | None) -> list[str]:
    """The settings' legal bases, each criteria document once, and whose proposal it was."""
    lines = [line.rstrip(";. ") + ";" for line in can_cu]
    seen: list[str] = []
    for title_list in lists:
        if title_list.legal_basis not in seen:
            seen.append(title_list.legal_basis)
    lines += [line + ";" for line in seen]
    lines.append(f"Xét đề nghị của {proposer or BLANK}.")
    return lines


def _articles(lists: list[TitleList], year: int, executors: str | None) -> list[str]:
    if len(lists) == 1:
        only = lists[0]
        first = (
            f"Điều 1. Công nhận danh hiệu “{only.title}” năm {year} cho {only.listed} "
            f"{only.applicants} (có danh sách kèm theo)."
        )
    else:
        parts = "; ".join(
            f"danh hiệu “{t.title}” cho {t.listed} {t.applicants} (Phụ lục {roman(n + 1)})"
            for n, t in enumerate(lists)
        )
        first = f"Điều 1. Công nhận các danh hiệu học tập năm {year}: {parts}."
    who = executors or DEFAULT_EXECUTORS.format(
        applicants=", ".join(dict.fromkeys(t.applicants for t in lists))
    )
    return [first, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", f"Điều 3. {who}"]


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number._p.append(field)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(BODY)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.1


def _masthead(document: Any, head: Letterhead) -> None:
    """Body and number (left), motto and place-and-date (right), in a borderless table."""
    table = layout_table(document, (Cm(6.4), Cm(10.1)))
    left, right = table.rows[0].cells
    if head.parent:
        para(left, head.parent.upper(), size=12, first=True)
    para(left, head.body, bold=True, size=12, first=not head.parent)
    para(left, "_______", size=10)
    para(left, f"Số: {BLANK}/QĐ-UBND", size=13, space_before=4)
    para(right, MOTTO, bold=True, size=12, first=True)
    para(right, SLOGAN, bold=True)
    para(right, "_______________________", size=10)
    para(right, head.place_date, italic=True, space_before=4)


def _signature(document: Any, head: Letterhead, recipients: Sequence[str]) -> None:
    """'Nơi nhận' on the left, the signer on the right (seal and signature between)."""
    table = layout_table(document, (Cm(8.0), Cm(8.5)))
    left, right = table.rows[0].cells
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True, align="left")
    for line in ["Như Điều 3", *(line.rstrip(";. ") for line in recipients)]:
        para(left, f"- {line};", size=11, align="left")
    para(left, "- Lưu: VT.", size=11, align="left")
    para(right, head.on_behalf, bold=True, first=True)
    para(right, head.position, bold=True)
    para(right, "(Ký tên, đóng dấu)", italic=True, size=13)
    for _ in range(3):
        para(right, "")
    para(right, head.signer or "", bold=True)
    table.rows[0].cells[0].paragraphs[0].paragraph_format.space_before = Pt(12)
