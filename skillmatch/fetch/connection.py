"""Connections pinned to the address that was checked (the host name kept for Host and TLS), and a watchdog."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
from typing import Any

# --------------------------------------------------------------------------------------------------
# Connections to a checked address


def _open_socket(infos: list[tuple[Any, ...]], timeout: float) -> socket.socket:
    """Connect to the first of the checked addresses that answers."""
    last: OSError | None = None
    for family, type_, proto, _canon, sockaddr in infos:
        sock = socket.socket(family, type_, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(sockaddr)
            return sock
        except OSError as e:
            sock.close()
            last = e
    raise last if last is not None else OSError("no address to connect to")


class _Pinned:
    """What both connection kinds share: the checked addresses and the deadline's kill switch."""

    expired: threading.Event
    sock: Any

    def _expire(self) -> None:
        """Shut the socket down (a blocked read then returns) once the deadline has passed."""
        self.expired.set()
        sock = self.sock
        if sock is not None:
            try:
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain fd, also under TLS
            except OSError:
                pass

    def _check_expired(self) -> None:
        if self.expired.is_set():
            raise TimeoutError("deadline passed")


class _PinnedHTTP(_Pinned, http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand; ``host`` is only the Host header."""

    def __init__(self, host: str, port: int, infos: list[tuple[Any, ...]], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._infos = infos
        self._seconds = timeout
        self.expired = threading.Event()

    def connect(self) -> None:
        self.sock = _open_socket(self._infos, self._seconds)
        self._check_expired()


class _PinnedHTTPS(_Pinned, http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; the certificate is verified against ``host``."""

    def __init__(
        self, host: str, port: int, infos: list[tuple[Any, ...]], timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._infos = infos
        self._seconds = timeout
        self._ctx = context
        self.expired = threading.Event()

    def connect(self) -> None:
        raw = _open_socket(self._infos, self._seconds)
        self.sock = self._ctx.wrap_socket(raw, server_hostname=self.host, do_handshake_on_connect=False)
        self._check_expired()
        self.sock.do_handshake()  # after self.sock is set, so the deadline can cut a slow handshake off
        self._check_expired()


class _Watchdog:
    """Calls the connection's kill switch when the deadline passes."""

    def __init__(self, conn: _PinnedHTTP | _PinnedHTTPS, seconds: float) -> None:
        self._conn = conn
        self._timer = threading.Timer(max(seconds, 0.0), conn._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def fired(self) -> bool:
        return self._conn.expired.is_set()

    def cancel(self) -> None:
        self._timer.cancel()
