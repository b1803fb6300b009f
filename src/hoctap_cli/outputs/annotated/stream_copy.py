"""The annotated copy of an .xlsx/.xlsm workbook, written by streaming its package.

Every part of the zip is copied through unchanged except:

- the sheets the run read, rewritten as they stream (``sheet_stream``): result cells at
  each row's end, marks, shading, wider ``<dimension>`` and ``<cols>``;
- ``styles.xml``, whose lists of fonts, fills and cell formats grow (``styles_xml``);
- for each sheet with marked cells, a new comments part and legacy (VML) drawing, with the
  sheet's relationships;
- the two added sheets, "Lỗi" and "Tổng hợp", with ``workbook.xml``, its relationships and
  ``[Content_Types].xml``; an .xlsm loses its macros, as the copy is an .xlsx.

New text is written as inline strings, so ``sharedStrings.xml`` is copied as it is. The
workbook is never held whole: memory grows with the results, not with the sheets.

``plan_stream`` decides everything before anything is written and raises
``StreamUnsupported`` for a workbook the copy does not take on (a sheet that already has
comments where marks must go, a row without its position, a strict-OOXML package, …): the
caller then writes the copy through openpyxl, as before.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from hoctap_cli.outputs.annotated import added_sheets
from hoctap_cli.outputs.annotated.added_sheets import AddedSheet
from hoctap_cli.outputs.annotated.by_row import results_by_row
from hoctap_cli.outputs.annotated.new_parts import comments_xml, drawing_vml, write_added_sheet
from hoctap_cli.outputs.annotated.rows import (
    Mark,
    cell_marks,
    result_cells,
    result_headers,
    rows_not_evaluated,
)
from hoctap_cli.outputs.annotated.sheet_stream import (
    Merge,
    SheetPlan,
    SheetScan,
    SheetUnsupported,
    SheetWriter,
    merges_on_rows,
    scan,
)
from hoctap_cli.outputs.annotated.styles_xml import Styles, StylesUnsupported
from hoctap_cli.outputs.annotated.xml_text import attribute, column_index
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.workflow.run import Evaluation

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = {
    "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "comments": "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
    "vmlDrawing": "application/vnd.openxmlformats-officedocument.vmlDrawing",
}
MACRO_WORKBOOK = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_WORKBOOK = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CONTENT_TYPES = "[Content_Types].xml"
# A part is written with ZIP64 sizes when it may pass 2 GiB, the most a plain zip entry
# holds; a rewritten sheet grows by the result cells, so a sheet of half that size already.
ZIP64_FROM = 512 << 20
COPY_WHOLE = 8 << 20  # parts larger than this are copied as a stream, not read whole


class StreamUnsupported(Exception):
    """A workbook the streamed copy does not take on; the reason is for the log."""


@dataclass
class SheetCopy:
    part: str
    plan: SheetPlan
    scan: SheetScan
    comments: list[tuple[int, int, Mark]] = field(default_factory=list)
    comments_part: str = ""
    drawing_part: str = ""


@dataclass
class StreamPlan:
    """Everything the copy of one workbook writes, decided before writing."""

    source: Path
    workbook_part: str
    sheets: dict[str, SheetCopy]  # sheet part → what it gains
    styles_part: str
    added: list[tuple[AddedSheet, str]]  # the new sheets and their parts
    dropped: set[str]  # macro parts, left out of the .xlsx copy
    names: list[str]


def plan_stream(source: Path, evaluation: Evaluation, file: str) -> StreamPlan:
    """The copy of ``source`` (read as ``file`` by the run); see the module's docstring."""
    try:
        with zipfile.ZipFile(source) as package:
            return _plan(package, source, evaluation, file)
    except (
        SheetUnsupported,
        StylesUnsupported,
        ElementTree.ParseError,
        UnicodeDecodeError,
        KeyError,  # a part the package names is missing
    ) as exc:
        raise StreamUnsupported(str(exc) or type(exc).__name__) from exc


