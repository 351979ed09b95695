"""A dossier view as chat text and buttons, in the user's language."""

from datetime import date, datetime

from actions.support.dossier_texts import dossier_text
from assistant.dossiers import VIETNAM, DossierPublicOut, DossierVerifiedOut
from assistant.text import Language

__all__ = ["dossier_buttons", "dossier_summary", "format_date"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date, language: Language) -> str:
    """05/01/2024 in Vietnamese, 5 Jan 2024 in English."""
    if language == "en":
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    return value.strftime("%d/%m/%Y")


def _format_time(value: datetime, language: Language) -> str:
    local = value.astimezone(VIETNAM)
    return f"{format_date(local.date(), language)} {local:%H:%M}"


def dossier_summary(view: DossierPublicOut, language: Language) -> str:
    """The public part (any caller), plus name and history for a verified one."""
    t = dossier_text
    header = t("header", language, code=view.code) + (t("demo", language) if view.is_demo else "")
    status = view.status_label.en if language == "en" else view.status_label.vi
    lines = [
        header,
        t("procedure", language, value=view.procedure_name),
        t("agency", language, value=view.agency),
        t("status", language, value=status),
    ]
    received = format_date(view.received_on, language)
    if view.due_on is not None:
        due = format_date(view.due_on, language)
        lines.append(t("dates", language, received=received, due=due))
    else:
        lines.append(t("received", language, received=received))
    if view.is_overdue and view.status.is_final:
        lines.append(t("late", language, days=view.days_overdue))
    elif view.is_overdue:
        lines.append(t("overdue", language, days=view.days_overdue))
    if view.result_ready_on is not None:
        lines.append(t("result_ready", language, value=format_date(view.result_ready_on, language)))
    if view.supplement_note:
        lines.append(t("supplement", language, value=view.supplement_note))
    if isinstance(view, DossierVerifiedOut):
        if view.applicant_name_masked:
            lines.append(t("applicant", language, value=view.applicant_name_masked))
        if view.history:
            lines.append(t("history", language))
            for event in view.history:
                label = event.label.en if language == "en" else event.label.vi
                note = f" ({event.note})" if event.note else ""
                lines.append(f"• {_format_time(event.at, language)} — {label}{note}")
    return "\n".join(lines)


def dossier_buttons(
    language: Language, *, can_subscribe: bool, can_verify: bool
) -> list[dict[str, str]]:
    buttons = []
    if can_subscribe:
        buttons.append({"title": dossier_text("button_subscribe", language),
                        "payload": "/subscribe_dossier_updates"})
    if can_verify:
        buttons.append({"title": dossier_text("button_more", language),
                        "payload": "/verify_dossier_owner"})
    buttons.append({"title": dossier_text("button_other", language),
                    "payload": "/check_dossier_status"})
    return buttons
