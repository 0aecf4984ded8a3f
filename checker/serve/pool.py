"""The process pool behind the server: the event loop only awaits it and never runs a check itself.

Workers are started with `spawn` (the server process has threads; forking it is unsafe), each loads the
rulesets once. A file over the time limit is stopped inside its worker; as a backstop, a job that does not
come back well after that (stuck in C code) gets the pool replaced: its processes are ended and the jobs
that were running on it are retried once on the new pool."""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..deadline import timeout_message
from . import worker

log = logging.getLogger("fzcheck.serve")
BACKSTOP_GRACE = 30.0     # seconds past the per-file limit before a worker counts as stuck


class PoolFailed(Exception):
    """A job could not be run (its worker died twice, or stayed stuck past the backstop)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CheckPool:
    def __init__(self, workers: int, rulesets: dict[str, tuple[str, ...]], max_bytes: int, timeout: float):
        self.workers = max(1, workers)
        self.timeout = timeout
        self._initargs = (rulesets, max_bytes, timeout)
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=worker.init_worker, initargs=self._initargs)

    async def start(self) -> None:
        """Start every worker and wait until each has loaded its rulesets (so the first upload is fast)."""
        await asyncio.gather(*(self.run(worker.ping, budget=600.0) for _ in range(self.workers)))

    async def run(self, fn, *args, budget: float | None = None):
        """Run `fn(*args)` in a worker and return its result. `budget` (seconds) bounds the wait; by
        default the per-file limit plus a grace period."""
        budget = budget if budget is not None else self.timeout + BACKSTOP_GRACE
        for attempt in (1, 2):
            pool = self._pool
            try:
                future = pool.submit(fn, *args)
            except (BrokenProcessPool, RuntimeError):
                self._replace(pool)
                continue
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), timeout=budget)
            except asyncio.TimeoutError:
                log.error("fzcheck serve: 一个检查任务超过 %.0f 秒没有结束，重启处理进程", budget)
                self._replace(pool)
                raise PoolFailed(timeout_message(self.timeout)) from None
            except BrokenProcessPool:
                log.error("fzcheck serve: 处理进程意外退出（第 %d 次），重启处理进程", attempt)
                self._replace(pool)
        raise PoolFailed("检查时处理进程意外退出（可能是文件过大或内存不足），其他文件不受影响")

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """Swap in a fresh pool once per broken one (concurrent jobs may all notice the same breakage)."""
        if self._pool is not broken:
            return
        self._pool = self._new_pool()
        for process in list((getattr(broken, "_processes", None) or {}).values()):
            process.terminate()      # ends a worker stuck in C code; its jobs fail and are retried
        broken.shutdown(wait=False, cancel_futures=True)

    def shutdown(self, grace: float = 5.0) -> None:
        """Stop taking jobs, give running ones `grace` seconds, then end the workers."""
        pool = self._pool
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=grace)
        for process in processes:
            if process.is_alive():
                process.terminate()
