"""Which requests may say where they came from: X-Forwarded-* only from a trusted proxy.

With ``PROXY_COUNT`` > 0 the app reads the client's address from ``X-Forwarded-For``
(the rate limit counts it), the scheme from ``X-Forwarded-Proto`` and, without a
``PUBLIC_URL``, the host of share links from ``X-Forwarded-Host`` (werkzeug's
ProxyFix).  Anyone can send those headers, so they are applied only when the
immediate peer (the TCP address gunicorn saw) is in ``TRUSTED_PROXIES``, like
gunicorn's ``forwarded_allow_ips``.  From any other peer the headers change nothing:
the peer's own address counts against the quota, and links use its ``Host``.

The default trusts loopback and the private ranges (RFC 1918, IPv6 unique local):
platform routers (Heroku, Render, Fly) reach the app from such addresses, and no
client on the internet can.  ``*`` trusts every peer; an empty value none.  A request
without a peer address came through a unix socket (a proxy on this machine): trusted.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import SettingError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def parse_networks(value: Any) -> tuple[Network, ...] | None:
    """``TRUSTED_PROXIES`` (a comma-separated string or a list) as networks; None for ``*``
    (every peer).  A bad entry is a SettingError naming the variable."""
    if value is None:
        value = ""
    items = list(value) if isinstance(value, list | tuple) else str(value).split(",")
    names = [str(item).strip() for item in items if str(item).strip()]
    if "*" in names:
        return None
    networks = []
    for name in names:
        try:
            networks.append(ipaddress.ip_network(name, strict=False))
        except ValueError:
            raise SettingError(
                f"CROSSWORD_TRUSTED_PROXIES must list IP addresses or networks"
                f" (e.g. 10.0.0.0/8), not {name!r}"
            ) from None
    return tuple(networks)


def is_trusted(peer: str | None, networks: tuple[Network, ...] | None) -> bool:
    if networks is None:
        return True
    if not peer:
        return True  # a unix socket: the proxy runs on this machine
    try:
        address = ipaddress.ip_address(peer.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in networks)


class TrustedProxyFix:
    """ProxyFix for requests whose peer is a trusted proxy; the others pass untouched."""

    def __init__(self, app: WsgiApp, networks: tuple[Network, ...] | None, **counts: int):
        self.app = app
        self.fixed = ProxyFix(app, **counts)  # type: ignore[arg-type]
        self.networks = networks

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if is_trusted(environ.get("REMOTE_ADDR"), self.networks):
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)


def init_app(app: Flask) -> None:
    """Apply X-Forwarded-* as PROXY_COUNT and TRUSTED_PROXIES say (nothing when 0)."""
    networks = parse_networks(app.config.get("TRUSTED_PROXIES"))
    count = int(app.config.get("PROXY_COUNT") or 0)
    if count <= 0:
        return
    # with a PUBLIC_URL the host is configured, never taken from a header
    x_host = 0 if app.config.get("PUBLIC_URL") else count
    app.wsgi_app = TrustedProxyFix(  # type: ignore[method-assign]
        app.wsgi_app, networks, x_for=count, x_proto=count, x_host=x_host
    )
