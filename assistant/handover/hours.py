"""Opening hours of the officers who take handovers, from one line of text.

``always``, or groups separated by ``;``, each a day list and time ranges:
``Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30``. Days are ``Mon`` … ``Sun``
(ranges like ``Mon-Fri`` or lists like ``Mon,Wed``); a range ends before its end time.
The hours are local to ``timezone`` (Vietnam for every province); public holidays are
closed all day."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["OpeningHours", "OpeningHoursError"]

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class OpeningHoursError(ValueError):
    """The opening-hours text cannot be read; the message says where and why."""


@dataclass(frozen=True)
class OpeningHours:
    """When a waiting citizen can expect an officer."""

    # Per weekday (0 = Monday) the half-open ranges [start, end) of local time.
    week: tuple[tuple[tuple[time, time], ...], ...]
    timezone: ZoneInfo
    holidays: frozenset[date] = frozenset()
    is_always: bool = False

    @classmethod
    def parse(
        cls, text: str, *, timezone: str = "Asia/Ho_Chi_Minh", holidays: Iterable[date] = ()
    ) -> "OpeningHours":
        """Read ``text``; raises ``OpeningHoursError`` naming the part that is wrong."""
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise OpeningHoursError(f"unknown time zone {timezone!r}") from exc
        spec = text.strip()
        if spec.lower() == "always":
            return cls(week=((),) * 7, timezone=zone, holidays=frozenset(holidays),
                       is_always=True)
        if not spec:
            raise OpeningHoursError("empty; write e.g. 'Mon-Fri 07:30-11:30,13:30-17:00' "
                                    "or 'always'")
        week: list[list[tuple[time, time]]] = [[] for _ in _DAYS]
        for group in filter(None, (g.strip() for g in spec.split(";"))):
            days_text, _, ranges_text = group.partition(" ")
            if not ranges_text.strip():
                raise OpeningHoursError(f"{group!r}: a day list needs time ranges after it")
            ranges = [_range(part.strip(), group) for part in ranges_text.split(",")]
            for day in _days(days_text, group):
                week[day].extend(ranges)
        return cls(week=tuple(tuple(sorted(d)) for d in week), timezone=zone,
                   holidays=frozenset(holidays))

    def is_open(self, moment: datetime) -> bool:
        """Whether ``moment`` (timezone-aware) falls in the opening hours."""
        local = moment.astimezone(self.timezone)
        if local.date() in self.holidays:
            return False
        if self.is_always:
            return True
        now = local.time().replace(tzinfo=None)
        return any(start <= now < end for start, end in self.week[local.weekday()])


def _days(text: str, group: str) -> list[int]:
    days: list[int] = []
    for part in text.split(","):
        first, dash, last = part.strip().lower().partition("-")
        start = _day(first, group)
        end = _day(last, group) if dash else start
        if end < start:
            raise OpeningHoursError(f"{group!r}: day range {part.strip()!r} runs backwards")
        days.extend(range(start, end + 1))
    return days


def _day(text: str, group: str) -> int:
    name = text.strip().lower()[:3]
    if name not in _DAYS or len(text.strip()) < 3:
        raise OpeningHoursError(f"{group!r}: {text.strip()!r} is not a day (Mon … Sun)")
    return _DAYS.index(name)


def _range(text: str, group: str) -> tuple[time, time]:
    first, dash, last = text.partition("-")
    if not dash:
        raise OpeningHoursError(f"{group!r}: {text!r} is not a time range like 07:30-11:30")
    start, end = _time(first, group), _time(last, group)
    if end <= start:
        raise OpeningHoursError(f"{group!r}: {text!r} ends before it starts")
    return start, end


def _time(text: str, group: str) -> time:
    match = _TIME.match(text.strip())
    if match is None:
        raise OpeningHoursError(f"{group!r}: {text.strip()!r} is not a time like 07:30")
    return time(int(match[1]), int(match[2]))
