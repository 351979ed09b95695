"""The feedback service on a real SQLite database: saving step by step, the summary
numbers for a known set of ratings, the CSV round trip."""

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assistant.feedback.csv_io import parse_csv
from assistant.feedback.errors import InvalidPeriodError
from assistant.feedback.models import AnswerFeedbackIn, FeedbackContext, FeedbackDraft
from assistant.feedback.service import FeedbackService
from assistant.feedback.settings import FeedbackSettings


def _context(**values: object) -> FeedbackContext:
    return FeedbackContext.model_validate({"conversation": "c-1", "channel": "web", **values})


def test_nothing_is_stored_until_something_is_given(service: FeedbackService) -> None:
    assert service.save(None, _context(), FeedbackDraft(opening_text="tôi muốn góp ý")) is None


def test_each_step_is_kept_and_merged(service: FeedbackService) -> None:
    context = _context(counter="Q3", agency="stp", is_from_qr=True, procedure_code="1.001193")
    feedback_id = service.save(None, context, FeedbackDraft(rating=2))
    assert feedback_id is not None
    same = service.save(feedback_id, context, FeedbackDraft(rating=2, reasons=["slow"]))
    assert same == feedback_id
    service.save(feedback_id, context, FeedbackDraft(comment="Chờ 2 tiếng"), status="stopped")
    record = service.get(feedback_id)
    assert record is not None
    assert (record.rating, record.reasons, record.comment) == (2, ["slow"], "Chờ 2 tiếng")
    assert (record.status, record.source, record.counter, record.agency) == (
        "stopped", "qr", "Q3", "stp")
    assert record.procedure_code == "1.001193"
    assert record.conversation != "c-1" and len(record.conversation) == 16  # anonymous


