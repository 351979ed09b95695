"""``GET /metrics`` in the Prometheus text format (counts only, no personal data)."""

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST

from assistant.deps import from_services
from assistant.metrics.service import GatewayMetrics

__all__ = ["router"]

router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=Response)
def metrics(service: Annotated[GatewayMetrics, Depends(from_services("metrics"))]) -> Response:
    return Response(service.exposition(), media_type=CONTENT_TYPE_LATEST)
