"""waitress, hardened for ``skillmatch serve``: bodies in memory, stalled clients cut off, a cap per client.

waitress stays the server (pure Python, no C build, already what the README documents); it lacks three
things this module adds on top of its public settings:

* **Bodies in memory.** waitress spools a request body over ``inbuf_overflow`` (512 KB) to a temporary
  file; :func:`create_server` sets it above ``max_request_body_size``, so an upload never touches the disk.
* **A deadline for reading a request.** ``channel_timeout`` only closes connections that send nothing; a
  slow client that sends a byte now and then keeps its connection forever. A request must arrive whole
  within ``request_timeout`` seconds plus one second per ``min_rate`` bytes of its declared body.
* **Limits that evict instead of stopping.** At waitress's ``connection_limit`` the server stops accepting
  anyone. Here, when the connections of one client address reach ``per_client``, or all connections
  reach ``connection_limit``, the connection that has spent longest sending an unfinished request (or
  sitting idle) is closed to make room; connections whose request is being answered are never touched.
  So a slowloris of any size delays a new visitor by one accept, not by minutes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from waitress.channel import HTTPChannel

log = logging.getLogger("skillmatch.web.server")

REQUEST_TIMEOUT = 20.0
"""Seconds to send a whole request (headers and a small body)."""
MIN_RATE = 64 * 1024
"""Bytes a second a body must at least arrive at (added to :data:`REQUEST_TIMEOUT`)."""
IDLE_TIMEOUT = 30
"""Seconds an idle keep-alive connection stays open (waitress ``channel_timeout``)."""
CONNECTION_LIMIT = 100
PER_CLIENT = 32


class GuardedChannel(HTTPChannel):
    """A channel that remembers when its unfinished request began."""

    request_began: float | None = None

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.request_began = time.time()
        done = bool(super().received(data))
        if self.request is None:
            self.request_began = None
        return done

    def reading_since(self) -> float | None:
        """When the request being received began; None when none is (idle, or answering one)."""
        if self.requests or self.request is None:
            return None
        return self.request_began

    def deadline(self, timeout: float, min_rate: float) -> float | None:
        began = self.reading_since()
        if began is None:
            return None
        declared = int(getattr(self.request, "content_length", 0) or 0)
        return began + timeout + declared / min_rate

    def evictable_since(self) -> float | None:
        """How long this connection has held its place without being answered: reading a request or idle."""
        if self.requests or self.total_outbufs_len or self.will_close or self.close_when_flushed:
            return None
        began = self.reading_since()
        return began if began is not None else float(self.last_activity)


def guard(server: Any, *, request_timeout: float = REQUEST_TIMEOUT, min_rate: float = MIN_RATE,
          connection_limit: int = CONNECTION_LIMIT, per_client: int = PER_CLIENT) -> Any:
    """Turn a waitress server made by :func:`waitress.create_server` into a guarded one (in place)."""
    base = type(server)

    def maintenance(self: Any, now: float) -> None:
        base.maintenance(self, now)
        for channel in list(self.active_channels.values()):
            deadline = channel.deadline(request_timeout, min_rate) if isinstance(channel, GuardedChannel) else None
            if deadline is not None and now > deadline:
                channel.will_close = True
                log.info("closed a connection that did not finish sending its request in time")

    def handle_accept(self: Any) -> None:
        before = set(self.active_channels)
        base.handle_accept(self)
        for fd in set(self.active_channels) - before:
            _make_room(self, self.active_channels[fd], connection_limit, per_client)

    guarded = type(f"Guarded{base.__name__}", (base,), {
        "maintenance": maintenance, "handle_accept": handle_accept,
        "channel_class": GuardedChannel})
    server.__class__ = guarded
    return server


def _client(channel: Any) -> str:
    addr = getattr(channel, "addr", None)
    return str(addr[0]) if isinstance(addr, tuple | list) and addr else str(addr)


def _make_room(server: Any, new: Any, connection_limit: int, per_client: int) -> None:
    """Close the longest-waiting unanswered connections of ``new``'s client (over ``per_client``) and of
    everyone (over ``connection_limit``); refuse ``new`` itself when nothing can be closed."""
    channels = [c for c in server.active_channels.values() if not c.will_close]
    mine = [c for c in channels if _client(c) == _client(new)]
    for group, limit in ((mine, per_client), (channels, connection_limit)):
        over = len(group) - limit
        if over <= 0:
            continue
        waiting = sorted(((c.evictable_since(), id(c), c) for c in group
                          if c is not new and isinstance(c, GuardedChannel) and c.evictable_since() is not None),
                         key=lambda t: (t[0], t[1]))
        for _, _, channel in waiting[:over]:
            channel.will_close = True
        if len(waiting) < over:  # everyone else is being answered: this one cannot be let in now
            new.will_close = True
            log.warning("refused a connection: the limit of %d connections is reached", limit)
            return
        log.info("closed %d unanswered connection(s) to make room for a new one", over)


def create_server(app: Callable[..., Any], *, host: str, port: int, threads: int, max_body: int,
                  request_timeout: float = REQUEST_TIMEOUT, connection_limit: int = CONNECTION_LIMIT,
                  per_client: int = PER_CLIENT) -> Any:
    """A guarded waitress server for ``app`` (see the module docstring).

    Args:
        max_body: the largest request body waitress reads (in memory); larger gets waitress's 413.
        request_timeout: seconds to send a request, plus one per 64 KB of its body.
        connection_limit: open connections in all.
        per_client: open connections from one client address.
    """
    from waitress import create_server as waitress_server

    server = waitress_server(
        app, host=host, port=port, threads=threads, ident="skillmatch", clear_untrusted_proxy_headers=True,
        max_request_body_size=max_body,
        inbuf_overflow=max_body + 1024 * 1024,  # never spool a body to a temporary file
        channel_timeout=IDLE_TIMEOUT,
        cleanup_interval=1,
        connection_limit=connection_limit + 16,  # room to accept, then evict (see _make_room)
        expose_tracebacks=False,
    )
    return guard(server, request_timeout=request_timeout, connection_limit=connection_limit, per_client=per_client)
