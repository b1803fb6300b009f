"""The report's charts: pygal drawings as inline SVG, readable in black and white.

No script is referenced or embedded (``js=[]`` and the config script is dropped), pygal's
comments with their web addresses are removed, and each chart gets a fixed id, a
``<title>``, ``role="img"`` and ``aria-label`` so the page is the same on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygal
from pygal.etree import etree  # lxml when installed (python-docx brings it), else the stdlib
from pygal.style import Style

from hoctap_cli.exact import number, shown
from hoctap_cli.outputs.html.data import (
    MissedItem,
    TitleSummary,
    TotalsHistogram,
    TrendPoint,
    VillageRates,
)

Bar = tuple[int, float, float]  # a histogram bar as pygal takes it: height, start, end
FONT = '"Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif'
GREYS = ("#a6a6a6", "#404040", "#d9d9d9", "#595959", "#bfbfbf", "#0d0d0d", "#7f7f7f")
LINE_GREYS = ("#000000", "#4d4d4d", "#808080", "#262626", "#666666", "#999999", "#333333")
DASHES = ("", "8,4", "2,3", "10,3,2,3", "4,4", "1,2", "12,6")

PRINT_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#000000",
    foreground_subtle="#555555",
    font_family=FONT,
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    value_label_font_size=14,
    legend_font_size=14,
    title_font_size=16,
    opacity="1",
    opacity_hover="1",
    stroke_opacity="1",
    stroke_opacity_hover="1",
    guide_stroke_color="#bbbbbb",
    major_guide_stroke_color="#888888",
    colors=GREYS,
    value_colors=("#000000",) * len(GREYS),
)


PERCENT_AXIS: dict[str, Any] = {"range": (0, 100), "y_labels": [0, 20, 40, 60, 80, 100]}


def _rate(value: float | None) -> str:
    """Percent with a decimal comma, whole numbers without one: 72,7%, 20%."""
    return "" if value is None else f"{number(shown(value, 1))}%"  # as the tables round


def _count(value: Any) -> str:
    """A count as printed on a bar; a histogram passes (count, start, end)."""
    count = value[0] if isinstance(value, (tuple, list)) else value
    return str(int(count)) if count else ""


def _config(**extra: Any) -> dict[str, Any]:
    """What every chart shares: inline SVG, no script, light print style, printed values."""
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": PRINT_STYLE,
        "print_values": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "truncate_legend": -1,
        "truncate_label": -1,
        "show_x_guides": False,
        "width": 720,
        **extra,
    }


def _accessible(chart_id: str, label: str) -> Callable[[Any], Any]:
    """An xml filter: fixed id, title and ARIA label; no comments, no scripts."""

    def apply(root: Any) -> Any:
        for parent in list(root.iter()):
            for child in list(parent):
                if callable(child.tag) or _local(child.tag) == "script":  # comments, scripts
                    parent.remove(child)
        root.set("id", chart_id)
        root.set("role", "img")
        root.set("aria-label", label)
        for node in root.iter():
            if not callable(node.tag) and _local(node.tag) == "title":
                node.text = label
        return root

    return apply


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _render(chart: Any, chart_id: str, label: str) -> str:
    chart.uuid = chart_id.removeprefix("chart-")
    chart.add_xml_filter(_accessible(chart_id, label))
    return str(chart.render(is_unicode=True))


def _print_css(chart_id: str) -> list[str]:
    """pygal's own style sheets, plus dark outlines so that light bars show on paper and a
    white halo so that printed values stay legible on dark or hatched bars."""
    return [
        "file://style.css",
        "file://graph.css",
        f"inline:#{chart_id} .series rect, #{chart_id} .legend rect "
        "{stroke:#1a1a1a;stroke-width:0.8px}"
        f"#{chart_id} .text-overlay text.value "
        "{paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}",
    ]


def rates_by_title(summaries: Sequence[TitleSummary], chart_id: str, label: str) -> str:
    """One bar per title: the share of assessed applicants recognised."""
    shown = [s for s in summaries if s.assessed]
    chart = pygal.HorizontalBar(
        **_config(height=90 + 38 * len(shown), show_legend=False, **PERCENT_AXIS),
        value_formatter=_rate,
        css=_print_css(chart_id),
    )
    shown.reverse()  # pygal draws the first bar at the bottom
    chart.x_labels = [s.title for s in shown]
    chart.add("Tỉ lệ được công nhận", [float(100 * (s.rate or 0)) for s in shown])
    return _render(chart, chart_id, label)


def village_rates(rates: VillageRates, chart_id: str, label: str) -> str:
    """One bar per village for one title."""
    chart = pygal.HorizontalBar(
        **_config(height=90 + 38 * len(rates.rows), show_legend=False, **PERCENT_AXIS),
        value_formatter=_rate,
        css=_print_css(chart_id),
    )
    rows = list(reversed(rates.rows))  # pygal draws the first bar at the bottom
    chart.x_labels = [f"{row.village} ({row.passed}/{row.assessed})" for row in rows]
    chart.add("Tỉ lệ được công nhận", [float(100 * (row.rate or 0)) for row in rows])
    return _render(chart, chart_id, label)


def missed_items(missed: Sequence[MissedItem], chart_id: str, label: str) -> str:
    """Stacked bars per criterion: not met (dark), not assessable (hatched); partial scores
    are not failures and are left to the table under the chart."""
    hatch = f"{chart_id}-hatch"
    style = _style_with(("#262626", f"url(#{hatch})"))
    chart = pygal.HorizontalStackedBar(
        **_config(height=130 + 36 * len(missed), style=style),
        formatter=_count,
        print_zeroes=False,
        defs=[_hatch_pattern(hatch)],
        css=_print_css(chart_id),
    )
    shown = list(reversed(missed))  # pygal draws the first bar at the bottom
    chart.x_labels = [_shorten(f"{m.title} – {m.item_id}") for m in shown]
    chart.add("Không đạt", [m.not_met or None for m in shown])
    chart.add("Chưa đánh giá được", [m.not_assessable or None for m in shown])
    return _render(chart, chart_id, label)


def totals_histogram(histogram: TotalsHistogram, chart_id: str, label: str) -> str:
    """Applicants per band of total points, with a dashed line at each pass mark."""
    chart = pygal.Histogram(
        **_config(
            height=420,
            margin_top=40,
            margin_bottom=36,
            x_title="Tổng điểm",
            y_title="Số hồ sơ",
            style=_style_with(("#d9d9d9", "#595959")),
        ),
        formatter=_count,
        print_zeroes=False,
        css=_print_css(chart_id),
    )
    below: list[Bar | None] = [(b.count, b.start, b.end) for b in histogram.bins if not b.passing]
    above: list[Bar | None] = [(b.count, b.start, b.end) for b in histogram.bins if b.passing]
    edges = [b.start for b in histogram.bins] + [histogram.bins[-1].end]
    chart.x_labels = edges if len(edges) <= 14 else edges[::2]
    chart.add("Dưới mức đạt", below or [None])
    chart.add("Từ mức đạt trở lên", above or [None])
    chart.add_xml_filter(lambda root: _mark_lines(chart, root, histogram.marks))
    return _render(chart, chart_id, label)


def trend(points: Sequence[TrendPoint], chart_id: str, label: str) -> str:
    """One line per title over the assessment years, each with its own dash pattern."""
    years = sorted({p.year for p in points})
    chart = pygal.Line(
        **_config(
            height=420,
            dots_size=4,
            **PERCENT_AXIS,
            margin_right=64,
            style=_style_with(LINE_GREYS, stroke_width="2.5"),
        ),
        value_formatter=_rate,
        css=_print_css(chart_id),
    )
    chart.x_labels = [str(year) for year in years]
    titles = list(dict.fromkeys(p.title for p in points))
    for index, title in enumerate(titles):
        by_year = {p.year: p for p in points if p.title == title}
        values = [float(100 * (by_year[y].rate or 0)) if y in by_year else None for y in years]
        dash = DASHES[index % len(DASHES)]
        chart.add(title, values, stroke_style={"dasharray": dash})
    return _render(chart, chart_id, label)


def _shorten(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _style_with(colors: tuple[str, ...], **extra: str) -> Style:
    base = {k: v for k, v in vars(PRINT_STYLE).items() if not k.startswith("_")}
    mine = {"colors": colors, "value_colors": ("#000000",) * len(colors)}
    return Style(**(base | mine | extra))


def _hatch_pattern(pattern_id: str) -> str:
    return (
        f'<pattern id="{pattern_id}" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#333333" stroke-width="2.5"/></pattern>'
    )


def _mark_lines(chart: Any, root: Any, marks: Sequence[tuple[str, float]]) -> Any:
    """Draw each pass mark as a labelled vertical dashed line across the plot."""
    plots = [node for node in root.iter() if node.get("class") == "plot text-overlay"]
    if not plots:
        return root
    for mark_label, value in marks:
        x, _ = chart.view((value, 0))
        line = etree.SubElement(plots[0], "line", x1=f"{x:.1f}", x2=f"{x:.1f}", y1="0")
        line.set("y2", f"{chart.view.height:.1f}")
        line.set("style", "stroke:#000;stroke-width:2.5;stroke-dasharray:7,4")
        text = etree.SubElement(plots[0], "text", x=f"{x:.1f}", y="-10")
        text.set("style", "fill:#000;font-size:14px;font-weight:bold;text-anchor:middle")
        text.text = f"{mark_label}: {number(value)} điểm"
    return root
