"""The staff feedback API through the real app (error handlers, staff token), with the
service on a real SQLite database."""

import io
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import zxingcpp
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import Engine

from assistant.app import create_app
from assistant.feedback.csv_io import parse_csv
from assistant.feedback.models import FeedbackContext, FeedbackDraft
from assistant.feedback.service import FeedbackService
from assistant.settings import Settings
from assistant.staff.service import StaffService

AUTH = {"Authorization": "Bearer s3cret-staff-token"}


@pytest.fixture
def client(service: FeedbackService, engine: Engine) -> TestClient:
    settings = Settings(staff_token="s3cret-staff-token")
    app = create_app(settings)
    # No lifespan: only what these routes need is put on the app.
    staff = StaffService(engine, settings=settings.staff,
                         shared_token=settings.effective_staff_token)
    app.state.services = SimpleNamespace(settings=settings, feedback=service, staff=staff)
    return TestClient(app)


def _rate(service: FeedbackService, rating: int, day: int, comment: str | None = None) -> None:
    context = FeedbackContext(conversation=f"c{day}{rating}", channel="web", counter="Q3",
                              agency="stp", is_from_qr=True)
    service.save(None, context, FeedbackDraft(rating=rating, comment=comment),
                 at=datetime(2026, 5, day, 3, 0, tzinfo=UTC))


def test_staff_token_is_required(client: TestClient) -> None:
    for path in ("/api/staff/feedback/summary", "/api/staff/feedback/export.csv",
                 "/api/staff/feedback/qr?counter=Q3"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.json()["code"] == "staff_token_required"


def test_summary_and_csv(client: TestClient, service: FeedbackService) -> None:
    for rating, day in ((5, 1), (4, 1), (1, 2)):
        _rate(service, rating, day, comment="Quá chậm" if rating == 1 else None)
    query = {"since": "2026-05-01", "until": "2026-05-03"}
    body = client.get("/api/staff/feedback/summary", params=query, headers=AUTH).json()
    assert (body["count"], body["average"]) == (3, 3.33)
    assert body["by_counter"] == [{"agency": "stp", "counter": "Q3", "count": 3,
                                   "average": 3.33}]
    assert [p["count"] for p in body["trend"]] == [2, 1, 0]
    assert body["low_ratings"][0]["comment"] == "Quá chậm"
    csv = client.get("/api/staff/feedback/export.csv", params=query, headers=AUTH)
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    assert [r.rating for r in parse_csv(csv.text)] == [5, 4, 1]
    svg = client.get("/api/staff/feedback/trend.svg", params=query, headers=AUTH)
    assert svg.headers["content-type"] == "image/svg+xml"
    assert svg.text.count('class="bar"') == 3


def test_bad_periods_and_unknown_fields_are_refused(client: TestClient) -> None:
    backwards = client.get("/api/staff/feedback/summary", headers=AUTH,
                           params={"since": "2026-05-03", "until": "2026-05-01"})
    assert backwards.status_code == 422 and backwards.json()["code"] == "invalid_period"
    unknown = client.get("/api/staff/feedback/summary", headers=AUTH, params={"x": "1"})
    assert unknown.status_code == 422


def test_qr_png_svg_pdf(client: TestClient, service: FeedbackService) -> None:
    params = {"agency": "stp", "counter": "Q3"}
    png = client.get("/api/staff/feedback/qr", params=params, headers=AUTH)
    assert png.headers["content-type"] == "image/png"
    (decoded,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    links = client.get("/api/staff/feedback/qr/links", params=params, headers=AUTH).json()
    assert decoded.text == links["web"]
    assert "counter=Q3" in links["web"] and "mode=feedback" in links["web"]
    svg = client.get("/api/staff/feedback/qr", params={**params, "format": "svg"}, headers=AUTH)
    assert svg.headers["content-type"] == "image/svg+xml"
    pdf = client.get("/api/staff/feedback/qr", headers=AUTH, params={
        "agency": "stp", "counter": ["Q1", "Q2"], "format": "pdf", "agency_name": "Sở Tư pháp"})
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    bad = client.get("/api/staff/feedback/qr", params={"counter": "Q 3!"}, headers=AUTH)
    assert bad.status_code == 422
    none = client.get("/api/staff/feedback/qr", headers=AUTH)
    assert none.status_code == 422 and none.json()["code"] == "invalid_qr_target"


def test_dashboard_page_needs_a_console_session(client: TestClient) -> None:
    page = client.get("/staff/feedback", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/staff/login?next=/staff/feedback"