def _plan(package: zipfile.ZipFile, source: Path, evaluation: Evaluation, file: str) -> StreamPlan:
    names = package.namelist()
    present = set(names)
    if CONTENT_TYPES not in present:
        raise StreamUnsupported("no [Content_Types].xml")
    workbook_part = _office_document(package)
    relationships = _relationships(package, workbook_part)
    sheets = _sheets(package.read(workbook_part))
    styles_part = next((t for t, kind in relationships.values() if kind == "styles"), None)
    if styles_part is None or styles_part not in present:
        raise StreamUnsupported("no styles part")
    Styles(package.read(styles_part))  # refused now rather than while writing
    levels = {level.criteria.criteria.id: level for level in evaluation.titles}
    problems = [p for p in evaluation.problems if p.file == file]
    copies: dict[str, SheetCopy] = {}
    for item in evaluation.inputs:
        for layout in item.layouts if item.file == file else ():
            level = levels.get(layout.title)
            if level is None or layout.sheet not in sheets:
                continue
            target = relationships.get(sheets[layout.sheet])
            if target is None or target[1] != "worksheet" or target[0] not in present:
                raise StreamUnsupported(f"sheet part of {layout.sheet!r} not found")
            part = target[0]
            if part in copies:
                raise StreamUnsupported("two tables read on one sheet")
            with package.open(part) as stream:
                found = scan(stream)
            criteria = level.criteria.criteria
            headers = result_headers(criteria)
            first = 1 + max(
                [found.last_column]
                + [right for _, _, bottom, right in found.merges if bottom >= layout.header_row]
            )
            on_sheet = [p for p in problems if p.sheet == layout.sheet]
            marked = {p.row for p in on_sheet if p.row is not None}
            crossing = merges_on_rows(found.merges, marked)
            marks = cell_marks(on_sheet, first, partial(_anchor, crossing), column_index)
            if marks and (found.has_comments or _has_comments(package, part)):
                raise StreamUnsupported(f"sheet {layout.sheet!r} already has comments")
            wording = Wording(criteria, evaluation.title_names)
            results = results_by_row(level.results, layout.file, layout.sheet)
            plan = SheetPlan(
                layout.header_row,
                headers,
                first,
                results,
                partial(result_cells, criteria=criteria, wording=wording),
                rows_not_evaluated(on_sheet),
                marks,
                found.merges,
            )
            copies[part] = SheetCopy(part, plan, found)
    taken = list(sheets)
    errors = added_sheets.problem_sheet(taken, problems)
    summary = added_sheets.summary_sheet([*taken, errors.title], evaluation, file)
    new_parts = _NewParts(present, posixpath.dirname(workbook_part))
    for number, copy in enumerate(copies.values(), 1):
        if copy.plan.marks:
            copy.comments = sorted((r, c, m) for (r, c), m in copy.plan.marks.items())
            copy.comments_part = new_parts.take("comments/hoctap-comments{}.xml")
            copy.drawing_part = new_parts.take("drawings/hoctap-comments{}.vml")
            copy.plan.legacy_drawing = f"hoctapDrawing{number}"
    added = [
        (sheet, new_parts.take("worksheets/hoctap-sheet{}.xml")) for sheet in (errors, summary)
    ]
    dropped = {t for t, kind in relationships.values() if kind == "vbaProject"}
    dropped |= {name for name in names if posixpath.basename(name).startswith("vbaProject")}
    return StreamPlan(source, workbook_part, copies, styles_part, added, dropped, names)


def write_stream(plan: StreamPlan, out: IO[bytes]) -> None:
    """Write the copy ``plan`` describes to ``out``."""
    try:
        _write(plan, out)
    except (SheetUnsupported, StylesUnsupported) as exc:
        raise StreamUnsupported(str(exc)) from exc


