"""Importing a catalogue file while the gateway runs: merge it into the catalogue
file, rebuild the search index, then switch the gateway to both (a background job)."""

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.jobs import BackgroundJob, JobState
from assistant.settings import Settings

__all__ = ["CatalogueRefresh"]

Swap = Callable[[Any, Any], None]
"""Receives the new ``CatalogueService`` and ``SearchService`` once both are ready."""


class CatalogueRefresh:
    def __init__(self, settings: Settings, *, swap: Swap) -> None:
        self._settings = settings
        self._swap = swap
        self.job = BackgroundJob("catalogue-refresh")

    @property
    def state(self) -> JobState:
        return self.job.state

    def start_import(self, content: bytes, *, suffix: str) -> bool:
        """Import ``content`` (a .csv, .json, .jsonl or .xlsx file); False when a refresh
        is already running."""
        folder = Path(tempfile.mkdtemp(prefix="catalogue-upload-"))
        upload = folder / f"upload{suffix}"
        upload.write_bytes(content)
        if self.job.start(lambda report: self._run(report, upload)):
            return True
        shutil.rmtree(folder, ignore_errors=True)
        return False

    def start_rebuild(self) -> bool:
        """Rebuild the index from the current catalogue file."""
        return self.job.start(lambda report: self._run(report, None))

    def _run(self, report: Callable[[str], None], upload: Path | None) -> str:
        from assistant.catalogue.importer import import_catalogue
        from assistant.catalogue.service import CatalogueService
        from assistant.search import SearchService, build_index

        try:
            catalogue = CatalogueService.load(self._settings.search.catalogue_path)
            summary = f"{len(catalogue)} procedures"
            if upload is not None:
                report("reading the file")
                result = import_catalogue([upload])
                if not result.procedures:
                    raise ValueError("the file holds no procedure the importer could read")
                merged = catalogue.upsert(result.procedures)
                catalogue.save()
                summary = (f"{len(merged.added)} added, {len(merged.updated)} updated, "
                           f"{len(merged.unchanged)} unchanged; {len(catalogue)} procedures")
            report(f"{summary}; building the search index")
            build_index(self._settings, catalogue, progress=False)
            report("loading the new index")
            search = SearchService.load(self._settings, catalogue=catalogue)
            self._swap(catalogue, search)
            return summary
        finally:
            if upload is not None:
                shutil.rmtree(upload.parent, ignore_errors=True)
