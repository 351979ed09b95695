"""The Rasa process itself: started through our launcher it still refuses a malformed
action server response and accepts a valid one; when it stops, the gateway says it is
not ready but still answers every message.

These tests share one gateway + Rasa of their own (the last test stops Rasa, so they
run in file order). Rasa's action endpoint is a local HTTP server that passes calls on
to the gateway, or answers what a test sets.
"""

import json
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.runtime import rasa_launcher
from assistant.runtime.stack import Stack
from assistant.runtime.training import rasa_environment, rasa_executable
from assistant.settings import Settings
from tests.support.chat import Conversation
from tests.support.fake_http import FakeServer, Request
from tests.support.stack import integration_settings

pytestmark = pytest.mark.integration

# A bot message, and a slot event whose timestamp is not a number: Rasa's schema refuses it.
MALFORMED = {
    "events": [{"event": "slot", "name": "language", "value": "vi", "timestamp": "yesterday"}],
    "responses": [{"text": "MALFORMED REPLY"}],
}
VALID = {"events": [], "responses": [{"text": "VALID REPLY"}]}
EMPTY: dict[str, list[Any]] = {"events": [], "responses": []}


class ActionServer(FakeServer):
    """Passes action calls on to the gateway; answers ``action_greet`` with
    ``greeting`` instead while one is set."""

    def __init__(self, gateway_url: str) -> None:
        super().__init__()
        self.gateway_url = gateway_url
        self.greeting: dict[str, Any] | None = None

    def respond(self, request: Request) -> tuple[int, Any]:
        if self.greeting is not None and request.json().get("next_action") == "action_greet":
            return 200, self.greeting
        passed = httpx.post(f"{self.gateway_url}{request.path}", params=request.query,
                            content=request.body, timeout=60.0,
                            headers={"content-type": "application/json"})
        return passed.status_code, passed.json()


@dataclass
class OwnStack:
    stack: Stack
    actions: ActionServer

    @property
    def rasa_url(self) -> str:
        return self.stack.settings.rasa.url

    @property
    def rasa_log(self) -> Path:
        assert self.stack.rasa is not None
        return self.stack.rasa.log_file


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OwnStack]:
    settings = integration_settings(tmp_path_factory.mktemp("var-own"))
    stack = Stack(settings)
    try:
        stack.start_gateway()
        with ActionServer(stack.gateway_url) as actions:
            stack.start_rasa(actions_url=actions.url)
            stack.wait_ready(timeout=300)
            yield OwnStack(stack, actions)
    finally:
        stack.stop()


def _greet(url: str) -> str:
    response = httpx.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": f"launcher-{uuid.uuid4().hex[:8]}", "message": "xin chào"},
        timeout=60.0,
    )
    assert response.status_code == 200, response.text
    return "\n".join(str(m.get("text")) for m in response.json())


def test_a_valid_action_response_is_accepted(own: OwnStack) -> None:
    own.actions.greeting = VALID
    try:
        assert "VALID REPLY" in _greet(own.rasa_url)
    finally:
        own.actions.greeting = None


def test_a_malformed_action_response_is_refused(own: OwnStack) -> None:
    own.actions.greeting = MALFORMED
    try:
        assert "MALFORMED REPLY" not in _greet(own.rasa_url)
        assert "Failed to validate Action server response" in own.rasa_log.read_text()
    finally:
        own.actions.greeting = None
    assert "Xin chào" in _greet(own.rasa_url)  # and the server goes on answering


def test_the_action_calls_of_turns_share_a_connection(own: OwnStack) -> None:
    before = len(own.actions.requests)
    _greet(own.rasa_url)
    _greet(own.rasa_url)
    calls = own.actions.requests[before:]
    assert len(calls) >= 4  # each turn: the slot mappings, then the greeting
    assert len({call.client_port for call in calls}) < len(calls)


