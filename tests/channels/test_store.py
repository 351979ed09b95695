from datetime import timedelta

from sqlalchemy import Engine

from assistant.channels.store import ChannelStore


def test_a_delivery_is_claimed_once_per_channel(engine: Engine) -> None:
    store = ChannelStore(engine)
    assert store.claim_delivery("telegram", "42")
    assert not store.claim_delivery("telegram", "42")
    assert store.claim_delivery("zalo", "42")
    assert store.forget_deliveries(older_than=timedelta(days=1)) == 0
    assert store.forget_deliveries(older_than=timedelta(seconds=-1)) == 2
    assert store.claim_delivery("telegram", "42")


def test_state_is_replaced_not_duplicated(engine: Engine) -> None:
    store = ChannelStore(engine)
    assert store.get("zalo", "options:1") is None
    store.put("zalo", "options:1", ["/ask_fee"])
    store.put("zalo", "options:1", ["/ask_fee", "/ask_documents"])
    assert store.get("zalo", "options:1") == ["/ask_fee", "/ask_documents"]
    store.put("telegram", "context:telegram:1", {"counter": "Q3"})
    assert store.get("telegram", "context:telegram:1") == {"counter": "Q3"}
