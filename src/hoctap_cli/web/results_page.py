"""A run's results as the terminal shows them: verdicts, summaries, notices, problems.

The words and figures come from the same library functions as ``hoctap evaluate``'s
screen (``outputs/screens/console.py``); here they become escaped HTML with sortable,
filterable tables and a link from each applicant to its explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.exact import share
from hoctap_cli.outputs.data.serialise import summary_by_village, verdict_counts
from hoctap_cli.outputs.origin import criteria_origin
from hoctap_cli.outputs.screens.console import identity_columns, total_cell
from hoctap_cli.outputs.words.points_text import group_text
from hoctap_cli.outputs.words.wording import PROVISIONAL_WARNING, Wording, percent
from hoctap_cli.problems import Problem, split_problems
from hoctap_cli.web.page import frame
from hoctap_cli.web.running import local
from hoctap_cli.web.settings_form import settings_fields
from hoctap_cli.web.store import Run
from hoctap_cli.workflow.run import TitleResult

VERDICT_CLASS = {
    VerdictKind.passed: "dat",
    VerdictKind.failed: "khong-dat",
    VerdictKind.incomplete: "chua-du",
}
Anchors = dict[tuple[str, str | None, int | None], str]


def results_page(run: Run, downloads: Sequence[tuple[str, str, bool]]) -> str:
    evaluation = run.evaluation
    anchors: Anchors = {}
    parts = [_summary_line(run)]
    for index, title in enumerate(evaluation.titles):
        parts.append(_title(run, index, title, evaluation.title_names, anchors))
    if len(evaluation.titles) > 1:
        parts.append(_titles(evaluation.titles))
    parts.append(_notices(run))
    parts.append(_problems(run, [*evaluation.failed_files, *evaluation.problems], anchors))
    parts.append(_provenance(run))
    parts.append(_downloads(run, downloads))
    return frame("Kết quả chấm — hoctap", "\n".join(parts), wide=True)


def _summary_line(run: Run) -> str:
    names = ", ".join(path.name for path in run.inputs)
    count = f"{len(run.evaluation.results)} hồ sơ"
    titles = len(run.evaluation.titles)
    if titles > 1:  # else the count reads as the first table's, which is smaller
        count += f" của {titles} danh hiệu"
    seconds = f"{run.seconds:.1f}".replace(".", ",")  # a decimal comma, as Vietnamese writes
    return (
        f'<h1>Kết quả chấm</h1><p class="lead">{count} từ {escape(names)} · '
        f'chấm trong <span id="thoi-gian">{seconds}</span> giây · '
        '<a href="/">Chấm tệp khác</a> · <a href="#tai-ve">Tải về</a></p>'
    )


def _title(
    run: Run, index: int, title: TitleResult, title_names: dict[str, str], anchors: Anchors
) -> str:
    criteria = title.criteria.criteria
    origin = local(criteria_origin(title.criteria), run.folder)
    heading = (
        f'<h2 id="danh-hieu-{index}">{escape(criteria.title)}</h2>'
        f'<p class="origin">theo {escape(criteria.document.number)}, {escape(origin)}</p>'
    )
    if not title.results:
        return heading + "<p>Không có hồ sơ nào được xét.</p>"
    return heading + _verdicts(run, index, title, title_names, anchors) + _villages(title)


def _verdicts(
    run: Run, index: int, title: TitleResult, title_names: dict[str, str], anchors: Anchors
) -> str:
    criteria = title.criteria.criteria
    wording = Wording(criteria, title_names)
    identity = identity_columns(title)
    scored = criteria.scoring == "points"
    # (label, cell class): the class sets alignment, and which cells a telephone shows
    headers = [("STT", "stt"), *((label, "who") for label, _ in identity)]
    if scored:
        headers += [(wording.names.group(group.id), "group") for group in criteria.groups]
        headers.append(("Tổng", "total"))
    headers += [("Kết quả", "verdict-cell"), ("Lý do", "reason")]
    numeric = ("stt", "group", "total")
    head = "".join(
        f'<th scope="col" class="{kind}"><button type="button" class="sort" data-column="{i}" '
        f'data-kind="{"number" if kind in numeric else "text"}">{escape(label)}</button></th>'
        for i, (label, kind) in enumerate(headers)
    )
    rows = []
    for number, result in enumerate(title.results, start=1):
        anchor = f"ho-{index}-{number}"
        anchors.setdefault((result.source.file, result.source.sheet, result.source.row), anchor)
        rows.append(_row(run, index, number, anchor, result, identity, wording, scored))
    filters = _filters(index, title, wording)
    table = (
        f'<div class="scroll"><table class="verdicts" id="bang-{index}" data-danh-hieu="{index}">'
        f"<caption>Kết quả xét từng hồ sơ</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return filters + table


def _row(
    run: Run,
    index: int,
    number: int,
    anchor: str,
    result: ApplicantResult,
    identity: Sequence[tuple[str, object]],
    wording: Wording,
    scored: bool,
) -> str:
    link = f"/lan/{run.id}/giai-thich/{index}/{number - 1}"
    cells = [f'<td class="stt">{number}</td>']
    for position, (_, cell) in enumerate(identity):
        text = escape(cell(result))  # type: ignore[operator]
        shown = f'<a href="{link}">{text}</a>' if position < 2 else text
        cells.append(f'<td class="who">{shown}</td>')
    if scored:
        for group in result.groups:
            points = escape(group_text(result, group.group_id, group.points))
            cells.append(f'<td class="group">{points}</td>')
        cells.append(f'<td class="total">{escape(total_cell(result))}</td>')
    verdict = wording.verdict(result)
    badge = f'<span class="verdict {VERDICT_CLASS[result.verdict]}">{escape(verdict)}</span>'
    cells.append(f'<td class="verdict-cell">{badge}</td>')
    cells.append(f'<td class="reason">{escape(local(wording.explain(result), run.folder))}</td>')
    return (
        f'<tr id="{anchor}" data-village="{escape(result.village or "")}" '
        f'data-verdict="{escape(verdict)}">{"".join(cells)}</tr>'
    )


def _filters(index: int, title: TitleResult, wording: Wording) -> str:
    villages = sorted({r.village or "" for r in title.results})
    verdicts = list(dict.fromkeys(wording.verdict(r) for r in title.results))
    village_options = "".join(
        f'<option value="{escape(v)}">{escape(v or "(không ghi)")}</option>' for v in villages
    )
    verdict_options = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in verdicts)
    return f"""<div class="filters" data-for="bang-{index}">
