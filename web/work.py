"""Heavy work (reading a resume, analyzing it, linting a JD) in a bounded pool with a wall-time budget.

At most ``WORK_THREADS`` analyses run at once, whatever the number of clients or server threads; the
other server threads stay free for pages, listings and the API's light calls. A request waits for a
place at most until its budget (``WORK_BUDGET`` seconds, from the moment it asks) is spent, and gets its
answer within the budget or a 503 saying so. Python cannot stop a thread: work over budget runs on to its
end in the background and keeps its place meanwhile, so the pool stays bounded and a burst of heavy
uploads costs waiting (503s) and never more CPU or memory than the pool allows.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from flask import Flask, current_app

from .errors import FriendlyError

T = TypeVar("T")

WORK_THREADS = 2
WORK_BUDGET = 20.0


class WorkPool:
    """``threads`` places for heavy work, each request given ``budget`` seconds in all."""

    def __init__(self, threads: int = WORK_THREADS, budget: float = WORK_BUDGET) -> None:
        self.threads = max(1, int(threads))
        self.budget = float(budget)
        self._places = threading.BoundedSemaphore(self.threads)
        self._executor = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="skillmatch-work")
        self.warm = False
        """Set once the models are loaded (by ``skillmatch serve``'s warm-up, or by the first piece of work
        to succeed): until then the work is waited for whatever it takes, since it includes loading them."""

    def run(self, what: str, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the pool, within the budget.

        Args:
            what: what the work is, for the messages ("The analysis").

        Raises:
            FriendlyError: 503 when no place came free, or the work did not finish, within the budget.
        """
        started = time.monotonic()
        if not self._places.acquire(timeout=self.budget):
            raise FriendlyError(f"The server is busy with other analyses: nothing came free within "
                                f"{self.budget:.0f} s. Try again in a minute.", 503)
        try:
            future: Future[T] = self._executor.submit(fn, *args)
        except BaseException:
            self._places.release()
            raise
        future.add_done_callback(lambda _f: self._places.release())
        try:
            if not self.warm:
                result = future.result()
                self.warm = True
                return result
            return future.result(timeout=max(0.0, self.budget - (time.monotonic() - started)))
        except FutureTimeout:
            raise FriendlyError(f"{what} did not finish within the {self.budget:.0f} s this server gives one "
                                "request. A shorter or simpler file (plain text, or a PDF without scanned "
                                "pages) is read faster.", 503) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def init_app(app: Flask) -> None:
    """One pool per app, sized by ``WORK_THREADS`` and ``WORK_BUDGET``."""
    app.extensions["skillmatch_work"] = WorkPool(app.config.get("WORK_THREADS", WORK_THREADS),
                                                 app.config.get("WORK_BUDGET", WORK_BUDGET))


def run(what: str, fn: Callable[..., T], *args: Any) -> T:
    """:meth:`WorkPool.run` on the current app's pool."""
    pool: WorkPool = current_app.extensions["skillmatch_work"]
    return pool.run(what, fn, *args)
