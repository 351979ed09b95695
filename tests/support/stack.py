"""Settings and a running stack (real Rasa server + real gateway) for integration tests."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.runtime.stack import Stack
from assistant.settings import RasaSettings, ServerSettings, Settings
from tests.support.ports import free_port


def integration_settings(data_dir: Path) -> Settings:
    """Fresh ports and data folder; the trained models (in the shared cache) and the
    index are the project's, built once by `assistant prepare`."""
    rasa_port = free_port()
    return Settings(
        data_dir=data_dir,
        server=ServerSettings(port=free_port()),
        rasa=RasaSettings(
            url=f"http://127.0.0.1:{rasa_port}",
            port=rasa_port,
        ),
    )


@contextmanager
def running_stack(settings: Settings, *, with_rasa: bool = True) -> Iterator[Stack]:
    stack = Stack(settings)
    try:
        stack.start_gateway()
        if with_rasa:
            stack.start_rasa()
            stack.wait_ready(timeout=300)
        yield stack
    finally:
        stack.stop()
