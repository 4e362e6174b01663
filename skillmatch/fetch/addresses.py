"""The private-network guard: a host is resolved and refused when any of its addresses is not public."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

from .model import ScrapeError

# --------------------------------------------------------------------------------------------------
# Addresses


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is not a public address, or None when it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            problem = _address_problem(mapped)
            return f"{problem} ({mapped} inside IPv6)" if problem else None
        if ip.teredo is not None:
            return "a Teredo tunnel address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return None


_Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def _allowed_networks(allow_private: bool | Iterable[str]) -> bool | _Networks:
    """True (anything), False (public only) or the networks whose non-public addresses are allowed."""
    if isinstance(allow_private, bool):
        return allow_private
    if isinstance(allow_private, str):
        allow_private = [allow_private]
    try:
        return tuple(ipaddress.ip_network(n, strict=False) for n in allow_private)
    except (TypeError, ValueError) as e:
        raise ScrapeError(f"allow_private: {e}") from None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_address(host: str, port: int = 80, *, allow_private: bool | Iterable[str] = False) -> list[tuple[Any, ...]]:
    """Resolve ``host`` and refuse it unless every address it resolves to is public.

    Args:
        host: a host name or a literal IPv4/IPv6 address (without brackets).
        port: the port to resolve for.
        allow_private: True to allow any address; or the networks (``"10.0.0.0/8"``, ``"127.0.0.1"``)
            whose non-public addresses are allowed; False (default) to allow public addresses only.

    Returns:
        The ``(family, type, proto, canonname, sockaddr)`` tuples of ``socket.getaddrinfo`` to connect to,
        in resolver order.

    Raises:
        ScrapeError: the host does not resolve, or an address is not public and not allowed
            ("169.254.169.254 is a link-local address").
    """
    return _resolve_checked(host, port, _allowed_networks(allow_private))


def _resolve_checked(host: str, port: int, allowed: bool | _Networks) -> list[tuple[Any, ...]]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise ScrapeError(f"cannot resolve {host}: {e}") from None
    if not infos:
        raise ScrapeError(f"cannot resolve {host}: no addresses")
    if allowed is True:
        return list(infos)
    networks: _Networks = () if allowed is False else allowed
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        problem = _address_problem(ip)
        if problem is None or any(ip in net for net in networks):
            continue
        named = host if _is_ip(host) else f"{host} resolves to {ip}, which"
        raise ScrapeError(f"{named} is {problem}")
    return list(infos)
