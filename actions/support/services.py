"""What an action may use of the gateway: the ``ActionServices`` protocol.

Actions are built with the gateway's service container
(``assistant.dialogue.action_endpoint.build_executor``); this protocol is all they see
of it. The container satisfies it structurally, which mypy checks where the executor
is built, so an action that reaches for anything else fails the type check.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assistant.catalogue import Procedure
    from assistant.dialogue.models import BotMessage
    from assistant.dossiers import DossierPublicOut, DossierVerifiedOut, Requester
    from assistant.feedback import (
        AnswerFeedbackIn,
        FeedbackContext,
        FeedbackDraft,
        FeedbackKind,
        FeedbackStatus,
    )
    from assistant.handover import RequestOutcome
    from assistant.search import SearchHit
    from assistant.settings import Settings

__all__ = [
    "ActionServices",
    "DossierDesk",
    "FeedbackDesk",
    "HandoverDesk",
    "ProcedureLookup",
    "ProcedureSearch",
    "TitleGlossary",
]


class ProcedureLookup(Protocol):
    """The catalogue as actions read it: a procedure by code, and how many there are."""

    def get(self, code: str) -> "Procedure | None": ...

    def __len__(self) -> int: ...


class TitleGlossary(Protocol):
    def gloss(self, title: str) -> str | None: ...


class ProcedureSearch(Protocol):
    """The loaded search index: the best procedures for a question, and the English
    renderings of the catalogue's title terms."""

    @property
    def title_terms(self) -> TitleGlossary: ...

    def search(self, query: str, *, k: int = ...) -> "list[SearchHit]": ...


class DossierDesk(Protocol):
    """Looking a dossier up under the privacy and abuse rules, and following it."""

    async def lookup(
        self, raw_code: str, requester: "Requester", *, phone_last4: str | None = ...
    ) -> "DossierPublicOut | DossierVerifiedOut": ...

    async def subscribe(
        self, raw_code: str, *, channel: str, recipient_id: str, language: str
    ) -> bool: ...

    def can_subscribe(self, channel: str) -> bool: ...

    def pushes_to(self, channel: str) -> bool: ...


class FeedbackDesk(Protocol):
    """Keeping ratings and answer thumbs, within the abuse limits."""

    def admit(
        self, kind: "FeedbackKind", *, sender_id: str | None, client_ip: str | None
    ) -> None: ...

    def save(
        self, feedback_id: int | None, context: "FeedbackContext", draft: "FeedbackDraft",
        *, status: "FeedbackStatus" = ..., at: datetime | None = ...,
    ) -> int | None: ...

    def record_answer(
        self, answer: "AnswerFeedbackIn", *, at: datetime | None = ...
    ) -> int: ...


class HandoverDesk(Protocol):
    """A citizen asking for a person, and what the assistant says about it."""

    async def request(
        self, *, channel: str, sender_id: str, language: str,
        history: Iterable[tuple[str, str]] = ...,
    ) -> "RequestOutcome": ...

    def reply_for(
        self, outcome: "RequestOutcome", language: str, *, hours: str, hotline: str
    ) -> "list[BotMessage]": ...


class ActionServices(Protocol):
    """Everything an action may use. ``search`` is None while the index loads."""

    @property
    def settings(self) -> "Settings": ...

    @property
    def catalogue(self) -> ProcedureLookup: ...

    @property
    def search(self) -> ProcedureSearch | None: ...

    @property
    def dossiers(self) -> DossierDesk: ...

    @property
    def feedback(self) -> FeedbackDesk: ...

    @property
    def handover(self) -> HandoverDesk: ...
