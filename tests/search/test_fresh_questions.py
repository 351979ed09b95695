"""Fixed questions of the frozen blind set (bench/data/fresh_questions.jsonl) against the
real index: the first three by id, in every form, chosen before any result was seen. The
whole set is scored in bench/search_quality.py --set fresh; never tune on it."""

import json
from pathlib import Path

import pytest

from assistant.search.service import SearchService

_FRESH = Path(__file__).resolve().parents[2] / "bench" / "data" / "fresh_questions.jsonl"
_FIRST = [json.loads(line) for line in _FRESH.read_text("utf-8").splitlines()[:3]]


@pytest.mark.parametrize("form", ["vi", "vi_plain", "en"])
@pytest.mark.parametrize("question", _FIRST, ids=[q["id"] for q in _FIRST])
def test_a_fresh_question_finds_its_procedure_in_the_top_five(
    full_service: SearchService, question: dict[str, object], form: str
) -> None:
    codes = question["codes"]
    assert isinstance(codes, list)
    hits = full_service.search(str(question[form]), k=5)
    assert any(h.code in codes for h in hits), [h.title for h in hits]
