"""The demo page at ``/``: a mock province portal with the chat widget embedded."""

from html import escape
from importlib import resources
from string import Template

from assistant.settings import Settings

__all__ = ["render_portal"]


def render_portal(settings: Settings, *, procedure_count: int) -> str:
    """The portal page; every value from settings is HTML-escaped."""
    rows = [
        ("Trò chuyện / Chat API", "<code>POST /api/chat</code>"),
        ("Trợ lý trên trang web / Web widget", "<code>GET /widget.js</code>, "
         "<code>GET /widget.css</code>"),
        ("Tài liệu API / API docs", '<a href="/docs">/docs</a>'),
        ("Sẵn sàng / Readiness", '<a href="/readyz">/readyz</a>'),
        ("Số thủ tục / Procedures", f"{procedure_count:,}".replace(",", ".")),
    ]
    template = Template(
        resources.files("assistant.web").joinpath("templates", "portal.html")
        .read_text(encoding="utf-8")
    )
    return template.substitute(
        organisation_vi=escape(settings.organisation_vi),
        organisation_en=escape(settings.organisation_en),
        procedures=f"{procedure_count:,}".replace(",", "."),
        counter_hours=escape(settings.dialogue.counter_hours_vi),
        public_url=escape(settings.effective_public_url),
        summary_rows="".join(
            f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows
        ),
    )
