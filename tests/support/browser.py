"""A real headless browser for the widget tests: Debian's Chromium driven by Playwright.

``make browser`` installs Chromium; Playwright's own browser download is never used.
"""

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import project_root

__all__ = [
    "CHROMIUM",
    "ChatPeer",
    "WidgetPage",
    "artifacts_dir",
    "launch_chromium",
]

CHROMIUM = Path("/usr/bin/chromium")
# As root and on a closed network: no sandbox, and none of the background
# connections (updates, sync, QUIC) that the network refuses.
_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright ``Browser``); skips when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is missing: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=_FLAGS
        )
        try:
            yield browser
        finally:
            browser.close()


def artifacts_dir(*parts: str) -> Path:
    """``test-artifacts/<parts>`` (git-ignored), created on demand."""
    path = project_root().joinpath("test-artifacts", *parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class WidgetPage:
    """A page with the widget, and the few things the tests do with it."""

    page: Any
    shots: Path

    def __post_init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message),
                                               dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    # Playwright's CSS locators pierce the widget's open shadow root.
    @property
    def launcher(self) -> Any:
        return self.page.locator(".aw-launcher")

    @property
    def panel(self) -> Any:
        return self.page.locator(".aw-panel")

    @property
    def input(self) -> Any:
        return self.page.locator(".aw-input")

    @property
    def bot_bubbles(self) -> Any:
        return self.page.locator(".aw-bot:not(.aw-greeting):not(.aw-typing) .aw-bubble")

    @property
    def user_bubbles(self) -> Any:
        return self.page.locator(".aw-user .aw-bubble")

    @property
    def replies(self) -> Any:
        return self.page.locator(".aw-reply")

    def wait_until_styled(self) -> None:
        """Until the widget is on the page with its stylesheet loaded (it is hidden before)."""
        self.page.wait_for_function(
            """() => {
                const host = document.querySelector('#assistant-widget');
                const root = host && host.shadowRoot && host.shadowRoot.querySelector('.aw');
                return !!root && getComputedStyle(root).visibility === 'visible';
            }"""
        )

    def open(self) -> None:
        self.launcher.click()
        self.panel.wait_for(state="visible")

    def ask(self, text: str, *, timeout: float = 30_000) -> str:
        """Type ``text``, press Enter, wait for the answer; the new bot text."""
        before = self.bot_bubbles.count()
        self.input.fill(text)
        self.input.press("Enter")
        self.wait_for_bot(before, timeout=timeout)
        return "\n".join(self.bot_bubbles.all_inner_texts()[before:])

    def wait_for_bot(self, before: int, *, timeout: float = 30_000) -> None:
        """Until more than ``before`` bot bubbles are shown and nothing is in flight."""
        self.page.wait_for_function(
            """(before) => {
                const root = document.querySelector('#assistant-widget').shadowRoot;
                const bubbles = root.querySelectorAll(
                    '.aw-bot:not(.aw-greeting):not(.aw-typing)');
                return bubbles.length > before && !root.querySelector('.aw-typing');
            }""",
            arg=before,
            timeout=timeout,
        )

    def active_class(self) -> str:
        """The class of the focused element, looking inside the widget's shadow root."""
        return str(self.page.evaluate(
            """() => {
                let el = document.activeElement;
                while (el && el.shadowRoot && el.shadowRoot.activeElement) {
                    el = el.shadowRoot.activeElement;
                }
                return el ? (el.className || el.tagName) : '';
            }"""
        ))

    def stored(self) -> dict[str, Any]:
        """The conversation the widget keeps in localStorage."""
        raw = self.page.evaluate(
            """() => {
                const key = Object.keys(localStorage)
                    .find((k) => k.startsWith('assistant-widget:'));
                return key ? localStorage.getItem(key) : null;
            }"""
        )
        return json.loads(raw) if raw else {}

    def injected_elements(self) -> int:
        """How many <img>, <script> or on… attributes message text put into the widget."""
        return int(self.page.evaluate(
            """() => document.querySelector('#assistant-widget').shadowRoot
                .querySelectorAll('.aw-log img, .aw-log script, .aw-log [onerror]').length"""
        ))

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@dataclass
class ChatPeer:
    """Answers the browser's ``POST /api/chat`` as the gateway would, from a script.

    It speaks the chat API's wire format to test the widget alone (rendering,
    failures the real gateway cannot be made to produce on demand); tests with
    the real gateway and Rasa are in ``tests/integration/test_widget.py``.
    """

    replies: list[Any] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.route(re.compile(r".*/api/chat$"), self._handle)

    def reply(self, *texts: str, language: str = "vi",
              buttons: list[dict[str, str]] | None = None) -> None:
        messages = [{"text": text, "buttons": []} for text in texts]
        if buttons:
            messages[-1]["buttons"] = buttons
        self.replies.append({"messages": messages, "language": language, "is_degraded": False})

    def fail(self, status: int) -> None:
        self.replies.append(status)

    def hang(self) -> None:
        """Never answer this request (the widget's timeout fires)."""
        self.replies.append(None)

    def _handle(self, route: Any) -> None:
        self.requests.append(json.loads(route.request.post_data or "{}"))
        reply = self.replies.pop(0) if self.replies else 503
        if reply is None:
            return  # left unanswered on purpose
        if isinstance(reply, int):
            route.fulfill(status=reply, content_type="application/json",
                          body=json.dumps({"code": "error", "message": f"status {reply}"}))
        else:
            route.fulfill(status=200, content_type="application/json", body=json.dumps(reply))

