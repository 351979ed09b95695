import time

import pytest

from assistant.dossiers.errors import LookupRateLimitedError
from assistant.dossiers.limiter import LookupLimiter
from assistant.dossiers.models import Requester


def _limiter(
    sender: str = "2/second", client: str = "100/second", every: str = ""
) -> LookupLimiter:
    return LookupLimiter(sender_limits=sender, client_limits=client, global_limits=every)


def test_sender_limit_triggers_and_resets() -> None:
    limiter = _limiter()
    who = Requester(channel="telegram", sender_id="telegram:1")
    limiter.hit(who)
    limiter.hit(who)
    with pytest.raises(LookupRateLimitedError) as refused:
        limiter.hit(who)
    assert refused.value.retry_after_seconds >= 1
    limiter.hit(Requester(channel="zalo", sender_id="telegram:1"))  # another channel's id
    time.sleep(1.1)
    limiter.hit(who)  # the window has moved on


def test_client_limit_counts_every_sender_of_an_address() -> None:
    limiter = _limiter(sender="100/second", client="3/second")
    for n in range(3):
        limiter.hit(Requester(sender_id=f"s{n}", client_ip="10.1.1.1"))
    with pytest.raises(LookupRateLimitedError):
        limiter.hit(Requester(sender_id="fresh", client_ip="10.1.1.1"))
    limiter.hit(Requester(sender_id="fresh", client_ip="10.1.1.2"))


def test_several_windows() -> None:
    limiter = _limiter(sender="5/second;3/minute")
    who = Requester(sender_id="x")
    for _ in range(3):
        limiter.hit(who)
    with pytest.raises(LookupRateLimitedError) as refused:
        limiter.hit(who)
    assert refused.value.retry_after_seconds > 1  # the minute window, not the second one


def test_an_ipv6_client_is_counted_by_its_64_prefix() -> None:
    limiter = _limiter(sender="100/second", client="3/second")
    for n in range(3):  # one phone rotating its privacy addresses inside its /64
        limiter.hit(Requester(client_ip=f"2001:db8:1:2::{n + 1:x}"))
    with pytest.raises(LookupRateLimitedError):
        limiter.hit(Requester(client_ip="2001:db8:1:2:ffff:1:2:3"))
    limiter.hit(Requester(client_ip="2001:db8:1:3::1"))  # the neighbouring /64
    for address in ("::ffff:10.9.9.100", "10.9.9.100", "::ffff:10.9.9.100"):
        limiter.hit(Requester(client_ip=address))  # an IPv4-mapped address is IPv4
    with pytest.raises(LookupRateLimitedError):
        limiter.hit(Requester(client_ip="::ffff:10.9.9.100"))


def test_the_global_cap_counts_every_lookup() -> None:
    limiter = _limiter(sender="100/second", client="100/second", every="4/second")
    for n in range(4):
        limiter.hit(Requester(sender_id=f"s{n}", client_ip=f"10.2.0.{n}"))
    with pytest.raises(LookupRateLimitedError):
        limiter.hit(Requester(sender_id="fresh", client_ip="10.3.0.1"))


def test_anonymous_requests_are_not_counted_against_anyone() -> None:
    limiter = _limiter(sender="1/second", client="1/second")
    for _ in range(3):
        limiter.hit(Requester(channel="api"))


@pytest.mark.integration
def test_gateway_workers_share_the_counters_in_redis(redis_url: str) -> None:
    workers = [
        LookupLimiter(sender_limits="3/minute", client_limits="100/minute",
                      global_limits="1000/minute", storage_uri=redis_url)
        for _ in range(2)
    ]
    who = Requester(channel="web", sender_id="shared-in-redis")
    workers[0].hit(who)
    workers[1].hit(who)
    workers[0].hit(who)
    with pytest.raises(LookupRateLimitedError):
        workers[1].hit(who)
    workers[0].reset()
