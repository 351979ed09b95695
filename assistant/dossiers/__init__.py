"""Dossier (hồ sơ) status: receipt codes, the SQL store or an external one-stop-shop
system, privacy rules, abuse limits, imports and status-change notifications.

Public API: the receipt-code helpers, the edge types a caller hands in or gets back,
and the errors. ``DossierService`` (``assistant.dossiers.service``) is built by the app
container and not imported here: it pulls in the store, the adapters and the
dispatcher, and this package's settings are read by every process at start-up.
"""

from assistant.dossiers.codes import extract_dossier_code, is_dossier_code, normalise_dossier_code
from assistant.dossiers.errors import (
    DossierError,
    DossierImportError,
    DossierNotFoundError,
    DossierSourceUnavailableError,
    InvalidDossierCodeError,
    LookupRateLimitedError,
    SubscriptionRefusedError,
    VerificationFailedError,
)
from assistant.dossiers.models import (
    VIETNAM,
    DossierIn,
    DossierPublicOut,
    DossierStatus,
    DossierVerifiedOut,
    Requester,
)

__all__ = [
    "VIETNAM",
    "DossierError",
    "DossierImportError",
    "DossierIn",
    "DossierNotFoundError",
    "DossierPublicOut",
    "DossierSourceUnavailableError",
    "DossierStatus",
    "DossierVerifiedOut",
    "InvalidDossierCodeError",
    "LookupRateLimitedError",
    "Requester",
    "SubscriptionRefusedError",
    "VerificationFailedError",
    "extract_dossier_code",
    "is_dossier_code",
    "normalise_dossier_code",
]
