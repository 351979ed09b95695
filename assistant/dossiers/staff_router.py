"""The staff dossier API: a one-stop-shop system pushes dossiers and status changes."""

from fastapi import APIRouter

from assistant.dossiers.deps import DossiersDep
from assistant.dossiers.models import DossierIn, UpsertOut
from assistant.staff.auth import StaffDep

__all__ = ["router"]

router = APIRouter(prefix="/api/staff/dossiers", tags=["staff"])


@router.put("/{code}", response_model=UpsertOut)
async def put_dossier(code: str, body: DossierIn, _: StaffDep, dossiers: DossiersDep) -> UpsertOut:
    """Create or update a dossier (idempotent). A status change is recorded in the
    history and notified once to the citizens following the dossier."""
    return await dossiers.push(code[:100], body)
