"""Dossier status notifications in the widget, in a real browser (Chromium): polled
only while the panel is open, shown as the assistant's messages (as text), stopped
from the widget. First against a scripted peer (what only the widget decides), then
against the gateway's real dossier routes, service and database."""

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from assistant.app import create_app
from assistant.catalogue.service import CatalogueService
from assistant.database import create_db_engine, upgrade_to_head
from assistant.dialogue.senders import api_conversation_id
from assistant.dossiers.service import DEMO_DATA, DossierService
from assistant.dossiers.settings import DossierSettings
from assistant.settings import Settings
from assistant.staff.service import StaffService
from tests.support.asgi_server import serving
from tests.support.browser import WidgetPage, artifacts_dir
from tests.web.conftest import embed_page

Visit = Callable[..., WidgetPage]
XSS = "<img src=x onerror=alert(1)>"
CODE = "H22.45-240105-0003"
STAFF = {"Authorization": "Bearer dev-staff-token"}


class _NoticePeer:
    """Answers the widget's notification poll and unsubscribe calls from a script."""

    def __init__(self, page: Any) -> None:
        self.polls: list[str] = []
        self.deletes: list[str] = []
        self.queued: list[dict[str, str]] = []
        page.route(re.compile(r".*/api/dossiers/notifications\?.*"), self._poll)
        page.route(re.compile(r".*/api/dossiers/subscriptions\?.*"), self._delete)

    def _poll(self, route: Any) -> None:
        self.polls.append(route.request.url)
        body, self.queued = self.queued, []
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    def _delete(self, route: Any) -> None:
        self.deletes.append(f"{route.request.method} {route.request.url}")
        route.fulfill(status=200, content_type="application/json", body='{"removed": 1}')


def _sender_of(url: str) -> str:
    match = re.search(r"/api/dossiers/notifications\?sender_id=([\w-]+)$", url)
    assert match, url
    return match.group(1)


def _notice(text: str, code: str = CODE) -> dict[str, str]:
    return {"dossier_code": code, "status": "processing", "text": text,
            "created_at": "2024-01-07T01:00:00Z"}


def test_polls_only_while_open_and_shows_notices_as_text(visit: Visit) -> None:
    widget = visit("/host", html=embed_page(poll="1000"))
    peer = _NoticePeer(widget.page)
    widget.page.wait_for_timeout(1500)
    assert peer.polls == []  # closed: nothing is asked
    widget.open()
    widget.page.wait_for_timeout(300)
    assert len(peer.polls) == 1  # at once when opened
    sender = _sender_of(peer.polls[0])
    assert sender.startswith("web-")
    peer.queued = [_notice(f"🔔 Hồ sơ {CODE} vừa chuyển sang trạng thái: Đang xử lý. {XSS}")]
    notice = widget.page.locator(".aw-notice .aw-bubble")
    notice.wait_for(timeout=5000)
    assert notice.inner_text().endswith(XSS)
    assert widget.injected_elements() == 0
    assert widget.page.locator("[aria-live=polite]").inner_text(timeout=2000) != ""
    widget.shot("notification")

    widget.page.locator(".aw-close").click()
    widget.panel.wait_for(state="hidden")
    polls = len(peer.polls)
    widget.page.wait_for_timeout(2500)
    assert len(peer.polls) == polls  # closed again: polling stopped
    widget.page.reload()  # the notice is part of the stored conversation
    widget.wait_until_styled()
    widget.open()
    assert widget.page.locator(".aw-notice .aw-bubble").inner_text().endswith(XSS)
    widget.page.locator(".aw-stop").click()
    widget.page.locator(".aw-stop").wait_for(state="detached")
    assert peer.deletes == [
        f"DELETE {widget.page.url.rsplit('/', 1)[0]}/api/dossiers/subscriptions"
        f"?sender_id={sender}&code={CODE}"
    ]
    assert "Đã tắt thông báo cho hồ sơ" in widget.bot_bubbles.last.inner_text()
    assert widget.dialogs == [] and not widget.errors


def test_polling_can_be_turned_off(visit: Visit) -> None:
    widget = visit("/host", html=embed_page(poll="0"))
    peer = _NoticePeer(widget.page)
    widget.open()
    widget.page.wait_for_timeout(1200)
    assert peer.polls == []


# — against the real dossier routes —


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DossierService]:
    path: Path = tmp_path_factory.mktemp("widget-dossiers") / "app.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    service = DossierService.create(DossierSettings(), engine)
    service.import_file(DEMO_DATA, is_demo=True)
    yield service
    engine.dispose()


@pytest.fixture(scope="module")
def gateway_url(
    dossiers: DossierService, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The real app (every route, error handler) with the services these pages use."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("widget-var"))
    app = create_app(settings)
    staff_engine = create_db_engine(f"sqlite:///{settings.data_dir / 'staff.db'}")
    upgrade_to_head(staff_engine)
    staff = StaffService(staff_engine, settings=settings.staff,
                         shared_token=settings.effective_staff_token)
    app.state.services = SimpleNamespace(
        settings=settings, catalogue=CatalogueService.load(), dossiers=dossiers, staff=staff
    )
    with serving(app) as url:
        yield url


def _status(status: str, at: str) -> dict[str, str]:
    return {"procedure_name": "Thủ tục đăng ký khai sinh", "agency": "UBND phường Hồng Hải",
            "received_on": "2024-01-05", "due_on": "2024-01-08", "status": status,
            "status_at": at}


def test_a_subscribed_status_change_appears_in_the_open_widget(
    browser: Any, gateway_url: str, dossiers: DossierService
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.route(f"{gateway_url}/host", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=embed_page(poll="1000")))
    widget = WidgetPage(page, artifacts_dir("web"))
    try:
        page.goto(f"{gateway_url}/host")
        widget.wait_until_styled()
        with page.expect_request(re.compile(r".*/api/dossiers/notifications\?.*")) as polled:
            widget.open()
        # Rasa knows the widget's conversation under the gateway's "api:" namespace.
        sender = api_conversation_id(_sender_of(polled.value.url))
        # What the assistant's "🔔 Notify me" does for a widget conversation (the sync
        # call: Playwright's own event loop runs in this thread).
        assert dossiers.notifications.subscribe(CODE, channel="api", recipient_id=sender,
                                                language="vi")
        pushed = httpx.put(f"{gateway_url}/api/staff/dossiers/{CODE}", headers=STAFF,
                           json=_status("processing", "2024-01-07T08:00:00+07:00"))
        assert pushed.status_code == 200 and pushed.json()["notifications"] == 1
        notice = page.locator(".aw-notice .aw-bubble")
        notice.wait_for(timeout=10_000)
        assert notice.inner_text() == (
            f"🔔 Hồ sơ {CODE} (Thủ tục đăng ký khai sinh) vừa chuyển sang trạng thái: "
            "Đang xử lý."
        )
        widget.shot("notification-real")

        page.locator(".aw-stop").click()
        page.locator(".aw-stop").wait_for(state="detached")
        assert "Đã tắt thông báo" in widget.bot_bubbles.last.inner_text()
        assert not dossiers.notifications.is_subscribed(CODE, channel="api",
                                                        recipient_id=sender)
        httpx.put(f"{gateway_url}/api/staff/dossiers/{CODE}", headers=STAFF,
                  json=_status("result_ready", "2024-01-08T08:00:00+07:00"))
        time.sleep(2.5)
        assert page.locator(".aw-notice").count() == 1  # nothing after stopping
        assert not widget.errors
    finally:
        context.close()
