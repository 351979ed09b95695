"""Procedure facts as chat bubbles: a short summary and one answer per follow-up topic.

Catalogue content is Vietnamese (the official wording); only the frame around it is
translated for English speakers.
"""

from collections.abc import Callable
from typing import Literal

from actions.support.texts import format_count
from assistant.catalogue import Procedure, RequiredDocument, SubmissionChannel
from assistant.text import Language

__all__ = [
    "TOPICS",
    "Topic",
    "detail_bubbles",
    "follow_up_buttons",
    "split_bubbles",
    "summary",
]

Topic = Literal["documents", "fee", "time", "where", "online", "legal", "conditions"]
TOPICS: dict[str, Topic] = {
    "ask_documents": "documents",
    "ask_fee": "fee",
    "ask_processing_time": "time",
    "ask_where_to_submit": "where",
    "ask_online_submission": "online",
    "ask_legal_basis": "legal",
    "ask_conditions": "conditions",
}
_INTENT_OF = {topic: intent for intent, topic in TOPICS.items()}
_BUTTON_TITLES: dict[Topic, dict[Language, str]] = {
    "documents": {"vi": "Hồ sơ cần nộp", "en": "Documents"},
    "fee": {"vi": "Lệ phí", "en": "Fees"},
    "time": {"vi": "Thời gian", "en": "Processing time"},
    "where": {"vi": "Nơi nộp", "en": "Where to apply"},
    "online": {"vi": "Nộp trực tuyến", "en": "Apply online"},
    "legal": {"vi": "Căn cứ pháp lý", "en": "Legal basis"},
    "conditions": {"vi": "Điều kiện", "en": "Conditions"},
}
_UNITS: dict[str, dict[Language, str]] = {
    "working_day": {"vi": "ngày làm việc", "en": "working days"},
    "day": {"vi": "ngày", "en": "days"},
    "hour": {"vi": "giờ", "en": "hours"},
    "minute": {"vi": "phút", "en": "minutes"},
    "week": {"vi": "tuần", "en": "weeks"},
    "month": {"vi": "tháng", "en": "months"},
    "year": {"vi": "năm", "en": "years"},
}
_CHANNELS: dict[str, dict[Language, str]] = {
    "online": {"vi": "Trực tuyến", "en": "Online"},
    "post": {"vi": "Qua bưu chính", "en": "By post"},
    "in_person": {"vi": "Trực tiếp", "en": "In person"},
}
_LABELS: dict[str, dict[Language, str]] = {
    "who": {"vi": "Đối tượng", "en": "Who may apply"},
    "where": {"vi": "Cơ quan thực hiện", "en": "Handled by"},
    "time": {"vi": "Thời gian giải quyết", "en": "Processing time"},
    "fee": {"vi": "Lệ phí", "en": "Fee"},
    "online": {"vi": "Nộp trực tuyến", "en": "Online application"},
    "link": {"vi": "Chi tiết", "en": "Details"},
    "level": {"vi": "Cấp thực hiện", "en": "Level"},
    "documents": {"vi": "Hồ sơ cần chuẩn bị", "en": "Documents to prepare"},
    "legal": {"vi": "Căn cứ pháp lý", "en": "Legal basis"},
    "conditions": {"vi": "Điều kiện", "en": "Conditions"},
    "none": {"vi": "Danh mục không ghi thông tin này.", "en": "The catalogue does not state this."},
    "free": {"vi": "Miễn phí", "en": "Free"},
    "see_fee_note": {"vi": "xem ghi chú", "en": "see note"},
    "fee_note": {"vi": "Ghi chú", "en": "Note"},
    "unit_missing": {
        "vi": "danh mục không ghi đơn vị", "en": "the catalogue does not state the unit",
    },
    "originals": {"vi": "bản chính", "en": "original(s)"},
    "copies": {"vi": "bản sao", "en": "copy/copies"},
    "template": {"vi": "mẫu", "en": "form"},
    "online_full": {"vi": "Có, toàn trình", "en": "Yes, fully online"},
    "online_partial": {"vi": "Có, một phần", "en": "Partly online"},
    "online_yes": {"vi": "Có", "en": "Yes"},
    "online_no": {
        "vi": "Không, nộp trực tiếp hoặc qua bưu chính",
        "en": "No, in person or by post",
    },
    "vietnamese_note": {"vi": "", "en": " (official text, in Vietnamese)"},
}


def _label(key: str, language: Language) -> str:
    return _LABELS[key][language]


def _levels(p: Procedure) -> str:
    return ", ".join(level.label for level in p.levels)


def _duration(channel: SubmissionChannel, language: Language) -> str | None:
    if channel.duration_value is not None and channel.duration_unit:
        value = channel.duration_value
        number = f"{value:g}".replace(".", ",") if language == "vi" else f"{value:g}"
        return f"{number} {_UNITS[channel.duration_unit][language]}"
    text = (channel.duration_text or "").strip()
    if text.replace(",", "").replace(".", "").isdigit():
        # Some portal records give a bare number; guessing "days" could mislead.
        return f"{text} ({_label('unit_missing', language)})"
    return text or None


def _fee(channel: SubmissionChannel, language: Language) -> str | None:
    if channel.fee_vnd == 0:
        return _label("free", language)
    if channel.fee_vnd is not None:
        amount = format_count(channel.fee_vnd, language)
        return f"{amount} đồng" if language == "vi" else f"{amount} VND"
    return channel.fee_text or None


def _shortest_time(p: Procedure, language: Language) -> str | None:
    timed = [c for c in p.channels if _duration(c, language)]
    if not timed:
        return None
    best = min(timed, key=lambda c: (c.duration_value is None, c.duration_value or 0))
    return _duration(best, language)


