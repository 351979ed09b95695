"""Is a need phrased as an open legal question ("người nước ngoài có được đứng tên nhà
không", "who inherits the land if there is no will") rather than a request for one
procedure ("làm hộ chiếu", "how do I register a birth")?

Such a question is answered by the law and the facts of the case: the closest
procedures help, one of them stated as the answer would not. The test reads the form
of the sentence (yes/no and who questions, words of rights and disputes), not its
topic.
"""

import re

from assistant.text import fold_diacritics

__all__ = ["is_open_question"]

_OPEN = re.compile(
    "|".join(
        [
            # Vietnamese yes/no questions: "có được … không", "có phải … không"
            r"\bco (duoc|phai|bi|mat|bat buoc)\b.*\b(khong|ko|k|hay khong)\b",
            r"\b(duoc|phai) (khong|ko)\b",
            r"\bthi sao\b|\bai\b|\bbao nhieu phan\b|\bthuoc ve ai\b",
            # how property or a right is shared: "nhà đất chia thế nào", "được hưởng ra sao"
            r"\b(chia|duoc huong|duoc quyen)\b.*\b(the nao|ra sao|bao nhieu)\b",
            r"\b(kien|khoi kien|tranh chap|hop phap|trai phep|vi pham|quyen loi|boi thuong"
            r"|can thiep|thua ke|di chuc|quyen nuoi)\b",
            # English: questions that open with a verb or "who", rights and disputes
            r"^(is|are|am|can|may|does|do|should|must|who|whose)\b",
            r"\bwhat happens\b|\bwhat can i do\b|\ballowed\b|\blegal\b|\brights?\b"
            r"|\bsue\b|\bcustody\b|\binherit\w*\b|\bno will\b|\bcomplain\b|\bdispute\b"
            r"|\bdivided\b",
        ]
    )
)


def is_open_question(text: str) -> bool:
    """True when ``text`` asks about rights or the law rather than for a procedure."""
    return bool(_OPEN.search(fold_diacritics(" ".join(text.split()))))
