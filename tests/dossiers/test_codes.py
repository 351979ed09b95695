import pytest

from assistant.dossiers.codes import extract_dossier_code, is_dossier_code, normalise_dossier_code
from assistant.dossiers.errors import InvalidDossierCodeError

NATIONAL = "000.00.15.H22-231004-0012"
PROVINCIAL = "H22.45-240105-0003"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (NATIONAL, NATIONAL),
        (PROVINCIAL, PROVINCIAL),
        ("h22.45-240105-0003", PROVINCIAL),
        ("  H22.45-240105-0003  ", PROVINCIAL),
        ("H22 45 240105 0003", PROVINCIAL),
        ("h22 45 240105 0003", PROVINCIAL),
        ("H2245-240105-0003", PROVINCIAL),
        ("H22452401050003", PROVINCIAL),
        ("H22.45.240105.0003", PROVINCIAL),
        ("H22_45_240105_0003", PROVINCIAL),
        ("H22/45/240105/0003", PROVINCIAL),
        ("H22.45–240105–0003", PROVINCIAL),  # en dashes from a word processor
        ("H22.45 - 240105 - 0003", PROVINCIAL),
        ("h 22.45 240105 0003", PROVINCIAL),
        ("Ｈ２２.４５-２４０１０５-０００３", PROVINCIAL),  # full-width digits (phone keyboards)
        ("H40.7-240220-0110", "H40.7-240220-0110"),
        ("H34.120-240506-0012", "H34.120-240506-0012"),
        ("h56.12-230918-0021", "H56.12-230918-0021"),
        ("000.00.15.h22 231004 0012", NATIONAL),
        ("0000015H222310040012", NATIONAL),
        ("000 00 15 H22 231004 0012", NATIONAL),
        ("000.00.15.H22.231004.0012", NATIONAL),
        ("000-00-15-h22-231004-0012", NATIONAL),
        ("000.23.09.H40-231120-1003", "000.23.09.H40-231120-1003"),
        ("000.45.22.H34-240506-0233", "000.45.22.H34-240506-0233"),
    ],
)
def test_normalises_what_people_type(typed: str, expected: str) -> None:
    assert normalise_dossier_code(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "abc",
        "12345",
        "hồ sơ của tôi",
        "0900000003",  # a phone number
        "001234567890",  # a CCCD number
        "H22-240105-0003",  # no unit
        "H22.4567-240105-0003",  # unit of 4 digits
        "H2.45-240105-0003",  # province of 1 digit
        "H22.45-240105-003",  # short sequence
        "H22.45-24010-0003",  # short date
        "H22.45-241305-0003",  # month 13
        "H22.45-240230-0003",  # 30 February
        "X22.45-240105-0003",
        "000.00.15.22-231004-0012",  # national code without the H
        "00.00.15.H22-231004-0012",
        "H22.45-240105-0003-0003",
        "H22.45-240105-0003" * 6,  # far too long
    ],
)
def test_refuses_what_cannot_be_a_code(typed: str) -> None:
    with pytest.raises(InvalidDossierCodeError):
        normalise_dossier_code(typed)
    assert not is_dossier_code(typed)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("tra cuu ho so H22.45-240105-0003", PROVINCIAL),
        ("tra cứu hồ sơ 000.00.15.H22-231004-0012 giúp tôi", NATIONAL),
        ("mã của tôi là h22 45 240105 0003 nhé", PROVINCIAL),
        ("so 2 H22.45-240105-0003", PROVINCIAL),
        ("H22.45-240105-0003.", PROVINCIAL),
        ("check my application status H22.45-240105-0003 please", PROVINCIAL),
        ("(000.00.15.H22-231004-0012)", NATIONAL),
        ("hồ sơ của tôi đến đâu rồi", None),
        ("tôi nộp 3 hồ sơ hôm 05/01/2024", None),
        ("số điện thoại 0900000003", None),
    ],
)
def test_finds_a_code_inside_a_sentence(sentence: str, expected: str | None) -> None:
    assert extract_dossier_code(sentence) == expected
