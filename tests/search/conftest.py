"""Shared search fixtures: the real e5 model, a small real catalogue and its index (the
full bundled catalogue's service is in ``tests/conftest.py``, shared with the dialogue
tests).

The model folder is ``ASSISTANT_TEST_MODELS_DIR`` when set (shared with
test_embedding_model.py), else the project's ``var/models``; it is built once when
missing. The full index is the project's own (``index/``), built only when stale.
"""

import os
from pathlib import Path

import pytest

from assistant.catalogue.service import CatalogueService
from assistant.search.index.build import build_index
from assistant.search.service import SearchService
from assistant.settings import Settings

SMALL_CATALOGUE = Path(__file__).parent / "data" / "small_catalogue.jsonl.gz"


@pytest.fixture(scope="session")
def e5_model_path() -> Path:
    from assistant.search.embedding.e5_model import ensure_e5_model

    folder = os.environ.get("ASSISTANT_TEST_MODELS_DIR")
    return ensure_e5_model(Path(folder) if folder else Settings().models_dir)


@pytest.fixture(scope="session")
def small_catalogue() -> CatalogueService:
    """18 real procedures, among them families at two and three levels."""
    return CatalogueService.load(SMALL_CATALOGUE)


def small_settings(folder: Path, model_path: Path) -> Settings:
    return Settings(
        data_dir=folder / "var",
        cache_dir=folder / "cache",
        search={
            "index_dir": folder / "index",
            "model_path": model_path,
            "catalogue_path": SMALL_CATALOGUE,
        },
    )


@pytest.fixture(scope="session")
def small_index_settings(
    tmp_path_factory: pytest.TempPathFactory,
    e5_model_path: Path,
    small_catalogue: CatalogueService,
) -> Settings:
    """Settings whose index folder holds the small catalogue's index (built once)."""
    settings = small_settings(tmp_path_factory.mktemp("small"), e5_model_path)
    build_index(settings, small_catalogue, progress=False)
    return settings


@pytest.fixture(scope="session")
def small_service(
    small_index_settings: Settings, small_catalogue: CatalogueService
) -> SearchService:
    return SearchService.load(small_index_settings, catalogue=small_catalogue)
