"""The feedback actions the domain names exist, and the form's validation keeps what
was given at each step (run through rasa-sdk's executor, as the gateway does)."""

from types import SimpleNamespace
from typing import Any

import yaml
from rasa_sdk.executor import ActionExecutor

from actions import build_actions
from assistant.feedback.service import FeedbackService
from assistant.settings import Settings, project_root

DOMAIN = yaml.safe_load(
    (project_root() / "nlu_data" / "domain" / "feedback.yml").read_text(encoding="utf-8")
)


def _executor(service: FeedbackService) -> ActionExecutor:
    executor = ActionExecutor()
    for action in build_actions(SimpleNamespace(settings=Settings(), feedback=service)):
        executor.register_action(action)
    return executor


def test_every_feedback_action_of_the_domain_is_registered(service: FeedbackService) -> None:
    names = {a.name for a in _executor(service).list_actions()}
    assert set(DOMAIN["actions"]) <= names


def _call(slots: dict[str, Any], text: str, *, extracted: dict[str, Any],
          context: dict[str, str] | None = None) -> dict[str, Any]:
    """The form's call after a user message: ``extracted`` holds what the domain's
    slot mappings took from it (Rasa sends those as the newest slot events)."""
    message = {"text": text, "intent": {"name": "give_feedback", "confidence": 1.0},
               "entities": [],
               "metadata": {"channel": "web", "context": context or {}}}
    events = [{"event": "user", "text": text, "parse_data": message,
               "metadata": message["metadata"]}]
    events += [{"event": "action", "name": "action_listen"}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in extracted.items()]
    return {
        "next_action": "validate_feedback_form",
        "sender_id": "unit-1",
        "tracker": {"sender_id": "unit-1", "slots": {"language": "vi", **slots, **extracted},
                    "latest_message": message, "events": events, "paused": False,
                    "followup_action": None, "active_loop": {"name": "feedback_form"},
                    "latest_action_name": "action_listen"},
        "domain": {**DOMAIN, "forms": DOMAIN["forms"]},
        "version": "3.6.21",
    }


async def test_a_typed_rating_is_saved_with_the_qr_context(service: FeedbackService) -> None:
    executor = _executor(service)
    result = await executor.run(_call(
        {"requested_slot": "feedback_rating"}, "4/5", extracted={"feedback_rating": "4/5"},
        context={"mode": "feedback", "counter": "Q3"},
    ))
    assert result is not None
    slots = {e["name"]: e["value"] for e in result.model_dump()["events"] if e["event"] == "slot"}
    assert slots["feedback_rating"] == 4
    assert slots["requested_slot"] == "feedback_reasons"
    record = service.get(slots["feedback_id"])
    assert record is not None
    assert (record.rating, record.counter, record.source, record.status) == (4, "Q3", "qr",
                                                                             "partial")


async def test_stop_ends_the_form_and_keeps_the_rating(service: FeedbackService) -> None:
    executor = _executor(service)
    first = await executor.run(_call({"requested_slot": "feedback_rating"}, "2",
                                     extracted={"feedback_rating": "2"}))
    assert first is not None
    feedback_id = next(e["value"] for e in first.model_dump()["events"]
                       if e["event"] == "slot" and e["name"] == "feedback_id")
    second = await executor.run(_call(
        {"requested_slot": "feedback_reasons", "feedback_rating": 2, "feedback_id": feedback_id},
        "thôi", extracted={"feedback_reasons": "thôi"},
    ))
    assert second is not None
    slots = {e["name"]: e["value"] for e in second.model_dump()["events"] if e["event"] == "slot"}
    assert slots["requested_slot"] is None and slots["feedback_stopped"] is True
    record = service.get(feedback_id)
    assert record is not None and (record.rating, record.status) == (2, "stopped")
