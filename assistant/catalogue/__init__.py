"""The procedure catalogue: typed, cleaned administrative procedures and their importer.

Public API: the models, ``CatalogueService`` (lookup by code, upsert, save),
``import_catalogue`` (sources → procedures + per-field report) and the errors.
The FastAPI router (``assistant.catalogue.router``) and the Typer sub-app
(``assistant.catalogue.cli``) are imported by the app and the CLI, not from here.
"""

from assistant.catalogue.errors import (
    CatalogueFormatError,
    CatalogueUnavailableError,
    ProcedureNotFoundError,
)
from assistant.catalogue.importer import FieldCounts, ImportReport, ImportResult, import_catalogue
from assistant.catalogue.models import (
    AdministrativeLevel,
    LegalDocument,
    Procedure,
    RequiredDocument,
    SubmissionChannel,
)
from assistant.catalogue.service import CatalogueService, UpsertResult

__all__ = [
    "AdministrativeLevel",
    "CatalogueFormatError",
    "CatalogueService",
    "CatalogueUnavailableError",
    "FieldCounts",
    "ImportReport",
    "ImportResult",
    "LegalDocument",
    "Procedure",
    "ProcedureNotFoundError",
    "RequiredDocument",
    "SubmissionChannel",
    "UpsertResult",
    "import_catalogue",
]
