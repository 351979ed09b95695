"""Intent examples of a Rasa NLU training-data file (``nlu_data/nlu/*.yml``, and the
held-out sets written in the same format), with entity annotations reduced to their
text: read by the regression runs and by the search's accent model."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["NluExample", "load_nlu"]

# Entity annotations: "[tiếng Anh]{"entity": …}" and "[Hà Nội](place)" → the text.
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")


@dataclass(frozen=True)
class NluExample:
    text: str
    intent: str
    form: str  # ``metadata.form`` of its block: vi, vi_plain or en (default vi)


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
