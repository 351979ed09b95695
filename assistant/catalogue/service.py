"""``CatalogueService``: the loaded procedure catalogue, looked up by code.

One instance lives in the app container. Reads never block writes: ``upsert`` builds
new maps and swaps them in one assignment, so a request sees either the old or the
new catalogue, never half of each.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.catalogue.errors import ProcedureNotFoundError
from assistant.catalogue.models import Procedure
from assistant.catalogue.store import bundled_path, dump_catalogue, load_catalogue, sha256
from assistant.text import fold_diacritics

__all__ = ["CatalogueService", "UpsertResult"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UpsertResult:
    """Codes added, changed and left as they were by one ``upsert``."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class CatalogueService:
    """Procedures by code, plus the hash the search index uses to detect staleness."""

    def __init__(
        self,
        procedures: Iterable[Procedure] = (),
        *,
        path: Path | None = None,
        content_hash: str | None = None,
    ) -> None:
        self._by_code: dict[str, Procedure] = {p.code: p for p in procedures}
        self._families = _family_index(self._by_code.values())
        self._path = path
        self._hash = content_hash

    @classmethod
    def load(cls, path: Path | None = None) -> "CatalogueService":
        """Load a catalogue file (default: the bundled one).

        Raises ``CatalogueUnavailableError`` when the file is missing or unreadable.
        """
        path = path or bundled_path()
        procedures, data = load_catalogue(path)
        log.info("catalogue loaded: %d procedures from %s", len(procedures), path)
        return cls(procedures, path=path, content_hash=sha256(data))

    @property
    def path(self) -> Path | None:
        """The file this catalogue was loaded from, if any."""
        return self._path

    @property
    def content_hash(self) -> str:
        """sha256 of the catalogue file; after ``upsert``, of the file ``save`` will write."""
        if self._hash is None:
            self._hash = sha256(dump_catalogue(self._by_code.values()))
        return self._hash

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Procedure | None:
        return self._by_code.get(code.strip())

    def require(self, code: str) -> Procedure:
        """The procedure with this code; ``ProcedureNotFoundError`` when there is none."""
        procedure = self.get(code)
        if procedure is None:
            raise ProcedureNotFoundError(code.strip())
        return procedure

    def all(self) -> list[Procedure]:
        """Every procedure, sorted by code."""
        return [self._by_code[code] for code in sorted(self._by_code)]

    def variants(self, code: str) -> list[Procedure]:
        """The procedures of the same family (the same procedure at other levels or
        online variants), this one included, sorted by code."""
        procedure = self.require(code)
        codes = self._families.get(_family_key(procedure), [procedure.code])
        return [self._by_code[c] for c in codes]

    def upsert(self, procedures: Iterable[Procedure]) -> UpsertResult:
        """Insert or replace procedures by code; re-applying the same ones changes nothing."""
        by_code = dict(self._by_code)
        result = UpsertResult()
        for procedure in procedures:
            current = by_code.get(procedure.code)
            if current is None:
                result.added.append(procedure.code)
            elif current == procedure:
                result.unchanged.append(procedure.code)
                continue
            else:
                result.updated.append(procedure.code)
            by_code[procedure.code] = procedure
        if result.added or result.updated:
            self._by_code, self._families = by_code, _family_index(by_code.values())
            self._hash = None
        return result

    def save(self, path: Path | None = None) -> Path:
        """Write the catalogue file (default: where it was loaded from) and return its path."""
        target = path or self._path
        if target is None:
            raise ValueError("no path to save the catalogue to")
        data = dump_catalogue(self._by_code.values())
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)  # readers never see a half-written file
        self._path, self._hash = target, sha256(data)
        return target


def _family_key(procedure: Procedure) -> str:
    return fold_diacritics(procedure.family or procedure.title)


def _family_index(procedures: Iterable[Procedure]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for procedure in sorted(procedures, key=lambda p: p.code):
        index.setdefault(_family_key(procedure), []).append(procedure.code)
    return index
