"""Machine and spreadsheet formats of an evaluation: JSON and CSV, as bytes."""

from __future__ import annotations

import csv
import io
import json

from hoctap_cli.report.wording import Wording, number
from hoctap_cli.service import Evaluation, evaluation_to_dict


def to_json(evaluation: Evaluation) -> bytes:
    document = evaluation_to_dict(evaluation)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_csv(evaluation: Evaluation) -> bytes:
    """One row per applicant with Vietnamese headers, UTF-8 with BOM so Excel reads it."""
    criteria = evaluation.criteria.criteria
    wording = Wording(criteria)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    identity = criteria.identity
    village = [criteria.field(identity.village).label] if identity.village else []
    writer.writerow(
        ["STT", criteria.field(identity.id).label, criteria.field(identity.name).label, *village]
        + [f"Điểm {group.id}" for group in criteria.groups]
        + ["Tổng điểm", "Kết quả", "Lý do", "Giá trị tạm tính", "Tệp", "Trang", "Dòng"]
    )
    for index, result in enumerate(evaluation.results, start=1):
        villages = [result.village or ""] if identity.village else []
        writer.writerow(
            [index, result.id, result.name or "", *villages]
            + [number(group.points) for group in result.groups]
            + [
                number(result.total),
                wording.verdict(result),
                wording.explain(result),
                "có" if result.provisional else "không",
                result.source.file,
                result.source.sheet or "",
                result.source.row or "",
            ]
        )
    return stream.getvalue().encode("utf-8-sig")
