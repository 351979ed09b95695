"""When Rasa stops, the gateway says it is not ready but still answers every message;
when it is back, conversations go on from their stored trackers."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.runtime.stack import Stack
from tests.support.chat import Conversation
from tests.support.stack import integration_settings, running_stack

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    data_dir: Path = tmp_path_factory.mktemp("var-down")
    with running_stack(integration_settings(data_dir)) as running:
        yield running


def test_rasa_killed_mid_conversation_then_the_conversation_goes_on(own_stack: Stack) -> None:
    assert own_stack.rasa is not None
    gateway = httpx.Client(base_url=own_stack.gateway_url, timeout=30.0)
    chat = Conversation(gateway)
    chat.say("tôi muốn làm lại căn cước bị mất")
    title = chat.choose_first_procedure()
    own_stack.rasa.stop()  # killed between two turns of this conversation
    degraded = chat.say("cần mang giấy tờ gì")
    assert degraded["is_degraded"] is True and "hạn chế" in chat.text
    own_stack.start_rasa()
    own_stack.wait_ready(timeout=300)
    # The tracker store kept the procedure in focus: the follow-up needs no repeat.
    assert chat.say("cần mang giấy tờ gì")["is_degraded"] is False
    assert "Hồ sơ cần chuẩn bị" in chat.text and title in chat.text, chat.text
    gateway.close()


def test_rasa_down_means_not_ready_but_chat_still_answers(
    own_stack: Stack
) -> None:
    assert own_stack.rasa is not None
    gateway = httpx.Client(base_url=own_stack.gateway_url, timeout=30.0)
    assert Conversation(gateway).say("xin chào")["is_degraded"] is False
    own_stack.rasa.stop()
    ready = gateway.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["parts"]["rasa"]["is_ready"] is False
    for text, marker in (("xin chào", "hạn chế"), ("hello", "temporarily limited")):
        chat = Conversation(gateway)
        reply = chat.say(text)
        assert reply["is_degraded"] is True
        assert marker in chat.text
    gateway.close()
