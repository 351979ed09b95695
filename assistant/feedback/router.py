"""Staff surface of feedback: the summary API, the trend chart, the CSV export, the QR
codes and sheets, and the dashboard page (which calls these with the staff token)."""

from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from assistant.deps import from_services
from assistant.feedback.errors import InvalidQrTargetError
from assistant.feedback.models import PeriodIn, QrIn, QrLinks, SummaryOut
from assistant.feedback.service import FeedbackService
from assistant.staff.auth import PagePrincipalDep, StaffDep

__all__ = ["router"]

router = APIRouter(tags=["feedback (staff)"])
_DASHBOARD = Path(__file__).parent / "static" / "dashboard.html"
_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


FeedbackDep = Annotated[FeedbackService, Depends(from_services("feedback"))]
PeriodQuery = Annotated[PeriodIn, Query()]
QrQuery = Annotated[QrIn, Query()]


@router.get("/api/staff/feedback/summary", response_model=SummaryOut)
def summary(query: PeriodQuery, _: StaffDep, feedback: FeedbackDep) -> SummaryOut:
    """Average rating and count per agency, counter and procedure, the trend, the reasons
    ranked and the newest low ratings, over local dates ``since``–``until``."""
    return feedback.summary(feedback.period(query.since, query.until, query.bucket))


@router.get("/api/staff/feedback/trend.svg", response_class=Response)
def trend(query: PeriodQuery, _: StaffDep, feedback: FeedbackDep) -> Response:
    period = feedback.period(query.since, query.until, query.bucket)
    return Response(feedback.trend_svg(period, language=query.lang), media_type=_TYPES["svg"])


@router.get("/api/staff/feedback/export.csv", response_class=Response)
def export(query: PeriodQuery, _: StaffDep, feedback: FeedbackDep) -> Response:
    """Every feedback record of the period, one CSV row each (UTF-8 with BOM)."""
    period = feedback.period(query.since, query.until, query.bucket)
    name = f"feedback-{period.since:%Y%m%d}-{period.until:%Y%m%d}.csv"
    return Response(
        feedback.export_csv(period),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get("/api/staff/feedback/qr/links", response_model=QrLinks)
def qr_links(query: QrQuery, _: StaffDep, feedback: FeedbackDep) -> QrLinks:
    return feedback.links(query.targets()[0])


@router.get("/api/staff/feedback/qr", response_class=Response)
def qr(query: QrQuery, _: StaffDep, feedback: FeedbackDep) -> Response:
    """A QR code (PNG or SVG) or the printable A6 sheet (PDF, one page per counter)."""
    targets = query.targets()
    if query.format == "pdf":
        if query.variant != "web":
            raise InvalidQrTargetError(
                "phiếu in luôn dùng liên kết web.", "the printed sheet always uses the web link."
            )
        content = feedback.sheet(targets)
    else:
        content = feedback.qr_image(targets[0], kind=query.format, variant=query.variant)
    place = "-".join(p for p in (query.agency, *query.counter) if p) or "qr"
    name = f"feedback-{place}-{datetime.now():%Y%m%d}.{query.format}"
    return Response(
        content,
        media_type=_TYPES[query.format],
        headers={"content-disposition": f'inline; filename="{name}"'},
    )


@router.get("/staff/feedback", response_class=HTMLResponse, include_in_schema=False)
def dashboard(_: PagePrincipalDep) -> HTMLResponse:
    """The dashboard page (console session required); it holds no data itself and
    reads the API with the session cookie."""
    return HTMLResponse(_DASHBOARD.read_text(encoding="utf-8"))
