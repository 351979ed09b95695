"""The procedure actions with the real catalogue and search, through the action endpoint
the way Rasa calls them: when to answer directly, when to offer a choice, and when to
say honestly that nothing fits."""

from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.catalogue.service import CatalogueService
from assistant.dialogue.action_endpoint import router
from assistant.dialogue.action_executor import build_executor
from assistant.dialogue.turn_notes import TurnNotes
from assistant.search import SearchService
from assistant.settings import DialogueSettings, RasaSettings, Settings

BIRTH_REGISTRATION = "1.001193"
_DOMAIN = {"slots": {}, "forms": {}, "responses": {}}


def _client(
    full_service: SearchService, catalogue: CatalogueService, **dialogue: Any
) -> TestClient:
    settings = Settings(
        rasa=RasaSettings(action_token="secret"), dialogue=DialogueSettings(**dialogue)
    )
    services = SimpleNamespace(
        settings=settings, catalogue=catalogue, search=full_service,
        dialogue=SimpleNamespace(turn_notes=TurnNotes()),
    )
    services.action_executor = build_executor(services)
    app = FastAPI()
    app.include_router(router)
    app.state.services = services
    return TestClient(app)


@pytest.fixture(scope="module")
def client(full_service: SearchService, catalogue: CatalogueService) -> TestClient:
    return _client(full_service, catalogue)


