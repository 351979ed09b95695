"""The everyday texts the accent model learns from besides the catalogue: the alias
table and the Vietnamese NLU examples, in the words citizens use."""

import hashlib
import re
from pathlib import Path

import yaml

from assistant.search.query.aliases import default_aliases_path
from assistant.settings import project_root

__all__ = ["EVERYDAY_WEIGHT", "everyday_texts", "texts_hash"]

# Questions are everyday speech and the catalogue is officialese: the accent model counts
# everyday texts (aliases, Vietnamese NLU examples) this many times, so "lam so do" becomes
# "làm sổ đỏ", not "lâm sở đó" (bench/search_quality.py, vi_plain dev R@5 .967 → .977,
# MRR .818 → .823; weight 10 gave .977 / .816).
EVERYDAY_WEIGHT = 30
_ENTITY_MARKUP = re.compile(r"\[([^\]]+)\]\([^)]*\)")  # "[1.001193](procedure_code)"


def everyday_texts() -> list[str]:
    """Both sides of every alias row, then the examples of every intent of the
    Vietnamese NLU files (``nlu_data/nlu/vi*.yml``, entity markup removed)."""
    texts = []
    aliases = default_aliases_path()
    if aliases.is_file():
        for line in aliases.read_text(encoding="utf-8").splitlines()[1:]:
            texts.extend(line.split("\t")[:2])
    for examples in sorted((project_root() / "nlu_data" / "nlu").glob("vi*.yml")):
        texts.extend(_intent_examples(examples))
    return texts


def texts_hash(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def _intent_examples(path: Path) -> list[str]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    texts = []
    for block in document.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                texts.append(_ENTITY_MARKUP.sub(r"\1", line[2:]))
    return texts
