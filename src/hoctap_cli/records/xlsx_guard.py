"""Checks on a file given as .xlsx, before the reader opens it.

What the first bytes say: an .xlsx is a zip; an old .xls or a password-protected workbook
is an OLE2 container; web pages and CSV text are sometimes saved under an .xlsx name. A zip
is then checked from its directory (how many parts, how large once unpacked, how much
more than packed) before anything is unpacked, and unpacked once as a stream, counting
the bytes really produced and checking each worksheet's extent (see ``xlsx_scan``): the
extent it states, confirmed by a search in C, or where that fails, every cell counted.
"""

from __future__ import annotations

import codecs
import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any, Literal
from xml.etree import ElementTree

from hoctap_cli.atomic import os_reason
from hoctap_cli.errors import HoctapError
from hoctap_cli.problems import Problem, ProblemCode, problem_location
from hoctap_cli.records import limits
from hoctap_cli.records.xlsx_scan import (
    DimensionCheck,
    OtherPart,
    SheetFacts,
    SheetScanner,
    SheetTooLarge,
    Unconfirmed,
    stated_extent,
    within_limits,
)

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
CHUNK = 4 << 20
_HEAD = 8192
_MAX_XML_PART = 50_000_000  # workbook.xml and relationship parts
_HTML = "một trang web (HTML), thường do phần mềm khác xuất ra"


_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    ElementTree.ParseError,
)


class Refused(HoctapError):
    """A file refused before reading; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message, code=problem.code, location=problem_location(problem))
        self.problem = problem


def sniff(path: Path) -> Literal["zip", "text"]:
    """'zip' for a workbook, 'text' for CSV text under an .xlsx name; ``Refused`` otherwise."""
    if path.name.startswith("~$"):
        raise Refused(unreadable(path, "lock_file", name=path.name[2:]))
    try:
        size = path.stat().st_size
        too_big = limits.file_size_problem(path, size, limits.MAX_FILE_BYTES)
        if too_big:
            raise Refused(too_big)
        with path.open("rb") as stream:
            head = stream.read(_HEAD)
            if head.startswith(OLE2):  # .xls, or an .xlsx encrypted with a password
                locked = _contains(stream, head, ENCRYPTED_PACKAGE)
                code = ProblemCode.password_protected if locked else ProblemCode.old_excel_format
                raise Refused(Problem(code, str(path)))
    except OSError as exc:
        raise Refused(unreadable(path, "os", os_reason=os_reason(exc))) from None
    if size == 0:
        raise Refused(unreadable(path, "empty"))
    if head.startswith(ZIP):
        return "zip"
    markup = _markup(head)
    if markup:
        params = {"suffix": path.suffix, "kind": markup}
        raise Refused(Problem(ProblemCode.not_a_spreadsheet, str(path), params=params))
    if _looks_like_text(head):
        return "text"
    raise Refused(unreadable(path, "not_xlsx"))


def _markup(head: bytes) -> str | None:
    """What a web page or an XML spreadsheet saved under a workbook's name really is."""
    text = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").lower()
    if text.startswith(b"mime-version:"):
        return "một trang web lưu trữ (.mht)"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        return "bảng tính XML của Excel 2003"
    if text.startswith(b"<") and any(
        tag in text for tag in (b"<html", b"<table", b"<!doctype html")
    ):
        return _HTML
    return None


def unreadable(path: Path, reason_kind: str, **params: Any) -> Problem:
    """A file that cannot be read: why (a key of ``problems.REASONS``) and the details."""
    return Problem(
        ProblemCode.file_unreadable, str(path), params={"reason_kind": reason_kind, **params}
    )


def _contains(stream: IO[bytes], head: bytes, needle: bytes) -> bool:
    """Whether ``needle`` appears in the rest of the file (read in chunks)."""
    tail = head
    while True:
        if needle in tail:
            return True
        chunk = stream.read(CHUNK)
        if not chunk:
            return False
        tail = tail[-len(needle) :] + chunk


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13))
    return controls == 0 and any(mark in head for mark in (b",", b";", b"\t", b"\n"))


