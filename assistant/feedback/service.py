"""The feedback service: records what people give in the chat, summarises it for
staff, and makes the QR codes and sheets posted at the counters."""

import logging
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine

from assistant.feedback.chart import trend_svg
from assistant.feedback.csv_io import to_csv
from assistant.feedback.errors import (
    FeedbackRateLimitedError,
    InvalidPeriodError,
    InvalidQrTargetError,
)
from assistant.feedback.limiter import FeedbackKind, FeedbackLimiter
from assistant.feedback.links import ChannelLink, links_for
from assistant.feedback.models import (
    AnswerFeedbackIn,
    Bucket,
    FeedbackContext,
    FeedbackDraft,
    FeedbackRecord,
    FeedbackStatus,
    Period,
    QrLinks,
    QrTarget,
    SummaryOut,
)
from assistant.feedback.qr import qr_png, qr_svg
from assistant.feedback.settings import FeedbackSettings
from assistant.feedback.sheet import SheetPage, find_fonts, sheet_pdf
from assistant.feedback.store import FeedbackStore
from assistant.feedback.summary import local_bounds, summarise
from assistant.secrets_file import persistent_secret

__all__ = ["FeedbackService", "QrVariant"]

log = logging.getLogger(__name__)

QrVariant = str
"""``web`` or the name of a chat channel with a deep link."""


class FeedbackService:
    def __init__(
        self,
        store: FeedbackStore,
        *,
        settings: FeedbackSettings,
        public_url: str,
        organisation_vi: str,
        channel_links: Mapping[str, ChannelLink] | None = None,
    ) -> None:
        self._store = store
        self._channel_links = dict(channel_links or {})
        self._settings = settings
        self._public_url = public_url
        self._organisation = organisation_vi
        self._offset = timezone(timedelta(hours=settings.utc_offset_hours))
        self.limiter = FeedbackLimiter(
            sender_limits=settings.sender_rate_limit,
            client_limits=settings.client_rate_limit,
            storage_uri=settings.rate_limit_storage,
        )

    @classmethod
    def create(
        cls, engine: Engine, *, settings: FeedbackSettings, public_url: str,
        organisation_vi: str, salt_file: Path | None = None,
        channel_links: Mapping[str, ChannelLink] | None = None,
    ) -> "FeedbackService":
        """``salt_file`` keeps a generated conversation salt when none is configured;
        ``channel_links``: the chat channels' deep links (``channels.assembly``)."""
        salt = settings.conversation_salt
        if not salt and salt_file is not None:
            salt = persistent_secret(salt_file)
        return cls(
            FeedbackStore(engine, salt=salt), settings=settings, public_url=public_url,
            organisation_vi=organisation_vi, channel_links=channel_links,
        )

    def conversation_key(self, conversation: str) -> str:
        """The anonymous key feedback is kept under for ``conversation``."""
        return self._store.key_of(conversation)

    # — the chat —

    def admit(
        self, kind: FeedbackKind, *, sender_id: str | None, client_ip: str | None
    ) -> None:
        """Count the start of a rating round or an answer's thumbs against the limits
        per conversation and per address; raises ``FeedbackRateLimitedError`` before
        anything of the new one is taken (earlier feedback is never touched)."""
        try:
            self.limiter.hit(kind, sender_id=sender_id, client_ip=client_ip)
        except FeedbackRateLimitedError:
            log.info("feedback (%s) refused: rate limit", kind)
            raise

    def save(
        self,
        feedback_id: int | None,
        context: FeedbackContext,
        draft: FeedbackDraft,
        *,
        status: FeedbackStatus = "partial",
        at: datetime | None = None,
    ) -> int | None:
        """Keep what the person has given so far. Creates the record at the first real
        answer and returns its id; None while there is nothing to keep."""
        if feedback_id is not None and self._store.update(feedback_id, draft, status=status):
            return feedback_id
        if not draft.has_content:
            return None
        new_id = self._store.create(context, draft, status=status, at=at)
        log.info("feedback %s recorded (channel %s, source %s)", new_id, context.channel,
                 "qr" if context.is_from_qr else "chat")
        return new_id

    def record_answer(self, answer: AnswerFeedbackIn, *, at: datetime | None = None) -> int:
        return self._store.add_answer(answer, at=at)

    def get(self, feedback_id: int) -> FeedbackRecord | None:
        return self._store.get(feedback_id)

    # — staff —

    def period(
        self, since: date | None = None, until: date | None = None, bucket: Bucket | None = None
    ) -> Period:
        """A period of local dates; defaults to the last ``default_period_days`` days and
        a bucket that keeps the trend readable (days ≤ 62, weeks ≤ 1 year, else months)."""
        until = until or datetime.now(self._offset).date()
        since = since or until - timedelta(days=self._settings.default_period_days - 1)
        if since > until:
            raise InvalidPeriodError()
        days = (until - since).days + 1
        bucket = bucket or ("day" if days <= 62 else "week" if days <= 366 else "month")
        return Period(since=since, until=until, bucket=bucket)

    def records(self, period: Period) -> list[FeedbackRecord]:
        start, end = local_bounds(period, self._offset)
        return self._store.between(start, end)

    def summary(self, period: Period) -> SummaryOut:
        start, end = local_bounds(period, self._offset)
        return summarise(
            self._store.between(start, end),
            period,
            offset=self._offset,
            low_rating_max=self._settings.low_rating_max,
            low_ratings_shown=self._settings.low_ratings_shown,
            answers=self._store.answer_stats(start, end),
        )

    def export_csv(self, period: Period) -> str:
        return to_csv(self.records(period))

    def trend_svg(self, period: Period, *, language: str = "vi") -> str:
        title = (
            f"Ratings {period.since:%d/%m/%Y}–{period.until:%d/%m/%Y}" if language == "en"
            else f"Đánh giá {period.since:%d/%m/%Y}–{period.until:%d/%m/%Y}"
        )
        return trend_svg(self.summary(period).trend, title=title, language=language)

    # — QR codes —

    def links(self, target: QrTarget) -> QrLinks:
        return links_for(target, public_url=self._public_url, channels=self._channel_links)

    def link(self, target: QrTarget, variant: QrVariant = "web") -> str:
        links = self.links(target)
        if variant == "web":
            return links.web
        channel = self._channel_links.get(variant)
        if channel is None:
            raise InvalidQrTargetError(
                f"không có kênh {variant}.", f"there is no {variant} channel."
            )
        url = links.channels.get(variant)
        if url is None:
            raise InvalidQrTargetError(
                f"chưa cấu hình {channel.setting}.", f"{channel.setting} is not set."
            )
        return url

    def qr_image(
        self, target: QrTarget, *, kind: Literal["png", "svg"], variant: QrVariant = "web"
    ) -> bytes:
        url = self.link(target, variant)
        return qr_png(url) if kind == "png" else qr_svg(url, title=_place(target))

    def sheet(self, targets: list[QrTarget]) -> bytes:
        """The printable A6 sheet, one page per target."""
        fonts = find_fonts(self._settings.font_path, self._settings.font_bold_path)
        pages = []
        for target in targets:
            links = self.links(target)
            extra = tuple(f"{self._channel_links[name].title}: {url}"
                          for name, url in links.channels.items() if url)
            pages.append(SheetPage(
                agency_name=target.agency_name or self._organisation,
                counter=target.counter,
                url=links.web,
                extra_lines=extra,
            ))
        return sheet_pdf(pages, fonts=fonts, title="QR đánh giá / feedback QR")


def _place(target: QrTarget) -> str:
    return " · ".join(p for p in (target.agency_name or target.agency, target.counter) if p)