def _fee_line(p: Procedure, language: Language) -> str | None:
    fees = [f for f in (_fee(c, language) for c in p.channels) if f]
    if not fees:
        return None
    distinct = list(dict.fromkeys(fees))
    first = distinct[0]
    if len(first) > 120:
        first = first[:117].rstrip() + "…"
    return first if len(distinct) == 1 else f"{first} ({_label('see_fee_note', language)})"


def _online_line(p: Procedure, language: Language) -> str:
    if p.online_level == "full":
        return _label("online_full", language)
    if p.online_level == "partial":
        return _label("online_partial", language)
    if any(c.kind == "online" for c in p.channels):
        return _label("online_yes", language)
    return _label("online_no", language)


def summary(p: Procedure, language: Language) -> str:
    """What it is, who, where, how long, how much, online or not, and the link."""
    lines = [f"📄 {p.title}"]
    if p.levels:
        lines.append(f"• {_label('level', language)}: {_levels(p)}")
    if p.applicants:
        lines.append(f"• {_label('who', language)}: {', '.join(p.applicants)}")
    if p.agency:
        lines.append(f"• {_label('where', language)}: {p.agency}")
    time = _shortest_time(p, language)
    if time:
        lines.append(f"• {_label('time', language)}: {time}")
    fee = _fee_line(p, language)
    if fee:
        lines.append(f"• {_label('fee', language)}: {fee}")
    lines.append(f"• {_label('online', language)}: {_online_line(p, language)}")
    if p.source_url:
        lines.append(f"• {_label('link', language)}: {p.source_url}")
    return "\n".join(lines)


def follow_up_buttons(language: Language) -> list[dict[str, str]]:
    return [
        {"title": titles[language], "payload": f"/{_INTENT_OF[topic]}"}
        for topic, titles in _BUTTON_TITLES.items()
    ]


def detail_bubbles(p: Procedure, topic: Topic, language: Language, *, max_chars: int) -> list[str]:
    """The answer to one follow-up about ``p``, split into bubbles of at most ``max_chars``."""
    header = f"{_header(topic, language)} – {p.title}"
    lines = _detail_lines(p, topic, language)
    if not lines:
        lines = [_label("none", language)]
    return split_bubbles([header, *lines], max_chars=max_chars)


def _header(topic: Topic, language: Language) -> str:
    key = {"where": "where", "online": "online"}.get(topic, topic)
    label = _label(key, language) if key in _LABELS else _BUTTON_TITLES[topic][language]
    return f"{label}{_label('vietnamese_note', language)}"


def _detail_lines(p: Procedure, topic: Topic, language: Language) -> list[str]:
    if topic == "documents":
        return [_document_line(i, d, language) for i, d in enumerate(p.documents, 1)] + (
            [p.documents_note] if p.documents_note else []
        )
    if topic == "fee":
        notes = [
            f"{_label('fee_note', language)}: {c.fee_text}" for c in p.channels
            if c.fee_text and c.fee_vnd is not None and c.fee_text != _fee(c, language)
            and "(" in c.fee_text  # an amount with conditions, e.g. another rate
        ]
        return _by_value(p, lambda c: _fee(c, language), language) + list(dict.fromkeys(notes))
    if topic == "time":
        return _by_value(p, lambda c: _duration(c, language), language)
    if topic == "where":
        lines = [f"• {p.agency}"] if p.agency else []
        kinds = list(dict.fromkeys(_CHANNELS[c.kind][language] for c in p.channels))
        return lines + ([f"• {', '.join(kinds)}"] if kinds else [])
    if topic == "online":
        lines = [f"• {_online_line(p, language)}"]
        return lines + ([f"• {p.source_url}"] if p.source_url else [])
    if topic == "legal":
        return [
            "• " + " – ".join(part for part in (d.number, d.title) if part)
            for d in p.legal_basis
        ]
    return [p.conditions] if p.conditions else []


def _by_value(
    p: Procedure, render: Callable[[SubmissionChannel], str | None], language: Language
) -> list[str]:
    """One line per distinct value, naming the channels it applies to (records often
    repeat the same fee for every channel, or list a channel twice)."""
    kinds_by_value: dict[str, list[str]] = {}
    for channel in p.channels:
        value = render(channel)
        if value:
            kinds = kinds_by_value.setdefault(value, [])
            label = _CHANNELS[channel.kind][language]
            if label not in kinds:
                kinds.append(label)
    return [f"• {', '.join(kinds)}: {value}" for value, kinds in kinds_by_value.items()]


def _document_line(index: int, document: RequiredDocument, language: Language) -> str:
    parts = []
    if document.originals:
        parts.append(f"{document.originals} {_label('originals', language)}")
    if document.copies:
        parts.append(f"{document.copies} {_label('copies', language)}")
    if document.template:
        parts.append(f"{_label('template', language)}: {document.template}")
    extra = f" ({'; '.join(parts)})" if parts else ""
    return f"{index}. {document.name}{extra}"


def split_bubbles(lines: list[str], *, max_chars: int) -> list[str]:
    """Pack lines into bubbles no longer than ``max_chars``; a longer line is cut at a space."""
    bubbles: list[str] = []
    current = ""
    for line in lines:
        for piece in _cut(line, max_chars):
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) > max_chars and current:
                bubbles.append(current)
                candidate = piece
            current = candidate
    if current:
        bubbles.append(current)
    return bubbles


def _cut(line: str, limit: int) -> list[str]:
    pieces = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        pieces.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    return [*pieces, line]
