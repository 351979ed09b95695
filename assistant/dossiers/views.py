"""What a caller may see of a dossier: with the code alone, or after the second factor."""

import hmac
import re
from datetime import date

from assistant.dossiers.models import (
    Dossier,
    DossierPublicOut,
    DossierStatus,
    DossierVerifiedOut,
    StatusEventOut,
    mask_name,
)
from assistant.logs import mask_personal_data

__all__ = ["matches_second_factor", "public_view", "verified_view"]


def public_view(dossier: Dossier, *, today: date) -> DossierPublicOut:
    """Status, procedure, agency, dates, overdue flag and what to supplement; never a
    name, phone or ID number (notes are written by staff, so they are masked too)."""
    days_overdue = _days_overdue(dossier, today)
    return DossierPublicOut(
        code=dossier.code,
        status=dossier.status,
        status_label=dossier.status.label,
        procedure_code=dossier.procedure_code,
        procedure_name=dossier.procedure_name,
        agency=dossier.agency,
        channel=dossier.channel,
        channel_label=dossier.channel.label,
        received_on=dossier.received_on,
        due_on=dossier.due_on,
        is_overdue=days_overdue > 0,
        days_overdue=days_overdue,
        result_ready_on=dossier.result_ready_on,
        supplement_note=_supplement_note(dossier),
        is_demo=dossier.is_demo,
    )


def verified_view(dossier: Dossier, *, today: date) -> DossierVerifiedOut:
    public = public_view(dossier, today=today)
    return DossierVerifiedOut(
        **public.model_dump(exclude={"is_verified"}),
        applicant_name_masked=mask_name(dossier.applicant_name),
        history=[
            StatusEventOut(
                status=e.status, label=e.status.label, at=e.at,
                note=mask_personal_data(e.note) if e.note else None,
            )
            for e in dossier.history
        ],
    )


def matches_second_factor(dossier: Dossier, phone_last4: str) -> bool:
    """The last four digits of the phone on file, compared in constant time."""
    phone = dossier.applicant_phone or ""
    if len(phone) < 4 or len(phone_last4) != 4 or not phone_last4.isdigit():
        return False
    return hmac.compare_digest(phone[-4:].encode(), phone_last4.encode())


def _days_overdue(dossier: Dossier, today: date) -> int:
    """Days past the due date of a dossier still being processed. The clock stops while
    the citizen supplements or processing is suspended; a finished dossier is late if
    its result came after the due date."""
    if dossier.due_on is None or dossier.status.is_clock_stopped:
        return 0
    if dossier.status.is_final:
        if dossier.status in (DossierStatus.RESULT_READY, DossierStatus.RETURNED) and (
            dossier.result_ready_on is not None
        ):
            return max(0, (dossier.result_ready_on - dossier.due_on).days)
        return 0
    return max(0, (today - dossier.due_on).days)


def _supplement_note(dossier: Dossier) -> str | None:
    """The staff's note on what to supplement, for anyone holding the code: phones, ID
    numbers and e-mails masked, and names (the applicant's, and any name after a form
    of address such as "ông", "bà", "anh", "chị") replaced."""
    if dossier.status is not DossierStatus.AWAITING_SUPPLEMENT:
        return None
    for event in reversed(dossier.history):
        if event.status is DossierStatus.AWAITING_SUPPLEMENT and event.note:
            return _mask_names(mask_personal_data(event.note), dossier.applicant_name)
    return None


# A form of address, then the capitalised words of a name ("ông Nguyễn Văn An").
_ADDRESSED = re.compile(
    r"\b(ông|bà|anh|chị|cô|chú|bác|em|cháu|mr\.?|mrs\.?|ms\.?)(\s+)((?:\w+\s*){1,4})",
    re.IGNORECASE,
)


def _mask_names(note: str, applicant_name: str | None) -> str:
    if applicant_name and applicant_name.strip():
        note = re.sub(re.escape(applicant_name.strip()), "[tên]", note, flags=re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        words = match.group(3).split()
        capitalised = 0
        while capitalised < len(words) and words[capitalised][:1].isupper():
            capitalised += 1
        if capitalised == 0:
            return match.group(0)
        rest = " ".join(words[capitalised:])
        trailing = match.group(3)[len(match.group(3).rstrip()):]
        return f"{match.group(1)}{match.group(2)}[tên]" + (f" {rest}" if rest else "") + trailing

    return _ADDRESSED.sub(replace, note)
