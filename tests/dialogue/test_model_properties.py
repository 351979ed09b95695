"""The chat API's input model, property-based: a body is accepted only with the known
context keys and short values, and an accepted one never carries a channel's id."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant.dialogue.models import ChatContextIn, ChatIn

_KNOWN = ("agency", "counter", "mode", "page", "procedure")
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=150),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


@given(st.dictionaries(st.sampled_from([*_KNOWN, "colour", "sender_id", ""]), _VALUES,
                       max_size=6))
def test_context_accepts_only_known_keys_with_short_text(raw: dict[str, Any]) -> None:
    try:
        context = ChatContextIn.model_validate(raw)
    except ValidationError:
        return
    dumped = context.model_dump(exclude_none=True)
    assert set(dumped) <= set(_KNOWN) and set(raw) <= set(_KNOWN)
    assert all(isinstance(v, str) and 1 <= len(v) <= 100 for v in dumped.values())


@given(st.text(max_size=140))
def test_sender_ids_never_name_another_channel(sender: str) -> None:
    try:
        body = ChatIn.model_validate({"sender_id": sender, "text": "hi"})
    except ValidationError:
        return
    assert ":" not in body.sender_id and 1 <= len(body.sender_id) <= 120


@pytest.mark.parametrize("sender", ["telegram:1", "zalo:1", "api:x"])
def test_channel_prefixes_are_refused(sender: str) -> None:
    with pytest.raises(ValidationError):
        ChatIn.model_validate({"sender_id": sender, "text": "hi"})
