"""Aggregates for the staff dashboard, computed from the records of one period.

Done in Python rather than SQL so that SQLite and PostgreSQL agree exactly (local-day
buckets, JSON reason lists); a province's feedback for a period fits in memory.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime, timedelta, timezone

from assistant.feedback.models import (
    AnswerStats,
    Bucket,
    CounterStat,
    FeedbackRecord,
    GroupStat,
    LowRating,
    Period,
    ReasonCount,
    SummaryOut,
    TrendPoint,
)
from assistant.feedback.reasons import reason

__all__ = ["bucket_start", "local_bounds", "summarise"]


def local_bounds(period: Period, offset: timezone) -> tuple[datetime, datetime]:
    """The period as a half-open range of aware datetimes: [since 00:00, until+1 00:00)."""
    start = datetime.combine(period.since, datetime.min.time(), tzinfo=offset)
    end = datetime.combine(period.until + timedelta(days=1), datetime.min.time(), tzinfo=offset)
    return start, end


def bucket_start(day: date, bucket: Bucket) -> date:
    if bucket == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    if bucket == "month":
        return day.replace(day=1)
    return day


def _buckets(period: Period) -> list[date]:
    starts: list[date] = []
    day = bucket_start(period.since, period.bucket)
    while day <= period.until:
        starts.append(day)
        if period.bucket == "day":
            day += timedelta(days=1)
        elif period.bucket == "week":
            day += timedelta(days=7)
        else:
            day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return starts


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _grouped(
    rated: Iterable[FeedbackRecord], key: Callable[[FeedbackRecord], Hashable]
) -> dict[Hashable, list[int]]:
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for record in rated:
        assert record.rating is not None
        groups[key(record)].append(record.rating)
    return groups


def _ranked(groups: dict[Hashable, list[int]]) -> list[tuple[Hashable, list[int]]]:
    # Most feedback first; ties by lower average (the places needing attention) then name.
    return sorted(
        groups.items(),
        key=lambda item: (-len(item[1]), _average(item[1]) or 0, str(item[0])),
    )


def summarise(
    records: list[FeedbackRecord],
    period: Period,
    *,
    offset: timezone,
    low_rating_max: int,
    low_ratings_shown: int,
    answers: AnswerStats,
) -> SummaryOut:
    rated = [r for r in records if r.rating is not None]
    ratings = [r.rating for r in rated if r.rating is not None]
    agencies = _grouped(rated, lambda r: r.agency)
    counters = _grouped((r for r in rated if r.counter), lambda r: (r.agency, r.counter))
    procedures = _grouped(rated, lambda r: r.procedure_code)
    by_bucket = _grouped(
        rated, lambda r: bucket_start(r.created_at.astimezone(offset).date(), period.bucket)
    )
    reason_counts = Counter(code for r in records for code in dict.fromkeys(r.reasons))
    low = [r for r in reversed(rated) if r.rating is not None and r.rating <= low_rating_max]
    return SummaryOut(
        since=period.since,
        until=period.until,
        bucket=period.bucket,
        count=len(ratings),
        average=_average(ratings),
        distribution={stars: ratings.count(stars) for stars in range(1, 6)},
        by_agency=[
            GroupStat(key=_str(k), count=len(v), average=_average(v))
            for k, v in _ranked(agencies)
        ],
        by_counter=[
            CounterStat(agency=k[0], counter=k[1], count=len(v), average=_average(v))  # type: ignore[index]
            for k, v in _ranked(counters)
        ],
        by_procedure=[
            GroupStat(key=_str(k), count=len(v), average=_average(v))
            for k, v in _ranked(procedures)
        ],
        trend=[
            TrendPoint(
                start=start,
                count=len(by_bucket.get(start, [])),
                average=_average(by_bucket.get(start, [])),
            )
            for start in _buckets(period)
        ],
        reasons=[_reason_count(code, n) for code, n in reason_counts.most_common()
                 if reason(code) is not None],
        low_ratings=[_low(r) for r in low[:low_ratings_shown]],
        answers=answers,
    )


def _str(key: Hashable) -> str | None:
    return None if key is None else str(key)


def _reason_count(code: str, count: int) -> ReasonCount:
    known = reason(code)
    assert known is not None
    return ReasonCount(
        code=code, label_vi=known.label_vi, label_en=known.label_en,
        polarity=known.polarity, count=count,
    )


def _low(record: FeedbackRecord) -> LowRating:
    assert record.rating is not None
    return LowRating(
        id=record.id, created_at=record.created_at, rating=record.rating,
        reasons=record.reasons, comment=record.comment, contact=record.contact,
        agency=record.agency, counter=record.counter, procedure_code=record.procedure_code,
    )
