"""The whole HTML document: one self-contained file, styles inline, no script, no address."""

from __future__ import annotations

from importlib.resources import files
from string import Template

from hoctap_cli.report.html import sections
from hoctap_cli.report.html.blocks import section, text
from hoctap_cli.report.html.data import ReportData

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
<header class="masthead">
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
    from hoctap_cli import __version__

    parts = _parts(data)
    toc = "".join(
        f'<li><a href="#{anchor}">{text(heading)}</a></li>' for anchor, heading, _ in parts
    )
    body = "".join(
        section(anchor, f"{n}. {heading}", html)
        for n, (anchor, heading, html) in enumerate(parts, start=1)
    )
    title = f"Báo cáo kết quả xét công nhận danh hiệu học tập năm {data.year}"
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
        parts.append(("tieu-chi", "Tiêu chí chưa đạt nhiều nhất", sections.missed(data, numbering)))
    if data.histograms:
        parts.append(("phan-bo-diem", "Phân bố tổng điểm", sections.totals(data, numbering)))
    if data.trend:
        parts.append(("xu-huong", "Xu hướng qua các năm", sections.trend(data, numbering)))
    parts.append(("can-theo-doi", "Hồ sơ sắp đạt cần theo dõi", sections.follow_up(data)))
    if data.provisional:
        parts.append(("tam-tinh", "Giá trị tạm tính", sections.provisional(data)))
    if data.problems:
        parts.append(("loi-du-lieu", "Lỗi dữ liệu", sections.problems(data)))
    parts.append(("nguon-goc", "Nguồn gốc kết quả", sections.provenance(data)))
    return parts


def stylesheet() -> str:
    """The report's style sheet, shipped beside this module."""
    return files("hoctap_cli.report.html").joinpath("report.css").read_text(encoding="utf-8")
