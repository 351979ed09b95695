"""``GET /metrics`` of a real app whose Rasa server is down: the degraded turn, the
Rasa failure and its latency are counted; handovers stay at zero."""

from pathlib import Path

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from assistant.app import create_app
from tests.staff.conftest import app_settings


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text) for sample in family.samples
    }


def test_turns_errors_and_latency_are_counted(tmp_path: Path) -> None:
    with TestClient(create_app(app_settings(tmp_path))) as client:
        for text in ("xin chào", "how do I get a passport"):
            reply = client.post("/api/chat", json={"sender_id": "web-m1", "text": text})
            assert reply.json()["is_degraded"] is True
        response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples = _samples(response.text)
    assert samples[("assistant_turns_total", (("channel", "api"), ("language", "vi")))] == 1
    assert samples[("assistant_turns_total", (("channel", "api"), ("language", "en")))] == 1
    assert samples[("assistant_handovers_total", ())] == 0
    assert samples[("assistant_errors_total", (("kind", "rasa_unavailable"),))] == 2
    assert samples[("assistant_rasa_seconds_count", (("call", "turn"),))] == 2
    assert ("assistant_search_seconds_count", ()) in samples


def test_each_app_has_its_own_numbers(tmp_path: Path) -> None:
    with TestClient(create_app(app_settings(tmp_path))) as client:
        samples = _samples(client.get("/metrics").text)
    assert not any(name == "assistant_turns_total" for name, _ in samples)
