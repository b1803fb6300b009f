"""``hoctap giao-dien`` over plain HTTP: what a request can and cannot make the server do.

The server runs for real (uvicorn on 127.0.0.1, port 0); requests are sent with urllib, so
malformed bodies, unknown ids and foreign hosts can be sent as an attacker would.
"""

from __future__ import annotations

import http.client
import io
import json
import re
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from tests.support import EXAMPLE_XLSX, FAMILY_HEADER, ROOT, RunCli, results_of
from tests.web_support import Served, served

from hoctap_cli.web.store import RunStore
from hoctap_cli.web.uploads import safe_name

VILLAGE = ("tep", "thon-ea-sup-gia-dinh-2025.xlsx", EXAMPLE_XLSX.read_bytes())
COMMUNE_XLSX = ROOT / "examples" / "xa-quang-phu-2025.xlsx"


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with served() as running:
        yield running


def _message(answer_text: str) -> str:
    found = re.search(r'<pre class="message">(.*?)</pre>', answer_text, re.S)
    assert found, answer_text[-800:]
    return found.group(1)


def _run(server: Served, *files: tuple[str, str, bytes], **fields: str) -> str:
    answer = server.post("/cham", files or [VILLAGE], fields)
    assert answer.status == 303, answer.text[-800:]
    return answer.headers["location"]


def test_a_run_is_kept_in_a_private_folder(server: Served) -> None:
    """It writes the upload under a run folder of mode 0700 inside a root of mode 0700."""
    run_id = _run(server).rsplit("/", 1)[-1]
    run = server.store.get(run_id)
    assert run is not None
    assert stat.S_IMODE(server.store.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(run.folder.stat().st_mode) == 0o700
    assert run.inputs == [run.folder / "thon-ea-sup-gia-dinh-2025.xlsx"]


def test_uploaded_names_never_leave_the_run_folder(server: Served) -> None:
    """It strips folders and odd characters from an uploaded name, and numbers a repeat."""
    data = EXAMPLE_XLSX.read_bytes()
    location = _run(server, ("tep", "../../../etc/x.xlsx", data), ("tep", "..\\x.xlsx", data))
    run = server.store.get(location.rsplit("/", 1)[-1])
    assert run is not None
    assert [p.name for p in run.inputs] == ["x.xlsx", "x-2.xlsx"]
    assert all(p.parent == run.folder for p in run.inputs)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../a.xlsx", "a.xlsx"),
        ("C:\\Hồ sơ\\Thôn Ea Súp.xlsx", "Thôn Ea Súp.xlsx"),
        ("<script>.csv", "script.csv"),
        ("..", "tep"),
        ("a\x00b.xlsx", "a-b.xlsx"),
    ],
)
def test_safe_names(given: str, kept: str) -> None:
    """It reduces a browser's file name to a plain name with no folder."""
    assert safe_name(given) == kept


def test_the_page_and_an_explanation_are_served(server: Served) -> None:
    """It shows the verdicts and the village summary, and explains one household."""
    location = _run(server)
    page = server.get(location).text
    assert page.count('<tr id="ho-0-') == 38
    assert "Tổng hợp theo thôn" in page and "Lỗi dữ liệu (" in page
    explained = server.get(location + "/giai-thich/0/0")
    assert explained.status == 200
    assert "Kết quả: " in explained.text and "Mục" in explained.text
    assert str(server.store.root) not in explained.text + page


def test_every_download_opens(server: Served) -> None:
    """It offers every file the CLI writes, and each opens as what it claims to be."""
    location = _run(server)
    settings = {"xa": "Xã Ea Súp", "ngay": "15/12/2025", "nguoi_ky": "Nguyễn Văn A"}
    got = {}
    names = ("bang-ket-qua.xlsx", "danh-sach.xlsx", "quyet-dinh.docx", "bao-cao.html",
             "ket-qua.json", "ket-qua.csv", "danh-sach.csv", "danh-sach-thong-ke.json")  # fmt: skip
    for name in names:
        answer = server.post(f"{location}/tai/{name}", fields=settings)
        assert answer.status == 200, (name, answer.text[-600:])
        assert "attachment" in answer.headers["content-disposition"]
        got[name] = answer.body
    listed = openpyxl.load_workbook(io.BytesIO(got["danh-sach.xlsx"]))
    assert "Thống kê" in listed.sheetnames
    assert results_of(json.loads(got["ket-qua.json"]))
    assert json.loads(got["danh-sach-thong-ke.json"])["statistics"]
    assert "EA SÚP" in got["bao-cao.html"].decode("utf-8").upper()
    assert got["quyet-dinh.docx"][:2] == b"PK"


