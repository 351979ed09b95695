"""The walking skeleton end to end: real Rasa server, real gateway, real action round trip."""

import uuid

import httpx
import pytest

pytestmark = pytest.mark.integration


def _chat(gateway: httpx.Client, text: str, **extra: object) -> dict:  # type: ignore[type-arg]
    body = {"sender_id": f"test-{uuid.uuid4().hex[:12]}", "text": text, **extra}
    response = gateway.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _texts(reply: dict) -> str:  # type: ignore[type-arg]
    return " ".join(m["text"] for m in reply["messages"])


def test_ready_when_everything_is_up(gateway: httpx.Client) -> None:
    response = gateway.get("/readyz")
    assert response.status_code == 200, response.text
    assert all(part["is_ready"] for part in response.json()["parts"].values())
    assert gateway.get("/healthz").json() == {"status": "ok"}


@pytest.mark.parametrize("text", ["xin chào", "xin chao", "chao ban"])
def test_vietnamese_greeting_is_answered_in_vietnamese(gateway: httpx.Client, text: str) -> None:
    reply = _chat(gateway, text)
    assert reply["language"] == "vi"
    assert "Xin chào" in _texts(reply)
    assert "thủ tục" in _texts(reply)


def test_english_greeting_is_answered_in_english(gateway: httpx.Client) -> None:
    reply = _chat(gateway, "hello")
    assert reply["language"] == "en"
    assert "Hello" in _texts(reply)
    assert "procedure" in _texts(reply)


def test_greeting_comes_from_the_gateway_action(gateway: httpx.Client) -> None:
    """action_greet runs in the gateway and reads the catalogue size from its service."""
    procedures = gateway.get("/readyz").json()["parts"]["search"]["detail"].split()[0]
    count = int(procedures)
    vi = _texts(_chat(gateway, "xin chào"))
    en = _texts(_chat(gateway, "hi there"))
    assert f"{count:,}".replace(",", ".") in vi
    assert f"{count:,}" in en


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("cảm ơn bạn", "vi", "Không có gì"),
        ("cam on ban nhieu", "vi", "Không có gì"),
        ("thank you", "en", "welcome"),
        ("tạm biệt", "vi", "Tạm biệt"),
        ("bye", "en", "Goodbye"),
    ],
)
def test_thanks_and_goodbye_in_the_users_language(
    gateway: httpx.Client, text: str, language: str, expected: str
) -> None:
    reply = _chat(gateway, text)
    assert reply["language"] == language
    assert expected in _texts(reply)


def test_language_is_kept_for_messages_without_signal(gateway: httpx.Client) -> None:
    sender = f"test-{uuid.uuid4().hex[:12]}"
    gateway.post("/api/chat", json={"sender_id": sender, "text": "hello"})
    reply = gateway.post("/api/chat", json={"sender_id": sender, "text": "ok"}).json()
    assert reply["language"] == "en"


def test_bad_input_gets_a_clear_answer(gateway: httpx.Client) -> None:
    empty = _chat(gateway, "   ")
    assert "chưa nhập" in _texts(empty)
    malformed = gateway.post(
        "/api/chat", content=b"\xff\xfe not json", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 422
    assert malformed.json()["code"] == "invalid_input"
    unknown_field = gateway.post("/api/chat", json={"sender_id": "x", "text": "hi", "x": 1})
    assert unknown_field.status_code == 422
    long = _chat(gateway, "xin chào " * 1000)
    assert "dài quá" in _texts(long)


def test_action_endpoint_refuses_callers_without_the_token(gateway: httpx.Client) -> None:
    response = gateway.post("/actions/webhook", json={"next_action": "action_greet"})
    assert response.status_code == 403


def test_landing_page_and_docs(gateway: httpx.Client) -> None:
    landing = gateway.get("/")
    assert landing.status_code == 200
    assert "Trợ lý ảo dịch vụ công" in landing.text
    assert gateway.get("/docs").status_code == 200
