"""`fzcheck serve`: start the web page and JSON API (FastAPI on uvicorn, imported only here, when the
command runs)."""
from __future__ import annotations

import os
import socket
import sys

import click

from ..clickzh import Command, examples
from ..errors import EXIT_ERROR, FzcheckError, os_reason, report
from ..output import make_writable_folder
from .settings import (DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES, DEFAULT_TIMEOUT, MIN_TOKEN_LENGTH, ServeSettings,
                       discover_rulesets, is_loopback)

__all__ = ["serve"]


def fail(message: str) -> None:
    click.echo(f"fzcheck serve: 错误：{message}", err=True)
    sys.exit(EXIT_ERROR)


@click.command(cls=Command, epilog=examples(
    "fzcheck serve                                  打开 http://127.0.0.1:8000/",
    "fzcheck serve --port 8080 --workspace 工作区/   保存上传并自动更新总览",
    "fzcheck serve --host 0.0.0.0 --token 至少十二个字符的令牌   供内网访问（需令牌）"))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；127.0.0.1 只允许本机访问，其他地址（如 0.0.0.0）需要 --token。")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="端口；0 为任选一个空闲端口。")
@click.option("--token", envvar="FZCHECK_TOKEN", default=None, metavar="TOKEN",
              help=f"访问令牌（也可用环境变量 FZCHECK_TOKEN），至少 {MIN_TOKEN_LENGTH} 个字符；"
                   "设置后每个请求都要带上它（接口用请求头，网页登录一次）。")
@click.option("--rules", "default_rules", default="fzzf-2019", show_default=True, metavar="NAME",
              help="默认规则集（网页上预先选中，工作区总览按它评分）。")
@click.option("--rules-dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="另外提供的规则集：该文件夹中的 YAML 文件（按文件名提供）。")
@click.option("--workspace", type=click.Path(file_okay=False, path_type=str), default=None,
              help="保存上传的报告：每次上传都加入这个文件夹（与 fzcheck batch 的输出相同），总览在 /workspace。")
@click.option("--workers", type=click.IntRange(1, 64), default=None, metavar="N", help="检查进程数，默认为 CPU 核数。")
@click.option("--max-bytes", type=click.IntRange(1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="一次请求的大小上限（字节，所有文件合计），超过返回 413。")
@click.option("--max-files", type=click.IntRange(1), default=DEFAULT_MAX_FILES, show_default=True,
              help="一次请求最多的文件数，超过返回 413。")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=DEFAULT_TIMEOUT, show_default=True,
              help="每份文件的检查时限（秒）。")
@click.option("--debug", is_flag=True, help="出错时显示 Python 调用栈，并输出每个请求的访问日志。")
def serve(host, port, token, default_rules, rules_dir, workspace, workers, max_bytes, max_files, timeout, debug):
    """启动检查网页和 JSON 接口：拖入报告查看审查结果，拖入多份报告得到总览。"""
    token = token or None
    if not is_loopback(host) and not token:
        fail(f"在 {host} 上监听会让其他电脑访问，必须设置访问令牌：加 --token 或设置环境变量 FZCHECK_TOKEN")
    if token is not None and (len(token) < MIN_TOKEN_LENGTH or not token.isprintable() or token != token.strip()):
        fail(f"访问令牌至少 {MIN_TOKEN_LENGTH} 个字符，且不能含空白或控制字符")
    try:
        rulesets = discover_rulesets(rules_dir)
    except FzcheckError as exc:
        report(exc, debug)
        sys.exit(EXIT_ERROR)
    if default_rules not in {r.name for r in rulesets}:
        fail(f"未知的规则集：{default_rules}（可用：{'、'.join(r.name for r in rulesets)}）")
    folder = None
    if workspace is not None:
        from pathlib import Path

        folder = Path(workspace).resolve()
        try:
            for place in (folder, folder / "uploads"):
                make_writable_folder(place)
        except OSError as exc:
            fail(f"工作区文件夹无法写入：{folder}（{os_reason(exc)}）")
    sock = _bind(host, port)
    actual_port = sock.getsockname()[1]
    settings = ServeSettings(host=host, port=actual_port, token=token, rulesets=rulesets, default_ruleset=default_rules,
                             workspace=folder, workers=workers or os.cpu_count() or 1, max_bytes=max_bytes,
                             max_files=max_files, timeout=timeout)
    _run(settings, sock, debug)


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is one Chinese line and --port 0 works."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except socket.gaierror:
        fail(f"无法识别的监听地址：{host}")
    except OSError as exc:
        fail(f"无法在 {host}:{port} 上监听（{exc.strerror or exc}）；端口可能已被占用，可换一个 --port")
    sock.set_inheritable(True)
    return sock


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _run(settings: ServeSettings, sock: socket.socket, debug: bool) -> None:
    import uvicorn  # deferred: only `serve` pays for the web stack

    from .app import create_app

    def ready():
        where = _url(settings.host, settings.port)
        extra = "（所有网络接口）" if settings.host in ("0.0.0.0", "::") else ""
        click.echo(f"fzcheck serve: 已启动，请在浏览器中打开 {where}{extra}（{settings.workers} 个检查进程；按 Ctrl-C 停止）",
                   err=False)
        if settings.workspace:
            click.echo(f"fzcheck serve: 工作区 {settings.workspace}，总览在 {where}workspace/")
        sys.stdout.flush()

    app = create_app(settings, on_ready=ready)
    config = uvicorn.Config(app, log_level="info" if debug else "warning", access_log=debug,
                            timeout_graceful_shutdown=10, server_header=False, date_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    click.echo("fzcheck serve: 已停止")
    if not server.started:
        sys.exit(EXIT_ERROR)
