"""The HTML report: figures (``data``, ``figures``, ``assemble``), charts and the page."""

from __future__ import annotations

from collections.abc import Sequence

from hoctap_cli.outputs.html.assemble import build_report
from hoctap_cli.outputs.html.page import render_page
from hoctap_cli.outputs.papers.letterhead import Letterhead
from hoctap_cli.workflow.run import Evaluation

__all__ = ["build_report", "render_page", "render_report"]


def render_report(
    evaluations: Sequence[Evaluation],
    head: Letterhead | None = None,
    recipients: Sequence[str] = (),
) -> str:
    """The self-contained HTML report of one or more runs (one per assessment year)."""
    return render_page(build_report(evaluations, head, recipients))
