"""The routes of ``hoctap giao-dien``: the first screen, a run's results, an applicant's
explanation, the downloads, and the page's own style sheet and script.

Nothing a request carries becomes a path: runs are found by a random id, downloads by a
name from ``downloads.OUTPUTS``, static files by a name from ``STATIC_FILES``. Every
failure is answered with a Vietnamese page; none stops the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from hoctap_cli.outputs.papers.settings import ExportSettings
from hoctap_cli.web import downloads
from hoctap_cli.web.guards import TOO_LARGE, Guards, too_large
from hoctap_cli.web.page import error_page, start_page
from hoctap_cli.web.store import Run, RunStore

_Built = TypeVar("_Built")

log = logging.getLogger("hoctap.giao_dien")

MAX_UPLOAD_BYTES = 100_000_000  # a province's file is a few MB; this bounds a mistake
MAX_FILES = 50
SCRIPT_HEADER = "x-hoctap-script"  # sent by page.js with the files it uploads
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
STATIC_FILES = {"page.css": "text/css; charset=utf-8", "page.js": "text/javascript; charset=utf-8"}
TOO_MANY_FILES = (
    f"chỉ nhận tối đa {MAX_FILES} tệp một lần; hãy chia thành nhiều lần chấm "
    "hoặc gộp các thôn vào ít tệp hơn"
)
UNKNOWN_RUN = (
    "không tìm thấy lần chấm này: kết quả đã hết hạn (sau 2 giờ) hoặc máy chủ đã khởi động "
    "lại; hãy chấm lại"
)


def create_app(
    store: RunStore,
    *,
    token: str | None = None,
    loopback: bool = True,
    max_upload: int = MAX_UPLOAD_BYTES,
) -> Starlette:
    """The application over ``store``; ``token`` is required by every request when given."""
    pages = Pages(store, max_upload, downloads.pdf_available())
    routes = [
        Route("/", pages.start),
        Route("/cham", pages.evaluate, methods=["POST"]),
        Route("/lan/{run_id}", pages.results),
        Route("/lan/{run_id}/giai-thich/{danh_hieu:int}/{ho:int}", pages.explanation),
        Route("/lan/{run_id}/tai/{name}", pages.download, methods=["GET", "POST"]),
        Route("/tep/{name}", pages.static),
    ]
    middleware = [Middleware(Guards, max_body=max_upload, token=token)]
    if loopback:  # a page of another site reached through a DNS name is refused
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_NAMES))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={
        404: not_found, 405: not_found, 500: unexpected,
    })  # fmt: skip
    app.state.store = store
    return app


async def not_found(request: Request, exc: Exception) -> Response:
    return HTMLResponse(error_page("không có trang này"), 404)


async def unexpected(request: Request, exc: Exception) -> Response:
    log.exception("lỗi không mong đợi", exc_info=exc)
    return HTMLResponse(error_page("lỗi không mong đợi; máy chủ vẫn chạy, hãy thử lại"), 500)


class Pages:
    """The route handlers, sharing the run store."""

    def __init__(self, store: RunStore, max_upload: int, with_pdf: bool) -> None:
        self.store = store
        self.max_upload = max_upload
        self.with_pdf = with_pdf

    async def start(self, request: Request) -> Response:
        return HTMLResponse(start_page())

    async def evaluate(self, request: Request) -> Response:
        from hoctap_cli.web.running import RunFailed, evaluate_files, local
        from hoctap_cli.web.uploads import UploadError

        run_id, folder = self.store.new_folder()
        chosen = ""
        try:
            inputs, chosen, criteria = await self._save(request, folder)
            evaluation, seconds = await run_in_threadpool(evaluate_files, inputs, criteria)
        except (UploadError, RunFailed) as exc:
            self.store.discard(folder)
            return HTMLResponse(start_page(local(str(exc), folder), chosen), 400)
        except Exception as exc:  # a malformed or too large request body, for one
            self.store.discard(folder)
            if request.scope.get(TOO_LARGE):
                return HTMLResponse(start_page(too_large(self.max_upload)), 413)
            if _too_many_files(exc):
                return HTMLResponse(start_page(TOO_MANY_FILES), 400)
            log.info("yêu cầu chấm không đọc được: %r", exc)
            message = "không đọc được dữ liệu gửi lên (tệp gửi dở hoặc hỏng); hãy gửi lại"
            return HTMLResponse(start_page(message), 400)
        self.store.add(Run(run_id, folder, inputs, criteria, evaluation, seconds))
        if request.headers.get(SCRIPT_HEADER):
            # The page's script asked: a redirect would make it fetch the results page
            # once for nothing before showing it; it is told where to go instead.
            return JSONResponse({"url": f"/lan/{run_id}"})
        return RedirectResponse(f"/lan/{run_id}", 303)

    async def _save(self, request: Request, folder: Path) -> tuple[list[Path], str, str | None]:
        """The uploaded workbooks saved in ``folder``, the drop-down's choice, and the
        criteria to evaluate with (the uploaded provincial file over the choice)."""
        from hoctap_cli.web.uploads import (
            UploadError,
            chosen_criteria,
            save_criteria,
            save_workbooks,
        )

        # ``async with`` closes the spooled uploads however the block ends.
        async with request.form(max_files=MAX_FILES + 1, max_fields=100) as form:
            chosen = chosen_criteria(_text(form.get("criteria"))) or ""
            files = [f for f in form.getlist("tep") if isinstance(f, UploadFile) and f.filename]
            if len(files) > MAX_FILES:  # the parser allows one more: the provincial file
                raise UploadError(TOO_MANY_FILES)
            saved = await save_workbooks(files, folder, self.max_upload)
            provincial = form.get("tieu_chi_tinh")
            criteria = chosen or None
            if isinstance(provincial, UploadFile) and provincial.filename:
                criteria = str(await save_criteria(provincial, folder, self.max_upload))
        return [item.path for item in saved], chosen, criteria

    async def results(self, request: Request) -> Response:
        from hoctap_cli.web.results_page import results_page

        run = self._run(request)
        if run is None:
            return HTMLResponse(error_page(UNKNOWN_RUN), 404)
        offered = [
            (name, downloads.OUTPUTS[name].label, downloads.OUTPUTS[name].uses_settings)
            for name in downloads.offered(run, self.with_pdf)
        ]
        page = await run_in_threadpool(_shown_within, run.folder, results_page, run, offered)
        return HTMLResponse(page)

    async def explanation(self, request: Request) -> Response:
        from hoctap_cli.web.explanation import explanation_page

        run = self._run(request)
        if run is None:
            return HTMLResponse(error_page(UNKNOWN_RUN), 404)
        title, index = request.path_params["danh_hieu"], request.path_params["ho"]
        page = await run_in_threadpool(
            _shown_within, run.folder, explanation_page, run, title, index
        )
        if page is None:
            return HTMLResponse(
                error_page("không có hồ sơ này trong lần chấm", f"/lan/{run.id}"), 404
            )
        return HTMLResponse(page)

    async def download(self, request: Request) -> Response:
        from hoctap_cli.outputs.papers.settings import SettingsError
        from hoctap_cli.web.running import local, message_for

        run = self._run(request)
        if run is None:
            return HTMLResponse(error_page(UNKNOWN_RUN), 404)
        name = request.path_params["name"]
        output = downloads.OUTPUTS.get(name)
        back = f"/lan/{run.id}"
        if output is None:
            return HTMLResponse(error_page("không có tệp tải về này", back), 404)
        try:
            settings = await self._settings(request, run)
            payload = await run_in_threadpool(
                _shown_within, run.folder, output.build, run, settings
            )
        except SettingsError as exc:
            message = local(f"thông tin của xã không dùng được:\n{exc}", run.folder)
            return HTMLResponse(error_page(message, back), 400)
        except downloads.DownloadError as exc:
            return HTMLResponse(error_page(local(str(exc), run.folder), back), 400)
        except Exception as exc:
            if request.scope.get(TOO_LARGE):
                return HTMLResponse(error_page(too_large(self.max_upload), back), 413)
            return HTMLResponse(error_page(local(message_for(exc), run.folder), back), 500)
        filename = _download_name(run, name)
        disposition = f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(filename)}"
        return Response(
            payload, media_type=output.media, headers={"content-disposition": disposition}
        )

    async def _settings(self, request: Request, run: Run) -> ExportSettings:
        """The commune's settings posted with a download (none with a plain link)."""
        from hoctap_cli.web.settings_form import settings_from_form

        if request.method != "POST":
            return ExportSettings()
        async with request.form(max_files=0, max_fields=100) as form:
            return await run_in_threadpool(settings_from_form, form, run.folder)

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC_FILES:
            return HTMLResponse(error_page("không có trang này"), 404)
        data = (resources.files("hoctap_cli.web") / "static" / name).read_bytes()
        return Response(data, media_type=STATIC_FILES[name])

    def _run(self, request: Request) -> Run | None:
        return self.store.get(str(request.path_params["run_id"]))


def _shown_within(folder: Path, build: Callable[..., _Built], *args: Any) -> _Built:
    """``build(*args)`` with files named relative to the run's private folder, so that no
    page or download shows where the server keeps its uploads."""
    from hoctap_cli.shown_files import files_shown_from

    with files_shown_from(folder):
        return build(*args)


def _download_name(run: Run, name: str) -> str:
    """The annotated copy keeps its workbook's (sanitised) name, as ``--annotate`` names it."""
    if name == "bang-ket-qua.xlsx":
        return f"{downloads.workbooks(run)[0].stem}-ket-qua.xlsx"
    return name


def _too_many_files(exc: Exception) -> bool:
    """Starlette's form parser stopped at ``max_files``: it says so only in English, inside
    the 400 error it raises, so the officer's message is chosen from that text."""
    from starlette.exceptions import HTTPException

    return isinstance(exc, HTTPException) and "Too many files" in str(exc.detail)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
