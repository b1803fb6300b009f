"""The recognition lists as JSON (English keys) and as CSV (one row per listed applicant)."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import cast

from hoctap_cli.exact import number, plain
from hoctap_cli.outputs.data.document_types import (
    ExportDocument,
    Issuer,
    ListCounts,
    ListTotal,
    Recogniser,
    Statistics,
    ToComplete,
)
from hoctap_cli.outputs.data.document_types import TitleList as TitleListEntry
from hoctap_cli.outputs.data.json_text import json_bytes
from hoctap_cli.outputs.data.schema_version import SCHEMA_VERSION
from hoctap_cli.outputs.inert import csv_row
from hoctap_cli.outputs.papers.export_data import ExportData, TitleList
from hoctap_cli.outputs.papers.export_stats import Counts
from hoctap_cli.outputs.papers.letterhead import Letterhead

# The last column carries the notice when a title's criteria set is used outside its period
# (``criteria/succession.py``) on each of its rows; it is empty when the set was in force.
CSV_HEADER = (
    "Danh hiệu",
    "STT",
    "Mã",
    "Tên",
    "Thôn",
    "Tổng điểm",
    "Xếp loại",
    "Ghi chú",
    "Lưu ý bộ tiêu chí",
)


def export_to_dict(data: ExportData) -> ExportDocument:
    """The lists under ``lists``, one per title, for one title or many (as evaluate's JSON
    has ``levels``); the criteria and provenance are the serialiser's (``serialise``)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "year": data.year,
        "issuer": _issuer(data.letterhead),
        "lists": [_list(title_list) for title_list in data.lists],
        "statistics": [_statistics(title_list) for title_list in data.lists],
        "provenance": data.provenance,
    }


def to_json(data: ExportData) -> bytes:
    return json_bytes(export_to_dict(data))


def to_csv(data: ExportData) -> bytes:
    """UTF-8 with BOM so that Excel opens it with the diacritics intact."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for title_list in data.lists:
        notice = title_list.criteria["fallback"]
        fallback = notice["message"] if notice else ""
        for group in title_list.villages:
            for listed in group.applicants:
                # Only a complete total is a number here; the note says what is missing.
                known = listed.total is not None and listed.total_complete
                total = number(listed.total) if known else ""
                writer.writerow(
                    csv_row(
                        [
                            title_list.title,
                            listed.stt,
                            listed.id,
                            listed.name,
                            listed.village,
                            total,
                            listed.level_label,
                            listed.note,
                            fallback,
                        ]
                    )
                )
    return stream.getvalue().encode("utf-8-sig")


def _issuer(head: Letterhead) -> Issuer:
    return {
        "commune": head.commune,
        "parent": head.parent,
        "body": head.body,
        "place": head.place,
        "date": head.day.isoformat() if head.day else None,
        "place_date": head.place_date,
        "on_behalf": head.on_behalf,
        "position": head.position,
        "signer": head.signer,
        "preparer_title": head.preparer_title,
        "preparer": head.preparer,
    }


def _list(title_list: TitleList) -> TitleListEntry:
    return {
        "title": title_list.title_id,
        "name": title_list.title,
        "heading": title_list.heading,
        "recognised_by": cast(Recogniser, title_list.recognised_by),
        "attached": title_list.attached,
        "provisional_note": title_list.provisional,
        "criteria": title_list.criteria,
        "listed": title_list.listed,
        "villages": [
            {
                "village": group.village,
                "applicants": [
                    {
                        "stt": listed.stt,
                        "id": listed.id,
                        "name": listed.name,
                        "total": plain(listed.total),
                        "total_complete": listed.total_complete,
                        "level": listed.level,
                        "level_label": listed.level_label,
                        "note": listed.note,
                    }
                    for listed in group.applicants
                ],
            }
            for group in title_list.villages
        ],
        "incomplete": [
            cast(
                ToComplete,
                asdict(entry) | {"title": title_list.title_id, "total": plain(entry.total)},
            )
            for entry in title_list.incomplete
        ],
    }


def _statistics(title_list: TitleList) -> Statistics:
    return {
        "title": title_list.title_id,
        "villages": [_counts(counts) for counts in title_list.statistics],
        "not_evaluated": title_list.not_evaluated,
        "total": cast(
            ListTotal, {k: v for k, v in _counts(title_list.total).items() if k != "village"}
        ),
    }


def _counts(counts: Counts) -> ListCounts:
    return {
        "village": counts.village,
        "registered": counts.registered,
        "assessed": counts.assessed,
        "pass": counts.passed,
        "fail": counts.failed,
        "incomplete": counts.incomplete,
        "pass_rate": counts.pass_rate,
    }
