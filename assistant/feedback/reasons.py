"""The reason chips offered after a rating, with the words that name them when typed.

Codes are stable (stored, exported, ranked on the dashboard); labels are what people see.
"""

from dataclasses import dataclass
from typing import Literal

__all__ = ["REASONS", "Polarity", "Reason", "reason", "reasons_for_rating"]

Polarity = Literal["positive", "negative"]


@dataclass(frozen=True)
class Reason:
    code: str
    polarity: Polarity
    label_vi: str
    label_en: str
    # Folded (no diacritics, lower-case) phrases that name this reason when typed.
    keywords: tuple[str, ...]

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_vi


REASONS: tuple[Reason, ...] = (
    Reason("fast", "positive", "Nhanh chóng", "Fast",
           ("nhanh", "kip thoi", "dung hen", "fast", "quick", "on time")),
    Reason("friendly", "positive", "Cán bộ nhiệt tình", "Friendly staff",
           ("nhiet tinh", "than thien", "tan tinh", "lich su", "vui ve", "chu dao",
            "friendly", "helpful", "polite", "kind")),
    Reason("clear", "positive", "Hướng dẫn rõ ràng", "Clear guidance",
           ("ro rang", "de hieu", "huong dan ky", "chi tiet", "clear", "easy to understand")),
    Reason("convenient", "positive", "Thủ tục thuận tiện", "Convenient",
           ("thuan tien", "tien loi", "don gian", "de dang", "convenient", "simple", "easy")),
    Reason("slow", "negative", "Chậm, chờ lâu", "Slow, long wait",
           ("cham", "cho lau", "lau qua", "tre hen", "qua han", "doi lau",
            "slow", "long wait", "waited", "waiting", "late", "delay")),
    Reason("extra_papers", "negative", "Đòi thêm giấy tờ", "Asked for extra papers",
           ("them giay to", "giay to khac", "bo sung nhieu lan", "bo sung", "doi giay",
            "extra paper", "extra document", "more paper", "more document",
            "additional document")),
    Reason("unclear", "negative", "Hướng dẫn không rõ", "Unclear guidance",
           ("khong ro", "kho hieu", "mo ho", "huong dan sai", "unclear", "confusing",
            "not clear", "wrong information")),
    Reason("rude", "negative", "Thái độ chưa tốt", "Unfriendly attitude",
           ("thai do", "kho chiu", "cau gat", "hach dich", "quat", "tho lo",
            "rude", "impolite", "impatient", "unfriendly")),
    Reason("harassment", "negative", "Gây phiền hà, đòi tiền", "Harassment or bribe",
           ("gay kho", "phien ha", "nhung nhieu", "doi tien", "boi duong", "tien ngoai",
            "bribe", "harass", "extra money")),
)
_BY_CODE = {r.code: r for r in REASONS}


def reason(code: str) -> Reason | None:
    return _BY_CODE.get(code)


def reasons_for_rating(rating: int | None) -> tuple[Reason, ...]:
    """Chips worth offering: praise for 4–5 stars, problems for 1–3, all when unknown."""
    if rating is None:
        return REASONS
    polarity: Polarity = "positive" if rating >= 4 else "negative"
    return tuple(r for r in REASONS if r.polarity == polarity)
