"""Rendering console pages: one Jinja2 environment per app, the page language (a
``?lang=`` switch remembered in a cookie), the navigation and the CSRF token."""

from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from assistant.channels.registry import CHANNELS, channel_entry
from assistant.console.i18n import Language, translate
from assistant.console.nav import NAV
from assistant.staff.models import Principal

__all__ = [
    "LANG_COOKIE", "build_environment", "channel_label", "is_https", "page_language", "render",
]

LANG_COOKIE = "assistant_staff_lang"


def build_environment() -> Environment:
    return Environment(
        loader=PackageLoader("assistant.console", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def channel_label(name: str, language: Language) -> str:
    """How the console names a channel: the registered platform's title, else its own
    text (``channel.api``: the web widget and API clients)."""
    entry = channel_entry(name)
    return entry.title if entry is not None else translate(f"channel.{name}", language)


def page_language(request: Request) -> Language:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if asked in ("vi", "en"):
        return "en" if asked == "en" else "vi"
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "vi"


def is_https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip()
    return request.url.scheme == "https" or forwarded == "https"


def render(
    request: Request,
    template: str,
    *,
    principal: Principal | None,
    status_code: int = 200,
    context: Mapping[str, Any] | None = None,
) -> HTMLResponse:
    """``template`` with the shared layout's values; remembers a ``?lang=`` switch."""
    language = page_language(request)
    environment: Environment = request.app.state.console_templates
    html = environment.get_template(template).render(
        request=request,
        path=request.url.path,
        lang=language,
        t=lambda key, **values: translate(key, language, **values),
        channel_label=lambda name: channel_label(name, language),
        channel_names=["api", *(entry.name for entry in CHANNELS)],
        user=principal,
        csrf_token=principal.csrf_token if principal else "",
        nav=[item for item in NAV if principal and (principal.is_admin or not item.is_admin_only)],
        **(context or {}),
    )
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.query_params.get("lang") in ("vi", "en"):
        response.set_cookie(
            LANG_COOKIE, language, max_age=365 * 86400, httponly=True, samesite="lax",
            secure=is_https(request), path="/staff",
        )
    return response
