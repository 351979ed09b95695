"""Rasa custom actions. Thin: read the tracker, call gateway services, render replies.

They run inside the gateway (``assistant.dialogue.action_endpoint``); each is
built with the gateway's service container, seen through ``ActionServices``
(``actions/support/services.py``).
"""

from rasa_sdk import Action

from actions.action_answer_detail import ActionAnswerDetail
from actions.action_answer_portal_help import ActionAnswerPortalHelp
from actions.action_ask_feedback_comment import ActionAskFeedbackComment
from actions.action_ask_feedback_contact import ActionAskFeedbackContact
from actions.action_ask_feedback_rating import ActionAskFeedbackRating
from actions.action_ask_feedback_reasons import ActionAskFeedbackReasons
from actions.action_change_language import ActionChangeLanguage
from actions.action_check_dossier_status import ActionCheckDossierStatus
from actions.action_extract_feedback_mode import ActionExtractFeedbackMode
from actions.action_greet import ActionGreet
from actions.action_handle_fallback import ActionHandleFallback
from actions.action_human_handoff import ActionHumanHandoff
from actions.action_record_answer_feedback import ActionRecordAnswerFeedback
from actions.action_search_procedures import ActionSearchProcedures
from actions.action_show_procedure import ActionShowProcedure
from actions.action_submit_feedback import ActionSubmitFeedback
from actions.action_subscribe_dossier_updates import ActionSubscribeDossierUpdates
from actions.action_validate_slot_mappings import ActionValidateSlotMappings
from actions.action_verify_dossier_owner import ActionVerifyDossierOwner
from actions.support.services import ActionServices
from actions.validate_dossier_status_form import ValidateDossierStatusForm
from actions.validate_dossier_verification_form import ValidateDossierVerificationForm
from actions.validate_feedback_form import ValidateFeedbackForm

__all__ = ["build_actions"]


def build_actions(services: ActionServices) -> list[Action]:
    """Every action of the assistant, bound to ``services``."""
    def gloss(title: str) -> str | None:
        """English gloss of a title on English speakers' choice buttons: the search
        package's renderings of the catalogue's title terms, once the index is loaded."""
        search = services.search
        return search.title_terms.gloss(title) if search is not None else None

    return [
        ActionGreet(services),
        ActionSearchProcedures(services, gloss=gloss),
        ActionShowProcedure(services),
        ActionAnswerDetail(services, gloss=gloss),
        ActionAnswerPortalHelp(services),
        ActionHandleFallback(services, gloss=gloss),
        ActionHumanHandoff(services),
        ActionChangeLanguage(),
        ActionValidateSlotMappings(),
        ValidateDossierStatusForm(services),
        ActionCheckDossierStatus(services),
        ActionSubscribeDossierUpdates(services),
        ValidateDossierVerificationForm(services),
        ActionVerifyDossierOwner(services),
        ActionExtractFeedbackMode(),
        ValidateFeedbackForm(services),
        ActionAskFeedbackRating(),
        ActionAskFeedbackReasons(),
        ActionAskFeedbackComment(),
        ActionAskFeedbackContact(),
        ActionSubmitFeedback(services),
        ActionRecordAnswerFeedback(services),
    ]