def test_settings_errors_name_the_forms_fields(server: Served) -> None:
    """It refuses a year that is not one under the field's label, without the file the
    officer never saw, its line or its key."""
    location = _run(server)
    answer = server.post(location + "/tai/danh-sach.xlsx", fields={"nam": "năm nay"})
    assert answer.status == 400
    message = _message(answer.text)
    assert "Năm công nhận: cần một năm, ví dụ 2025" in message
    assert "cai-dat" not in message and "dòng" not in message and "nam&#x27;" not in message
    day = server.post(location + "/tai/danh-sach.xlsx", fields={"ngay": "31/02/2025"})
    assert _message(day.text).startswith("thông tin của xã không dùng được:\nNgày ký")


def test_who_recognises_is_chosen_by_title_name(server: Served) -> None:
    """It offers who recognises each title as a drop-down of the title's Vietnamese name,
    says nothing of the command line, and takes the choice as the title's id."""
    location = _run(server)
    page = server.get(location).text
    chooser = re.search(r'<label for="cai-dat-cong-nhan-0">([^<]*)</label><select[^>]*>', page)
    assert chooser, page[-3000:]
    assert chooser.group(1) == "Danh hiệu «Gia đình học tập»"
    assert "<legend>Ai công nhận từng danh hiệu</legend>" in page
    assert 'name="cong_nhan.gia-dinh-hoc-tap"' in chooser.group(0)
    assert "--settings" not in page and "khóa" not in page
    higher = {"cong_nhan.gia-dinh-hoc-tap": "cap-tren"}
    refused = server.post(location + "/tai/quyet-dinh.docx", fields=higher)
    assert refused.status == 400 and "Xã công nhận" in _message(refused.text)
    commune = {"cong_nhan.gia-dinh-hoc-tap": "xa"}
    assert server.post(location + "/tai/quyet-dinh.docx", fields=commune).status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/lan/0123456789abcdef0123456789abcdef",
        "/lan/..%2F..%2Fetc",
        "/lan/../../etc/passwd",
        "/lan/0123456789abcdef0123456789abcdef/tai/danh-sach.xlsx",
        "/lan/0123456789abcdef0123456789abcdef/giai-thich/0/0",
        "/tep/..%2F__init__.py",
        "/tep/app.py",
    ],
)
def test_unknown_addresses_are_refused_in_vietnamese(server: Served, path: str) -> None:
    """It answers 404 with a Vietnamese page for an unknown run, file or address."""
    answer = server.get(path)
    assert answer.status == 404
    assert "không" in answer.text and "Traceback" not in answer.text


def test_only_listed_outputs_are_built(server: Served) -> None:
    """It refuses a download name that is not in the whitelist, and an applicant not there."""
    location = _run(server)
    assert server.get(location + "/tai/..%2F..%2Fetc%2Fpasswd").status == 404
    assert server.get(location + "/tai/thon-ea-sup-gia-dinh-2025.xlsx").status == 404
    assert server.get(location + "/giai-thich/0/9999").status == 404
    assert server.get(location + "/giai-thich/7/0").status == 404


def test_a_criteria_name_is_never_a_path(server: Served) -> None:
    """It refuses a criteria choice that is no shipped set (a .yaml name would be a path)."""
    answer = server.post("/cham", [VILLAGE], {"criteria": "/etc/hoctap.yaml"})
    assert answer.status == 400
    assert "không có bộ tiêu chí &#x27;/etc/hoctap.yaml&#x27;" in _message(answer.text)


def test_a_bad_criteria_file_is_explained(server: Served) -> None:
    """It shows why an uploaded criteria file cannot be used, as the CLI does."""
    bad = ("tieu_chi_tinh", "tinh.yaml", b"id: [unclosed\n")
    answer = server.post("/cham", [VILLAGE, bad])
    assert answer.status == 400
    assert "tệp tiêu chí không dùng được" in _message(answer.text)
    assert len(list(server.store.root.iterdir())) == len(server.store._runs)


