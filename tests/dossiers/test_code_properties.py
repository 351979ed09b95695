"""Receipt codes, property-based: whatever people type, the parser answers with the
printed form or a clear "not a code", never anything else."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from assistant.dossiers.codes import extract_dossier_code, normalise_dossier_code
from assistant.dossiers.errors import InvalidDossierCodeError

_SEPARATOR = st.sampled_from(["", ".", "-", " ", "_", "/", " - ", "–", "—", "  "])
_DAY = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)).map(
    lambda d: d.strftime("%y%m%d")
)


@st.composite
def typed_codes(draw: st.DrawFn) -> tuple[str, str]:
    """(a receipt code as someone might type it, its printed form)."""
    digits = st.integers(min_value=0, max_value=9).map(str)
    province = "".join(draw(st.lists(digits, min_size=2, max_size=2)))
    day = draw(_DAY)
    number = "".join(draw(st.lists(digits, min_size=4, max_size=4)))
    sep = [draw(_SEPARATOR) for _ in range(6)]
    if draw(st.booleans()):
        a, b, c = ("".join(draw(st.lists(digits, min_size=n, max_size=n))) for n in (3, 2, 2))
        typed = f"{a}{sep[0] or '.'}{b}{sep[1] or '.'}{c}{sep[2] or '.'}H{province}" \
                f"{sep[3]}{day}{sep[4]}{number}"
        printed = f"{a}.{b}.{c}.H{province}-{day}-{number}"
    else:
        unit = "".join(draw(st.lists(digits, min_size=1, max_size=3)))
        # Without separators the unit's width would be ambiguous: keep one after it.
        typed = f"H{province}{sep[0] or '.'}{unit}{sep[1] or '-'}{day}{sep[2]}{number}"
        printed = f"H{province}.{unit}-{day}-{number}"
    if draw(st.booleans()):
        typed = typed.lower()
    return typed, printed


@given(st.text(max_size=120))
def test_any_text_is_a_code_or_a_clear_refusal(text: str) -> None:
    try:
        code = normalise_dossier_code(text)
    except InvalidDossierCodeError:
        return
    assert normalise_dossier_code(code) == code  # the printed form is a fixed point


@given(typed_codes())
def test_typed_variants_give_the_printed_form(case: tuple[str, str]) -> None:
    typed, printed = case
    assert normalise_dossier_code(typed) == printed


@given(typed_codes(), st.sampled_from(["mã hồ sơ của tôi là ", "code: ", "số biên nhận "]),
       st.sampled_from(["", " nhé", ", cảm ơn", " please"]))
def test_a_code_is_found_inside_a_sentence(
    case: tuple[str, str], before: str, after: str
) -> None:
    typed, printed = case
    assert extract_dossier_code(f"{before}{typed}{after}") == printed


@given(st.text(max_size=200))
def test_extraction_never_fails(text: str) -> None:
    code = extract_dossier_code(text)
    assert code is None or normalise_dossier_code(code) == code
