"""The labelled sets: held-out NLU examples (Rasa YAML with ``metadata.form``) and
search questions (JSON lines with ``vi``, ``vi_plain``, ``en`` wordings and codes)."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["FORMS", "NluExample", "SearchQuestion", "load_nlu", "load_search"]

FORMS = ("vi", "vi_plain", "en")
# Entity annotations: "[tiếng Anh]{"entity": …}" and "[Hà Nội](place)" → the text.
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")


@dataclass(frozen=True)
class NluExample:
    text: str
    intent: str
    form: str


@dataclass(frozen=True)
class SearchQuestion:
    id: str
    text: str
    form: str
    codes: tuple[str, ...]


def load_nlu(path: Path) -> list[NluExample]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples = []
    for block in document.get("nlu") or []:
        if "intent" not in block:
            continue
        form = str((block.get("metadata") or {}).get("form") or "vi")
        for line in str(block.get("examples") or "").splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                examples.append(NluExample(_ANNOTATION.sub(r"\1", text), block["intent"], form))
    return examples


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
