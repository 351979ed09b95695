"""Fixtures several test packages share."""

from collections.abc import Iterator

import pytest
from hypothesis import settings as hypothesis_settings

from assistant.catalogue.service import CatalogueService
from assistant.search import SearchService
from assistant.settings import Settings


@pytest.fixture(scope="session")
def catalogue() -> CatalogueService:
    """The bundled catalogue, loaded once."""
    return CatalogueService.load()


@pytest.fixture(scope="session")
def full_service(catalogue: CatalogueService) -> Iterator[SearchService]:
    """The search service over the bundled catalogue, as the gateway loads it (once)."""
    from assistant.search import ensure_index

    settings = Settings()
    ensure_index(settings, progress=False)
    yield SearchService.load(settings, catalogue=catalogue)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL server (Debian's package), started once per session."""
    from tests.support.servers import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A throw-away Redis server (Debian's package), started once per session."""
    from tests.support.servers import redis_server

    with redis_server() as url:
        yield url


# Property-based tests keep no example database in the checkout (CI starts clean anyway)
# and no per-example deadline: the CI machine is shared, and a slow example is not a bug.
hypothesis_settings.register_profile("project", database=None, deadline=None)
hypothesis_settings.load_profile("project")
