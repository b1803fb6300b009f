"""The report's sections, each from the figures it shows: headline, villages, criteria,
totals, trend, follow-up list, provisional values, data problems and provenance."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from hoctap_cli.exact import number
from hoctap_cli.outputs.html import charts
from hoctap_cli.outputs.html.blocks import (
    Cell,
    Markup,
    cards,
    definitions,
    figure,
    note,
    table,
    text,
)
from hoctap_cli.outputs.html.data import FollowUp, ReportData, TitleSummary, TotalsHistogram
from hoctap_cli.outputs.words.wording import percent

RESULT_HEADERS = (
    "Danh hiệu",
    "Hồ sơ đọc được",
    "Đã xét",
    "Được công nhận",
    "Không đạt",
    "Chưa đủ dữ liệu",
    "Tỉ lệ công nhận",
)


class Numbering:
    """Chart ids and figure numbers, in page order."""

    def __init__(self) -> None:
        self._count: Iterator[int] = itertools.count(1)

    def next(self) -> tuple[str, int]:
        index = next(self._count)
        return f"chart-{index}", index


def headline(data: ReportData, numbering: Numbering) -> str:
    """Big numbers, the table per title (and level) and the rate per title."""
    totals = [sum(getattr(s, key) for s in data.summaries) for key in ("read", "assessed")]
    passed = sum(s.passed for s in data.summaries)
    body = cards(
        [
            ("Danh hiệu được xét", str(len(data.summaries))),
            ("Hồ sơ đọc được", str(totals[0])),
            ("Hồ sơ đã xét", str(totals[1])),
            ("Được công nhận", str(passed)),
            ("Lỗi dữ liệu", str(len(data.problems) + data.problems_left)),
        ]
    )
    rows, classes = _summary_rows(data.summaries)
    body += table(RESULT_HEADERS, rows, numeric=range(1, 7), css="summary", row_classes=classes)
    if sum(1 for s in data.summaries if s.assessed) > 1:
        chart_id, index = numbering.next()
        caption = f"Hình {index}. Tỉ lệ hồ sơ được công nhận theo danh hiệu, năm {data.year}"
        svg = charts.rates_by_title(data.summaries, chart_id, caption)
        fallback = table(
            ("Danh hiệu", "Được công nhận / đã xét", "Tỉ lệ"),
            [(s.title, f"{s.passed}/{s.assessed}", percent(s.rate)) for s in data.summaries],
            numeric=(1, 2),
        )
        body += figure(svg, caption, fallback)
    return body


def _summary_rows(summaries: tuple[TitleSummary, ...]) -> tuple[list[list[Cell]], list[str]]:
    rows: list[list[Cell]] = []
    classes: list[str] = []
    for s in summaries:
        rows.append([s.title, s.read, s.assessed, s.passed, s.failed, s.incomplete])
        rows[-1].append(percent(s.rate))
        classes.append("")
        for level in s.levels:
            rows.append([f"— {level.label}", "", "", level.count, "", "", percent(level.rate)])
            classes.append("level")
    return rows, classes


def provisional_callout(data: ReportData) -> str:
    """A short warning at the top when provisional criteria values were used."""
    if not data.provisional:
        return ""
    titles = ", ".join(f"{c.title} ({c.version})" for c in data.provisional)
    fallbacks = [c.fallback for c in data.provisional if c.fallback]
    return note(
        "Lưu ý: có dùng giá trị tạm tính",
        [
            *fallbacks,
            f"Bộ tiêu chí có giá trị tạm tính: {titles}.",
            "Chi tiết ở mục “Giá trị tạm tính”.",
        ],
        css="note warning",
    )


def villages(data: ReportData, numbering: Numbering) -> str:
    """One chart per title: the recognition rate of each village."""
    parts = []
    for rates in data.villages:
        chart_id, index = numbering.next()
        place = rates.village_label.lower()
        caption = f"Hình {index}. {rates.title}: tỉ lệ được công nhận theo {place}"
        svg = charts.village_rates(rates, chart_id, caption)
        fallback = table(
            (rates.village_label, "Đã xét", "Được công nhận", "Tỉ lệ"),
            [(r.village, r.assessed, r.passed, percent(r.rate)) for r in rates.rows],
            numeric=(1, 2, 3),
        )
        parts.append(figure(svg, caption, fallback))
    return "".join(parts)


MISSED_HEADING = "Tiêu chí có nhiều hồ sơ không đạt nhất"


def missed(data: ReportData, numbering: Numbering) -> str:
    """The criteria most often not met; partial scores shown as points lost, apart."""
    if not data.missed:
        return ""
    chart_id, index = numbering.next()
    caption = (
        f"Hình {index}. Số hồ sơ không đạt từng tiêu chí ({len(data.missed)} tiêu chí nhiều "
        "nhất); hồ sơ chỉ được một phần số điểm không tính là không đạt"
    )
    svg = charts.missed_items(data.missed, chart_id, caption)
    fallback = table(
        ("Danh hiệu", "Tiêu chí", "Nội dung", "Số hồ sơ không đạt", "Chưa đánh giá được",
         "Được một phần điểm", "Điểm bị trừ ở các hồ sơ đó"),
        [
            (m.title, m.item_id, m.label, m.not_met, m.not_assessable, m.partial,
             number(m.points_lost) if m.points_lost else "–")
            for m in data.missed
        ],
        numeric=(3, 4, 5, 6),
    )  # fmt: skip
    return figure(svg, caption, fallback)


def totals(data: ReportData, numbering: Numbering) -> str:
    """For each points title, how totals spread around the pass mark."""
    parts = []
    for histogram in data.histograms:
        chart_id, index = numbering.next()
        marks = ", ".join(f"{label} từ {number(value)}" for label, value in histogram.marks)
        caption = (
            f"Hình {index}. {histogram.title}: số hồ sơ theo tổng điểm "
            f"(tối đa {number(histogram.max_total)}; {marks or 'không có mức điểm'})"
        )
        if histogram.left_out:
            caption += (
                f". Không tính {histogram.left_out} hồ sơ có mục chưa chấm được "
                "(chưa biết đủ tổng điểm)"
            )
        svg = charts.totals_histogram(histogram, chart_id, caption)
        parts.append(figure(svg, caption, _bins_table(histogram)))
    return "".join(parts)


def _bins_table(histogram: TotalsHistogram) -> str:
    last = len(histogram.bins) - 1
    rows: list[tuple[Cell, ...]] = [
        (
            f"{number(b.start)} – {'dưới ' if i < last else ''}{number(b.end)}",
            b.count,
            "từ mức đạt" if b.passing else "dưới mức đạt",
        )
        for i, b in enumerate(histogram.bins)
    ]
    return table(("Tổng điểm", "Số hồ sơ", "So với mức đạt"), rows, numeric=(1,))


def trend(data: ReportData, numbering: Numbering) -> str:
    """The recognition rate of each title over the years given."""
    chart_id, index = numbering.next()
    years = ", ".join(str(year) for year in data.years)
    caption = f"Hình {index}. Tỉ lệ được công nhận qua các năm ({years})"
    svg = charts.trend(data.trend, chart_id, caption)
    fallback = table(
        ("Năm", "Danh hiệu", "Đã xét", "Được công nhận", "Tỉ lệ"),
        [(p.year, p.title, p.assessed, p.passed, percent(p.rate)) for p in data.trend],
        numeric=(2, 3, 4),
    )
    return figure(svg, caption, fallback)


def follow_up(data: ReportData) -> str:
    """Applicants closest to passing, per title, with what to improve."""
    if not data.follow_up:
        return '<p class="empty">Không có hồ sơ nào cần theo dõi.</p>'
    parts = []
    for title in dict.fromkeys(row.title for row in data.follow_up):
        rows = [r for r in data.follow_up if r.title == title]
        parts.append(f"<h3>{text(title)}</h3>" + _follow_up_table(rows))
    parts.append(_more(data.follow_up_left, "hồ sơ chưa đạt khác, xa mức đạt hơn"))
    return "".join(parts)


def _follow_up_table(rows: list[FollowUp]) -> str:
    """One title's list; the village and total columns only where they say something."""
    villages = any(r.village for r in rows)
    points = any(r.total != "–" for r in rows)
    headers = ["STT", "Hồ sơ"] + ["Thôn"] * villages + ["Kết quả"]
    headers += ["Tổng điểm"] * points + ["Còn thiếu", "Cần cải thiện"]
    body: list[list[Cell]] = []
    for index, r in enumerate(rows, start=1):
        code = f'<span class="id">{text(r.id)}</span>' if r.name and r.name != r.id else ""
        who = Markup(text(r.name or r.id) + code)
        cells: list[Cell] = [index, who]
        cells += [r.village] if villages else []
        cells += [r.verdict] + ([r.total] if points else []) + [r.gap, r.advice]
        body.append(cells)
    numeric = (0, headers.index("Tổng điểm")) if points else (0,)
    return table(headers, body, numeric=numeric, css="follow-up")


