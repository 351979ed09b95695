import time

import pytest

from assistant.dossiers.errors import LookupRateLimitedError
from assistant.dossiers.limiter import LookupLimiter
from assistant.dossiers.models import Requester


def _limiter(sender: str = "2/second", client: str = "100/second") -> LookupLimiter:
    return LookupLimiter(sender_limits=sender, client_limits=client, verification_limits="2/second")


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


def test_verification_failures_lock_a_code_then_reset() -> None:
    limiter = _limiter()
    limiter.check_verification("C")
    limiter.fail_verification("C")
    limiter.fail_verification("C")
    with pytest.raises(LookupRateLimitedError):
        limiter.check_verification("C")
    limiter.check_verification("D")
    time.sleep(1.1)
    limiter.check_verification("C")


def test_anonymous_requests_are_not_counted_against_anyone() -> None:
    limiter = _limiter(sender="1/second", client="1/second")
    for _ in range(3):
        limiter.hit(Requester(channel="api"))


@pytest.mark.integration
def test_gateway_workers_share_the_counters_in_redis(redis_url: str) -> None:
    workers = [
        LookupLimiter(sender_limits="3/minute", client_limits="100/minute",
                      verification_limits="2/minute", storage_uri=redis_url)
        for _ in range(2)
    ]
    who = Requester(channel="web", sender_id="shared-in-redis")
    workers[0].hit(who)
    workers[1].hit(who)
    workers[0].hit(who)
    with pytest.raises(LookupRateLimitedError):
        workers[1].hit(who)
    workers[0].reset()
