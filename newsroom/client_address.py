"""The address a request came from, for everything that counts or logs by address: the
sign-in throttle (django-axes, `AXES_CLIENT_IP_CALLABLE`), the API's throttle and the alerts'
sign-up limits. (The request log is nginx's, with the address nginx saw.)

Behind nginx the socket's peer is nginx itself: 127.0.0.1, or no address at all when
gunicorn listens on a Unix socket (`REMOTE_ADDR` is empty). The reader's address is then
the one nginx writes into `X-Forwarded-For` (or `X-Real-IP`) from `$remote_addr`. Those
headers are believed only on a request from one of `settings.TRUSTED_PROXIES` (addresses
or networks, and `unix` for a Unix-socket peer), and read from the right: the first
address that is not itself a trusted proxy is the client (a request from the proxy's own
machine is that machine). Whatever a client writes into them is to the left of what the
proxies added, so it never counts.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

UNIX_SOCKET = "unix"


def client_ip(request) -> str | None:
    meta = request.META
    return _client_ip(
        meta.get("REMOTE_ADDR") or "",
        meta.get("HTTP_X_FORWARDED_FOR", ""),
        meta.get("HTTP_X_REAL_IP", ""),
        tuple(settings.TRUSTED_PROXIES),
    )


def _client_ip(peer: str, forwarded_for: str, real_ip: str, proxies: tuple[str, ...]) -> str | None:
    client = peer
    if not _trusted(client, proxies):
        return client or None
    for hop in reversed(_forwarded(forwarded_for, real_ip)):
        try:
            client = str(ipaddress.ip_address(hop))
        except ValueError:
            break  # not an address: nothing to its left can be believed either
        if not _trusted(client, proxies):
            break
    return client or None


def _forwarded(forwarded_for: str, real_ip: str) -> list[str]:
    chain = [a.strip() for a in forwarded_for.split(",") if a.strip()]
    return chain or [real_ip.strip()]


def _trusted(address: str, proxies: tuple[str, ...]) -> bool:
    if not address:
        return UNIX_SOCKET in proxies
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(proxies))


@functools.cache
def _networks(proxies: tuple[str, ...]) -> list:
    networks = []
    for proxy in proxies:
        if proxy == UNIX_SOCKET:
            continue
        try:
            networks.append(ipaddress.ip_network(proxy, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {proxy!r} is not an address, a network or {UNIX_SOCKET!r}"
            ) from None
    return networks
