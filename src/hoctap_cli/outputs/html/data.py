"""The figures of the HTML report, as plain data: no HTML, no charts, no files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from hoctap_cli.exact import ZERO, share
from hoctap_cli.outputs.papers.letterhead import Letterhead


@dataclass(frozen=True)
class LevelCount:
    """Applicants recognised at one level of a leveled title."""

    label: str
    count: int
    assessed: int

    @property
    def rate(self) -> Fraction | None:
        return share(self.count, self.assessed)


@dataclass(frozen=True)
class TitleSummary:
    """The headline figures of one title."""

    title_id: str
    title: str
    read: int  # rows read, including those not evaluated (missing or duplicate id)
    assessed: int
    passed: int
    failed: int
    incomplete: int
    levels: tuple[LevelCount, ...]  # only for titles with more than one level

    @property
    def rate(self) -> Fraction | None:
        return share(self.passed, self.assessed)


@dataclass(frozen=True)
class VillageRow:
    """One village's part of one title."""

    village: str
    assessed: int
    passed: int

    @property
    def rate(self) -> Fraction | None:
        return share(self.passed, self.assessed)


@dataclass(frozen=True)
class VillageRates:
    """Recognition by village for one title."""

    title: str
    village_label: str  # the title's own word for it: thôn, thôn/buôn …
    rows: tuple[VillageRow, ...]


@dataclass(frozen=True)
class MissedItem:
    """How often one criterion was not met, partly met or could not be assessed."""

    title: str
    item_id: str
    label: str
    not_met: int
    partial: int  # scored below the maximum but above 0 (a council's 17/20): not a failure
    not_assessable: int
    points_lost: Decimal = ZERO  # below the maximum, summed over the partial scores

    @property
    def total(self) -> int:
        return self.not_met + self.partial + self.not_assessable


@dataclass(frozen=True)
class Bin:
    """Applicants whose total lies in [start, end) (the last bin includes its end)."""

    start: float
    end: float
    count: int
    passing: bool  # the whole bin is at or above the lowest pass mark


@dataclass(frozen=True)
class TotalsHistogram:
    """The distribution of totals of one points title, with its pass marks."""

    title: str
    max_total: float
    bins: tuple[Bin, ...]
    marks: tuple[tuple[str, float], ...]  # level label, minimum total
    left_out: int = 0  # totals computed in part (an item not assessable): not binned


@dataclass(frozen=True)
class TrendPoint:
    """One title in one assessment year."""

    year: int
    title: str
    assessed: int
    passed: int

    @property
    def rate(self) -> Fraction | None:
        return share(self.passed, self.assessed)


@dataclass(frozen=True)
class FollowUp:
    """An applicant close to passing, and what would close the gap."""

    title: str
    id: str
    name: str
    village: str
    verdict: str
    total: str  # points as written, or '–' for indicator titles
    gap: str  # what is missing: '8 điểm' or '1 tiêu chí'
    advice: str


@dataclass(frozen=True)
class CriteriaNotes:
    """The provisional values of one criteria file used in the report."""

    title: str
    version: str
    notes: tuple[str, ...]
    fallback: str | None = None  # the set was used outside its period (see succession)


@dataclass(frozen=True)
class ProvenanceBlock:
    """What one run used: tool, date, criteria and input hashes."""

    year: int
    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReportData:
    """Everything the HTML report shows, computed once."""

    year: int  # the assessment year the detailed sections describe
    years: tuple[int, ...]  # every year given, oldest first
    as_of: dt.date
    inputs: tuple[str, ...]
    summaries: tuple[TitleSummary, ...]
    villages: tuple[VillageRates, ...]
    missed: tuple[MissedItem, ...]
    histograms: tuple[TotalsHistogram, ...]
    trend: tuple[TrendPoint, ...]  # empty unless several years were given
    follow_up: tuple[FollowUp, ...]
    follow_up_left: int  # near-misses not listed
    provisional: tuple[CriteriaNotes, ...]
    provenance: tuple[ProvenanceBlock, ...]
    problems: tuple[tuple[str, str], ...]  # errors: location, message
    problems_left: int
    notices: tuple[tuple[str, str], ...] = ()  # how files were read: location, message
    notices_left: int = 0
    letterhead: Letterhead | None = None  # who reports, where, when, who signs (settings)
    recipients: tuple[str, ...] = ()  # "Nơi nhận" besides the archive
