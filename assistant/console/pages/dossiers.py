"""``/staff/dossiers``: look a dossier up, import a file, the audit of lookups."""

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.console.i18n import translate
from assistant.console.rendering import page_language, render
from assistant.deps import ServicesDep
from assistant.dossiers.codes import normalise_dossier_code
from assistant.dossiers.tables import DossierLookupRow
from assistant.errors import AssistantError
from assistant.staff.auth import PagePrincipalDep

__all__ = ["router"]

router = APIRouter()
_AUDIT_ROWS = 100
_MAX_IMPORT_BYTES = 20 * 1024 * 1024


def _page(request: Request, user: PagePrincipalDep, services: ServicesDep, *,
          code: str = "", message: str = "", is_error: bool = False,
          status_code: int = 200) -> Response:
    dossier = None
    if code:
        # Staff look-ups read the store directly: they are not citizens' look-ups and
        # are neither rate-limited nor written to the audit below.
        try:
            normalised = normalise_dossier_code(code)
        except AssistantError as exc:
            message, is_error = exc.message(page_language(request)), True
        else:
            dossier = services.dossiers.store.get(normalised)
            if dossier is None:
                message, is_error = translate(
                    "dossiers.missing", page_language(request), code=normalised), True
    with Session(services.db) as db:
        audit = list(db.scalars(
            select(DossierLookupRow).order_by(DossierLookupRow.id.desc()).limit(_AUDIT_ROWS)))
    return render(request, "dossiers.html", principal=user, status_code=status_code, context={
        "code": code, "dossier": dossier, "audit": audit, "message": message,
        "is_error": is_error,
    })


@router.get("/staff/dossiers")
def dossiers(request: Request, user: PagePrincipalDep, services: ServicesDep,
             code: Annotated[str, Query(max_length=80)] = "") -> Response:
    return _page(request, user, services, code=code)


@router.post("/staff/dossiers/import")
async def import_dossiers(request: Request, user: PagePrincipalDep, services: ServicesDep,
                          file: Annotated[UploadFile, Form()]) -> Response:
    """The same files as `assistant dossiers import` (CSV, Excel, JSON)."""
    suffix = Path(file.filename or "dossiers.csv").suffix.lower()[:8]
    content = await file.read(_MAX_IMPORT_BYTES + 1)
    if len(content) > _MAX_IMPORT_BYTES:
        return _page(request, user, services, message="> 20 MB", is_error=True,
                     status_code=413)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        try:
            report = services.dossiers.import_file(path)
        except AssistantError as exc:
            return _page(request, user, services, message=exc.message(page_language(request)),
                         is_error=True, status_code=exc.status)
    message = translate(
        "dossiers.imported", page_language(request), created=report.created,
        updated=report.updated, unchanged=report.unchanged, rejected=len(report.rejected),
    ) + "".join(f" · {r.row}: {'; '.join(r.reasons)}" for r in report.rejected[:10])
    return _page(request, user, services, message=message, is_error=bool(report.rejected))