def inspect_zip(path: Path) -> dict[str, SheetFacts]:
    """Facts about every worksheet, by sheet name; ``Refused`` for a bomb or a broken zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_directory(path, infos)
            _check_kind(path, archive)
            parts = _worksheet_parts(archive)
            sheets: dict[str, SheetFacts] = {}
            unpacked = 0
            for info in infos:
                # Every XML part is scanned: a sheet the workbook does not list is read too.
                name, hidden = parts.get(info.filename, (info.filename, False))
                listed = info.filename in parts  # the reader loads it whatever its name
                if not listed and not info.filename.lower().endswith(".xml"):
                    unpacked = _unpack(path, archive, info, unpacked)
                    continue
                try:
                    facts, unpacked = _scan(path, archive, info, name, unpacked, listed)
                except Unconfirmed:  # not what it said: every cell is counted instead
                    facts, unpacked = _scan(path, archive, info, name, unpacked, None)
                facts.hidden_sheet = hidden
                sheets[name] = facts
            return sheets
    except SheetTooLarge as exc:
        raise Refused(limits.too_large(path, **exc.params)) from None
    except RuntimeError:  # a zip-level password
        raise Refused(Problem(ProblemCode.password_protected, str(path))) from None
    except _BROKEN:
        raise Refused(unreadable(path, "xlsx_broken")) from None


def _scan(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    name: str,
    before: int,
    listed: bool | None,
) -> tuple[SheetFacts, int]:
    """One XML part streamed through a scanner: its facts and the running unpacked total.

    ``listed`` (a worksheet of the workbook, or not): take the first way that applies,
    each raising ``Unconfirmed`` when the part proves it wrong. A sheet within the limits
    by its stated dimension is only confirmed (``DimensionCheck``); a part that is no sheet
    is only watched for sheet data (``OtherPart``). ``None``: count every cell.
    """
    with archive.open(info) as stream:
        head = stream.read(CHUNK)
        stated = stated_extent(head) if listed is not None else None
        scanner: SheetScanner
        if stated is not None and within_limits(*stated):
            scanner = DimensionCheck(name, rows=stated[0], columns=stated[1])
        elif listed is False:
            scanner = OtherPart(name)
        else:
            scanner = SheetScanner(name)
        size = len(head)
        elements = 0  # cells, rows and every other element, by their '<' (a count in C)
        chunk = head
        while chunk:
            if before + size > limits.MAX_UNCOMPRESSED_BYTES:
                raise Refused(unpacked_over(path))
            scanner.feed(chunk)
            elements += chunk.count(b"<")
            chunk = stream.read(CHUNK)
            size += len(chunk)
    facts = scanner.finish()
    if not isinstance(scanner, OtherPart):
        _check_cell_bytes(name, size, elements)
    return facts, before + size


def _check_cell_bytes(name: str, size: int, elements: int) -> None:
    """A sheet's XML holds at most ``MAX_BYTES_PER_CELL`` per element written (cell, row,
    formatting), after a free allowance: megabytes of padding or of one cell's text around
    a few cells are a bomb, not a list. Cells written only for their format count too: a
    sheet formatted down to row 1,000,000 around forty applicants is a real one."""
    if size <= limits.SHEET_ALLOWANCE_BYTES + elements * limits.MAX_BYTES_PER_CELL:
        return
    raise SheetTooLarge(
        "sheet_padding",
        sheet=name,
        size=limits.megabytes(size),
        elements=limits.number(elements),
        limit=limits.number(limits.MAX_BYTES_PER_CELL),
    )


def unpacked_over(path: Path) -> Problem:
    """A zip (.xlsx, .ods) whose parts unpack past the limit: refused, said the same way."""
    limit = limits.megabytes(limits.MAX_UNCOMPRESSED_BYTES)
    return limits.too_large(path, "zip_unpacked", limit=limit)


_OTHER_ZIPS = (
    ("mimetype", "một bảng tính OpenDocument (.ods) hoặc tài liệu LibreOffice"),
    ("word/document.xml", "một văn bản Word (.docx)"),
    ("ppt/presentation.xml", "một bài trình chiếu PowerPoint (.pptx)"),
)


def _check_kind(path: Path, archive: zipfile.ZipFile) -> None:
    """A zip without a workbook in it: say what it is rather than call it broken."""
    names = set(archive.namelist())
    main = _target(_relations(archive, "_rels/.rels"), "officeDocument") or "xl/workbook.xml"
    if main in names and "workbook" in posixpath.basename(main).lower():
        return
    kind = next((k for name, k in _OTHER_ZIPS if name in names), "một tệp nén .zip")
    params = {"suffix": path.suffix, "kind": kind}
    raise Refused(Problem(ProblemCode.not_a_spreadsheet, str(path), params=params))


# Excel writes stored or deflated parts; these are all that zipfile can open.
_READABLE_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)


def _check_directory(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > limits.MAX_PARTS:
        count, limit = limits.number(len(infos)), limits.number(limits.MAX_PARTS)
        raise Refused(limits.too_large(path, "zip_parts", count=count, limit=limit))
    declared = sum(info.file_size for info in infos)
    if declared > limits.MAX_UNCOMPRESSED_BYTES:
        size, limit = limits.megabytes(declared), limits.megabytes(limits.MAX_UNCOMPRESSED_BYTES)
        raise Refused(limits.too_large(path, "zip_declared", size=size, limit=limit))
    for info in infos:
        if info.flag_bits & 0x1:
            raise Refused(Problem(ProblemCode.password_protected, str(path)))
        if info.compress_type not in _READABLE_METHODS:
            method = info.compress_type
            raise Refused(unreadable(path, "compression", part=info.filename, method=method))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.RATIO_FLOOR and ratio > limits.MAX_RATIO:
            problem = limits.too_large(
                path,
                "zip_ratio",
                part=info.filename,
                packed=limits.megabytes(info.compress_size),
                size=limits.megabytes(info.file_size),
                ratio=limits.number(int(ratio)),
                max_ratio=limits.MAX_RATIO,
            )
            raise Refused(problem)


check_directory = _check_directory  # shared with the .ods checks (``ods_scan``)


def _unpack(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, unpacked: int) -> int:
    """Stream one part that is no XML (images, binaries), counting what it really unpacks
    to; return the running total."""
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            unpacked += len(chunk)
            if unpacked > limits.MAX_UNCOMPRESSED_BYTES:
                raise Refused(unpacked_over(path))
    return unpacked


def _worksheet_parts(archive: zipfile.ZipFile) -> dict[str, tuple[str, bool]]:
    """Part name → (sheet name, hidden) for each worksheet, as the workbook lists them."""
    workbook = _target(_relations(archive, "_rels/.rels"), "officeDocument") or "xl/workbook.xml"
    base = posixpath.dirname(workbook)
    rels_name = posixpath.join(base, "_rels", posixpath.basename(workbook) + ".rels")
    relations = _relations(archive, rels_name)
    parts: dict[str, tuple[str, bool]] = {}
    for element in _xml(archive, workbook).iter():
        if _local(element.tag) != "sheet":
            continue
        attributes = {_local(key): value for key, value in element.attrib.items()}
        kind, target = relations.get(attributes.get("id", ""), ("", ""))
        if kind != "worksheet":
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        hidden = attributes.get("state", "visible") != "visible"
        parts[posixpath.normpath(part)] = (attributes.get("name", ""), hidden)
    return parts


def _relations(archive: zipfile.ZipFile, name: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type's last word, target)."""
    if name not in archive.namelist():
        return {}
    found = {}
    for element in _xml(archive, name).iter():
        if _local(element.tag) == "Relationship":
            kind = element.get("Type", "").rsplit("/", 1)[-1]
            found[element.get("Id", "")] = (kind, element.get("Target", ""))
    return found


def _target(relations: dict[str, tuple[str, str]], kind: str) -> str | None:
    for found_kind, target in relations.values():
        if found_kind == kind:
            return target.lstrip("/")
    return None


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    if archive.getinfo(name).file_size > _MAX_XML_PART:
        raise ValueError(name)
    return ElementTree.fromstring(archive.read(name))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
