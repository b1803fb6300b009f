"""Files that are not the workbooks their names say: bombs, lying zips, OLE2, other zips."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .containers import lying_sizes, ole2, zip_bomb
from .corpus import Case, with_criteria

WORD_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def other_zip(directory: Path, name: str, members: dict[str, str]) -> list[str | Path]:
    with zipfile.ZipFile(directory / name, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return with_criteria(directory / name)


CASES = [
    Case(
        "bom-nen",
        lambda d: with_criteria(zip_bomb(d / "bom-nen.xlsx")),
        2,
        refusal="giải nén ra 200 MB, gấp",
    ),
    Case(
        "khai-kich-thuoc-lon",
        lambda d: with_criteria(lying_sizes(d / "khai-lon.xlsx", 3_000_000_000)),
        2,
        refusal="giải nén ra 3.000 MB, giới hạn là 2.050 MB (có thể là 'bom nén')",
    ),
    Case(
        "khai-kich-thuoc-nho",
        lambda d: with_criteria(lying_sizes(d / "khai-nho.xlsx", 10)),
        2,
        refusal="tệp .xlsx bị hỏng hoặc chưa chép hết",
    ),
    Case(
        "excel-cu-doi-duoi",
        lambda d: with_criteria(ole2(d / "cu.xlsx", ["Workbook"])),
        2,
        refusal="Không tìm thấy dòng tiêu đề",  # read as .xls: an empty container, no sheet
    ),
    Case(
        "excel-cu",
        lambda d: with_criteria(ole2(d / "danh-sach.xls", ["Workbook"])),
        2,
        refusal="Không tìm thấy dòng tiêu đề",
    ),
    Case(
        "mat-khau",
        lambda d: with_criteria(ole2(d / "mat-khau.xlsx", ["EncryptionInfo", "EncryptedPackage"])),
        2,
        refusal="Tệp được đặt mật khẩu nên không đọc được",
    ),
    Case(
        "bang-tinh-ods",
        lambda d: other_zip(d, "ods.xlsx", {"mimetype": "application/vnd.oasis", "a.xml": ""}),
        2,
        refusal="thực ra là một bảng tính OpenDocument (.ods)",
    ),
    Case(
        "van-ban-word",
        lambda d: other_zip(d, "word.xlsx", {"_rels/.rels": WORD_RELS, "word/document.xml": ""}),
        2,
        refusal="thực ra là một văn bản Word (.docx)",
    ),
]
