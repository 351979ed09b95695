"""Texts and buttons of the feedback flow, in Vietnamese and English."""

from assistant.feedback import reasons_for_rating
from assistant.text import Language

__all__ = [
    "contact_buttons",
    "control_buttons",
    "feedback_text",
    "helpful_buttons",
    "rating_buttons",
    "reason_buttons",
]

_TEXTS: dict[str, dict[Language, str]] = {
    "ask_rating": {
        "vi": "Anh/chị hài lòng thế nào với dịch vụ{place}? Chọn từ 1 đến 5 sao.",
        "en": "How satisfied are you with the service{place}? Choose 1 to 5 stars.",
    },
    "place": {"vi": " tại quầy {counter}", "en": " at counter {counter}"},
    "not_a_rating": {
        "vi": "Xin lỗi, tôi chưa hiểu mức đánh giá. Anh/chị chọn số sao, gõ số từ 1 đến 5, "
              "hoặc bấm “Kết thúc” để dừng.",
        "en": "Sorry, I didn't get the rating. Choose the stars, type a number from 1 to 5, "
              "or press “Finish” to stop.",
    },
    "ask_reasons_good": {
        "vi": "Cảm ơn anh/chị! Điều gì làm anh/chị hài lòng nhất? Chọn một ý hoặc gõ ý kiến.",
        "en": "Thank you! What did you like most? Pick one or type your own words.",
    },
    "ask_reasons_bad": {
        "vi": "Chúng tôi rất tiếc. Anh/chị chưa hài lòng về điều gì? Chọn một ý hoặc gõ ý kiến.",
        "en": "We are sorry to hear that. What went wrong? Pick one or type your own words.",
    },
    "ask_comment": {
        "vi": "Anh/chị có muốn góp ý thêm điều gì không? Gõ ý kiến của anh/chị, "
              "hoặc bấm “Bỏ qua”.",
        "en": "Anything else you would like to tell us? Type it, or press “Skip”.",
    },
    "ask_contact": {
        "vi": "Nếu muốn được phản hồi, anh/chị để lại số điện thoại hoặc email. Nếu không, "
              "bấm “Không cần” — góp ý vẫn được ghi nhận ẩn danh.",
        "en": "If you would like a reply, leave a phone number or an e-mail address. "
              "Otherwise press “No thanks” — your feedback stays anonymous.",
    },
    "not_a_contact": {
        "vi": "Số điện thoại hoặc email chưa đúng (ví dụ 0912 345 678 hoặc ten@email.vn).",
        "en": "That does not look like a phone number or an e-mail address "
              "(e.g. 0912 345 678 or name@example.com).",
    },
    "thanks": {
        "vi": "Cảm ơn anh/chị đã góp ý! Ý kiến đã được ghi nhận và chuyển tới lãnh đạo đơn vị.",
        "en": "Thank you for your feedback! It has been recorded and passed on to the "
              "management.",
    },
    "thanks_low": {
        "vi": " Chúng tôi xin lỗi vì trải nghiệm chưa tốt và sẽ xem xét để cải thiện.",
        "en": " We apologise for the poor experience and will look into it.",
    },
    "thanks_contact": {
        "vi": " Cán bộ sẽ liên hệ lại với anh/chị qua {contact}.",
        "en": " A member of staff will get back to you at {contact}.",
    },
    "stopped_empty": {
        "vi": "Vâng ạ. Khi nào cần, anh/chị cứ nhắn “góp ý” để đánh giá nhé.",
        "en": "All right. Whenever you like, just type “feedback” to rate the service.",
    },
    "ask_helpful": {
        "vi": "Thông tin này có hữu ích với anh/chị không?",
        "en": "Was this answer helpful?",
    },
    "helpful_thanks": {
        "vi": "Cảm ơn anh/chị đã cho biết!",
        "en": "Thank you for letting us know!",
    },
    "unhelpful_thanks": {
        "vi": "Cảm ơn anh/chị, tôi sẽ ghi nhận để cải thiện. Anh/chị có thể hỏi lại theo "
              "cách khác, hoặc nhắn “gặp nhân viên” để được hướng dẫn trực tiếp.",
        "en": "Thank you, this helps us improve. You can ask in another way, or type "
              "“talk to a person” for help from staff.",
    },
}
_BUTTONS: dict[str, dict[Language, str]] = {
    "skip": {"vi": "Bỏ qua", "en": "Skip"},
    "stop": {"vi": "Kết thúc", "en": "Finish"},
    "no_contact": {"vi": "Không cần", "en": "No thanks"},
    "yes": {"vi": "👍 Có", "en": "👍 Yes"},
    "no": {"vi": "👎 Chưa", "en": "👎 Not really"},
}
_STARS: dict[Language, tuple[str, ...]] = {
    "vi": ("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"),
    "en": ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"),
}


def feedback_text(key: str, language: Language, **values: object) -> str:
    return _TEXTS[key][language].format(**values)


def rating_buttons(language: Language) -> list[dict[str, str]]:
    buttons = [
        {"title": f"{'⭐' * stars} {_STARS[language][stars - 1]}",
         "payload": '/give_feedback{"rating":"' + str(stars) + '"}'}
        for stars in range(5, 0, -1)
    ]
    return [*buttons, *control_buttons(language, can_skip=False)]


def reason_buttons(rating: int | None, language: Language) -> list[dict[str, str]]:
    chips = [
        {"title": r.label(language),
         "payload": '/give_feedback{"feedback_reason":"' + r.code + '"}'}
        for r in reasons_for_rating(rating)
    ]
    return [*chips, *control_buttons(language)]


def control_buttons(language: Language, *, can_skip: bool = True) -> list[dict[str, str]]:
    # Plain text, not intents: pressed late, outside the flow, they start nothing.
    names = ("skip", "stop") if can_skip else ("stop",)
    return [{"title": _BUTTONS[n][language], "payload": _BUTTONS[n][language]} for n in names]


def contact_buttons(language: Language) -> list[dict[str, str]]:
    title = _BUTTONS["no_contact"][language]
    return [{"title": title, "payload": title}]


def helpful_buttons(language: Language) -> list[dict[str, str]]:
    return [
        {"title": _BUTTONS["yes"][language], "payload": '/rate_answer{"helpful":"yes"}'},
        {"title": _BUTTONS["no"][language], "payload": '/rate_answer{"helpful":"no"}'},
    ]
