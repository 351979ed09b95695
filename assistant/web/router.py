"""``GET /``: a plain page saying what runs and where."""

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from assistant.deps import ServicesDep

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def landing(services: ServicesDep) -> str:
    settings = services.settings
    rows = [
        ("Trò chuyện / Chat API", "POST /api/chat"),
        ("Tài liệu API / API docs", '<a href="/docs">/docs</a>'),
        ("Sẵn sàng / Readiness", '<a href="/readyz">/readyz</a>'),
        ("Máy chủ Rasa / Rasa server", escape(settings.rasa.url)),
        ("Số thủ tục / Procedures", str(len(services.catalogue))),
    ]
    table = "\n".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    title = escape(settings.organisation_vi)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trợ lý ảo dịch vụ công – {title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;color:#1a1a1a}}
th{{text-align:left;padding:.3rem 1rem .3rem 0}}</style></head>
<body><h1>Trợ lý ảo dịch vụ công</h1>
<p>{title} · {escape(settings.organisation_en)}</p>
<p>Trợ lý giúp người dân tìm thủ tục hành chính, tra cứu hồ sơ và góp ý.
The assistant helps citizens find administrative procedures, check dossiers and give feedback.</p>
<table>{table}</table>
</body></html>"""
