"""Does a follow-up question also name a procedure? ("lệ phí làm hộ chiếu bao nhiêu")

A follow-up that only asks about a detail ("còn lệ phí thì sao?", "how long does it
take?") answers about the procedure in focus; one that also names a need switches
focus. We strip the question phrases and fillers and look at what is left.

Phrases are matched whole, longest first. A word typed with diacritics must match the
phrase's spelling exactly: folded, "hồ sơ" would also eat the "hộ" of "hộ chiếu",
"cần" the "căn" of "căn cước", "thì" the "thị" of "thị thực". A word typed without
diacritics can only be compared folded.
"""

import re

from assistant.text import fold_diacritics, has_diacritics

__all__ = ["need_in_question"]

# Words that only ask about a detail, or fill the sentence. Words that also start
# common procedure names once folded ("gia" of "gia hạn", "tai" of "tái cấp", "dau"
# of "lần đầu") are listed only in phrases.
_QUESTION_PHRASES = """
lệ phí | phí | chi phí | bao nhiêu | bao nhiêu tiền | hết bao nhiêu | mất bao nhiêu |
tốn bao nhiêu | giá bao nhiêu | mất bao lâu | mất mấy ngày | tốn | tiền
giấy tờ | hồ sơ | thành phần hồ sơ | cần | cần gì | cần những gì | gồm | gồm có | mang |
mang theo | chuẩn bị | nộp | những | gì | j | gi
thời gian | bao lâu | mấy ngày | ngày | lâu | khi nào | thì | có kết quả | giải quyết
ở đâu | nơi nộp | chỗ nào | cơ quan nào | đến đâu | đâu | tại | trực tuyến | online |
qua mạng | dịch vụ công | được không | được | không | ko | k | căn cứ pháp lý | luật |
nghị định | thông tư | văn bản | quy định | theo | điều kiện | ai | yêu cầu | đối tượng
còn | sao | thế | vậy | à | ạ | nhé | nha | cho | tôi | hỏi | mình | em | anh | chị |
bạn | ơi | là | làm | để | của | với | và | hay | cái | này | thủ tục | đó | kia | ấy |
thế nào | như thế nào | có | muốn | xin | hỏi chút
how | much | does | it | cost | fee | fees | price | what | documents | do | i | need |
papers | bring | long | take | time | days | where | apply | submit | can | online |
legal | basis | law | conditions | eligible | requirements | who | is | the | a | an |
of | for | to | this | that | my | me | please | and | about | how much | is it
"""
Phrase = tuple[tuple[str, str], ...]  # each word with diacritics and folded


def _phrases_by_length(text: str) -> dict[int, list[Phrase]]:
    by_length: dict[int, list[Phrase]] = {}
    for phrase in text.replace("\n", "|").split("|"):
        if phrase.strip():
            words = tuple((w, fold_diacritics(w)) for w in phrase.split())
            by_length.setdefault(len(words), []).append(words)
    return by_length


_PHRASES = _phrases_by_length(_QUESTION_PHRASES)
_LONGEST = max(_PHRASES)
_WORD = re.compile(r"\w+", re.UNICODE)


def _matches(words: list[tuple[str, bool]], phrase: Phrase) -> bool:
    return all(
        word == (accented if is_accented else folded)
        for (word, is_accented), (accented, folded) in zip(words, phrase, strict=True)
    )


def _phrase_at(words: list[tuple[str, bool]], start: int) -> int:
    """Length of the longest question phrase at ``words[start]``, 0 when none."""
    for size in range(min(_LONGEST, len(words) - start), 0, -1):
        window = words[start : start + size]
        if any(_matches(window, phrase) for phrase in _PHRASES.get(size, ())):
            return size
    return 0


def need_in_question(text: str) -> str | None:
    """The part of ``text`` that names a need, or None when it only asks a detail."""
    words = [(w.lower(), has_diacritics(w)) for w in _WORD.findall(text)]
    content: list[str] = []
    i = 0
    while i < len(words):
        size = _phrase_at(words, i)
        if size:
            i += size
            continue
        word = words[i][0]
        if not word.isdigit():
            content.append(word)
        i += 1
    if len(content) < 2:
        return None
    return " ".join(content)
