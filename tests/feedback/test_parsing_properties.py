"""The feedback answers' parsers, property-based: any text gives a valid reading or none."""

from hypothesis import given
from hypothesis import strategies as st

from assistant.feedback.parsing import parse_contact, parse_control, parse_rating, parse_reasons
from assistant.feedback.reasons import REASONS

_CODES = {r.code for r in REASONS}


@given(st.text(max_size=200))
def test_any_text_gives_a_rating_from_1_to_5_or_none(text: str) -> None:
    rating = parse_rating(text)
    assert rating is None or 1 <= rating <= 5


@given(st.integers(min_value=0, max_value=99), st.sampled_from([5, 10]),
       st.sampled_from(["", " ", "  "]))
def test_scores_out_of_5_or_10_are_scaled_or_refused(value: int, scale: int, gap: str) -> None:
    rating = parse_rating(f"{value}{gap}/{gap}{scale}")
    if 0 < value <= scale:
        assert rating == max(1, min(5, round(value * 5 / scale)))
    else:
        assert rating is None


@given(st.text(max_size=200))
def test_reasons_controls_and_contacts_are_well_formed(text: str) -> None:
    reasons = parse_reasons(text)
    assert set(reasons) <= _CODES and len(reasons) == len(set(reasons))
    assert parse_control(text) in (None, "stop", "skip")
    contact = parse_contact(text)
    assert contact is None or (contact and len(contact) <= len(text))
