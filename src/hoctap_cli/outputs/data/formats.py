"""Machine and spreadsheet formats of an evaluation: JSON and CSV, as bytes."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Protocol

from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.exact import Shown, number
from hoctap_cli.outputs.data.serialise import provenance
from hoctap_cli.outputs.data.streaming import write_document
from hoctap_cli.outputs.inert import csv_row
from hoctap_cli.outputs.origin import criteria_key
from hoctap_cli.outputs.words.points_text import group_text, group_value, total_value
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.shown_files import shown_path
from hoctap_cli.workflow.run import Evaluation, TitleResult


class _Writer(Protocol):
    def writerow(self, row: Iterable[object], /) -> object: ...


class _InertWriter:
    """A CSV writer whose cells never start a formula (see ``hoctap_cli.outputs.inert``)."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Iterable[object], /) -> object:
        return self._writer.writerow(csv_row(row))


# Provenance closes every row, so a line copied elsewhere still says what decided it.
_PROVENANCE = ["Bộ tiêu chí", "SHA-256 bộ tiêu chí", "SHA-256 tệp", "Công cụ"]
# "Lưu ý bộ tiêu chí" beside "Giá trị tạm tính": the notice when the criteria set is used
# outside its period (``criteria/succession.py``), on every row of that title, so a row
# copied or filtered on its own still carries it; empty when the set was in force.
FALLBACK_COLUMN = "Lưu ý bộ tiêu chí"
_TAIL = [
    "Tổng điểm",
    "Kết quả",
    "Lý do",
    "Giá trị tạm tính",
    FALLBACK_COLUMN,
    "Tệp",
    "Trang",
    "Dòng",
    *_PROVENANCE,
]


class _Stamp:
    """The provenance cells of a row: criteria id@version and hash, input hash, tool."""

    def __init__(self, evaluation: Evaluation) -> None:
        stamp = provenance(evaluation)  # the same facts the JSON document's head carries
        self.tool = f"{stamp['tool']['name']} {stamp['tool']['version']}"
        self.inputs = {item["file"]: item["sha256"] for item in stamp["inputs"]}
        digests = {entry["ref"]: entry["sha256"] for entry in stamp["criteria"]}
        self.criteria = {
            title_result.criteria.criteria.id: (ref, digests[ref])
            for title_result in evaluation.titles
            for ref in [criteria_key(title_result.criteria)]
        }
        self.fallbacks = {
            title_result.criteria.criteria.id: title_result.fallback.message
            if title_result.fallback
            else ""
            for title_result in evaluation.titles
        }

    def cells(self, result: ApplicantResult) -> list[object]:
        name, digest = self.criteria[result.title]
        return [name, digest, self.inputs.get(result.source.file, ""), self.tool]


def written_by_csv(path: Path) -> bool:
    """Whether ``path`` is a CSV this module wrote (its header ends with our columns)."""
    try:
        with path.open("rb") as handle:
            first = handle.read(4096).decode("utf-8-sig", errors="replace").splitlines()[:1]
    except OSError:
        return False
    return bool(first) and first[0].endswith(",".join(_PROVENANCE))


def to_json(evaluation: Evaluation) -> bytes:
    """The JSON document of ``evaluation`` (see ``write_json``), whole."""
    buffer = io.BytesIO()
    write_document(evaluation, buffer.write)
    return buffer.getvalue()


def write_json(evaluation: Evaluation, stream: IO[bytes]) -> None:
    """Stream the JSON document to ``stream``: a province's results are never held as text.

    The bytes are exactly ``json.dumps(evaluation_to_dict(evaluation), ensure_ascii=False,
    indent=2) + "\\n"`` in UTF-8 (tests/test_fast_path.py holds it to that).
    """
    write_document(evaluation, stream.write)


def to_csv(evaluation: Evaluation) -> bytes:
    """``write_csv`` as bytes."""
    stream = io.BytesIO()
    write_csv(evaluation, stream)
    return stream.getvalue()


def write_csv(evaluation: Evaluation, binary: IO[bytes]) -> None:
    """One row per applicant, UTF-8 with BOM so Excel reads it, written as the rows are
    made (a province's table is never held whole).

    One title: its own column labels and one column per criteria group. Several titles:
    common columns with the title first and the group points in one cell.
    """
    binary.write(codecs.BOM_UTF8)  # always: "utf-8-sig" leaves it out past a stream's start
    stream = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=False)
    try:
        _write_rows(_InertWriter(stream), evaluation)
        stream.flush()
    finally:
        stream.detach()  # the caller's stream stays open


def _write_rows(writer: _Writer, evaluation: Evaluation) -> None:
    stamp = _Stamp(evaluation)
    if len(evaluation.titles) == 1:
        _one_level(writer, evaluation.titles[0], evaluation.title_names, stamp)
    else:
        writer.writerow(["Danh hiệu", "STT", "Mã", "Tên", "Thôn", "Điểm theo tiêu chí", *_TAIL])
        for title_result in evaluation.titles:
            wording = Wording(title_result.criteria.criteria, evaluation.title_names)
            for index, result in enumerate(title_result.results, start=1):
                points = "; ".join(
                    f"{wording.names.group(g.group_id)}: {group_text(result, g.group_id, g.points)}"
                    for g in result.groups
                )
                writer.writerow(
                    [
                        title_result.criteria.criteria.title,
                        index,
                        result.id,
                        result.name or "",
                        result.village or "",
                        points,
                        *_tail(result, wording, stamp),
                    ]
                )


def _one_level(
    writer: _Writer, title_result: TitleResult, names: Mapping[str, str], stamp: _Stamp
) -> None:
    criteria = title_result.criteria.criteria
    wording = Wording(criteria, names)
    identity = criteria.identity
    village = [criteria.field(identity.village).label] if identity.village else []
    writer.writerow(
        ["STT", criteria.field(identity.id).label, criteria.field(identity.name).label, *village]
        + [wording.names.group_points_header(group.id) for group in criteria.groups]
        + _TAIL
    )
    for index, result in enumerate(title_result.results, start=1):
        villages = [result.village or ""] if identity.village else []
        writer.writerow(
            [index, result.id, result.name or "", *villages]
            + [_cell(group_value(result, g.group_id, g.points)) for g in result.groups]
            + _tail(result, wording, stamp)
        )


def _cell(points: Shown | None) -> str:
    """Points in a CSV cell; empty when they could not be computed (never a false 0)."""
    return "" if points is None else number(points)


def _tail(result: ApplicantResult, wording: Wording, stamp: _Stamp) -> list[object]:
    return [
        _cell(total_value(result)),
        wording.verdict(result),
        wording.explain(result),
        "có" if result.provisional else "không",
        stamp.fallbacks[result.title],
        shown_path(result.source.file),
        result.source.sheet or "",
        result.source.row or "",
        *stamp.cells(result),
    ]
