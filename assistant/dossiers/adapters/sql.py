"""Dossier status from our own SQL store (loaded by imports and staff pushes)."""

import asyncio

from sqlalchemy.exc import SQLAlchemyError

from assistant.dossiers.errors import DossierSourceUnavailableError
from assistant.dossiers.models import Dossier
from assistant.dossiers.store import DossierStore

__all__ = ["SqlDossierSource"]


class SqlDossierSource:
    name = "sql"

    def __init__(self, store: DossierStore) -> None:
        self._store = store

    async def fetch(self, code: str) -> Dossier | None:
        try:
            return await asyncio.to_thread(self._store.get, code)
        except SQLAlchemyError as exc:
            raise DossierSourceUnavailableError(f"database: {type(exc).__name__}") from exc

    async def aclose(self) -> None:
        return None
