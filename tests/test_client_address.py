"""``X-Forwarded-For`` is believed only from the configured proxies."""

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from assistant.client_address import client_address, limit_key


def _app(trusted: list[str]) -> TestClient:
    app = FastAPI()

    @app.get("/who")
    async def who(request: Request) -> dict[str, str | None]:
        return {"address": client_address(request, trusted_proxies=trusted)}

    return TestClient(app, client=("10.0.0.5", 5000))


def _who(client: TestClient, forwarded: str | None) -> str | None:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    address: str | None = client.get("/who", headers=headers).json()["address"]
    return address


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert _who(_app([]), "203.0.113.7") == "10.0.0.5"


def test_a_trusted_proxy_names_the_client_from_the_right() -> None:
    client = _app(["10.0.0.0/24", "192.0.2.1"])
    # The client spoofs a first hop; the proxies append what they saw.
    assert _who(client, "1.2.3.4, 203.0.113.7, 192.0.2.1") == "203.0.113.7"
    assert _who(client, "2001:db8::7") == "2001:db8::7"
    assert _who(client, None) == "10.0.0.5"
    assert _who(client, "not-an-address") == "10.0.0.5"


def test_an_untrusted_peer_cannot_pick_its_address() -> None:
    assert _who(_app(["192.0.2.0/24"]), "203.0.113.7") == "10.0.0.5"


@pytest.mark.parametrize(
    ("address", "key"),
    [("10.1.2.3", "10.1.2.3"), ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
     ("::ffff:10.1.2.3", "10.1.2.3"), ("testclient", "testclient")],
)
def test_limit_keys(address: str, key: str) -> None:
    assert limit_key(address) == key
