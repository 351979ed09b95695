import pytest
from pydantic import ValidationError

from assistant.runtime.stack import settings_environment
from assistant.settings import RasaSettings, ServerSettings, Settings


def test_environment_round_trip(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    original = Settings(
        data_dir=tmp_path,
        server=ServerSettings(port=8123),
        rasa=RasaSettings(url="http://127.0.0.1:5123", port=5123, action_token="t"),
    )
    for name, value in settings_environment(original).items():
        monkeypatch.setenv(name, value)
    assert Settings() == original


def test_the_shared_staff_token_is_for_development_only() -> None:
    assert Settings().effective_staff_token == "dev-staff-token"
    assert Settings(staff_token="").effective_staff_token == ""  # switched off
    assert Settings(environment="production").effective_staff_token == ""
    with pytest.raises(ValidationError, match="refused in production"):
        Settings(environment="production", staff_token="a-long-s3cret-token")
    with pytest.raises(ValidationError, match="at least 12"):
        Settings(staff_token="short")


def test_nested_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_RASA__URL", "http://rasa:5005")
    assert Settings().rasa.url == "http://rasa:5005"


def test_rasa_port_alone_moves_the_address_the_gateway_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSISTANT_RASA__PORT", "5105")
    assert Settings().rasa.url == "http://127.0.0.1:5105"


def test_several_rasa_processes_are_all_called() -> None:
    rasa = RasaSettings(port=5200, processes=3)
    assert rasa.local_ports == [5200, 5201, 5202]
    assert rasa.urls == [f"http://127.0.0.1:{port}" for port in (5200, 5201, 5202)]
    assert RasaSettings(url="http://rasa:5005", processes=2).urls == ["http://rasa:5005"]


def test_redis_shares_the_rate_limit_counters() -> None:
    settings = Settings(redis_url="redis://cache:6379/0")
    assert settings.dossiers.rate_limit_storage == "redis://cache:6379/0"
    assert settings.feedback.rate_limit_storage == "redis://cache:6379/0"


def test_several_gateway_workers_need_shared_counters_and_webhooks() -> None:
    with pytest.raises(ValidationError, match="ASSISTANT_REDIS_URL"):
        Settings(server=ServerSettings(workers=2))
    with pytest.raises(ValidationError, match="webhook"):
        Settings(server=ServerSettings(workers=2), redis_url="redis://cache:6379/0",
                 telegram={"bot_token": "1:x", "mode": "polling"})  # type: ignore[arg-type]
    assert Settings(server=ServerSettings(workers=2), redis_url="redis://cache:6379/0")
