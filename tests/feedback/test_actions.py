"""The feedback actions the domain names exist, and the form's validation keeps what
was given at each step (run through rasa-sdk's executor, as the gateway does)."""

from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import ActionExecutor
from sqlalchemy import Engine

from actions import build_actions
from actions.action_record_answer_feedback import _reads_positive
from assistant.feedback.service import FeedbackService
from assistant.feedback.settings import FeedbackSettings
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
          context: dict[str, str] | None = None, sender: str = "unit-1",
          client_ip: str | None = None, action: str = "validate_feedback_form",
          intent: str = "give_feedback") -> dict[str, Any]:
    """The form's call after a user message: ``extracted`` holds what the domain's
    slot mappings took from it (Rasa sends those as the newest slot events)."""
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0},
               "entities": [],
               "metadata": {"channel": "web", "context": context or {},
                            "client_ip": client_ip}}
    events = [{"event": "user", "text": text, "parse_data": message,
               "metadata": message["metadata"]}]
    events += [{"event": "action", "name": "action_listen"}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in extracted.items()]
    return {
        "next_action": action,
        "sender_id": sender,
        "tracker": {"sender_id": sender, "slots": {"language": "vi", **slots, **extracted},
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


def _limited(engine: Engine, **limits: str) -> FeedbackService:
    return FeedbackService.create(
        engine, settings=FeedbackSettings(**limits), public_url="http://x",
        organisation_vi="Trung tâm",
    )


def _outcome(result: Any) -> tuple[dict[str, Any], str]:
    assert result is not None
    body = result.model_dump()
    slots = {e["name"]: e["value"] for e in body["events"] if e["event"] == "slot"}
    return slots, "\n".join(r.get("text") or "" for r in body["responses"])


async def test_rounds_are_limited_per_conversation_and_a_round_under_way_is_kept(
    engine: Engine,
) -> None:
    service = _limited(engine, sender_rate_limit="2/hour")
    executor = _executor(service)
    kept: list[int] = []
    for _ in range(2):
        slots, _text = _outcome(await executor.run(_call(
            {}, "cán bộ rất nhiệt tình", extracted={})))
        assert slots["feedback_stopped"] is None  # Rasa asks the rating next
        kept.append(slots["feedback_id"])
    # The third round is refused when it opens, with the reason, before any question.
    slots, text = _outcome(await executor.run(_call({}, "góp ý", extracted={})))
    assert slots["requested_slot"] is None and slots["feedback_stopped"] == "rate_limited"
    assert "gửi nhiều góp ý" in text and "vẫn được ghi nhận" in text
    # The second round, opened before the limit, goes on and keeps its answers.
    slots, _text = _outcome(await executor.run(_call(
        {"requested_slot": "feedback_rating", "feedback_id": kept[1],
         "feedback_opening": "cán bộ rất nhiệt tình"},
        "5", extracted={"feedback_rating": "5"})))
    assert slots["feedback_rating"] == 5
    records = [service.get(i) for i in kept]
    assert [(r.opening_text, r.rating) if r else None for r in records] == [
        ("cán bộ rất nhiệt tình", None), ("cán bộ rất nhiệt tình", 5)]
    # Closing the refused round adds nothing to the explanation.
    _slots, text = _outcome(await executor.run(_call(
        {"feedback_stopped": "rate_limited", "language": "en"}, "góp ý", extracted={},
        action="action_submit_feedback")))
    assert text == ""
    # Another conversation is not affected.
    slots, _text = _outcome(await executor.run(_call({}, "góp ý", extracted={}, sender="u-2")))
    assert slots["feedback_stopped"] is None


async def test_rounds_and_thumbs_are_limited_per_client_address(engine: Engine) -> None:
    service = _limited(engine, client_rate_limit="2/hour")
    executor = _executor(service)
    for n in range(2):  # rotating conversation ids does not help
        slots, _text = _outcome(await executor.run(_call(
            {"language": "en"}, "feedback", extracted={}, sender=f"s{n}",
            client_ip="10.1.1.1")))
        assert slots["feedback_stopped"] is None
    slots, text = _outcome(await executor.run(_call(
        {"language": "en"}, "feedback", extracted={}, sender="s9", client_ip="10.1.1.1")))
    assert slots["feedback_stopped"] == "rate_limited"
    assert "Everything you sent before has been kept" in text and "minutes" in text
    slots, _text = _outcome(await executor.run(_call(
        {}, "góp ý", extracted={}, sender="s9", client_ip="10.1.1.2")))
    assert slots["feedback_stopped"] is None

    def thumbs(sender: str) -> dict[str, Any]:
        return _call({"language": "en"}, "👍", extracted={}, sender=sender,
                     client_ip="10.1.1.1", action="action_record_answer_feedback",
                     intent="rate_answer")

    for n in range(2):  # thumbs are counted apart from rounds
        _slots, text = _outcome(await executor.run(thumbs(f"t{n}")))
        assert "Thank" in text or "thank" in text, text
    _slots, text = _outcome(await executor.run(thumbs("t9")))
    assert "a lot of feedback" in text
    assert service.summary(service.period()).answers.helpful == 2


@pytest.mark.parametrize(
    ("text", "is_helpful"),
    [
        ("câu trả lời vừa rồi hữu ích", True),
        ("very useful information", True),
        ("chưa hữu ích", False),
        ("trả lời sai rồi", False),
        ("cau tra loi kho hieu", False),
        ("the answer is wrong", False),
        ("that's not what I asked", False),
        ("👎", False),
    ],
)
def test_a_typed_rating_of_an_answer_reads_as_it_says(text: str, is_helpful: bool) -> None:
    assert _reads_positive(text) is is_helpful
