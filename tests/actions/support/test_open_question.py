import pytest

from actions.support.open_question import is_open_question


@pytest.mark.parametrize(
    "text",
    [
        "ly hôn thì nhà đất chia thế nào",
        "ly hon thi nha dat chia the nao",
        "vợ chồng ly hôn thì nhà đất có được chia đôi không",
        "con riêng được hưởng thừa kế bao nhiêu",
        "can my landlord keep my deposit when I move out?",
        "how is the land divided after a divorce",
    ],
)
def test_questions_of_rights_and_the_law_are_open(text: str) -> None:
    assert is_open_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "muốn ly hôn thì làm thế nào",
        "thủ tục chia tách hộ khẩu",
        "làm lại căn cước bị mất",
        "how do I register a birth",
        "I need to renew my passport",
    ],
)
def test_requests_for_a_procedure_are_not(text: str) -> None:
    assert not is_open_question(text)