def _write(plan: StreamPlan, out: IO[bytes]) -> None:
    with (
        zipfile.ZipFile(plan.source) as package,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as copy,
    ):
        styles = Styles(package.read(plan.styles_part))
        workbook_rels = _rels_part(plan.workbook_part)
        commented = {_rels_part(part): c for part, c in plan.sheets.items() if c.comments}
        later = {CONTENT_TYPES, plan.workbook_part, workbook_rels, plan.styles_part, *commented}
        for info in package.infolist():
            name = info.filename
            if name in later or name in plan.dropped:
                continue
            target = zipfile.ZipInfo(name, info.date_time)
            target.compress_type = zipfile.ZIP_DEFLATED
            target.external_attr = info.external_attr
            if name in plan.sheets:
                sheet = plan.sheets[name]
                big = info.file_size > ZIP64_FROM
                with package.open(info) as source, copy.open(target, "w", force_zip64=big) as sink:
                    SheetWriter(sheet.plan, sheet.scan, styles).write(source, sink)
            elif info.file_size > COPY_WHOLE:
                big = info.file_size > ZIP64_FROM
                with package.open(info) as source, copy.open(target, "w", force_zip64=big) as sink:
                    shutil.copyfileobj(source, sink, 1 << 20)
            else:
                copy.writestr(target, package.read(info))
        for sheet in plan.sheets.values():
            if sheet.comments:
                copy.writestr(sheet.comments_part, comments_xml(sheet.comments))
                copy.writestr(sheet.drawing_part, drawing_vml(sheet.comments))
        for rels, sheet in commented.items():
            copy.writestr(rels, _sheet_rels(package, rels, sheet))
        for added, part in plan.added:
            with copy.open(part, "w") as sink:
                write_added_sheet(added, styles, sink)
        copy.writestr(plan.styles_part, styles.render())
        ids = [f"hoctapSheet{n}" for n in range(1, len(plan.added) + 1)]
        copy.writestr(plan.workbook_part, _workbook(package.read(plan.workbook_part), plan, ids))
        copy.writestr(workbook_rels, _workbook_rels(package.read(workbook_rels), plan, ids))
        copy.writestr(CONTENT_TYPES, _content_types(package.read(CONTENT_TYPES), plan))


# Reading the package ---------------------------------------------------------------------


def _office_document(package: zipfile.ZipFile) -> str:
    root = ElementTree.fromstring(package.read("_rels/.rels"))
    for relationship in root:
        if relationship.get("Type", "").endswith("/officeDocument"):
            return _resolve("", relationship.get("Target", ""))
    raise StreamUnsupported("no officeDocument relationship")


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (target part, kind: the last word of its type)."""
    rels = _rels_part(part)
    if rels not in set(package.namelist()):
        return {}
    found: dict[str, tuple[str, str]] = {}
    for relationship in ElementTree.fromstring(package.read(rels)):
        if relationship.get("TargetMode") == "External":
            continue
        kind = relationship.get("Type", "").rsplit("/", 1)[-1]
        found[relationship.get("Id", "")] = (
            _resolve(posixpath.dirname(part), relationship.get("Target", "")),
            kind,
        )
    return found


def _sheets(workbook: bytes) -> dict[str, str]:
    """Sheet name → relationship id, in the workbook's order."""
    root = ElementTree.fromstring(workbook)
    if root.tag != f"{{{MAIN}}}workbook":
        raise StreamUnsupported(f"workbook element {root.tag}")
    return {
        sheet.get("name", ""): sheet.get(f"{{{OFFICE_RELATIONSHIPS}}}id", "")
        for sheet in root.iter(f"{{{MAIN}}}sheet")
    }


