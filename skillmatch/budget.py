"""A deadline for a piece of work, checked cooperatively between its steps.

Python cannot stop a thread from outside, so work over its budget must notice and stop itself. A caller
(the web's work pool, :mod:`skillmatch.web.work`) opens :func:`deadline` around the work; the readers
call :func:`check` per page, per content-stream operator and per paragraph, and the pipeline between its
stages and between batches of the sentences it encodes (:class:`skillmatch.embed.Embedder`). Past the deadline
:func:`check` raises :class:`~skillmatch.errors.DeadlineExceeded`, the work unwinds, and its thread is
free for the next request. Without a deadline (the CLI, batch scoring) a check is one context-variable
lookup.

The deadline lives in a :class:`contextvars.ContextVar`, so it belongs to the thread (or task) that set it:
two requests in two threads have two deadlines.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

from .errors import DeadlineExceeded

__all__ = ["ENCODE_BATCH", "check", "deadline", "remaining"]

_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "skillmatch_deadline", default=None)
"""(monotonic time at which the work must stop, the budget in seconds it came from), or None."""

ENCODE_BATCH = 32
"""Sentences encoded between two checks (one model batch: about 0.1-0.3 s of one core)."""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Work inside the block must end within ``seconds`` (None: no deadline of its own).

    Nested deadlines keep the earlier one.
    """
    outer = _DEADLINE.get()
    current = outer
    if seconds is not None:
        mine = (time.monotonic() + max(0.0, float(seconds)), float(seconds))
        current = mine if outer is None or mine[0] < outer[0] else outer
    token = _DEADLINE.set(current)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left before the deadline (negative once past it), or None without one."""
    current = _DEADLINE.get()
    return None if current is None else current[0] - time.monotonic()


def check(what: str = "The work") -> None:
    """Raise :class:`DeadlineExceeded` once the deadline has passed.

    Args:
        what: what was being done, for the message ("Reading the PDF").
    """
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise DeadlineExceeded(f"{what} did not finish within the {current[1]:.0f} s budget and was stopped")