def _in_rasa_venv(script: str, *args: str) -> Any:
    """Runs ``script`` with Rasa's Python; returns the JSON of its last line."""
    settings = Settings()
    python = rasa_executable(settings).parent / "python"
    done = subprocess.run(
        [str(python), "-c", script, *args], capture_output=True, text=True,
        env=rasa_environment(settings), timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


_LOAD_LAUNCHER = f"""
import importlib.util
spec = importlib.util.spec_from_file_location("launcher", {rasa_launcher.__file__!r})
launcher = importlib.util.module_from_spec(spec)
spec.loader.exec_module(launcher)
"""


def test_the_launcher_changes_keep_rasas_answers() -> None:
    """The cached validator gives the verdict and message of Rasa's own check on valid
    and malformed bodies; remembered event types are the ones Rasa finds."""
    bodies = [VALID, EMPTY, MALFORMED, {"events": "none"}, {"responses": ["text"]},
              {"events": [{"event": "unknown-kind"}]}, {"events": [{"name": "x"}]}, []]
    script = _LOAD_LAUNCHER + """
import json, sys
from rasa.core.actions.action import RemoteAction
from rasa.shared.utils.common import all_subclasses as launcher_subclasses
def verdicts():
    out = []
    for body in json.loads(sys.argv[1]):
        try:
            out.append(RemoteAction("a", None)._validate_action_result(body))
        except Exception as exc:
            out.append([type(exc).__name__, exc.message, list(exc.path)])
    return out
before = verdicts()
launcher.install_cached_validator()
after = verdicts()
from rasa.shared.core.events import Event, UserUttered
names = sorted({c.type_name for c in launcher_subclasses(Event)}) + ["topic"]
stock = [Event.resolve_by_type(n) for n in names]
launcher.remember_event_types()
assert [Event.resolve_by_type(n) for n in names * 2] == stock * 2
assert Event.resolve_by_type("nonsense", UserUttered) is UserUttered
print(json.dumps([before, after]))
"""
    before, after = _in_rasa_venv(script, json.dumps(bodies))
    assert after == before
    assert after[0] is True and after[2][0] == "ValidationError"


def test_graphs_run_in_order_give_what_dask_gave() -> None:
    """Every target of a small graph (a node needed twice, a run input, a node the
    targets do not need) comes out as it did through dask."""
    script = _LOAD_LAUNCHER + """
import json, sys
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

calls = []
class Join(GraphComponent):
    @classmethod
    def create(cls, config, model_storage, resource, execution_context):
        return cls(config["name"])
    def __init__(self, name):
        self.name = name
    def run(self, **parts):
        calls.append(self.name)
        return self.name + "(" + ",".join(f"{k}={v}" for k, v in sorted(parts.items())) + ")"

def node(name, needs, is_target=False):
    return SchemaNode(needs=needs, uses=Join, constructor_name="create", fn="run",
                      config={"name": name}, is_target=is_target)

schema = GraphSchema({
    "a": node("a", {"x": "__message__"}),
    "b": node("b", {"x": "a"}),
    "c": node("c", {"x": "a", "y": "b"}, is_target=True),
    "unused": node("unused", {"x": "a"}),
})
def results():
    runner = DaskGraphRunner(schema, LocalModelStorage(sys.argv[1]),
                             ExecutionContext(schema, "id"))
    calls.clear()
    out = [runner.run(inputs={"__message__": "hi"}, targets=["c"]),
           runner.run(inputs={"__message__": "hi"}),
           runner.run(inputs={"__message__": "ho"}, targets=["b", "unused"])]
    try:
        runner.run(inputs={"__message__": "a"}, targets=["c"])
    except Exception as exc:
        out.append(type(exc).__name__)
    return [out, sorted(calls)]
before = results()
launcher.run_graphs_in_order()
after = results()
print(json.dumps([before, after]))
"""
    with tempfile.TemporaryDirectory() as storage:
        before, after = _in_rasa_venv(script, storage)
    assert after == before
    (targets, calls) = before
    assert targets[0]["c"] == "c(x=a(x=hi),y=b(x=a(x=hi)))"
    assert targets[3] == "GraphRunError"  # an input named like a node
    assert calls.count("unused") == 1  # only where a target needs it


def test_saves_store_each_event_once_as_rasa_did() -> None:
    """Saving a read tracker, saving it again, and saving a copy of it store the same
    events in the SQL tracker store with the launcher's change as without."""
    script = _LOAD_LAUNCHER + """
import asyncio, json, sys
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered

async def conversation(path):
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=path)
    tracker = await store.get_or_create_tracker("citizen")
    tracker.update(UserUttered("xin chào"))
    tracker.update(ActionExecuted("utter_greet"))
    await store.save(tracker)
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    again = await store.retrieve("citizen")
    again.update(UserUttered("lệ phí"))
    again.update(SlotSet("language", "vi"))
    await store.save(again)
    copy = again.copy()
    copy.update(UserUttered("cảm ơn"))
    await store.save(copy)
    await store.save(again)  # nothing new since its own save
    full = await store.retrieve_full_tracker("citizen")
    return [[e["event"], e.get("text") or e.get("name")] for e in
            full.current_state(EventVerbosity.ALL)["events"]]

from rasa.shared.core.trackers import EventVerbosity
before = asyncio.run(conversation(sys.argv[1] + "/stock.db"))
launcher.count_saved_events()
after = asyncio.run(conversation(sys.argv[1] + "/changed.db"))
print(json.dumps([before, after]))
"""
    with tempfile.TemporaryDirectory() as folder:
        before, after = _in_rasa_venv(script, folder)
    assert after == before
    assert [event for event, _ in before].count("user") == 3


def test_rasa_killed_mid_conversation_then_the_conversation_goes_on(own: OwnStack) -> None:
    stack = own.stack
    assert stack.rasa is not None
    with httpx.Client(base_url=stack.gateway_url, timeout=30.0) as gateway:
        chat = Conversation(gateway)
        chat.say("tôi muốn làm lại căn cước bị mất")
        title = chat.choose_first_procedure()
        stack.rasa.stop()  # killed between two turns of this conversation
        degraded = chat.say("cần mang giấy tờ gì")
        assert degraded["is_degraded"] is True and "hạn chế" in chat.text
        stack.start_rasa(actions_url=own.actions.url)
        stack.wait_ready(timeout=300)
        # The tracker store kept the procedure in focus: the follow-up needs no repeat.
        assert chat.say("cần mang giấy tờ gì")["is_degraded"] is False
        assert "Hồ sơ cần chuẩn bị" in chat.text and title in chat.text, chat.text


def test_rasa_down_means_not_ready_but_chat_still_answers(own: OwnStack) -> None:
    """Last in this file: it stops this module's Rasa."""
    stack = own.stack
    assert stack.rasa is not None
    with httpx.Client(base_url=stack.gateway_url, timeout=30.0) as gateway:
        assert Conversation(gateway).say("xin chào")["is_degraded"] is False
        stack.rasa.stop()
        ready = gateway.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["parts"]["rasa"]["is_ready"] is False
        for text, marker in (("xin chào", "hạn chế"), ("hello", "temporarily limited")):
            chat = Conversation(gateway)
            reply = chat.say(text)
            assert reply["is_degraded"] is True
            assert marker in chat.text
