"""One applicant's explanation: what ``hoctap explain`` prints, on its own page.

The trace and its wording come from ``explain.trace`` and ``report/explain_view``; the
terminal's text is kept as it is (in a wide and a narrow form, the page shows the one that
fits the screen), escaped.
"""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

from rich.console import Console

from hoctap_cli.web.page import frame
from hoctap_cli.web.running import local
from hoctap_cli.web.store import Run

WIDE = 120  # the table form of explain_view
NARROW = 72  # the block form, for a telephone


def explanation_page(run: Run, level_index: int, result_index: int) -> str | None:
    """The page, or None when the run has no such applicant."""
    from hoctap_cli.explain import trace
    from hoctap_cli.records.raw import raw_row
    from hoctap_cli.report.explain_view import explain_view
    from hoctap_cli.report.names import Names
    from hoctap_cli.report.wording import Wording

    levels = run.evaluation.levels
    if not 0 <= level_index < len(levels):
        return None
    level = levels[level_index]
    if not 0 <= result_index < len(level.results):
        return None
    result = level.results[result_index]
    names = run.evaluation.title_names
    raw = raw_row(Path(result.source.file), result.source.sheet, result.source.row)
    item = trace(result, level.criteria, raw)
    why = Wording(level.criteria.criteria, names).explain(result)
    view = explain_view(item, why, Names(level.criteria.criteria, names), WIDE)
    narrow = explain_view(item, why, Names(level.criteria.criteria, names), NARROW)
    back = f"/lan/{run.id}#ho-{level_index}-{result_index + 1}"
    body = f"""<p><a href="{back}">← Về bảng kết quả</a></p>
<h1>Giải thích: {escape(result.id)} — {escape(result.name or "")}</h1>
<pre class="explain wide-only">{escape(local(_text(view, WIDE), run.folder))}</pre>
<pre class="explain narrow-only">{escape(local(_text(narrow, NARROW), run.folder))}</pre>"""
    return frame(f"Giải thích {result.id} — hoctap", body, wide=True)


def _text(renderable: object, width: int) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), highlight=False)
    console.print(renderable)
    return console.export_text()