def _has_comments(package: zipfile.ZipFile, part: str) -> bool:
    return any(kind == "comments" for _, kind in _relationships(package, part).values())


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _rels_part(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _anchor(crossing: dict[int, list[Merge]], row: int, column: int) -> tuple[int, int]:
    for top, left, bottom, right in crossing.get(row, ()):
        if top <= row <= bottom and left <= column <= right:
            return top, left
    return row, column


class _NewParts:
    """Names for new parts, next to the workbook part, that the package does not use."""

    def __init__(self, present: set[str], folder: str) -> None:
        self.taken = {name.casefold() for name in present}
        self.folder = folder

    def take(self, pattern: str) -> str:
        number = 1
        while (
            name := posixpath.join(self.folder, pattern.format(number))
        ).casefold() in self.taken:
            number += 1
        self.taken.add(name.casefold())
        return name


# Writing the small parts -----------------------------------------------------------------


def _relationship(rid: str, kind: str, source: str, target: str) -> str:
    where = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return (
        f'<Relationship Id="{rid}" Type="{OFFICE_RELATIONSHIPS}/{kind}" '
        f'Target="{attribute(where)}"/>'
    )


def _sheet_rels(package: zipfile.ZipFile, rels: str, sheet: SheetCopy) -> bytes:
    added = _relationship(
        sheet.plan.legacy_drawing or "", "vmlDrawing", sheet.part, sheet.drawing_part
    ) + _relationship("hoctapComments", "comments", sheet.part, sheet.comments_part)
    if rels in set(package.namelist()):
        return _before_close(package.read(rels), b"Relationships", added.encode("utf-8"))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{added}</Relationships>'
    ).encode()


def _workbook(data: bytes, plan: StreamPlan, ids: list[str]) -> bytes:
    prefix = re.search(rb"<(?:(\w+):)?workbook\b[^>]*>", data)
    root = prefix.group(0) if prefix else b""  # a prefix declared on the root is in scope
    declared = re.search(rb'xmlns:(\w+)="' + OFFICE_RELATIONSHIPS.encode() + rb'"', root)
    p = prefix.group(1).decode() + ":" if prefix and prefix.group(1) else ""
    numbers = [int(n) for n in re.findall(rb'<(?:\w+:)?sheet\b[^>]*?\ssheetId="(\d+)"', data)]
    next_id = max(numbers, default=0) + 1
    r = declared.group(1).decode() if declared else "r"
    local = "" if declared else f' xmlns:r="{OFFICE_RELATIONSHIPS}"'
    added = "".join(
        f'<{p}sheet name="{attribute(sheet.title)}" sheetId="{next_id + n}"{local} {r}:id="{rid}"/>'
        for n, ((sheet, _), rid) in enumerate(zip(plan.added, ids, strict=True))
    )
    return _before_close(data, f"{p}sheets".encode(), added.encode("utf-8"))


def _workbook_rels(data: bytes, plan: StreamPlan, ids: list[str]) -> bytes:
    if plan.dropped:
        data = re.sub(rb'<Relationship\b[^>]*?Type="[^"]*/vbaProject"[^>]*?/>', b"", data)
    added = "".join(
        _relationship(rid, "worksheet", plan.workbook_part, part)
        for (_, part), rid in zip(plan.added, ids, strict=True)
    )
    return _before_close(data, b"Relationships", added.encode("utf-8"))


def _content_types(data: bytes, plan: StreamPlan) -> bytes:
    data = data.replace(MACRO_WORKBOOK, PLAIN_WORKBOOK)
    for part in plan.dropped:
        data = re.sub(
            rb'<Override\b[^>]*?PartName="/' + re.escape(part.encode()) + rb'"[^>]*?/>', b"", data
        )
    overrides = [(part, "worksheet") for _, part in plan.added]
    for sheet in plan.sheets.values():
        if sheet.comments:
            overrides += [(sheet.comments_part, "comments"), (sheet.drawing_part, "vmlDrawing")]
    added = "".join(
        f'<Override PartName="/{attribute(part)}" ContentType="{TYPES[kind]}"/>'
        for part, kind in overrides
    )
    return _before_close(data, b"Types", added.encode("utf-8"))


def _before_close(data: bytes, element: bytes, added: bytes) -> bytes:
    close = data.rfind(b"</" + element + b">")
    if close < 0:
        empty = re.search(rb"<" + re.escape(element) + rb"\b([^>]*?)/>", data)
        if empty is None:
            raise StreamUnsupported(f"no {element.decode()} element")
        opening = b"<" + element + empty.group(1) + b">"
        return (
            data[: empty.start()] + opening + added + b"</" + element + b">" + data[empty.end() :]
        )
    return data[:close] + added + data[close:]