def provisional(data: ReportData) -> str:
    """Every provisional value of every criteria file used."""
    return "".join(
        note(f"{c.title} (phiên bản {c.version})", list(c.notes), css="note warning")
        for c in data.provisional
    )


NOTICES_HEADING = "Lưu ý khi đọc tệp"


def problems(data: ReportData) -> str:
    """Data errors, then notices on how the files were read, each where and what."""
    body = ""
    if data.problems:
        body += table(("Vị trí", "Lỗi"), data.problems, css="problems")
        body += _more(data.problems_left, "lỗi khác")
    if data.notices:
        if data.problems:
            body += f"<h3>{NOTICES_HEADING}</h3>"
        else:
            body += "<p>Không có lỗi dữ liệu; các tệp được đọc với những lưu ý sau.</p>"
        body += table(("Vị trí", "Lưu ý"), data.notices, css="problems notices")
        body += _more(data.notices_left, "lưu ý khác")
    return body


def _more(left: int, what: str) -> str:
    """How many rows a table left out, and where the reader finds them: the report goes to
    people who read papers, not to whoever runs the command."""
    if not left:
        return ""
    return f'<p class="more">Còn {left} {what}; danh sách đầy đủ có trong bảng kết quả chấm.</p>'


def provenance(data: ReportData) -> str:
    """What was used, with hashes, so the results can be reproduced."""
    several = len(data.provenance) > 1
    return "".join(
        (f"<h3>Năm {block.year}</h3>" if several else "") + definitions(block.lines)
        for block in data.provenance
    )
