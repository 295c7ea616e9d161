"""How many times a client did something recently, counted in Django's cache.

A fixed window per client: the first hit starts it, and it ends ``window``
seconds later. ``cache.add`` and ``cache.incr`` are atomic on Redis and
Memcached, so several workers share one count; with the local-memory cache each
process counts on its own. Clients are keyed by a keyed hash of their address,
so the cache never holds the address itself.
"""

import ipaddress
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.cache import cache as default_cache
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    retry_after: int  # seconds until the window ends

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def client_ip(meta: Mapping[str, str], *, header: str | None = None) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind a proxy the right-most
    address in ``header`` (e.g. ``HTTP_X_FORWARDED_FOR``) — the one our own
    proxy appended; addresses to its left are whatever the client claimed."""
    if header:
        hops = [hop.strip() for hop in meta.get(header, "").split(",")]
        if hops and _is_address(hops[-1]):
            return hops[-1]
    return meta.get("REMOTE_ADDR", "")


def client_bucket(ip: str) -> str:
    """What to count: an IPv4 address, or an IPv6 address's /64 network (one
    household or phone is given a whole /64 and can pick any address in it)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


def hit(
    scope: str,
    client: str,
    *,
    limit: int,
    window: int,
    cache=None,
    now: float | None = None,
) -> Verdict:
    """Count one hit by ``client`` in ``scope``; allowed while within ``limit``."""
    cache = default_cache if cache is None else cache
    now = time.time() if now is None else now
    digest = salted_hmac(f"deskbook.ratelimit.{scope}", client).hexdigest()
    count_key = f"ratelimit:{scope}:{digest}:count"
    start_key = f"ratelimit:{scope}:{digest}:start"
    cache.add(start_key, now, window)
    cache.add(count_key, 0, window)
    try:
        count = cache.incr(count_key)
    except ValueError:  # the window ended between add and incr: start another
        cache.set(start_key, now, window)
        cache.set(count_key, 1, window)
        count = 1
    started = cache.get(start_key, now)
    retry_after = max(1, math.ceil(started + window - now))
    return Verdict(allowed=count <= limit, count=count, retry_after=retry_after)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