def test_a_provincial_criteria_file_is_used(server: Served) -> None:
    """It evaluates with an uploaded provincial file that extends a shipped set."""
    provincial = (
        "tieu_chi_tinh",
        "tinh.yaml",
        (ROOT / "examples/tieu-chi-tinh-vi-du.yaml").read_bytes(),
    )
    page = server.get(_run(server, VILLAGE, provincial)).text
    assert "tieu-chi-tinh.yaml" in page and page.count('<tr id="ho-0-') == 38


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ([("tep", "a.xlsx", b"not a workbook")], "không đọc được tệp đầu vào nào"),
        ([("tep", "a.exe", b"MZ")], "không phải bảng hồ sơ"),
        ([("tep", "a.xlsx", b"")], "trống"),
        ([], "không có tệp hồ sơ nào để chấm"),
    ],
)
def test_input_errors_are_shown_on_the_page(
    server: Served, files: list[tuple[str, str, bytes]], said: str
) -> None:
    """It answers a bad upload with the page and the CLI's message, and keeps no folder."""
    answer = server.post("/cham", files)
    assert answer.status == 400
    assert said in _message(answer.text)
    assert str(server.store.root) not in answer.text
    assert server.get("/").status == 200


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("multipart/form-data", "không đọc được dữ liệu gửi lên"),  # no boundary
        ("application/json", "không có tệp hồ sơ nào để chấm"),
        ("multipart/form-data; boundary=abc", "không đọc được dữ liệu gửi lên"),  # no parts
    ],
)
def test_a_malformed_body_does_not_stop_the_server(server: Served, kind: str, said: str) -> None:
    """It answers a broken body with 400 and the reason, and goes on serving."""
    host = server.url.removeprefix("http://")
    connection = http.client.HTTPConnection(host, timeout=30)
    connection.request("POST", "/cham", b"{not: multipart", {"content-type": kind})
    answer = connection.getresponse()
    assert answer.status == 400
    assert said in _message(answer.read().decode("utf-8"))
    connection.close()
    assert server.get("/").status == 200


def test_a_huge_upload_is_refused() -> None:
    """It refuses a body over the limit, whether announced or streamed, and keeps nothing."""
    with served(max_upload=1_000_000) as small:
        host = small.url.removeprefix("http://")
        # Announced: refused from the headers, before a byte of the body is read (so the
        # body is not sent: the server may close the connection while it would be).
        announced = http.client.HTTPConnection(host, timeout=30)
        announced.putrequest("POST", "/cham")
        announced.putheader("content-type", "multipart/form-data; boundary=abc")
        announced.putheader("content-length", "1500000")
        announced.endheaders()
        answer = announced.getresponse()
        assert answer.status == 413
        assert "lớn quá 1 MB" in answer.read().decode("utf-8")
        announced.close()
        # Streamed with no length: refused once the limit is passed.
        connection = http.client.HTTPConnection(host, timeout=30)
        connection.putrequest("POST", "/cham")
        connection.putheader("content-type", "multipart/form-data; boundary=abc")
        connection.putheader("transfer-encoding", "chunked")
        connection.endheaders()
        chunk = b'--abc\r\nContent-Disposition: form-data; name="tep"; filename="a.xlsx"\r\n\r\n'
        chunk += b"x" * 1_200_000
        try:
            for start in range(0, len(chunk), 100_000):
                part = chunk[start : start + 100_000]
                connection.send(b"%x\r\n%s\r\n" % (len(part), part))
            connection.send(b"0\r\n\r\n")
            status = connection.getresponse().status
        except (BrokenPipeError, ConnectionResetError):
            # The server stopped reading at the limit and closed before the rest was sent;
            # what matters then is below: nothing kept, and the server still serving.
            status = 413
        assert status == 413
        connection.close()
        assert list(small.store.root.iterdir()) == []
        assert small.get("/").status == 200


def test_script_and_formulas_in_names_stay_text(server: Served) -> None:
    """It escapes a name like a script on the page, and the CSV keeps a formula inert."""
    rows = [
        ",".join(FAMILY_HEADER),
        "X1,<script>alert(1)</script>,<b>Thôn</b>,2,2,2,2,9,2,2,2,5,10,15",
        'X2,"=HYPERLINK(""http://x"",""y"")",Thôn,2,2,2,2,9,2,2,2,5,10,15',
    ]
    upload = ("tep", "<img src=x onerror=alert(1)>.csv", "\n".join(rows).encode("utf-8"))
    location = _run(server, upload, criteria="gia-dinh-hoc-tap@448-2015")
    page = server.get(location).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Thôn" not in page and "<img" not in page
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page
    results = server.get(location + "/tai/ket-qua.csv").body.decode("utf-8-sig")
    assert "<script>alert(1)</script>" in results
    assert "'=HYPERLINK" in results


