"""The assessment year an input speaks of: 'NĂM 2025' in its title block, else its file name."""

from __future__ import annotations

import re

from hoctap_cli.records.reader import OpenedInput
from hoctap_cli.text import fold

_IN_TITLE = re.compile(r"\bnam (20\d\d)\b")
_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
TITLE_ROWS = 8


def find_year(opened: OpenedInput) -> int | None:
    """The year named in the first rows of any sheet, else the one in the file name."""
    for table in opened.tables:
        for _, cells in table.head[:TITLE_ROWS]:
            for cell in cells:
                if isinstance(cell, str) and (found := _IN_TITLE.search(fold(cell))):
                    return int(found.group(1))
    found = _IN_NAME.search(opened.path.stem)
    return int(found.group(1)) if found else None
