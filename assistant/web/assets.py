"""The widget's static files (``assistant/web/static``) as HTTP responses with cache headers.

Files are small and read per request, so a deployment that replaces them is served at
once; the ETag lets browsers revalidate for a ``304`` instead of downloading again.
"""

import hashlib
from importlib import resources

from fastapi import Response

__all__ = ["ASSETS", "asset_response"]

# Name → content type. Only these are served: nothing else under static/ leaks out.
ASSETS: dict[str, str] = {
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
}

# Short enough that a new widget version reaches every page within minutes; the
# ETag makes the revalidation after that a cheap 304.
_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400"


def asset_response(name: str, *, if_none_match: str | None) -> Response:
    """``name`` (a key of ``ASSETS``) with its caching headers, or ``304`` when unchanged."""
    content = resources.files("assistant.web").joinpath("static", name).read_bytes()
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    headers = {
        "Cache-Control": _CACHE_CONTROL,
        "ETag": etag,
        "X-Content-Type-Options": "nosniff",
        # The widget is meant to be embedded by other sites (the province portal).
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    tags = {tag.strip().removeprefix("W/") for tag in (if_none_match or "").split(",")}
    if etag in tags or "*" in tags:
        return Response(status_code=304, headers=headers)
    return Response(content, media_type=ASSETS[name], headers=headers)
