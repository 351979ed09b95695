"""``GET /`` (the demo portal page with the chat widget) and the widget's static files."""

from typing import Annotated

from fastapi import APIRouter, Header, Response
from fastapi.responses import HTMLResponse

from assistant.deps import ServicesDep
from assistant.web.assets import asset_response
from assistant.web.pages import render_portal

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def landing(services: ServicesDep) -> str:
    return render_portal(services.settings, procedure_count=len(services.catalogue))


@router.get("/widget.js")
async def widget_js(if_none_match: Annotated[str | None, Header()] = None) -> Response:
    return asset_response("widget.js", if_none_match=if_none_match)


@router.get("/widget.css")
async def widget_css(if_none_match: Annotated[str | None, Header()] = None) -> Response:
    return asset_response("widget.css", if_none_match=if_none_match)
