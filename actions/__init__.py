"""Rasa custom actions. Thin: read the tracker, call gateway services, render replies.

They run inside the gateway (``assistant.dialogue.action_endpoint``); each is
built with the gateway's service container.
"""

from typing import Any

from rasa_sdk import Action

from actions.action_answer_detail import ActionAnswerDetail
from actions.action_change_language import ActionChangeLanguage
from actions.action_greet import ActionGreet
from actions.action_handle_fallback import ActionHandleFallback
from actions.action_human_handoff import ActionHumanHandoff
from actions.action_search_procedures import ActionSearchProcedures
from actions.action_show_procedure import ActionShowProcedure
from actions.action_validate_slot_mappings import ActionValidateSlotMappings

__all__ = ["build_actions"]


def build_actions(services: Any) -> list[Action]:
    """Every action of the assistant, bound to ``services``."""
    return [
        ActionGreet(services),
        ActionSearchProcedures(services),
        ActionShowProcedure(services),
        ActionAnswerDetail(services),
        ActionHandleFallback(services),
        ActionHumanHandoff(services),
        ActionChangeLanguage(),
        ActionValidateSlotMappings(),
    ]
