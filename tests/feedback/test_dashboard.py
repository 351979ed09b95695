"""The staff feedback dashboard page in a real browser (Chromium) against the real app
and a feedback service on SQLite: the console log-in, the summary numbers and the chart
for a known set of ratings, and the CSV download. Screenshots: test-artifacts/feedback/."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.app import create_app
from assistant.feedback.csv_io import parse_csv
from assistant.feedback.models import FeedbackContext, FeedbackDraft
from assistant.feedback.service import FeedbackService
from assistant.settings import Settings
from assistant.staff.service import StaffService
from tests.support.asgi_server import serving
from tests.support.browser import artifacts_dir, launch_chromium

PASSWORD = "mật-khẩu-đủ-dài"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def dashboard(service: FeedbackService, engine: Any, browser: Any) -> Iterator[Any]:
    """The dashboard page of a served app whose feedback holds a known set of ratings."""
    for rating, day, agency, counter, comment in (
        (5, 1, "stp", "Q3", None), (4, 1, "stp", "Q3", None), (4, 2, "stp", "Q1", None),
        (1, 2, "stp", "Q3", "Quá chậm, phải đi lại 3 lần"), (2, 3, "so-xd", "Q7", None),
        (3, 20, "stp", "Q3", "ngoài kỳ"),  # outside the period asked for
    ):
        context = FeedbackContext(conversation=f"c{day}{rating}", channel="web",
                                  agency=agency, counter=counter, is_from_qr=True)
        service.save(None, context, FeedbackDraft(rating=rating, comment=comment),
                     status="complete", at=datetime(2026, 5, day, 3, 0, tzinfo=UTC))
    settings = Settings()
    app = create_app(settings)
    staff = StaffService(engine, settings=settings.staff)
    staff.add_account("lan", PASSWORD, role="staff")
    app.state.services = SimpleNamespace(settings=settings, feedback=service, staff=staff)
    with serving(app) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 1000},
                                      accept_downloads=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}/staff/feedback")  # → the log-in page, then back
        page.fill("input[name=username]", "lan")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/staff/feedback")
        yield page
        assert errors == []
        context.close()


def _show(page: Any) -> None:
    page.fill("#since", "2026-05-01")
    page.fill("#until", "2026-05-03")
    page.click("#period button[type=submit]")


def test_summary_chart_and_csv_download(dashboard: Any) -> None:
    _show(dashboard)
    dashboard.wait_for_selector("#chart svg")
    assert dashboard.inner_text("#error") == ""
    assert dashboard.inner_text("#count") == "5"
    assert dashboard.inner_text("#average") == "3.20"  # (5 + 4 + 4 + 1 + 2) / 5
    distribution = " ".join(dashboard.inner_text("#distribution").split())
    assert distribution == "5★: 1 4★: 2 3★: 0 2★: 1 1★: 1"
    by_counter = dashboard.locator("#by-counter tr").all_inner_texts()
    assert by_counter[1] == "stp\tQ3\t3\t3.33"  # the busiest first
    assert sorted(by_counter[2:]) == ["so-xd\tQ7\t1\t2.00", "stp\tQ1\t1\t4.00"]
    low = dashboard.inner_text("#low")
    assert "Quá chậm, phải đi lại 3 lần" in low and "ngoài kỳ" not in low
    # The trend chart: one bar or point per day of the period, titled with it.
    chart = dashboard.locator("#chart svg")
    assert "01/05/2026–03/05/2026" in chart.inner_html()
    labels = chart.locator("text").all_text_contents()
    assert {"01/05", "02/05", "03/05"} <= set(labels), labels
    assert chart.bounding_box()["height"] > 50
    dashboard.screenshot(path=str(artifacts_dir("feedback") / "dashboard.png"), full_page=True)

    with dashboard.expect_download() as download:
        dashboard.click("#export")
    assert download.value.suggested_filename == "feedback.csv"
    path = Path(download.value.path())
    records = parse_csv(path.read_text(encoding="utf-8-sig"))
    assert sorted(r.rating or 0 for r in records) == [1, 2, 4, 4, 5]
    assert {r.counter for r in records} == {"Q1", "Q3", "Q7"}
