"""Handover to a person: a citizen who asks for an officer joins the queue (or leaves a
message outside opening hours); officers claim, answer on the citizen's channel,
transfer, hand back or close from the inbox (``/staff/inbox``).

Public API: :class:`HandoverService` (built by the app container; ``count()`` for
metrics), :class:`OpeningHours`, :class:`RequestOutcome` (what asking for a person led
to), and the routers in :mod:`assistant.handover.router`
and :mod:`assistant.handover.console`.
"""

from assistant.handover.hours import OpeningHours
from assistant.handover.models import RequestOutcome
from assistant.handover.service import HandoverService

__all__ = ["HandoverService", "OpeningHours", "RequestOutcome"]
