"""The page's frame and its first screen: choose files and criteria, then send them.

Everything that came from an input (a name, a file name, a message quoting a cell) goes
through ``escape``; the page loads only its own style sheet and script.
"""

from __future__ import annotations

from html import escape

from hoctap_cli.version import __version__

STATIC = "/tep"  # where the package's style sheet and script are served


def frame(title: str, body: str, *, wide: bool = False) -> str:
    """A whole Vietnamese page around ``body``."""
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{STATIC}/page.css">
<script src="{STATIC}/page.js" defer></script>
</head>
<body>
<header class="top"><a href="/" class="brand">hoctap</a>
<span>Chấm điểm, xét công nhận danh hiệu học tập</span></header>
<main class="{"wide" if wide else "narrow"}">
{body}
</main>
<footer>hoctap {escape(__version__)} · chạy trên máy này, không gửi dữ liệu ra ngoài</footer>
</body>
</html>
"""


def message_box(message: str | None, heading: str = "Không chấm được") -> str:
    """The place where errors appear, in the CLI's words; empty but present when none."""
    if not message:
        return '<div id="thong-bao" role="alert"></div>'
    return (
        f'<div id="thong-bao" role="alert" class="box error"><strong>{heading}:</strong> '
        f'<pre class="message">{escape(message)}</pre></div>'
    )


def criteria_choices(selected: str = "") -> str:
    """The drop-down of shipped criteria sets, recognition first (as without --criteria)."""
    from hoctap_cli.criteria.catalog import shipped_catalog

    options = ['<option value="">Tự nhận ra từ tệp</option>']
    entries = sorted(
        shipped_catalog().entries, key=lambda e: (e.criteria.title, e.criteria.effective_from)
    )
    for entry in entries:
        criteria = entry.criteria
        key = f"{criteria.id}@{criteria.version}"
        label = f"{criteria.title} — {criteria.document.number} ({criteria.version})"
        chosen = " selected" if key == selected else ""
        options.append(f'<option value="{escape(key)}"{chosen}>{escape(label)}</option>')
    return "\n".join(options)


def start_page(message: str | None = None, selected: str = "") -> str:
    """The first screen: files, criteria, and the button that sends them."""
    body = f"""<h1>Chấm hồ sơ danh hiệu học tập</h1>
<p class="lead">Chọn hoặc kéo thả bảng hồ sơ của thôn, xã (.xlsx, .xls, .ods, .csv). Kết quả
hiện ngay dưới đây; tải về danh sách công nhận, quyết định, báo cáo ở cuối trang kết quả.</p>
{message_box(message)}
<form id="cham" method="post" action="/cham" enctype="multipart/form-data">
<label class="drop" for="tep-ho-so">
<span class="drop-title">Kéo thả tệp vào đây, hoặc bấm để chọn tệp</span>
<span class="drop-hint">Có thể chọn nhiều tệp cùng lúc</span>
<span class="drop-button">Chọn tệp…</span>
<input id="tep-ho-so" name="tep" type="file" multiple
 accept=".xlsx,.xlsm,.xls,.ods,.csv">
<span id="da-chon" class="chosen" aria-live="polite"></span>
</label>
<div class="field">
<label for="bo-tieu-chi">Bộ tiêu chí</label>
<select id="bo-tieu-chi" name="criteria">
{criteria_choices(selected)}
</select>
</div>
<div class="field">
<label for="tieu-chi-tinh">Hoặc tệp tiêu chí của tỉnh (.yaml)</label>
<input id="tieu-chi-tinh" name="tieu_chi_tinh" type="file" accept=".yaml,.yml">
</div>
<div class="actions">
<button type="submit" id="nut-cham">Chấm điểm</button>
<progress id="tien-do" hidden></progress>
<span id="trang-thai" aria-live="polite"></span>
</div>
</form>"""
    return frame("Chấm hồ sơ — hoctap", body)


def error_page(message: str, back: str = "/") -> str:
    """A refusal that is not about the first screen's form (a download, an unknown run)."""
    body = f"""{message_box(message, "Không thực hiện được")}
<p><a href="{escape(back)}">← Quay lại</a></p>"""
    return frame("Không thực hiện được — hoctap", body)
