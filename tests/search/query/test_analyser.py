import pytest

from assistant.search.query.accents import AccentModel
from assistant.search.query.aliases import AliasTable
from assistant.search.query.analyser import QueryAnalyser
from assistant.search.query.glossary import EnglishGlossary


@pytest.fixture(scope="module")
def analyser() -> QueryAnalyser:
    accents = AccentModel.train(
        ["Cấp lại thẻ căn cước do bị mất.", "Đăng ký khai sinh cho trẻ em.", "Cấp lại thẻ."] * 2
    )
    aliases = AliasTable([("cccd", "thẻ căn cước"), ("birth certificate", "giấy khai sinh")])
    return QueryAnalyser(accents=accents, aliases=aliases)


def test_unaccented_vietnamese_is_restored_for_the_encoder(analyser: QueryAnalyser) -> None:
    analysed = analyser.analyse("  cap lai the can cuoc bi mat ")
    assert analysed.text == "cap lai the can cuoc bi mat"
    assert analysed.restored == "cấp lại thẻ căn cước bị mất"
    assert analysed.dense_text == "cấp lại thẻ căn cước bị mất"
    assert analysed.vietnamese == 1.0
    assert "can_cuoc" in analysed.lexical


def test_accented_vietnamese_is_left_alone(analyser: QueryAnalyser) -> None:
    analysed = analyser.analyse("Cấp lại thẻ căn cước")
    assert analysed.restored is None
    assert analysed.vietnamese == 1.0


def test_english_gates_its_own_terms_and_keeps_expansions(analyser: QueryAnalyser) -> None:
    analysed = analyser.analyse("How do I get a birth certificate for my baby?")
    assert analysed.vietnamese == 0.0
    assert analysed.restored is None
    assert analysed.expansions == ("giấy khai sinh",)
    assert analysed.dense_text.endswith(". giấy khai sinh")
    assert "khai_sinh" in analysed.expansion_lexical


def test_abbreviation_expands(analyser: QueryAnalyser) -> None:
    analysed = analyser.analyse("lam lai cccd")
    assert analysed.expansions == ("thẻ căn cước",)
    assert analysed.dense_text.endswith(". thẻ căn cước")


def test_switches_turn_off_aliases_and_restoration() -> None:
    accents = AccentModel.train(["Cấp lại thẻ căn cước."] * 2)
    plain = QueryAnalyser(accents=accents, aliases=None, restore_accents=False)
    analysed = plain.analyse("cap lai the can cuoc")
    assert analysed.restored is None
    assert analysed.expansions == ()
    assert analysed.dense_text == "cap lai the can cuoc"


@pytest.fixture(scope="module")
def bilingual() -> QueryAnalyser:
    accents = AccentModel.train(["Đăng ký khai sinh cho trẻ em.", "Đăng ký kết hôn."] * 2)
    aliases = AliasTable([("register", "đăng ký"), ("dkkh", "đăng ký kết hôn")])
    glossary = EnglishGlossary(
        [("register", "đăng ký"), ("register birth", "đăng ký khai sinh"), ("online", "trực tuyến")]
    )
    return QueryAnalyser(accents=accents, aliases=aliases, glossary=glossary)


def test_english_is_read_through_the_glossary(bilingual: QueryAnalyser) -> None:
    analysed = bilingual.analyse("I need to register the birth of my child")
    assert analysed.vietnamese == 0.0
    assert analysed.expansions == ("đăng ký khai sinh",)  # not the alias "đăng ký" too
    assert analysed.dense_text.endswith(". đăng ký khai sinh")
    assert "khai_sinh" in analysed.expansion_lexical


def test_english_keeps_aliases_the_glossary_does_not_know(bilingual: QueryAnalyser) -> None:
    analysed = bilingual.analyse("how do I do dkkh online?")
    assert analysed.vietnamese == 0.0
    assert set(analysed.expansions) == {"trực tuyến", "đăng ký kết hôn"}


def test_vietnamese_chat_shorthand_is_read_as_vietnamese(bilingual: QueryAnalyser) -> None:
    assert bilingual.analyse("dkkh online ok?").vietnamese == 1.0


def test_vietnamese_is_not_read_through_the_glossary(bilingual: QueryAnalyser) -> None:
    assert bilingual.analyse("đăng ký khai sinh online").expansions == ()


def test_the_variants_a_question_asks_for(bilingual: QueryAnalyser) -> None:
    assert bilingual.analyse("đăng ký khai sinh").asked == frozenset()
    assert bilingual.analyse("đăng ký lại khai sinh").asked == {"again"}


def test_chat_shorthand_is_written_out_before_accents_are_restored() -> None:
    accents = AccentModel.train(["Đăng ký kết hôn cần giấy tờ gì."] * 2)
    analyser = QueryAnalyser(accents=accents, aliases=AliasTable([("cccd", "thẻ căn cước")]))
    analysed = analyser.analyse("dk ket hon can j")
    assert analysed.text == "dk ket hon can j"
    assert analysed.restored == "đăng ký kết hôn cần gì"
    assert "dang_ky" in analysed.lexical
    # Abbreviations of papers stay for the alias table.
    assert analyser.analyse("lam cccd dc ko").expansions == ("thẻ căn cước",)
    # Off for the ablation; English is never read as shorthand.
    plain = QueryAnalyser(accents=accents, aliases=None, spell_out_shorthand=False)
    assert plain.analyse("dk ket hon can j").restored == "dk kết hôn cần j"
    assert analyser.analyse("how r the fees").text == "how r the fees"
    assert "r" in analyser.analyse("how r the fees").lexical
