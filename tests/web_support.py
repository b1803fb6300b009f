"""A real ``hoctap giao-dien`` server on 127.0.0.1 (port 0) in a thread, and plain HTTP
requests to it, for the web tests."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn

from hoctap_cli.web.app import create_app
from hoctap_cli.web.server import bind
from hoctap_cli.web.store import RunStore


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Served:
    url: str
    store: RunStore

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self.send(urllib.request.Request(self.url + path, headers=headers or {}))

    def post(
        self,
        path: str,
        files: Sequence[tuple[str, str, bytes]] = (),
        fields: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        body, kind = multipart(files, fields or {})
        request = urllib.request.Request(
            self.url + path, data=body, headers={"content-type": kind, **(headers or {})}
        )
        return self.send(request)

    def send(self, request: urllib.request.Request) -> Answer:
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=120) as answer:
                return Answer(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def multipart(files: Sequence[tuple[str, str, bytes]], fields: dict[str, str]) -> tuple[bytes, str]:
    """A multipart/form-data body: (field, file name, content) files and text fields."""
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode("utf-8")
            + b"\r\n"
        )
    for field, filename, content in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode("utf-8") + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@contextmanager
def served(*, token: str | None = None, max_upload: int | None = None) -> Iterator[Served]:
    """The server running for the block; its run folders are removed after it."""
    store = RunStore()
    options: dict[str, object] = {"token": token, "loopback": token is None}
    if max_upload is not None:
        options["max_upload"] = max_upload
    app = create_app(store, **options)  # type: ignore[arg-type]
    sock = bind("127.0.0.1", 0)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield Served(f"http://127.0.0.1:{sock.getsockname()[1]}", store)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        store.close()
