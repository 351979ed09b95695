"""An ASGI app of ours served over real HTTP (uvicorn in a thread), for browser tests."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from tests.support.ports import free_port

__all__ = ["serving"]


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` on a uvicorn server in a thread, on a free port; its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(
        app, host="127.0.0.1", port=port, lifespan="off",
        ws="none", http="h11", log_level="warning", access_log=False,
    ))
    thread = threading.Thread(target=server.run, name="web-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test web server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
