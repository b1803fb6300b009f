"""What every request passes before a route: size limit, access token, same-origin posts,
and headers that keep the page inert (no outside script, style, font or frame)."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

from starlette.formparsers import MultiPartException
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from hoctap_cli.web.page import error_page

Message = MutableMapping[str, Any]
TOKEN_PARAMETER = "ma"
TOKEN_COOKIE = "hoctap_ma"
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        b"form-action 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    # "same-origin", not "no-referrer": with no referrer Chromium sends "Origin: null" on
    # a form post, and the same-origin check below would refuse the page's own downloads.
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


TOO_LARGE = "hoctap.too_large"  # set in the request's scope when the limit stopped its body


class BodyTooLarge(MultiPartException):
    """The request body went over the limit while it was being read.

    A ``MultiPartException`` so that Starlette's form parser closes the files it had opened
    (it re-raises it as a 400 error); the route learns why from ``scope[TOO_LARGE]``."""


class Guards:
    """An ASGI middleware around the whole app."""

    def __init__(self, app: ASGIApp, *, max_body: int, token: str | None) -> None:
        self.app = app
        self.max_body = max_body
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, message = refusal
            response = HTMLResponse(error_page(message), status)
            await response(scope, receive, _secured(send))
            return
        set_cookie = self.token is not None and self._query_token(scope) == self.token
        await self.app(
            scope, self._limited(scope, receive), _secured(send, self.token if set_cookie else None)
        )

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        if self.token is not None and not self._has_token(scope, headers):
            return 403, "cần mã truy cập: mở đúng địa chỉ (có ?ma=…) mà lệnh hoctap giao-dien in ra"
        if scope["method"] == "POST" and not _same_origin(headers):
            return 403, "yêu cầu gửi từ trang khác bị từ chối"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            return 413, too_large(self.max_body)
        return None

    def _has_token(self, scope: Scope, headers: dict[str, str]) -> bool:
        assert self.token is not None
        given = self._query_token(scope)
        if given is None:
            cookie = SimpleCookie(headers.get("cookie", ""))
            given = cookie[TOKEN_COOKIE].value if TOKEN_COOKIE in cookie else None
        if given is None:
            return False
        # As bytes: compare_digest refuses a str with a character outside ASCII (TypeError),
        # and a token typed or mangled with one must be refused like any other wrong token.
        return secrets.compare_digest(
            given.encode("utf-8", "surrogateescape"), self.token.encode("utf-8")
        )

    @staticmethod
    def _query_token(scope: Scope) -> str | None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        values = query.get(TOKEN_PARAMETER)
        return values[0] if values else None

    def _limited(self, scope: Scope, receive: Receive) -> Receive:
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                scope[TOO_LARGE] = True
                raise BodyTooLarge(too_large(self.max_body))
            return message

        return limited


def too_large(limit: int) -> str:
    """The refusal of a body over ``limit`` bytes."""
    return f"dữ liệu gửi lên lớn quá {limit // 1_000_000} MB; hãy tách thành nhiều lần chấm"


def _same_origin(headers: dict[str, str]) -> bool:
    """A POST from this page: no Origin (an older browser) or the same host and port."""
    origin = headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == headers.get("host")


def _secured(send: Send, token: str | None = None) -> Callable[[Message], Awaitable[None]]:
    """``send`` with the security headers added, and the token's cookie when it came in."""

    async def secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            extra = list(SECURITY_HEADERS)
            if token is not None:
                cookie = f"{TOKEN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
                extra.append((b"set-cookie", cookie.encode("latin-1")))
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return secured
