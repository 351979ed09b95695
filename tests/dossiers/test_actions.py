"""The dossier actions with a real service and real rasa-sdk trackers (no Rasa server)."""

from types import SimpleNamespace
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.action_check_dossier_status import ActionCheckDossierStatus
from actions.validate_dossier_status_form import ValidateDossierStatusForm
from assistant.dossiers.service import DossierService
from assistant.settings import Settings


def _tracker(text: str, **slots: Any) -> Tracker:
    return Tracker(
        sender_id="test-sender",
        slots={"language": "vi", **slots},
        latest_message={"text": text, "intent": {"name": "check_dossier_status"},
                        "entities": [], "metadata": {"channel": "api", "client_ip": "10.9.9.9"}},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": "dossier_status_form"},
        latest_action_name="action_listen",
    )


def _services(service: DossierService) -> Any:
    return SimpleNamespace(settings=Settings(), dossiers=service)


async def test_bad_formats_are_reasked_twice_then_the_form_ends(
    demo_service: DossierService,
) -> None:
    action = ValidateDossierStatusForm(_services(demo_service))
    attempts = 0
    for expected_end in (False, False, True):
        dispatcher = CollectingDispatcher()
        result = await action.validate_dossier_code(
            "abc", dispatcher, _tracker("abc", dossier_attempts=attempts), {}
        )
        attempts = result["dossier_attempts"]
        assert result["dossier_code"] is None
        assert ("requested_slot" in result) is expected_end
        assert bool(dispatcher.messages) is not expected_end


async def test_a_code_inside_the_message_wins_over_a_partial_entity(
    demo_service: DossierService,
) -> None:
    action = ValidateDossierStatusForm(_services(demo_service))
    text = "tra cuu ho so h22 45 240105 0003"
    result = await action.validate_dossier_code(
        "240105 0003", CollectingDispatcher(), _tracker(text), {}
    )
    assert result == {"dossier_code": "H22.45-240105-0003", "dossier_attempts": 0}
    extracted = await action.extract_dossier_code(CollectingDispatcher(), _tracker(text), {})
    assert extracted == {"dossier_code": "H22.45-240105-0003"}


async def test_lookup_reply_has_no_personal_data(demo_service: DossierService) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionCheckDossierStatus(_services(demo_service)).run(
        dispatcher, _tracker("x", dossier_code="H22.45-240105-0003"), {}
    )
    reply = "\n".join(m["text"] for m in dispatcher.messages)
    for secret in ("Nguyễn", "Văn An", "0900001357", "1357"):
        assert secret not in reply
    assert "Chờ bổ sung hồ sơ" in reply
    assert {"event": "slot", "name": "dossier_last_code", "value": "H22.45-240105-0003",
            "timestamp": None} in events
    buttons = [b["payload"] for m in dispatcher.messages for b in m["buttons"]]
    assert "/subscribe_dossier_updates" in buttons and "/verify_dossier_owner" in buttons


async def test_no_code_after_the_attempts_offers_help(demo_service: DossierService) -> None:
    dispatcher = CollectingDispatcher()
    await ActionCheckDossierStatus(_services(demo_service)).run(
        dispatcher, _tracker("x", dossier_code=None), {}
    )
    assert "chưa đọc được mã" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["buttons"][1]["payload"] == "/ask_human"
