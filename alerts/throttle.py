"""Rate limits on sign-ups and data requests: per network address and per email address,
counted in the cache (hashed keys, forgotten when the window ends: no address is stored)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR = 60 * 60
DAY = 24 * HOUR


def _within(scope: str, value: str, limit: int, seconds: int) -> bool:
    key = "alerts:throttle:" + hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit


def ip_allowed(ip: str) -> bool:
    """An address that cannot be known (a proxy not among TRUSTED_PROXIES) would put every
    reader in one count: then only the per-address limit applies."""
    if not ip:
        return True
    return _within("ip", ip, settings.ALERTS_REQUESTS_PER_IP_PER_HOUR, HOUR)


def address_allowed(email: str) -> bool:
    return _within("email", email.lower(), settings.ALERTS_REQUESTS_PER_ADDRESS_PER_DAY, DAY)
