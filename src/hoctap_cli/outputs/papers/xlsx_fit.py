"""Row heights that show every wrapped line, in LibreOffice as in Excel.

Neither program grows a row for wrapped text in merged cells, and LibreOffice keeps the
height a file gives; a row too short prints its second line over the next row. So every
written sheet gets, row by row, the height its tallest cell needs: the text is wrapped
word by word into the cell's width (the merged span's, for merged cells) with a
conservative estimate of Times New Roman's letter widths.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hoctap_cli.outputs.papers.xlsx_book import Style

# Letter widths in Excel's width unit (the '0' of the default 11 pt font), for 13 pt Times.
NARROW = frozenset(" .,:;'!|()[]-/ijlItf")
WIDE_UPPER = 1.75
WIDE_LETTERS = frozenset("MWĐÔƠƯÂĂÊQGOD")
UPPER = 1.55
LOWER = 1.12
NARROWEST = 0.62
BOLD = 1.08
SAFETY = 1.1  # rather one empty line too many than one line hidden
PADDING = 1.2  # the cell's inner margins, in width units
LINE = 1.3  # line height over font size
DEFAULT_WIDTH = 8.43
BASE_SIZE = 13.0
DEFAULT_SIZE = 11.0  # the workbook's default font size
# Below this share of the room a text is on one line whichever way its widths are summed.
ONE_LINE = 1 - 1e-9


class _LetterWidths(dict[str, float]):
    """Each letter's width, worked out the first time the letter is met (a list can
    hold millions of letters, of a few hundred kinds)."""

    def __missing__(self, char: str) -> float:
        if char in NARROW:
            width = NARROWEST
        elif char in WIDE_LETTERS:
            width = WIDE_UPPER
        elif char.isupper() or not char.isalnum() or char in "mw":
            width = UPPER
        else:
            width = LOWER
        self[char] = width
        return width


_LETTERS = _LetterWidths()


def text_width(text: str, size: float, bold: bool) -> float:
    """The width of ``text`` in Excel's units, a little generous."""
    total = sum(map(_LETTERS.__getitem__, text), 0.0)
    return total * size / BASE_SIZE * (BOLD if bold else 1.0) * SAFETY


def wrapped_lines(text: str, width: float, size: float, bold: bool) -> int:
    """How many lines ``text`` takes once wrapped, word by word, in a cell ``width`` wide."""
    room = max(width - PADDING, 1.0)
    if "\n" not in text:
        # Most cells fit on one line: seen from their length alone, or from their width.
        widest = WIDE_UPPER * size / BASE_SIZE * (BOLD if bold else 1.0) * SAFETY
        if len(text) * widest < room * ONE_LINE or text_width(text, size, bold) < room * ONE_LINE:
            return 1
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split(" "):
            need = text_width(word, size, bold)
            space = text_width(" ", size, bold) if used else 0.0
            if used and used + space + need <= room:
                used += space + need
                continue
            if used:
                count += 1
            # a word longer than the cell is broken where it reaches the edge
            extra = max(math.ceil(need / room) - 1, 0)
            count += extra
            used = need - extra * room
    return max(count, 1)


def fitted_height(cells: Iterable[tuple[object, Style, float]]) -> float | None:
    """The height a row needs for its tallest cell, from each value, style and width
    (the merged span's, for a merged cell); None when no cell has a value."""
    tallest = 0.0
    for value, style, width in cells:
        if value is None:
            continue
        size = float(style.size or DEFAULT_SIZE)
        lines = wrapped_lines(shown(value, style.num_format), width, size, style.bold)
        if lines * size * LINE + 3 > tallest:
            tallest = lines * size * LINE + 3
    return round(tallest, 1) if tallest else None


def shown(value: object, num_format: str | None) -> str:
    """The value as the sheet shows it: a rate formatted as a percentage."""
    if isinstance(value, float) and "%" in (num_format or ""):
        return f"{value * 100:.1f}%"
    return str(value)
