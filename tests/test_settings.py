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


def test_production_refuses_the_development_staff_token() -> None:
    with pytest.raises(ValidationError):
        Settings(environment="production")
    assert Settings(environment="production", staff_token="s3cret-token").staff_token


def test_nested_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_RASA__URL", "http://rasa:5005")
    assert Settings().rasa.url == "http://rasa:5005"


def test_rasa_port_alone_moves_the_address_the_gateway_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASSISTANT_RASA__PORT", "5105")
    assert Settings().rasa.url == "http://127.0.0.1:5105"
