"""Does a follow-up question also name a procedure? ("lệ phí làm hộ chiếu bao nhiêu")

A follow-up that only asks about a detail ("còn lệ phí thì sao?", "how long does it
take?") answers about the procedure in focus; one that also names a need switches
focus. We strip the question words and fillers and look at what is left.
"""

import re

from assistant.text import fold_diacritics

__all__ = ["need_in_question"]

# Folded, so they match text typed with or without diacritics.
_QUESTION_WORDS = frozenset(
    """
    le phi phi bao nhieu tien mat ton co khong gia chi phi nop gi nhung giay to ho so
    can mang chuan bi thanh phan gom gom co nhu the nao thoi gian bao lau may ngay ngay
    lau khi nao thi co ket qua giai quyet o dau noi nop cho nao co quan nao den dau lam
    tai truc tuyen online qua mang mang internet dich vu cong duoc khong can cu phap ly
    luat nghi dinh thong tu van ban quy dinh theo dieu kien ai duoc yeu cau doi tuong
    con thi sao the vay a a nhe nha cho toi hoi minh em anh chi ban oi la lam de cua voi
    va hay cai nay thu tuc do nay kia ay how much does it cost fee fees price what
    documents do i need papers bring long take time days where apply submit can online
    legal basis law conditions eligible requirements who is the a an of for to it this
    that my me please and
    """.split()
)
_WORD = re.compile(r"\w+", re.UNICODE)


def need_in_question(text: str) -> str | None:
    """The part of ``text`` that names a need, or None when it only asks a detail."""
    words = _WORD.findall(text)
    content = [w for w in words if fold_diacritics(w) not in _QUESTION_WORDS and not w.isdigit()]
    if len(content) < 2:
        return None
    return " ".join(content)