def test_the_page_loads_nothing_from_elsewhere(server: Served) -> None:
    """It forbids outside scripts, styles and fonts, and refers only to its own files."""
    answer = server.get("/")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert not re.search(r'(src|href)="(https?:)?//', answer.text)
    css = server.get("/tep/page.css").text + server.get("/tep/page.js").text
    assert "http://" not in css and "https://" not in css and "@import" not in css


def test_a_foreign_host_or_origin_is_refused(server: Served) -> None:
    """It refuses a request naming another host (DNS rebinding) and a post from another site."""
    assert server.get("/", headers={"host": "evil.example"}).status == 400
    answer = server.post("/cham", [VILLAGE], headers={"origin": "http://evil.example"})
    assert answer.status == 403


def test_another_host_needs_the_token() -> None:
    """It refuses every request without the token, then accepts its cookie."""
    with served(token="s3cret") as guarded:
        assert guarded.get("/").status == 403
        assert guarded.get("/?ma=wrong").status == 403
        assert guarded.get("/tep/page.css").status == 403
        first = guarded.get("/?ma=s3cret")
        assert first.status == 200
        cookie = first.headers["set-cookie"].split(";", 1)[0]
        assert "HttpOnly" in first.headers["set-cookie"]
        assert guarded.get("/tep/page.css", headers={"cookie": cookie}).status == 200


def test_runs_expire_and_the_store_cleans_up() -> None:
    """It forgets an expired run and removes its folder, and removes the root on close."""
    store = RunStore(lifetime=0.05)
    run_id, folder = store.new_folder()
    from hoctap_cli.web.store import Run

    store.add(Run(run_id, folder, [], None, None, 0.0))  # type: ignore[arg-type]
    assert store.get(run_id) is not None
    time.sleep(0.1)
    assert store.get(run_id) is None and not folder.exists()
    store.close()
    assert not store.root.exists()


def test_the_command_has_vietnamese_help(run_cli: RunCli) -> None:
    """It describes giao-dien and its options in Vietnamese."""
    result = run_cli("giao-dien", "--help")
    assert result.exit_code == 0
    assert "--khong-mo-trinh-duyet" in result.output and "trình duyệt" in result.output


def test_without_the_extra_it_says_how_to_install(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It says in Vietnamese how to install the web extra (exit 2), never a traceback."""
    monkeypatch.setitem(sys.modules, "hoctap_cli.web.server", None)
    result = run_cli("giao-dien", "--khong-mo-trinh-duyet")
    assert result.exit_code == 2
    assert 'pip install "hoctap[web]"' in result.output
    assert "Traceback" not in result.output


def test_the_command_line_starts_without_the_web_stack() -> None:
    """It never imports Starlette or uvicorn when ``hoctap`` starts."""
    code = (
        "import sys, hoctap_cli.cli.app; "
        "print(any(m.split('.')[0] in ('starlette', 'uvicorn') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_command_serves_and_stops_cleanly(tmp_path: Path) -> None:
    """It prints the address of a live server on 127.0.0.1 and removes its folder on Ctrl+C."""
    import signal
    import urllib.request

    command = [sys.executable, "-m", "hoctap_cli", "giao-dien", "--khong-mo-trinh-duyet"]
    environment = {"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            url = re.search(r"http://127\.0\.0\.1:\d+/", line)
            assert url, line
            with urllib.request.urlopen(url.group(0), timeout=30) as answer:
                assert "Chấm hồ sơ" in answer.read().decode("utf-8")
            assert [p.name for p in tmp_path.iterdir()][0].startswith("hoctap-giao-dien-")
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(30)
    assert list(tmp_path.iterdir()) == []


def test_skipped_rows_are_noticed_not_counted(server: Served) -> None:
    """It lists a total row the layout step skipped under the reading notices, as evaluate
    does, and does not count it as a household."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH HỘ GIA ĐÌNH HỌC TẬP NĂM 2025"])
    sheet.append(FAMILY_HEADER)
    sheet.append(["H1", "Nguyễn Văn An", "Thôn 1", 2, 2, 2, 2, 9, 2, 2, 2, 5, 10, 15])
    sheet.append(["H2", "Trần Thị Bình", "Thôn 1", 1, 1, 1, 1, 8, 2, 2, 2, 5, 10, 15])
    sheet.append(["Tổng cộng", None, None, 3, 3, 3, 3, 17, 4, 4, 4, 10, 20, 30])
    buffer = io.BytesIO()
    book.save(buffer)
    page = server.get(_run(server, ("tep", "thon.xlsx", buffer.getvalue()))).text
    assert page.count('<tr id="ho-0-') == 2
    notices = page[page.index('<section id="luu-y-doc">') :]
    assert "Lưu ý khi đọc dữ liệu (1)" in notices and "dòng 5" in notices


