"""The opening-hours parser: every minute of a week against a plain reading of the rule."""

from datetime import UTC, date, datetime, timedelta

import pytest

from assistant.handover.hours import OpeningHours, OpeningHoursError
from assistant.handover.settings import HandoverSettings

VN = timedelta(hours=7)
MONDAY = datetime(2026, 12, 7)  # a Monday, local time


def _reference(day: int, minute: int, rule: dict[int, list[tuple[int, int]]]) -> bool:
    return any(start <= minute < end for start, end in rule.get(day, []))


@pytest.mark.parametrize(("text", "rule"), [
    ("Mon-Fri 07:30-11:30,13:30-17:00",
     {d: [(450, 690), (810, 1020)] for d in range(5)}),
    ("Mon,Wed 08:00-09:00; sat 07:30-11:30",
     {0: [(480, 540)], 2: [(480, 540)], 5: [(450, 690)]}),
    ("Sun 00:00-23:59", {6: [(0, 1439)]}),
])
def test_every_minute_of_a_week(text: str, rule: dict[int, list[tuple[int, int]]]) -> None:
    hours = OpeningHours.parse(text)
    for minute in range(7 * 24 * 60):
        local = MONDAY + timedelta(minutes=minute)
        moment = (local - VN).replace(tzinfo=UTC)  # Vietnam has no daylight saving
        expected = _reference(local.weekday(), local.hour * 60 + local.minute, rule)
        assert hours.is_open(moment) is expected, (text, local)


def test_always_and_holidays() -> None:
    noon = datetime(2026, 9, 2, 5, 0, tzinfo=UTC)  # 12:00 in Hanoi, National Day
    assert OpeningHours.parse("always").is_open(noon)
    assert OpeningHours.parse(" ALWAYS ").is_open(noon - timedelta(hours=12))
    assert not OpeningHours.parse("always", holidays=[date(2026, 9, 2)]).is_open(noon)
    weekday = OpeningHours.parse("Mon-Fri 07:00-17:00", holidays=[date(2026, 9, 2)])
    assert not weekday.is_open(noon)
    assert weekday.is_open(noon + timedelta(days=1))


@pytest.mark.parametrize(("text", "problem"), [
    ("", "empty"),
    ("Mon-Fri", "needs time ranges"),
    ("Mon-Fri 7h30-11h30", "not a time"),
    ("Mon-Fri 11:30-07:30", "ends before it starts"),
    ("Fri-Mon 07:30-11:30", "runs backwards"),
    ("Monday-Funday 07:30-11:30", "not a day"),
    ("Mon 07:30", "not a time range"),
    ("Mon 24:00-25:00", "not a time"),
])
def test_unreadable_hours_say_why(text: str, problem: str) -> None:
    with pytest.raises(OpeningHoursError, match=problem):
        OpeningHours.parse(text)


def test_settings_refuse_unreadable_hours_at_start_up() -> None:
    with pytest.raises(ValueError, match="not a time"):
        HandoverSettings(opening_hours="Mon-Fri 7-11")
    with pytest.raises(ValueError, match="time zone"):
        HandoverSettings(timezone="Mars/Olympus")
    assert HandoverSettings(opening_hours="always", holidays=["2026-01-01"]).holidays == [
        date(2026, 1, 1)]