<label>Thôn <select class="filter" data-attribute="village">
<option value="*">Tất cả</option>{village_options}</select></label>
<label>Kết quả <select class="filter" data-attribute="verdict">
<option value="*">Tất cả</option>{verdict_options}</select></label>
<span class="shown" aria-live="polite"></span>
</div>"""


def _villages(title: TitleResult) -> str:
    criteria = title.criteria.criteria
    if not criteria.identity.village:
        return ""
    label = criteria.field(criteria.identity.village).label
    rows = "".join(
        f"<tr><td>{escape(row['village'] or '(không ghi)')}</td><td>{row['assessed']}</td>"
        f"<td>{row['pass']}</td><td>{row['fail']}</td><td>{row['incomplete']}</td>"
        f"<td>{escape(percent(share(row['pass'], row['assessed'])))}</td></tr>"
        for row in summary_by_village(title.results)
    )
    return _summary_table("Tổng hợp theo " + label.lower(), label, rows)


def _titles(titles: Sequence[TitleResult]) -> str:
    rows = []
    for title in titles:
        counts = verdict_counts(title.results)
        rate = share(counts["pass"], counts["assessed"])
        rows.append(
            f"<tr><td>{escape(title.criteria.criteria.title)}</td><td>{counts['assessed']}</td>"
            f"<td>{counts['pass']}</td><td>{counts['fail']}</td><td>{counts['incomplete']}</td>"
            f"<td>{escape(percent(rate))}</td></tr>"
        )
    return _summary_table("Tổng hợp theo danh hiệu", "Danh hiệu", "".join(rows))


def _summary_table(caption: str, first: str, rows: str) -> str:
    columns = (first, "Số hồ sơ", "Đạt", "Không đạt", "Chưa đủ dữ liệu", "Tỉ lệ đạt")
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    return (
        f'<div class="scroll"><table class="summary"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _notices(run: Run) -> str:
    """The succession (fallback) and provisional notices, as the terminal's two panels."""
    evaluation = run.evaluation
    parts = []
    if evaluation.fallbacks:
        items = "".join(
            f"<li>{escape(local(f.message[:-1], run.folder))} (chọn bộ tiêu chí khác ở ô "
            "«Bộ tiêu chí» của trang đầu).</li>"
            for f in evaluation.fallbacks
        )
        parts.append(
            '<section class="box error" id="ngoai-giai-doan"><h2>Lưu ý: bộ tiêu chí ngoài giai '
            f"đoạn</h2><ul>{items}</ul></section>"
        )
    provisional = [t for t in evaluation.titles if t.criteria.criteria.is_provisional]
    if provisional:
        blocks = []
        for title in provisional:
            criteria = title.criteria.criteria
            notes = "".join(f"<li>{escape(n)}</li>" for n in Names(criteria).provisional_notes())
            blocks.append(f"<h3>{escape(criteria.title)} ({escape(criteria.version)})</h3>")
            blocks.append(f"<ul>{notes}</ul>")
        warning = PROVISIONAL_WARNING.replace("(--criteria)", "(chọn ở ô «Bộ tiêu chí»)")
        parts.append(
            '<section class="box warn" id="tam-tinh"><h2>Lưu ý: giá trị tạm tính</h2>'
            f"<p>{escape(warning)}</p>{''.join(blocks)}</section>"
        )
    return "\n".join(parts)


