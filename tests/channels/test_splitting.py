import pytest

from assistant.channels.splitting import split_text, utf16_length


def test_short_text_is_one_piece_and_empty_text_none() -> None:
    assert split_text("  xin chào  ", 100) == ["xin chào"]
    assert split_text(" \n ", 100) == []


def test_pieces_fit_and_cut_at_the_best_boundary() -> None:
    text = "Đoạn một có vài câu. Câu thứ hai.\n\nĐoạn hai ngắn.\nDòng ba dài hơn một chút."
    pieces = split_text(text, 40)
    assert all(len(p) <= 40 for p in pieces)
    assert pieces[0] == "Đoạn một có vài câu. Câu thứ hai."
    assert " ".join(pieces).split() == text.split()


def test_a_word_longer_than_the_limit_is_cut_hard() -> None:
    assert split_text("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


def test_utf16_measure_counts_emoji_twice() -> None:
    text = "📄" * 5000
    assert utf16_length("📄") == 2
    pieces = split_text(text, 4096, length=utf16_length)
    assert [utf16_length(p) for p in pieces] == [4096, 4096, 1808]
    assert "".join(pieces) == text


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        split_text("x", 0)
