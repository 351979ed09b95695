"""Logging set-up, done once by each entry point; personal data is masked on the way out."""

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import TextIO

__all__ = [
    "JsonFormatter", "PersonalDataFilter", "configure_logging", "mask_personal_data",
    "redact_secrets",
]

# Vietnamese phone numbers (0 / +84 + 9 digits, spaces or dots allowed), 9–12 digit
# identity numbers (CMND 9, CCCD 12), e-mail addresses.
_PATTERNS = (
    (re.compile(r"(?<!\w)(?:\+?84|0)(?:[\s.-]?\d){8,9}(?!\w)"), "[phone]"),
    (re.compile(r"(?<!\w)\d{9,12}(?!\w)"), "[id-number]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
)


# Secrets that travel in URLs: the Telegram bot token (``/bot<id>:<secret>/method``)
# and Rasa's ``?token=`` (also any ``access_token``/``secret`` query parameter).
_SECRETS = (
    # (the id part may already read "[id-number]": personal data is masked first)
    (re.compile(r"/bot[\w\[\]-]*:[\w-]+"), "/bot[token]"),
    (re.compile(r"([?&](?:token|access_token|secret|auth_token)=)[^&\s\"'<>]+"), r"\1[redacted]"),
)


def redact_secrets(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


def mask_personal_data(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Renders each record's message with phones, ID numbers and e-mails masked, and
    stamps it with the request id of the work in progress."""

    def filter(self, record: logging.LogRecord) -> bool:
        from assistant.request_context import current_request_id

        record.msg = mask_personal_data(record.getMessage())
        record.args = None
        record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or None,
        }
        if record.exc_info:
            entry["exception"] = mask_personal_data(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class _CurrentStderrHandler(logging.StreamHandler):
    """Writes to ``sys.stderr`` as it is when a record is emitted: a command run inside
    a test runner (or any redirect) sees a stream that is closed afterwards, and a
    handler that kept it would fail on every later record."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always the current sys.stderr


class _RedactingFormatter(logging.Formatter):
    """Redacts secrets in the whole rendered record, tracebacks included (an HTTP
    error's message carries the URL it failed on), whatever the format."""

    def __init__(self, inner: logging.Formatter) -> None:
        super().__init__()
        self._inner = inner

    def format(self, record: logging.LogRecord) -> str:
        return redact_secrets(self._inner.format(record))


def configure_logging(level: str = "INFO", *, is_json: bool = False) -> None:
    handler = _CurrentStderrHandler()
    handler.setFormatter(_RedactingFormatter(JsonFormatter() if is_json else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s")))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request URL at INFO (Telegram's carries the bot token).
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
