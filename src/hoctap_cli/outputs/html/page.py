"""The whole HTML document: one self-contained file, styles inline, no script, no address."""

from __future__ import annotations

from importlib.resources import files
from string import Template

from hoctap_cli.outputs.html import sections
from hoctap_cli.outputs.html.blocks import section, text
from hoctap_cli.outputs.html.data import ReportData
from hoctap_cli.outputs.papers.letterhead import BLANK, Letterhead, commune_in_text
from hoctap_cli.outputs.papers.xlsx_layout import MOTTO, SLOGAN

DOCUMENT = Template(
    """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hoctap $version">
<title>$title</title>
<style>
$css
</style>
</head>
<body>
$letterhead<header class="masthead">
<p class="kicker">Phong trào xây dựng xã hội học tập, đẩy mạnh học tập suốt đời</p>
<h1>$title</h1>
<p class="meta">$meta</p>
</header>
<nav class="toc" aria-label="Mục lục"><p class="toc-title">Mục lục</p><ol>$toc</ol></nav>
<main>
$body
</main>
<footer class="colophon"><p>Lập bằng hoctap $version. Kết quả tính từ dữ liệu đã nhập và
bộ tiêu chí ghi ở mục “Nguồn gốc kết quả”; chạy lại cùng lệnh với cùng tệp cho cùng kết quả.</p>
</footer>
</body>
</html>
"""
)


def render_page(data: ReportData) -> str:
    """The report as one HTML string."""
    from hoctap_cli.version import __version__

    parts = _parts(data)
    head = data.letterhead
    if head is not None:  # signed at the end of the findings; the rest follows as appendices
        signed = signature_html(head, data.recipients)
        parts = [(a, h, html + signed if a == "can-theo-doi" else html) for a, h, html in parts]
    toc = "".join(
        f'<li><a href="#{anchor}">{text(heading)}</a></li>' for anchor, heading, _ in parts
    )
    body = "".join(
        section(anchor, f"{n}. {heading}", html)
        for n, (anchor, heading, html) in enumerate(parts, start=1)
    )
    title = f"Báo cáo kết quả xét công nhận danh hiệu học tập năm {data.year}"
    if head is not None and head.commune:
        title += f" trên địa bàn {commune_in_text(head.commune)}"
    meta = f"Ngày xét: {data.as_of:%d/%m/%Y} · Tệp đầu vào: {', '.join(data.inputs) or '–'}"
    if len(data.years) > 1:
        meta += f" · Các năm: {', '.join(str(year) for year in data.years)}"
    return DOCUMENT.substitute(
        version=text(__version__),
        title=text(title),
        meta=text(meta),
        css=stylesheet(),
        toc=toc,
        body=body,
        letterhead=letterhead_html(head) if head else "",
    )


def letterhead_html(head: Letterhead) -> str:
    """Issuing body and report number (left), national motto, place and date (right)."""
    parent = f'<p class="parent">{text(head.parent)}</p>' if head.parent else ""
    return (
        '<div class="letterhead"><div class="issuer">'
        f'{parent}<p class="body">{text(head.body)}</p><p class="rule"></p>'
        f"<p>Số: {text(BLANK)}/BC-UBND</p></div>"
        f'<div class="motto"><p class="nation">{text(MOTTO)}</p>'
        f'<p class="slogan">{text(SLOGAN)}</p><p class="rule"></p>'
        f'<p class="place-date">{text(head.place_date)}</p></div></div>\n'
    )


def signature_html(head: Letterhead, recipients: tuple[str, ...]) -> str:
    """'Nơi nhận' (left) and the signer (right), as at the foot of an administrative paper."""
    sent = [*recipients, "Lưu: VT"]
    items = "".join(f"<li>- {text(line.rstrip(';. '))}{';' if n < len(sent) else '.'}</li>"
                    for n, line in enumerate(sent, start=1))  # fmt: skip
    return (
        '<div class="signature"><div class="recipients"><p class="to">Nơi nhận:</p>'
        f"<ul>{items}</ul></div>"
        f'<div class="signer"><p class="role">{text(head.on_behalf)}</p>'
        f'<p class="role">{text(head.position)}</p><p class="sign-note">(Ký tên, đóng dấu)</p>'
        f'<p class="name">{text(head.signer or "")}</p></div></div>\n'
    )


def _parts(data: ReportData) -> list[tuple[str, str, str]]:
    """(anchor, heading, HTML) of each section present, in reading order."""
    numbering = sections.Numbering()
    parts = [
        (
            "tong-quan",
            "Tổng quan",
            sections.provisional_callout(data) + sections.headline(data, numbering),
        ),
    ]
    if data.villages:
        parts.append(("theo-thon", "Tỉ lệ công nhận theo thôn", sections.villages(data, numbering)))
    if data.missed:
        parts.append(("tieu-chi", sections.MISSED_HEADING, sections.missed(data, numbering)))
    if data.histograms:
        parts.append(("phan-bo-diem", "Phân bố tổng điểm", sections.totals(data, numbering)))
    if data.trend:
        parts.append(("xu-huong", "Xu hướng qua các năm", sections.trend(data, numbering)))
    parts.append(("can-theo-doi", "Hồ sơ sắp đạt cần theo dõi", sections.follow_up(data)))
    if data.provisional:
        parts.append(("tam-tinh", "Giá trị tạm tính", sections.provisional(data)))
    if data.problems or data.notices:
        heading = "Lỗi dữ liệu" if data.problems else sections.NOTICES_HEADING
        parts.append(("loi-du-lieu", heading, sections.problems(data)))
    parts.append(("nguon-goc", "Nguồn gốc kết quả", sections.provenance(data)))
    return parts


def stylesheet() -> str:
    """The report's style sheet, shipped beside this module."""
    return files("hoctap_cli.outputs.html").joinpath("report.css").read_text(encoding="utf-8")