def test_no_download_names_the_servers_private_folder(server: Served) -> None:
    """It names the uploaded workbook as the officer knows it in every download and page:
    the folder where the server keeps uploads stays out of papers, JSON and CSV."""
    location = _run(server)
    private = str(server.store.root)
    texts = {"trang": server.get(location).text}
    for name in ("ket-qua.json", "ket-qua.csv", "bao-cao.html", "danh-sach.json"):
        texts[name] = server.post(f"{location}/tai/{name}", fields={}).body.decode("utf-8-sig")
    for name in ("danh-sach.xlsx", "bang-ket-qua.xlsx"):
        book = zipfile.ZipFile(io.BytesIO(server.post(f"{location}/tai/{name}", fields={}).body))
        texts[name] = "".join(book.read(part).decode("utf-8") for part in book.namelist())
    assert {name: private in text for name, text in texts.items()} == dict.fromkeys(texts, False)
    document = json.loads(texts["ket-qua.json"])
    assert document["inputs"][0]["file"] == EXAMPLE_XLSX.name
    assert results_of(document)[0]["source"]["file"] == EXAMPLE_XLSX.name


def test_the_time_taken_is_written_with_a_decimal_comma(server: Served) -> None:
    """It says how long the run took as Vietnamese writes numbers ("0,4 giây")."""
    page = server.get(_run(server)).text
    assert re.search(r'chấm trong <span id="thoi-gian">\d+,\d</span> giây', page)
    assert "38 hồ sơ từ thon-ea-sup-gia-dinh-2025.xlsx" in page


def test_a_commune_run_counts_its_titles(server: Served) -> None:
    """It says the households of a whole commune are those of all its titles, so that the
    count does not read as the first table's."""
    page = server.get(_run(server, ("tep", COMMUNE_XLSX.name, COMMUNE_XLSX.read_bytes()))).text
    assert "546 hồ sơ của 11 danh hiệu từ xa-quang-phu-2025.xlsx" in page


def test_a_non_ascii_token_is_refused_not_a_crash() -> None:
    """It refuses a token with a character outside ASCII, in the address, the cookie or
    sent raw, with the Vietnamese page (403), never an error 500."""
    with served(token="s3cret") as guarded:
        answer = guarded.get("/?ma=%C3%A9")
        assert answer.status == 403 and "cần mã truy cập" in answer.text
        assert guarded.get("/", headers={"cookie": "hoctap_ma=é"}).status == 403
        host = guarded.url.removeprefix("http://")
        connection = http.client.HTTPConnection(host, timeout=30)
        connection.putrequest("GET", "/")
        connection.putheader("cookie", "hoctap_ma=ắ".encode())
        connection.endheaders()
        raw = connection.getresponse()
        assert raw.status == 403 and "cần mã truy cập" in raw.read().decode("utf-8")
        connection.close()


@pytest.mark.parametrize("count", [51, 60])
def test_too_many_files_names_the_limit(server: Served, count: int) -> None:
    """It refuses more workbooks than it takes at once by saying the limit, whether the
    form parser or the count stopped them, and keeps no folder."""
    files = [("tep", f"thon-{n}.xlsx", b"x") for n in range(count)]
    answer = server.post("/cham", files)
    assert answer.status == 400
    assert "chỉ nhận tối đa 50 tệp một lần" in _message(answer.text)
    assert len(list(server.store.root.iterdir())) == len(server.store._runs)


