"""The labelled sets: held-out NLU examples (Rasa YAML with ``metadata.form``) and
search questions (JSON lines with ``vi``, ``vi_plain``, ``en`` wordings and codes)."""

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.nlu_examples import NluExample, load_nlu

__all__ = ["FORMS", "NluExample", "SearchQuestion", "load_nlu", "load_search"]

FORMS = ("vi", "vi_plain", "en")


@dataclass(frozen=True)
class SearchQuestion:
    id: str
    text: str
    form: str
    codes: tuple[str, ...]


def load_search(path: Path) -> list[SearchQuestion]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        for form in FORMS:
            if record.get(form):
                questions.append(SearchQuestion(
                    record["id"], record[form], form, tuple(record["codes"])))
    return questions
