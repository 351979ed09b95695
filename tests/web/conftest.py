"""The web pages and widget files served by a real HTTP server, and a real browser."""

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI

from assistant.catalogue.service import CatalogueService
from assistant.settings import Settings
from assistant.web.router import router
from tests.support.asgi_server import serving
from tests.support.browser import ChatPeer, WidgetPage, artifacts_dir, launch_chromium


def web_app(settings: Settings) -> FastAPI:
    """The web router alone, on a container holding just what its pages read."""
    app = FastAPI()
    app.include_router(router)
    app.state.services = SimpleNamespace(settings=settings, catalogue=CatalogueService.load())
    return app


@pytest.fixture(scope="session")
def web_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web router alone, served over HTTP."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("web-var"))
    with serving(web_app(settings)) as url:
        yield url


# Package scope: Playwright's sync API keeps an event loop running in the main thread
# while the browser lives, so tests outside tests/web that call asyncio.run would fail
# if they ran after a session-wide browser was opened.
@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def peer() -> ChatPeer:
    return ChatPeer()


@pytest.fixture
def visit(
    browser: Any, web_url: str, peer: ChatPeer, request: pytest.FixtureRequest
) -> Iterator[Callable[..., WidgetPage]]:
    """``visit(path, html=None, viewport=...)``: a fresh browser context (own storage) on
    ``path`` of the test server; with ``html``, that page is served there instead."""
    contexts: list[Any] = []
    shots: Path = artifacts_dir("web")

    def _visit(path: str = "/", *, html: str | None = None,
               viewport: tuple[int, int] = (1280, 800), **options: Any) -> WidgetPage:
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, **options
        )
        contexts.append(context)
        page = context.new_page()
        peer.attach(page)
        if html is not None:
            page.route(f"{web_url}{path}", lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html))
        widget = WidgetPage(page, shots)
        page.goto(f"{web_url}{path}")
        widget.wait_until_styled()
        return widget

    yield _visit
    for context in contexts:
        context.close()


def embed_page(**data: str) -> str:
    """A bare host page embedding the widget with ``data-<key>`` attributes."""
    attributes = " ".join(
        f'data-{key.replace("_", "-")}="{value}"' for key, value in data.items()
    )
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Host</title></head><body><h1>Host page</h1><a href='#x'>link</a>"
        f'<script src="/widget.js" {attributes}></script></body></html>'
    )
