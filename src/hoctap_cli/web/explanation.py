"""One applicant's explanation: the content of ``hoctap explain``, on its own page.

The trace comes from ``outputs/screens/explanation.py`` and every line of it from
``outputs/screens/explain_view.py`` (the rows of its table, the roll-ups, the total); here
they become an escaped HTML table rather than the terminal's box drawing, which a
proportional font cannot line up.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from hoctap_cli.web.page import frame
from hoctap_cli.web.running import local
from hoctap_cli.web.store import Run


def explanation_page(run: Run, title_index: int, result_index: int) -> str | None:
    """The page, or None when the run has no such applicant."""
    from hoctap_cli.engine.results import VerdictKind
    from hoctap_cli.outputs.screens.explain_view import (
        ITEM_HEADERS,
        item_rows,
        rollup_line,
        total_line,
    )
    from hoctap_cli.outputs.words.wording import VERDICT_LABELS
    from hoctap_cli.outputs.writers import explain_one

    titles = run.evaluation.titles
    if not 0 <= title_index < len(titles):
        return None
    title = titles[title_index]
    if not 0 <= result_index < len(title.results):
        return None
    result = title.results[result_index]
    explained = explain_one(title, result, run.evaluation.title_names)
    item, why, names = explained.trace, explained.why, explained.names
    source = item["source"]
    where = Path(source["file"]).name + (f", trang '{source['sheet']}'" if source["sheet"] else "")
    verdict = VERDICT_LABELS[VerdictKind(item["verdict"])]
    total = total_line(item) if item["max_total"] else ""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in ITEM_HEADERS)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{escape(label)}">{escape(local(text, run.folder))}</td>'
            for label, text in zip(ITEM_HEADERS, row, strict=True)
        )
        + "</tr>"
        for row in item_rows(item, names)
    )
    rollups = "".join(f"<li>{escape(rollup_line(f, names))}</li>" for f in item["rollups"])
    lead = "Số liệu" if item["verdict"] == VerdictKind.passed.value else "Lý do"
    back = f"/lan/{run.id}#ho-{title_index}-{result_index + 1}"
    body = f"""<p><a href="{back}">← Về bảng kết quả</a></p>
<h1>Giải thích: {escape(result.id)} — {escape(result.name or "")}</h1>
<p>Danh hiệu {escape(names.title(item["title"]))} (phiên bản
{escape(item["criteria"]["version"])}); dữ liệu ở {escape(where)}, dòng {source["row"]}</p>
<p class="outcome"><strong>Kết quả: {escape(verdict)}</strong>{escape(total)}</p>
<div class="scroll"><table class="explain"><caption>Từng tiêu chí</caption>
<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>
{f"<ul class='rollups'>{rollups}</ul>" if rollups else ""}
{f"<p><strong>{lead}:</strong> {escape(why)}</p>" if why else ""}"""
    return frame(f"Giải thích {result.id} — hoctap", body, wide=True)
