"""Rasa custom actions. Thin: read the tracker, call gateway services, render replies.

They run inside the gateway (``assistant.dialogue.action_endpoint``); each is
built with the gateway's service container.
"""

from typing import Any

from rasa_sdk import Action

from actions.action_greet import ActionGreet
from actions.action_validate_slot_mappings import ActionValidateSlotMappings

__all__ = ["build_actions"]


def build_actions(services: Any) -> list[Action]:
    """Every action of the assistant, bound to ``services``."""
    return [ActionGreet(services), ActionValidateSlotMappings()]
