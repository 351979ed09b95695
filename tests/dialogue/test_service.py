"""DialogueService against an unreachable Rasa: the user still gets a clear answer."""

import pytest

from assistant.dialogue.client import RasaClient
from assistant.dialogue.models import IncomingMessage
from assistant.dialogue.service import DialogueService
from tests.support.ports import free_port


@pytest.fixture
async def service():  # type: ignore[no-untyped-def]
    client = RasaClient(f"http://127.0.0.1:{free_port()}", timeout=2.0)
    yield DialogueService(client, max_chars=100)
    await client.aclose()


def _message(text: str, language: str | None = None) -> IncomingMessage:
    return IncomingMessage(channel="api", sender_id="u1", text=text, language=language)  # type: ignore[arg-type]


async def test_rasa_down_gives_a_degraded_answer_in_the_users_language(
    service: DialogueService,
) -> None:
    vi = await service.handle(_message("xin chào"))
    en = await service.handle(_message("hello"))
    assert vi.is_degraded and "hạn chế" in vi.messages[-1].text
    assert en.is_degraded and en.language == "en" and "temporarily" in en.messages[-1].text


async def test_empty_message_is_answered_without_rasa(service: DialogueService) -> None:
    reply = await service.handle(_message(" \u200b ", language="en"))
    assert not reply.is_degraded
    assert "empty" in reply.messages[0].text


async def test_too_long_message_is_cut_with_a_notice(service: DialogueService) -> None:
    reply = await service.handle(_message("xin chào " * 50))
    assert "100" in reply.messages[0].text
