"""Texts the dossiers capability writes itself (status-change notifications), vi and en.
Conversation replies are rendered by ``actions/``."""

from assistant.dossiers.models import DossierStatus
from assistant.text import Language

__all__ = ["notification_text"]

_NOTIFICATION = {
    "vi": "🔔 Hồ sơ {code} ({procedure}) vừa chuyển sang trạng thái: {status}.",
    "en": "🔔 Your dossier {code} ({procedure}) is now: {status}.",
}
_SUPPLEMENT = {
    "vi": "Cần bổ sung: {note}",
    "en": "To supplement: {note}",
}


def notification_text(
    *, code: str, procedure: str, status: DossierStatus, language: str, note: str | None
) -> str:
    """The message a subscriber gets when a dossier's status changes (no personal data)."""
    lang: Language = "en" if language == "en" else "vi"
    label = status.label.en if lang == "en" else status.label.vi
    text = _NOTIFICATION[lang].format(code=code, procedure=procedure, status=label)
    if status is DossierStatus.AWAITING_SUPPLEMENT and note:
        text += "\n" + _SUPPLEMENT[lang].format(note=note)
    return text
