"""The links a QR code carries: the web chat in feedback mode, and each chat channel's
deep link (Telegram, Zalo, … as the channel registry builds them) whose start code
holds the same counter and agency.

The web URL is the widget's contract: ``/?open=1&mode=feedback&counter=…&agency=…``
opens the chat with that context, which it sends with every message.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from assistant.feedback.errors import InvalidQrTargetError
from assistant.feedback.models import QrLinks, QrTarget

__all__ = ["ChannelLink", "context_from_start_code", "links_for", "start_code", "web_url"]

# The channels' deep-link format (see the Telegram adapter): ``key_value`` pairs joined
# by ``__``, within Telegram's 64 characters of [A-Za-z0-9_-]; codes hold no "_".
_PAIR = re.compile(r"^(mode|counter|agency)_([A-Za-z0-9-]{1,16})$")


@dataclass(frozen=True)
class ChannelLink:
    """One chat channel's deep link: ``build`` gives the URL for a start code, or None
    while ``setting`` (the environment variable that names the bot) is not set."""

    title: str
    setting: str
    build: Callable[[str], str | None]


def web_url(public_url: str, target: QrTarget) -> str:
    _require_place(target)
    query: dict[str, str] = {"open": "1", "mode": "feedback"}
    if target.counter:
        query["counter"] = target.counter
    if target.agency:
        query["agency"] = target.agency
    if target.language:
        query["lang"] = target.language
    return f"{public_url.rstrip('/')}/?{urlencode(query)}"


def start_code(target: QrTarget) -> str:
    """``mode_feedback__counter_Q3__agency_stp``: the web URL's context as a deep-link
    start parameter (at most 64 characters with 16-character codes)."""
    _require_place(target)
    pairs = [("mode", "feedback"), ("counter", target.counter), ("agency", target.agency)]
    return "__".join(f"{key}_{value}" for key, value in pairs if value)


def context_from_start_code(code: str) -> dict[str, str] | None:
    """The chat context of a feedback deep link's start code (what the web URL's query
    gives the widget), or None when ``code`` is not a feedback link."""
    context: dict[str, str] = {}
    for pair in code.strip()[:64].split("__"):
        match = _PAIR.match(pair)
        if match is not None:
            context[match.group(1)] = match.group(2)
    if context.get("mode") != "feedback" or len(context) < 2:
        return None
    return context


def links_for(
    target: QrTarget, *, public_url: str, channels: Mapping[str, ChannelLink]
) -> QrLinks:
    code = start_code(target)
    deep = {name: link.build(code) for name, link in channels.items()}
    return QrLinks(web=web_url(public_url, target), start_code=code, **deep)


def _require_place(target: QrTarget) -> None:
    if not (target.agency or target.counter):
        raise InvalidQrTargetError(
            "cần mã quầy hoặc mã cơ quan.", "a counter or an agency code is required."
        )
