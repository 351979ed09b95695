"""TurnNotes: the language slot and intent a turn's custom actions leave behind."""

from typing import Any

from assistant.dialogue.turn_notes import TurnNotes


def _call(sender: str, turn_id: str | None, *, language: str = "vi") -> dict[str, Any]:
    metadata = {"turn_id": turn_id} if turn_id else {}
    return {
        "next_action": "action_validate_slot_mappings",
        "tracker": {
            "sender_id": sender,
            "slots": {"language": language},
            "latest_message": {
                "intent": {"name": "greet", "confidence": 0.9}, "metadata": metadata,
            },
        },
    }


def test_the_actions_slot_set_wins_over_the_slot_they_were_given() -> None:
    notes = TurnNotes()
    notes.note_action(_call("u1", "t1"), [{"event": "slot", "name": "language", "value": "en"}])
    note = notes.take("u1", "t1")
    assert note is not None and note.language == "en"
    assert note.intent == {"name": "greet", "confidence": 0.9}
    assert notes.take("u1", "t1") is None  # taken once


def test_a_later_action_of_the_turn_replaces_the_note() -> None:
    notes = TurnNotes()
    notes.note_action(_call("u1", "t1"), [{"event": "slot", "name": "language", "value": "en"}])
    notes.note_action(_call("u1", "t1", language="en"), [{"event": "slot", "name": "x"}])
    note = notes.take("u1", "t1")
    assert note is not None and note.language == "en"


def test_calls_without_a_turn_id_leave_no_note_and_the_oldest_notes_go_first() -> None:
    notes = TurnNotes(capacity=2)
    notes.note_action(_call("u1", None), [])
    notes.note_action({"tracker": "not a tracker"}, [])
    for turn in ("t1", "t2", "t3"):
        notes.note_action(_call("u1", turn), [])
    assert notes.take("u1", "t1") is None
    assert notes.take("u1", "t3") is not None
    assert notes.take("u2", "t2") is None  # another conversation's turn id
