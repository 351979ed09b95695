"""ASGI entry point: ``uvicorn assistant.server:app``. The only import-time app."""

from assistant.app import create_app
from assistant.logs import configure_logging
from assistant.settings import Settings

settings = Settings()
configure_logging(settings.log_level, is_json=settings.log_format == "json")
app = create_app(settings)
