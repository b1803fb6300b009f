"""The letterhead of a printed list: issuing body, place and date, signers.

Every text comes from the commune's settings; the defaults name nobody and leave dots
where a name or a date is to be written by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hoctap_cli.outputs.papers.settings import ExportSettings

BLANK = "……………"  # left for the clerk to fill in by hand
_COMMUNE_WORD = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Letterhead:
    """Who issues the list, where and when, and who signs it."""

    commune: str | None
    parent: str | None  # the governing body's line above the issuer, if any
    body: str
    place: str
    day: dt.date | None
    year: int
    on_behalf: str
    position: str
    signer: str | None
    preparer_title: str
    preparer: str | None
    sender: str = f"Ủy ban nhân dân xã {BLANK}"  # the body in running text
    higher: str | None = None  # the body a proposal goes to, if the settings name it

    @property
    def place_date(self) -> str:
        """'Quảng Phú, ngày 05 tháng 02 năm 2026' (days below 10, January and February padded)."""
        if self.day is None:
            return f"{self.place}, ngày …… tháng …… năm {self.year}"
        month = f"{self.day.month:02d}" if self.day.month < 3 else str(self.day.month)
        return f"{self.place}, ngày {self.day.day:02d} tháng {month} năm {self.day.year}"


def letterhead(settings: ExportSettings, year: int) -> Letterhead:
    """The settings' texts, with defaults that name nobody (dots where a name belongs)."""
    commune = settings.xa
    body = settings.co_quan or f"ỦY BAN NHÂN DÂN {(commune or 'XÃ ' + BLANK).upper()}"
    place = settings.dia_danh or (_COMMUNE_WORD.sub("", commune) if commune else BLANK)
    return Letterhead(
        commune=commune,
        parent=settings.co_quan_cap_tren,
        body=body,
        place=place,
        day=settings.ngay,
        year=year,
        on_behalf=settings.thay_mat,
        position=settings.chuc_vu,
        signer=settings.nguoi_ky,
        preparer_title=settings.chuc_danh_lap_bieu,
        preparer=settings.nguoi_lap_bieu,
        sender=running_name(commune),
        higher=settings.co_quan_cong_nhan if isinstance(settings.co_quan_cong_nhan, str) else None,
    )


def running_name(commune: str | None) -> str:
    """'Ủy ban nhân dân xã Quảng Phú' (the commune's People's Committee in a sentence)."""
    if not commune:
        return f"Ủy ban nhân dân xã {BLANK}"
    word = _COMMUNE_WORD.match(commune)
    if word:
        return f"Ủy ban nhân dân {word.group(1).lower()} {commune[word.end() :]}"
    return f"Ủy ban nhân dân xã {commune}"


def commune_in_text(commune: str) -> str:
    """'xã Quảng Phú' (the commune's name inside a sentence)."""
    word = _COMMUNE_WORD.match(commune)
    return f"{word.group(1).lower()} {commune[word.end() :]}" if word else commune