def test_annotated_copies_skip_a_workbook_not_read(server: Served) -> None:
    """It offers and builds copies with results for the workbooks that were read, as
    ``--annotate`` does, and says which uploaded workbook has none."""
    broken = ("tep", "hong.xlsx", b"not a workbook")
    location = _run(server, VILLAGE, VILLAGE, broken)
    page = server.get(location).text
    assert 'data-name="cac-bang-ket-qua.zip"' in page
    note = re.search(r'<p class="hint" id="bang-bo-qua">(.*?)</p>', page, re.S)
    assert note and "«hong.xlsx»" in note.group(1) and "không đọc được" in note.group(1)
    answer = server.post(location + "/tai/cac-bang-ket-qua.zip", fields={})
    assert answer.status == 200, answer.text[-600:]
    names = zipfile.ZipFile(io.BytesIO(answer.body)).namelist()
    assert names == ["thon-ea-sup-gia-dinh-2025-ket-qua.xlsx",
                     "thon-ea-sup-gia-dinh-2025-2-ket-qua.xlsx"]  # fmt: skip
    single = _run(server, VILLAGE, broken)
    page = server.get(single).text
    assert 'data-name="bang-ket-qua.xlsx"' in page and "cac-bang-ket-qua.zip" not in page
    copy = server.post(single + "/tai/bang-ket-qua.xlsx", fields={})
    assert copy.status == 200 and copy.body[:2] == b"PK"


def test_a_workbook_that_cannot_be_reopened_is_said_in_vietnamese(tmp_path: Path) -> None:
    """It tells the officer in Vietnamese why no copy could be written; openpyxl's English
    reason stays out of the message."""
    from types import SimpleNamespace

    from hoctap_cli.web import downloads
    from hoctap_cli.web.store import Run

    book = tmp_path / "thon.xlsx"
    book.write_bytes(b"not a zip at all")
    evaluation = SimpleNamespace(inputs=[SimpleNamespace(file=str(book))])
    run = Run("0" * 32, tmp_path, [book], None, evaluation, 0.0)  # type: ignore[arg-type]
    with pytest.raises(downloads.DownloadError) as raised:
        downloads.annotated_copy(run, downloads.ExportSettings())
    message = str(raised.value)
    assert message.startswith("không mở được thon.xlsx để ghi kết quả kèm: tệp hỏng")
    assert "zip" not in message.lower()


def test_a_port_in_use_or_an_unknown_host_is_said_plainly(run_cli: RunCli) -> None:
    """It says which port is taken, or that the host is not found, with the command's own
    option names (exit 2), not an operating-system code."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_cli("giao-dien", "--port", str(port), "--khong-mo-trinh-duyet")
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert f"cổng {port} đang được chương trình khác dùng; hãy chọn cổng khác bằng --port" in said
    assert "mã 98" not in said
    result = run_cli("giao-dien", "--host", "khong-co-may-nay.invalid", "--khong-mo-trinh-duyet")
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "không tìm thấy địa chỉ máy chủ «khong-co-may-nay.invalid»" in said
    assert "--host" in said and "mã -2" not in said


def test_a_titles_slice_is_never_called_a_level(server: Served) -> None:
    """It calls a title's part of a run a title (danh hiệu) in the page and the code: in
    hoctap a level is only what an applicant is recognised at (Mức độ 1)."""
    page = server.get(_run(server)).text
    assert 'data-danh-hieu="0"' in page and "level" not in page
    web = ROOT / "src/hoctap_cli/web"
    said = {
        p.name: re.findall(r"\blevels?\b|(?<![a-z])_level\b", p.read_text())
        for p in web.glob("*.py")
    }
    assert {name: found for name, found in said.items() if found} == {}


def test_the_web_docstrings_name_modules_that_exist() -> None:
    """It points a reader of the web modules at files that are there, not at old places."""
    web = ROOT / "src/hoctap_cli/web"
    for module in web.glob("*.py"):
        text = module.read_text()
        for named in re.findall(r"``([a-z_]+(?:/[a-z_]+)+\.py)``", text):
            assert (ROOT / "src/hoctap_cli" / named).is_file(), (module.name, named)
        assert "report/" not in text and "explain.trace" not in text, module.name


def test_no_copy_when_no_workbook_was_read(server: Served) -> None:
    """It offers no annotated copy when the only workbook could not be read (the CSV was),
    and asked anyway it says so, not that there are several workbooks."""
    rows = [",".join(FAMILY_HEADER), "X1,Nguyễn Văn An,Thôn 1,2,2,2,2,9,2,2,2,5,10,15"]
    table = ("tep", "thon.csv", "\n".join(rows).encode("utf-8"))
    location = _run(server, table, ("tep", "hong.xlsx", b"x"), criteria="gia-dinh-hoc-tap@448-2015")
    page = server.get(location).text
    assert "bang-ket-qua.xlsx" not in page and "«hong.xlsx»" in page
    answer = server.get(location + "/tai/bang-ket-qua.xlsx")
    assert answer.status == 400
    assert "không có bảng Excel nào đọc được" in _message(answer.text)
