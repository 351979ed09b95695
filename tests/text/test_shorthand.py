from assistant.text.shorthand import abbreviate, spell_out


def test_chat_shorthand_is_written_out() -> None:
    assert spell_out("lam cccd o dau dc ko") == "lam cccd o dau duoc khong"
    assert spell_out("Dk ket hon can j") == "dang ky ket hon can gi"


def test_names_of_papers_and_offices_are_left_to_the_alias_table() -> None:
    # "trc" is also the foreigners' TRC; "cccd", "gplx" the search's aliases read.
    assert spell_out("gia han trc, doi cccd, gplx") == "gia han trc, doi cccd, gplx"


def test_only_whole_words_are_read_as_shorthand() -> None:
    assert spell_out("vneid khong vao duoc") == "vneid khong vao duoc"
    assert spell_out("hsbc") == "hsbc"


def test_training_examples_are_abbreviated_around_their_annotations() -> None:
    assert abbreviate("[ho so](topic) dang ky khong duoc") == "[ho so](topic) dk ko dc"
    assert abbreviate("can cuoc cong dan het han truoc") == "cccd het han trc"
