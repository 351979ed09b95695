"""Rasa started through our launcher still refuses a malformed action server response,
and accepts a valid one: a real Rasa server whose action endpoint is a local HTTP server
answering what each test sets."""

import json
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.dialogue import rasa_launcher
from assistant.dialogue.rasa_server import rasa_has_model, rasa_process
from assistant.dialogue.training import ensure_model, rasa_environment, rasa_executable
from assistant.runtime.process import ManagedProcess
from assistant.settings import RasaSettings, Settings
from tests.support.fake_http import FakeServer, Request
from tests.support.ports import free_port

pytestmark = pytest.mark.integration

# A bot message, and a slot event whose timestamp is not a number: Rasa's schema refuses it.
MALFORMED = {
    "events": [{"event": "slot", "name": "language", "value": "vi", "timestamp": "yesterday"}],
    "responses": [{"text": "MALFORMED REPLY"}],
}
VALID = {"events": [], "responses": [{"text": "VALID REPLY"}]}
EMPTY: dict[str, list[Any]] = {"events": [], "responses": []}


class ActionServer(FakeServer):
    """Answers ``action_greet`` with ``greeting`` and every other action with nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.greeting: dict[str, Any] = VALID

    def respond(self, request: Request) -> tuple[int, Any]:
        name = request.json().get("next_action")
        return 200, self.greeting if name == "action_greet" else EMPTY


@pytest.fixture(scope="module")
def rasa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, ActionServer, Path]]:
    data_dir = tmp_path_factory.mktemp("launcher")
    port = free_port()
    settings = Settings(data_dir=data_dir, rasa=RasaSettings(port=port))
    log_file = data_dir / "rasa.log"
    with ActionServer() as actions:
        process: ManagedProcess = rasa_process(
            settings, model=ensure_model(settings), gateway_url=actions.url, log_file=log_file
        )
        process.start()
        try:
            process.wait_until(lambda: rasa_has_model(settings), timeout=300,
                               what="serving a model")
            yield settings.rasa.url, actions, log_file
        finally:
            process.stop()


def _greet(url: str) -> str:
    response = httpx.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": f"launcher-{uuid.uuid4().hex[:8]}", "message": "xin chào"},
        timeout=60.0,
    )
    assert response.status_code == 200, response.text
    return "\n".join(str(m.get("text")) for m in response.json())


def test_a_valid_action_response_is_accepted(rasa: tuple[str, ActionServer, Path]) -> None:
    url, actions, _ = rasa
    actions.greeting = VALID
    assert "VALID REPLY" in _greet(url)


def test_a_malformed_action_response_is_refused(rasa: tuple[str, ActionServer, Path]) -> None:
    url, actions, log_file = rasa
    actions.greeting = MALFORMED
    assert "MALFORMED REPLY" not in _greet(url)
    assert "Failed to validate Action server response" in log_file.read_text()
    actions.greeting = VALID  # and the server goes on answering
    assert "VALID REPLY" in _greet(url)


def test_the_cached_validator_raises_what_jsonschema_validate_raised() -> None:
    """Same verdict and same message as Rasa's own check, on valid and malformed bodies."""
    bodies = [VALID, EMPTY, MALFORMED, {"events": "none"}, {"responses": ["text"]},
              {"events": [{"event": "unknown-kind"}]}, {"events": [{"name": "x"}]}, []]
    script = f"""
import importlib.util, json, sys
from rasa.core.actions.action import RemoteAction
def verdicts():
    out = []
    for body in json.loads(sys.argv[1]):
        try:
            out.append(RemoteAction("a", None)._validate_action_result(body))
        except Exception as exc:
            out.append([type(exc).__name__, exc.message, list(exc.path)])
    return out
before = verdicts()
spec = importlib.util.spec_from_file_location("launcher", {rasa_launcher.__file__!r})
launcher = importlib.util.module_from_spec(spec)
spec.loader.exec_module(launcher)
launcher.install_cached_validator()
print(json.dumps([before, verdicts()]))
"""
    settings = Settings()
    python = rasa_executable(settings).parent / "python"
    done = subprocess.run(
        [str(python), "-c", script, json.dumps(bodies)], capture_output=True, text=True,
        env=rasa_environment(settings), timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert after == before
    assert after[0] is True and after[2][0] == "ValidationError"