def _seed(service: FeedbackService) -> None:
    """Ten ratings over three local days (UTC+7), two agencies, three counters."""
    rows = [
        # (UTC moment, rating, agency, counter, procedure, reasons, comment)
        (datetime(2026, 3, 1, 2, 0, tzinfo=UTC), 5, "stp", "Q1", "1.001", ["fast"], None),
        (datetime(2026, 3, 1, 3, 0, tzinfo=UTC), 4, "stp", "Q1", "1.001", ["friendly"], None),
        (datetime(2026, 3, 1, 4, 0, tzinfo=UTC), 1, "stp", "Q2", "1.002", ["slow", "rude"],
         "Cán bộ quát nạt"),
        # 18:30 UTC on 1 March is 01:30 on 2 March in Vietnam.
        (datetime(2026, 3, 1, 18, 30, tzinfo=UTC), 2, "stp", "Q2", "1.002", ["slow"],
         "Chờ cả buổi"),
        (datetime(2026, 3, 2, 3, 0, tzinfo=UTC), 3, "stnmt", "Q5", None, [], None),
        (datetime(2026, 3, 2, 4, 0, tzinfo=UTC), 5, "stnmt", "Q5", None, ["fast"], None),
        (datetime(2026, 3, 3, 1, 0, tzinfo=UTC), 4, "stnmt", "Q5", "1.001", ["clear"], None),
        (datetime(2026, 3, 3, 2, 0, tzinfo=UTC), 5, None, None, None, ["fast"], None),
        (datetime(2026, 3, 3, 3, 0, tzinfo=UTC), 2, "stp", "Q1", "1.001", ["extra_papers"],
         "=HYPERLINK(\"x\")"),
        (datetime(2026, 3, 3, 4, 0, tzinfo=UTC), 4, "stp", "Q1", None, [], None),
    ]
    for moment, rating, agency, counter, procedure, reasons, comment in rows:
        context = _context(agency=agency, counter=counter, procedure_code=procedure,
                           is_from_qr=counter is not None)
        draft = FeedbackDraft(rating=rating, reasons=reasons, comment=comment)
        service.save(None, context, draft, status="complete", at=moment)
    # Outside the period (4 March local) and a reason-only record without rating.
    service.save(None, _context(), FeedbackDraft(rating=1), at=datetime(2026, 3, 3, 17, 0,
                                                                        tzinfo=UTC))
    service.save(None, _context(agency="stp"), FeedbackDraft(reasons=["rude"]),
                 at=datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    service.record_answer(AnswerFeedbackIn(conversation="c-9", is_helpful=True),
                          at=datetime(2026, 3, 2, 5, 0, tzinfo=UTC))
    service.record_answer(AnswerFeedbackIn(conversation="c-9", is_helpful=False),
                          at=datetime(2026, 3, 2, 6, 0, tzinfo=UTC))


def test_summary_numbers_for_a_known_set(service: FeedbackService) -> None:
    _seed(service)
    summary = service.summary(service.period(date(2026, 3, 1), date(2026, 3, 3)))
    assert summary.bucket == "day"
    assert summary.count == 10
    assert summary.average == 3.5  # 35 / 10
    assert summary.distribution == {1: 1, 2: 2, 3: 1, 4: 3, 5: 3}
    by_agency = {g.key: (g.count, g.average) for g in summary.by_agency}
    assert by_agency == {"stp": (6, 3.0), "stnmt": (3, 4.0), None: (1, 5.0)}
    by_counter = {(c.agency, c.counter): (c.count, c.average) for c in summary.by_counter}
    assert by_counter == {("stp", "Q1"): (4, 3.75), ("stp", "Q2"): (2, 1.5),
                          ("stnmt", "Q5"): (3, 4.0)}
    by_procedure = {g.key: (g.count, g.average) for g in summary.by_procedure}
    assert by_procedure == {"1.001": (4, 3.75), "1.002": (2, 1.5), None: (4, 4.25)}
    assert [(t.start, t.count, t.average) for t in summary.trend] == [
        (date(2026, 3, 1), 3, 3.33), (date(2026, 3, 2), 3, 3.33), (date(2026, 3, 3), 4, 3.75)]
    ranked = [(r.code, r.count) for r in summary.reasons]
    assert ranked[:3] == [("fast", 3), ("slow", 2), ("rude", 2)]
    assert dict(ranked) == {"fast": 3, "slow": 2, "rude": 2, "friendly": 1, "clear": 1,
                            "extra_papers": 1}
    assert [(r.rating, r.comment) for r in summary.low_ratings] == [
        (2, "=HYPERLINK(\"x\")"), (2, "Chờ cả buổi"), (1, "Cán bộ quát nạt")]
    assert (summary.answers.helpful, summary.answers.not_helpful) == (1, 1)


def test_weekly_and_monthly_buckets(service: FeedbackService) -> None:
    _seed(service)
    weekly = service.summary(service.period(date(2026, 2, 20), date(2026, 3, 10), "week"))
    # ISO weeks: Sunday 1 March closes the week of 23 February.
    assert [(t.start, t.count) for t in weekly.trend] == [
        (date(2026, 2, 16), 0), (date(2026, 2, 23), 3), (date(2026, 3, 2), 8),
        (date(2026, 3, 9), 0)]
    assert weekly.count == 11
    monthly = service.summary(service.period(date(2026, 1, 1), date(2026, 12, 31), "month"))
    assert len(monthly.trend) == 12
    assert service.period(date(2025, 1, 1), date(2026, 12, 31)).bucket == "month"
    assert monthly.trend[2].count == 11


def test_csv_export_round_trips(service: FeedbackService) -> None:
    _seed(service)
    period = service.period(date(2026, 3, 1), date(2026, 3, 4))
    exported = service.export_csv(period)
    assert exported.startswith("\ufeffid,created_at,")
    assert "'=HYPERLINK" in exported  # a formula is never live in a spreadsheet
    assert parse_csv(exported) == service.records(period)
    assert len(service.records(period)) == 12


def test_a_period_must_not_end_before_it_starts(service: FeedbackService) -> None:
    with pytest.raises(InvalidPeriodError):
        service.period(date(2026, 3, 2), date(2026, 3, 1))


def test_the_conversation_hash_is_salted_per_installation(engine: Engine, tmp_path: Path) -> None:
    salt_file = tmp_path / "secrets" / "feedback-salt"
    keys = []
    for _ in range(2):  # a restart keeps the generated salt
        service = FeedbackService.create(
            engine, settings=FeedbackSettings(), public_url="https://x.example",
            organisation_vi="Trung tâm", salt_file=salt_file,
        )
        feedback_id = service.save(None, _context(), FeedbackDraft(rating=5))
        assert feedback_id is not None
        record = service.get(feedback_id)
        assert record is not None
        keys.append(record.conversation)
    assert keys[0] == keys[1]
    assert salt_file.stat().st_mode & 0o777 == 0o600
    # Knowing the conversation id (a Telegram chat number) is not enough to find it.
    assert keys[0] != hashlib.sha256(b"c-1").hexdigest()[:16]
    other = FeedbackService.create(
        engine, settings=FeedbackSettings(), public_url="https://x.example",
        organisation_vi="Trung tâm", salt_file=tmp_path / "other-salt",
    )
    other_id = other.save(None, _context(), FeedbackDraft(rating=5))
    assert other_id is not None
    other_record = other.get(other_id)
    assert other_record is not None and other_record.conversation != keys[0]
