"""Starting the page's server: a free port on 127.0.0.1, the address printed, the browser
opened. Another host is served only with an access token, printed once."""

from __future__ import annotations

import errno
import ipaddress
import logging
import secrets
import socket
import threading
import webbrowser

import typer
import uvicorn

from hoctap_cli.errors import HoctapError
from hoctap_cli.web.app import create_app
from hoctap_cli.web.guards import TOKEN_PARAMETER
from hoctap_cli.web.store import RunStore


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class CannotListen(HoctapError):
    """The address or port given to ``hoctap giao-dien`` cannot be listened on."""


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 lets the system pick a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:  # a machine without IPv6 refuses already here
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        raise CannotListen(cannot_listen(host, port, exc)) from exc
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise CannotListen(cannot_listen(host, port, exc)) from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def cannot_listen(host: str, port: int, exc: OSError) -> str:
    """Why the server cannot start, in the words of the command's options: the operating
    system's own code (98, -2) means nothing to an officer."""
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EAFNOSUPPORT:
        return (
            f"không tìm thấy địa chỉ máy chủ «{host}»; hãy kiểm tra lại --host "
            "(bỏ --host để chỉ mở trên máy này)"
        )
    if exc.errno == errno.EADDRINUSE:
        return (
            f"cổng {port} đang được chương trình khác dùng; hãy chọn cổng khác bằng --port, "
            "hoặc bỏ --port để tự chọn một cổng còn trống"
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"địa chỉ «{host}» không thuộc máy này; hãy kiểm tra lại --host"
    if exc.errno == errno.EACCES:
        return (
            f"không được phép mở cổng {port} (cổng dưới 1024 cần quyền quản trị); "
            "hãy chọn cổng khác bằng --port"
        )
    return f"không mở được cổng {port} trên «{host}»; hãy chọn cổng khác bằng --port"


def address(host: str, sock: socket.socket, token: str | None) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    query = f"/?{TOKEN_PARAMETER}={token}" if token else "/"
    return f"http://{shown}:{port}{query}"


def serve(host: str, port: int, *, open_browser: bool) -> None:
    """Serve until Ctrl+C; the run folders are removed on the way out."""
    loopback = is_loopback(host)
    token = None if loopback else secrets.token_urlsafe(24)
    store = RunStore()
    try:
        sock = bind(host, port)
        url = address(host, sock, token)
        typer.echo(f"Trang chấm hồ sơ đang chạy tại {url}")
        if token:
            typer.echo(
                "Mã truy cập ở cuối địa chỉ trên, chỉ in một lần: ai có địa chỉ này mới mở "
                "được trang. Chỉ gửi cho người cần dùng."
            )
        typer.echo("Nhấn Ctrl+C để dừng; kết quả và tệp tạm được xóa khi dừng.")
        app = create_app(store, token=token, loopback=loopback)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        if open_browser:
            threading.Timer(0.5, webbrowser.open, args=(url,)).start()
        logging.getLogger("hoctap.giao_dien").setLevel(logging.INFO)
        server.run(sockets=[sock])
    finally:
        store.close()
