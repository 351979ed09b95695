"""``GET /metrics`` in the Prometheus text format (counts only, no personal data)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from assistant.metrics.service import GatewayMetrics

__all__ = ["router"]

router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    service: GatewayMetrics = request.app.state.services.metrics
    return Response(service.exposition(), media_type=CONTENT_TYPE_LATEST)
