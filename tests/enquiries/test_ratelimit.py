from django.core.cache.backends.locmem import LocMemCache

from deskbook.enquiries.ratelimit import client_bucket, client_ip, hit


def fresh_cache() -> LocMemCache:
    return LocMemCache("ratelimit-tests", {})


def test_client_ip_is_remote_addr_by_default():
    meta = {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert client_ip(meta) == "203.0.113.5"


def test_behind_a_proxy_the_right_most_forwarded_address_is_the_client():
    meta = {
        "REMOTE_ADDR": "10.0.0.2",
        "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.1, 203.0.113.9",
    }
    assert client_ip(meta, header="HTTP_X_FORWARDED_FOR") == "203.0.113.9"


def test_a_missing_or_garbled_header_falls_back_to_remote_addr():
    header = "HTTP_X_FORWARDED_FOR"
    assert client_ip({"REMOTE_ADDR": "10.0.0.2"}, header=header) == "10.0.0.2"
    garbled = {"REMOTE_ADDR": "10.0.0.2", header: "1.2.3.4, not-an-ip"}
    assert client_ip(garbled, header=header) == "10.0.0.2"


def test_ipv6_clients_are_counted_per_64_network():
    one = client_bucket("2001:db8:1:2:aaaa::1")
    assert one == client_bucket("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert one != client_bucket("2001:db8:1:3::1")
    assert client_bucket("::ffff:203.0.113.5") == "203.0.113.5"
    assert client_bucket("203.0.113.5") == "203.0.113.5"
    assert client_bucket("") == "unknown"


def test_limit_allows_up_to_the_limit_then_refuses_until_the_window_ends():
    cache = fresh_cache()
    start = 1_000_000.0
    verdicts = [
        hit("t", "a", limit=3, window=600, cache=cache, now=start + n) for n in range(4)
    ]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after == 597
    assert verdicts[-1].retry_after_minutes == 10
    assert hit("t", "b", limit=3, window=600, cache=cache, now=start).allowed


def test_the_cache_never_holds_the_address():
    cache = fresh_cache()
    hit("t", "203.0.113.5", limit=3, window=600, cache=cache)
    assert not any("203.0.113.5" in key for key in cache._cache)