def _problems(run: Run, problems: list[Problem], anchors: Anchors) -> str:
    """Errors with a link to the applicant's row when it was evaluated, then notices."""
    errors, notices = split_problems(problems)
    parts = []
    for heading, items, kind in (
        (f"Lỗi dữ liệu ({len(errors)})", errors, "loi-du-lieu"),
        (f"Lưu ý khi đọc dữ liệu ({len(notices)})", notices, "luu-y-doc"),
    ):
        if not items:
            continue
        lines = []
        for problem in items:
            where = escape(local(problem.location(), run.folder))
            anchor = anchors.get((problem.file, problem.sheet, problem.row))
            if anchor:
                where = f'<a href="#{anchor}">{where}</a>'
            lines.append(f"<li>{where}: {escape(local(problem.message, run.folder))}</li>")
        parts.append(f'<section id="{kind}"><h2>{heading}</h2><ul>{"".join(lines)}</ul></section>')
    return "\n".join(parts)


def _provenance(run: Run) -> str:
    from hoctap_cli.outputs.words.provenance import provenance_lines

    lines = "".join(
        f"<dt>{escape(local(label, run.folder))}</dt><dd>{escape(local(value, run.folder))}</dd>"
        for label, value in provenance_lines(run.evaluation)
    )
    summary = "<summary>Nguồn gốc kết quả</summary>"
    return f'<details class="provenance">{summary}<dl>{lines}</dl></details>'


def _downloads(run: Run, downloads: Sequence[tuple[str, str, bool]]) -> str:
    plain: list[str] = []
    with_settings: list[str] = []
    for name, label, uses_settings in downloads:
        button = (
            f'<button type="submit" formaction="/lan/{run.id}/tai/{escape(name)}" '
            f'data-name="{escape(name)}">{escape(label)}</button>'
        )
        (with_settings if uses_settings else plain).append(button)
    return f"""<section id="tai-ve"><h2>Tải về</h2>
<form method="post" class="downloads" id="tai-ve-form">
<div class="buttons">{"".join(with_settings)}</div>
<div class="buttons">{"".join(plain)}</div>
{_skipped_note(run)}
<details class="settings" open>
<summary>Thông tin của xã cho danh sách, quyết định, báo cáo</summary>
<p class="hint">Điền để in sẵn vào danh sách, quyết định và báo cáo; trình duyệt nhớ các ô
này trên máy này cho lần sau. Ô nào bỏ trống thì tệp tải về để chỗ chấm (……) để điền tay.</p>
{settings_fields(_recognised_titles(run))}
</details>
</form></section>"""


def _skipped_note(run: Run) -> str:
    """Which uploaded workbooks have no copy with results: they could not be read."""
    from hoctap_cli.web.downloads import skipped_workbooks

    skipped = skipped_workbooks(run)
    if not skipped:
        return ""
    names = ", ".join(f"«{path.name}»" for path in skipped)
    return (
        f'<p class="hint" id="bang-bo-qua">Không có bảng kèm kết quả cho {escape(names)}: '
        "không đọc được tệp (xem mục Lỗi dữ liệu).</p>"
    )


def _recognised_titles(run: Run) -> list[tuple[str, str, bool]]:
    """Each title of the run once: (id, name, whether its criteria say the commune
    recognises it), for the form's "who recognises" drop-downs."""
    seen: dict[str, tuple[str, str, bool]] = {}
    for title in run.evaluation.titles:
        criteria = title.criteria.criteria
        by_commune = criteria.recognition.recognised_by == "commune"
        seen.setdefault(criteria.id, (criteria.id, criteria.title, by_commune))
    return list(seen.values())
