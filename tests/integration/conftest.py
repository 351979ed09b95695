from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.runtime.stack import Stack
from tests.support.stack import integration_settings, running_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    data_dir: Path = tmp_path_factory.mktemp("var")
    with running_stack(integration_settings(data_dir)) as running:
        yield running


@pytest.fixture
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.gateway_url, timeout=30.0) as client:
        yield client
