"""Small HTML pieces the report is built from: tables, figures, figure cards, notes.

Every text passes through ``html.escape`` here; callers hand in plain strings, and only
``Markup`` (HTML this package built itself, such as a chart's SVG) goes in unescaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Markup:
    """HTML already built and escaped by this package."""

    html: str


Cell = str | int | Markup


def text(value: Cell) -> str:
    """A cell or a string as HTML: escaped unless it is ``Markup``."""
    if isinstance(value, Markup):
        return value.html
    return html.escape(str(value), quote=True)


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    numeric: Iterable[int] = (),
    css: str = "",
    row_classes: Sequence[str] = (),
) -> str:
    """A table with a repeating header; ``numeric`` columns are right-aligned."""
    right = set(numeric)

    def align(index: int) -> str:
        return ' class="num"' if index in right else ""

    head = "".join(f'<th scope="col"{align(i)}>{text(h)}</th>' for i, h in enumerate(headers))
    body = []
    for number, row in enumerate(rows):
        style = row_classes[number] if number < len(row_classes) else ""
        attr = f' class="{style}"' if style else ""
        cells = "".join(f"<td{align(i)}>{text(value)}</td>" for i, value in enumerate(row))
        body.append(f"<tr{attr}>{cells}</tr>")
    css_attr = f' class="{css}"' if css else ""
    return f"<table{css_attr}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def figure(svg: str, caption: str, fallback: str) -> str:
    """A chart with its caption and, under it, the same figures as a table."""
    return (
        f'<figure class="chart"><figcaption>{text(caption)}</figcaption>'
        f'<div class="svg">{svg}</div>'
        f'<div class="fallback"><p class="fallback-title">Số liệu của hình</p>{fallback}</div>'
        "</figure>"
    )


def cards(figures: Sequence[tuple[str, str]]) -> str:
    """Headline figures: a big number over a short label."""
    items = "".join(
        f'<div class="card"><span class="value">{text(value)}</span>'
        f'<span class="label">{text(label)}</span></div>'
        for label, value in figures
    )
    return f'<div class="cards">{items}</div>'


def section(anchor: str, heading: str, body: str, intro: str = "") -> str:
    """One numbered part of the report; in print each starts on a new page."""
    lead = f'<p class="intro">{text(intro)}</p>' if intro else ""
    return (
        f'<section id="{anchor}" aria-labelledby="{anchor}-h">'
        f'<h2 id="{anchor}-h">{text(heading)}</h2>{lead}{body}</section>'
    )


def note(title: str, lines: Sequence[str], css: str = "note") -> str:
    """A boxed note with a title and bullet points."""
    items = "".join(f"<li>{text(line)}</li>" for line in lines)
    return f'<aside class="{css}"><p class="note-title">{text(title)}</p><ul>{items}</ul></aside>'


def definitions(pairs: Iterable[tuple[str, str]]) -> str:
    """Label/value pairs as a description list."""
    rows = "".join(f"<dt>{text(label)}</dt><dd>{text(value)}</dd>" for label, value in pairs)
    return f'<dl class="pairs">{rows}</dl>'