def _run(
    client: TestClient, action: str, text: str, intent: str, *,
    focus: str | None = None, language: str = "vi", ranking: list[str] | None = None,
    **slots: Any,
) -> dict[str, Any]:
    tracker = {
        "sender_id": "u1",
        "slots": {"language": language, "procedure_code": focus, **slots},
        "latest_message": {
            "text": text, "intent": {"name": intent, "confidence": 0.4},
            "intent_ranking": [
                {"name": name, "confidence": 0.4} for name in (ranking or [intent])
            ],
            "entities": [], "metadata": {},
        },
        "events": [], "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen",
    }
    response = client.post(
        "/actions/webhook?token=secret",
        json={"next_action": action, "sender_id": "u1", "tracker": tracker,
              "domain": _DOMAIN, "version": "3.6.21"},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _text(reply: dict[str, Any]) -> str:
    return "\n".join(r.get("text") or "" for r in reply["responses"])


def _choices(reply: dict[str, Any]) -> list[str]:
    return [
        b["title"] for r in reply["responses"] for b in r.get("buttons") or []
        if b["payload"].startswith("/choose_procedure")
    ]


def _slot(reply: dict[str, Any], name: str) -> Any:
    slots = [e for e in reply["events"] if e.get("name") == name]
    return slots[-1]["value"] if slots else None


def _focus(reply: dict[str, Any]) -> str | None:
    return _slot(reply, "procedure_code")  # type: ignore[no-any-return]


def test_a_need_with_several_close_matches_is_offered_as_a_choice(
    full_service: SearchService, catalogue: CatalogueService,
) -> None:
    client = _client(full_service, catalogue, clear_winner_margin=1e9)
    reply = _run(client, "action_search_procedures", "tôi muốn làm lại căn cước bị mất",
                 "ask_procedure")
    titles = _choices(reply)
    assert 2 <= len(titles) <= 5
    assert any("căn cước" in t.lower() for t in titles)
    assert all("(" in t for t in titles)  # the level is shown with the title


def test_a_clear_winner_is_answered_directly(
    full_service: SearchService, catalogue: CatalogueService,
) -> None:
    client = _client(full_service, catalogue, clear_winner_margin=0.0)
    reply = _run(client, "action_search_procedures", "đăng ký khai sinh cho con",
                 "ask_procedure")
    assert not _choices(reply)
    assert _focus(reply) is not None
    assert "khai sinh" in _text(reply).lower()


def test_a_follow_up_answers_about_the_procedure_in_focus(client: TestClient) -> None:
    reply = _run(client, "action_answer_detail", "còn lệ phí thì sao?", "ask_fee",
                 focus=BIRTH_REGISTRATION)
    assert "Lệ phí" in _text(reply)
    assert "đăng ký khai sinh" in _text(reply).lower()
    assert _focus(reply) is None  # the focus did not move


def test_a_follow_up_naming_another_need_does_not_answer_about_the_old_focus(
    client: TestClient,
) -> None:
    reply = _run(client, "action_answer_detail", "lệ phí làm hộ chiếu bao nhiêu", "ask_fee",
                 focus=BIRTH_REGISTRATION)
    if _choices(reply):
        assert any("hộ chiếu" in t.lower() for t in _choices(reply))
    else:
        assert _focus(reply) not in (None, BIRTH_REGISTRATION)
        assert "hộ chiếu" in _text(reply).lower()
    assert "khai sinh" not in _text(reply).lower()


def test_an_english_need_is_understood(client: TestClient) -> None:
    reply = _run(client, "action_search_procedures", "I need to register the birth of my child",
                 "ask_procedure", language="en")
    shown = " ".join(_choices(reply)) or _text(reply)
    assert "khai sinh" in shown.lower()


def test_nonsense_that_nlu_could_not_place_gets_no_procedure(client: TestClient) -> None:
    reply = _run(client, "action_handle_fallback", "asdkj qwpeo zmxn", "nlu_fallback")
    assert not _choices(reply)
    assert _focus(reply) is None


def test_a_vague_question_with_nothing_in_focus_is_asked_back_with_choices(
    client: TestClient,
) -> None:
    reply = _run(client, "action_answer_detail",
                 "after registering, do I get a paper that proves it?", "ask_documents",
                 language="en")
    assert _focus(reply) is None
    assert "Which procedure" in _text(reply)
    assert _choices(reply)
    assert _slot(reply, "pending_topic") == "documents"


def test_a_bare_follow_up_after_a_list_shows_the_list_again(client: TestClient) -> None:
    candidates = [BIRTH_REGISTRATION, "1.000656"]
    reply = _run(client, "action_answer_detail", "what documents?", "ask_documents",
                 language="en", candidate_codes=candidates)
    assert "Which procedure of the list" in _text(reply)
    assert len(_choices(reply)) == 2
    assert _slot(reply, "candidate_codes") == candidates
    assert _slot(reply, "pending_topic") == "documents"


def test_a_chosen_procedure_answers_the_question_asked_before(client: TestClient) -> None:
    reply = _run(client, "action_show_procedure", '/choose_procedure{"procedure_code":"x"}',
                 "choose_procedure", focus=BIRTH_REGISTRATION, pending_topic="fee")
    assert "📄" in _text(reply) and "Lệ phí –" in _text(reply)
    assert _slot(reply, "pending_topic") is None


def test_an_open_legal_question_gets_the_closest_procedures_and_where_to_ask(
    full_service: SearchService, catalogue: CatalogueService,
) -> None:
    client = _client(full_service, catalogue, clear_winner_margin=0.0)
    reply = _run(client, "action_search_procedures",
                 "người nước ngoài có được đứng tên nhà ở Việt Nam không", "ask_procedure")
    assert _choices(reply) and _focus(reply) is None
    assert "Trợ giúp pháp lý" in _text(reply)


@pytest.mark.parametrize(
    ("guess", "action"),
    [("check_dossier_status", "dossier_status_form"), ("ask_human", "action_human_handoff")],
)
def test_an_unsure_request_follows_its_guess_instead_of_searching(
    client: TestClient, guess: str, action: str,
) -> None:
    reply = _run(client, "action_handle_fallback", "kiem tra ho so", "nlu_fallback",
                 ranking=["nlu_fallback", guess, "ask_procedure"])
    assert not _choices(reply)
    assert {"event": "followup", "timestamp": None, "name": action} in reply["events"]


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("thanh toán lệ phí trực tuyến bị lỗi, đã trừ tiền", "vi", "đừng"),
        ("how do I log in with VNeID", "en", "VNeID"),
    ],
)
def test_a_portal_question_gets_portal_help_and_contacts(
    client: TestClient, question: str, language: str, expected: str,
) -> None:
    reply = _run(client, "action_answer_portal_help", question, "ask_portal_help",
                 language=language)
    assert expected in _text(reply)
    assert "https://dichvucong.gov.vn" in _text(reply) and "18001096" in _text(reply)
    assert not _choices(reply)
