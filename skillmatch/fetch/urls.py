"""Request targets: a URL checked (http/https, a host, no credentials) and split into scheme, host, port and path."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from .model import _DEFAULT_PORTS, ScrapeError

# --------------------------------------------------------------------------------------------------
# URLs


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, lower case, no brackets
    port: int
    path: str  # request target: path and query, percent-encoded

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = _DEFAULT_PORTS[self.scheme] == self.port
        return f"{self.scheme}://{host}" + ("" if default else f":{self.port}")

    @property
    def host_key(self) -> str:
        return f"{self.host}:{self.port}"


def _target(url: str) -> _Target:
    shown = " ".join(str(url).split())[:300]
    try:
        parts = urlsplit(str(url).strip())
        port = parts.port
    except ValueError as e:
        raise ScrapeError(f"refused {shown}: not a valid URL ({e})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ScrapeError(f"refused {shown}: only http and https URLs are fetched")
    if not parts.hostname:
        raise ScrapeError(f"refused {shown}: the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise ScrapeError(f"refused {shown}: URLs with a user name or password are not fetched")
    host = parts.hostname.rstrip(".")
    try:
        host = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except UnicodeError:
        raise ScrapeError(f"refused {shown}: the host name is not valid") from None
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/?%:@!$&'()*+,;=-._~")
    clean = urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))
    return _Target(clean, scheme, host, port or _DEFAULT_PORTS[scheme], path)
