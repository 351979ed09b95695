"""The address of the person calling, as limits and the audit see it.

Behind a reverse proxy every request comes from the proxy; its ``X-Forwarded-For``
names the client, but any caller can send that header. It is read only when the peer
is one of the configured proxies, from the right (the nearest hop) past every proxy."""

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from fastapi import Request

__all__ = ["client_address", "limit_key"]

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=16)
def _networks(proxies: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_proxy(address: str, networks: Iterable[_Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request, *, trusted_proxies: Iterable[str] = ()) -> str | None:
    """The peer's address, or the client ``X-Forwarded-For`` names when the peer is a
    trusted proxy."""
    peer = request.client.host if request.client else None
    networks = _networks(tuple(trusted_proxies))
    if peer is None or not networks or not _is_proxy(peer, networks):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _is_proxy(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a malformed header: count the proxy, not a made-up client
    return peer


def limit_key(address: str) -> str:
    """What a per-client limit counts: an IPv4 address, or an IPv6 address's /64 (one
    household or phone gets a whole /64 and can rotate inside it)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
