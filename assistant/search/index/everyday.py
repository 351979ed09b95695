"""The everyday texts the accent model learns from besides the catalogue: the alias
table and the Vietnamese NLU examples, in the words citizens use."""

import hashlib
import json
from pathlib import Path

from assistant.nlu_examples import load_nlu
from assistant.search.query.aliases import default_aliases_path
from assistant.search.query.glossary import default_glossary_path
from assistant.search.query.title_terms import default_terms_path
from assistant.settings import project_root
from assistant.text import has_diacritics

__all__ = [
    "EVERYDAY_WEIGHT",
    "QUESTIONS_PATH",
    "everyday_hash",
    "everyday_questions",
    "everyday_texts",
]

# Everyday questions written for the catalogue's procedures (see everyday_questions).
QUESTIONS_PATH = Path(__file__).resolve().parents[1] / "data" / "everyday_questions.jsonl"

# Questions are everyday speech and the catalogue is officialese: the accent model counts
# everyday texts (aliases, Vietnamese NLU examples) this many times, so "lam so do" becomes
# "làm sổ đỏ", not "lâm sở đó" (bench/search_quality.py, vi_plain dev R@5 .967 → .977,
# MRR .818 → .823; weight 10 gave .977 / .816).
EVERYDAY_WEIGHT = 30


def everyday_texts() -> list[str]:
    """Both sides of every alias row, then the examples of every intent of the
    Vietnamese NLU files (``nlu_data/nlu/vi*.yml``, entity markup removed); only texts
    written with diacritics.

    An unaccented line ("dk ket hon can giay to gi", typed as chats are) counted 30 times
    taught the model that "ket hon" and "giay to" stay unaccented: "toi muon dk ket hon
    thi can j" came back as "tôi muốn dk ket hon thì cần j". The written everyday
    questions (:func:`everyday_questions`) are not among them: counted the same way they
    lowered unaccented R@1 (dev .799 → .788, held-out .776 → .750, means of 3 adapter
    seeds); they teach the query adapter instead.
    """
    texts = []
    aliases = default_aliases_path()
    if aliases.is_file():
        for line in aliases.read_text(encoding="utf-8").splitlines()[1:]:
            texts.extend(line.split("\t")[:2])
    for examples in sorted((project_root() / "nlu_data" / "nlu").glob("vi*.yml")):
        texts.extend(example.text for example in load_nlu(examples))
    return [text for text in texts if has_diacritics(text)]


def everyday_questions(path: Path = QUESTIONS_PATH) -> list[tuple[str, str, str]]:
    """``(code, language, question)`` of every question in ``path``: for each
    procedure that people apply for themselves at a local level, two Vietnamese ones (the
    need in everyday words, a situation that leads to it) and one English one, written
    from the title, applicants and result without seeing any evaluation question."""
    if not path.is_file():
        return []
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            questions += [(row["code"], "vi", text) for text in row.get("vi", [])]
            if row.get("en"):
                questions.append((row["code"], "en", row["en"]))
    return questions


def everyday_hash(texts: list[str]) -> str:
    """Hash of the everyday ``texts``, of the word lists the query adapter's questions
    are analysed with (English glossary, title terms) and of the written everyday
    questions: a change to any of them makes the index stale, so its accent model and
    adapter learn from them as they are."""
    digest = hashlib.sha256("\n".join(texts).encode("utf-8"))
    for path in (default_glossary_path(), default_terms_path(), QUESTIONS_PATH):
        digest.update(b"\0" + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()
