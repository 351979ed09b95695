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
