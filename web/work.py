"""Heavy work (reading a resume, analyzing it, linting a JD) in a bounded pool, with a deadline and a share
per client.

* **Bounded.** At most ``WORK_THREADS`` pieces of work run at once, whatever the number of clients or server
  threads; the other server threads stay free for pages, listings and the API's light calls.
* **A deadline.** A request has ``WORK_BUDGET`` seconds from the moment it asks, waiting included. The work
  runs under that deadline (:func:`skillmatch.budget.deadline`): the readers check it per page and per
  content-stream operator, the encoder between batches of sentences, so work over budget stops itself
  within a fraction of a second and its place is free for the next request. The request gets its answer
  within the budget, or a 503 saying the work was stopped.
* **A share per client.** One client address has at most ``WORK_PER_CLIENT`` pieces of work in the pool
  (running or waiting), and runs at most ``WORK_THREADS - 1`` of them at once (1 with 2 threads): one
  client cannot fill the pool, another client's upload always finds a place soon. Over its share a client
  gets a 429 with ``Retry-After`` (how long work takes here lately), before any work is done.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from flask import Flask, current_app, request

from skillmatch import budget
from skillmatch.errors import DeadlineExceeded

from .errors import FriendlyError

T = TypeVar("T")

WORK_THREADS = 2
WORK_BUDGET = 20.0
WORK_PER_CLIENT = 2
STOP_GRACE = 1.0
"""Seconds past the deadline the request waits for the work to notice it and stop (its checks are a
fraction of a second apart), before answering 503 anyway."""


class WorkPool:
    """``threads`` places for heavy work, each request given ``budget`` seconds in all, ``per_client``
    pieces of work in the pool per client address."""

    def __init__(self, threads: int = WORK_THREADS, budget: float = WORK_BUDGET,
                 per_client: int = WORK_PER_CLIENT) -> None:
        self.threads = max(1, int(threads))
        self.budget = float(budget)
        self.per_client = max(1, int(per_client))
        self.running_per_client = max(1, self.threads - 1)
        self._places = threading.BoundedSemaphore(self.threads)
        self._executor = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="skillmatch-work")
        self._lock = threading.Lock()
        self._clients: dict[str, list[Any]] = {}  # address -> [pieces in the pool, its running places]
        self._typical = 2.0  # seconds a piece of work takes here (moving average), for Retry-After
        self.warm = False
        """Set once the models are loaded (by ``skillmatch serve``'s warm-up, or by the first piece of work
        to succeed): until then the work is waited for whatever it takes, since it includes loading them."""

    def run(self, what: str, fn: Callable[..., T], *args: Any, client: str = "") -> T:
        """``fn(*args)`` in the pool, within the budget and the client's share.

        Args:
            what: what the work is, for the messages ("The analysis").
            client: who asks (the client address); each client has its share of the pool.

        Raises:
            FriendlyError: 429 over the client's share; 503 when no place came free, or the work was stopped
                at its deadline.
        """
        started = time.monotonic()
        mine = self._enter(client)
        try:
            if not mine[1].acquire(timeout=self.budget):
                raise FriendlyError(f"Your earlier analysis is still running: nothing came free within "
                                    f"{self.budget:.0f} s. Try again in a minute.", 503)
            try:
                left = self.budget - (time.monotonic() - started)
                if not self._places.acquire(timeout=max(0.0, left)):
                    raise FriendlyError(f"The server is busy with other analyses: nothing came free within "
                                        f"{self.budget:.0f} s. Try again in a minute.", 503)
                try:
                    limit = None if not self.warm else started + self.budget
                    future: Future[T] = self._executor.submit(self._work, limit, fn, *args)
                except BaseException:
                    self._places.release()
                    raise
            except BaseException:
                mine[1].release()
                raise
        except BaseException:
            self._leave(client)
            raise

        def done(_f: Future[T]) -> None:
            self._places.release()
            mine[1].release()
            self._leave(client)

        future.add_done_callback(done)
        try:
            if not self.warm:
                result = future.result()
                self.warm = True
                return result
            return future.result(timeout=max(0.0, started + self.budget + STOP_GRACE - time.monotonic()))
        except (FutureTimeout, DeadlineExceeded):
            raise FriendlyError(f"{what} did not finish within the {self.budget:.0f} s this server gives one "
                                "request, and was stopped. A shorter or simpler file (plain text, or a PDF "
                                "without scanned pages) is read faster.", 503) from None

    def _work(self, limit: float | None, fn: Callable[..., T], *args: Any) -> T:
        """Run in a pool thread: ``fn`` under the request's deadline; its time feeds ``Retry-After``."""
        began = time.monotonic()
        with budget.deadline(None if limit is None else limit - began):
            result = fn(*args)
        self._typical = 0.8 * self._typical + 0.2 * (time.monotonic() - began)
        return result

    def _enter(self, client: str) -> list[Any]:
        with self._lock:
            mine = self._clients.get(client)
            if mine is None:
                mine = self._clients[client] = [0, threading.BoundedSemaphore(self.running_per_client)]
            if mine[0] >= self.per_client:
                wait = max(1, math.ceil(self._typical))
                raise FriendlyError(f"You already have {mine[0]} analyses running or waiting here; this server "
                                    f"takes {self.per_client} at a time from one address. Try again in "
                                    f"{wait} s.", 429, retry_after=wait)
            mine[0] += 1
            return mine

    def _leave(self, client: str) -> None:
        with self._lock:
            mine = self._clients.get(client)
            if mine is not None:
                mine[0] -= 1
                if mine[0] <= 0:
                    del self._clients[client]

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def init_app(app: Flask) -> None:
    """One pool per app, sized by ``WORK_THREADS``, ``WORK_BUDGET`` and ``WORK_PER_CLIENT``."""
    app.extensions["skillmatch_work"] = WorkPool(app.config.get("WORK_THREADS", WORK_THREADS),
                                                 app.config.get("WORK_BUDGET", WORK_BUDGET),
                                                 app.config.get("WORK_PER_CLIENT", WORK_PER_CLIENT))


def run(what: str, fn: Callable[..., T], *args: Any) -> T:
    """:meth:`WorkPool.run` on the current app's pool, for the current request's client address."""
    pool: WorkPool = current_app.extensions["skillmatch_work"]
    return pool.run(what, fn, *args, client=request.remote_addr or "")
