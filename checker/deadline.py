"""A time limit on checking one file, so one pathological input cannot hold up a batch or a server.

SIGALRM in the main thread of the process (a batch worker, a server worker, `lint`); where that is not
available (Windows, another thread) the limit is not applied."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class Expired(BaseException):
    """Raised by the alarm inside a check; a BaseException so the engine's catch-all for unexpected
    errors does not turn it into an internal error."""


def timeout_message(seconds: float) -> str:
    return (f"检查超过 {seconds:g} 秒仍未完成，已停止（文件可能过大或结构过于复杂）；"
            f"可拆分文件或另存为 .docx/.txt 后再试")


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Expired in this thread after `seconds` (0: no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
