"""What the index stores per procedure: the texts each side of the search ranks, and the
fields a hit shows. Built from catalogue ``Procedure`` objects; saved as JSON lines."""

import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.text import fold_diacritics, normalise_text

if TYPE_CHECKING:
    from assistant.catalogue.models import Procedure

__all__ = [
    "IndexedDocument",
    "build_documents",
    "corpus_texts",
    "load_documents",
    "save_documents",
]

# What each side reads was measured on the development questions
# (bench/search_quality.py): BM25 ranks best on title + field (R@5 .88 vs .79 with result
# documents, applicants and dossier papers added: long texts dilute the few words a
# citizen types); the encoder reads the title alone, because encoding is the whole cost
# of a build (about 1,000 tokens per second per core; titles are 83k tokens, title +
# field + result 240k). Extra rows per procedure, the better of them counting, lowered dev
# R@1: the title's English gloss (English .748 → .682) or its folded form (vi .799 → .785).

# Abbreviations in catalogue titles, spelled out beside their first use in what both sides
# read: citizens write "thẻ bảo hiểm y tế", the title says "thẻ BHYT". The ones that mean
# something to a citizen. Names of agencies and levels (UBND, TW) stay short: spelled out,
# "ubnd" in a question lifted every title naming the commune council (measured:
# "chứng thực bản sao sổ đỏ ở ubnd xã" fell out of the top 5); so do decree numbers.
_TITLE_ABBREVIATIONS = {
    "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế",
    "TNLĐ": "tai nạn lao động",
    "BNN": "bệnh nghề nghiệp",
    "TNHH": "trách nhiệm hữu hạn",
    "GTGT": "giá trị gia tăng",
    "TNCN": "thu nhập cá nhân",
    "NHNN": "Ngân hàng Nhà nước",
    "KBNN": "Kho bạc Nhà nước",
}
# Characters of the description kept in the profile: its opening says what the procedure
# is for; the rest repeats the steps.
_PROFILE_DESCRIPTION = 300
_ABBREVIATION = re.compile(r"\b(" + "|".join(_TITLE_ABBREVIATIONS) + r")\b")


@dataclass(frozen=True)
class IndexedDocument:
    """One procedure as the index sees it; ``position`` is its row in every side."""

    code: str
    title: str
    family: str
    level: str  # level labels joined by ", " as shown to users, e.g. "Cấp tỉnh, Cấp xã"
    level_keys: tuple[str, ...]
    field: str
    agency: str
    url: str
    passage: str  # what the encoder reads
    lexical: str  # what BM25 reads (folded later)
    is_citizen_facing: bool  # done by people or at a local level, not ministry-internal
    # Who applies, what they receive and the description: what the reranker reads.
    profile: str = ""


def build_documents(procedures: Iterable["Procedure"]) -> list[IndexedDocument]:
    """One ``IndexedDocument`` per procedure, in catalogue order."""
    return [_document(p) for p in procedures]


def corpus_texts(procedures: Iterable["Procedure"]) -> Iterator[str]:
    """Every accented text of the catalogue, for the accent-restoration model."""
    for p in procedures:
        yield p.title
        yield from (t for t in (p.field, p.description, p.steps, p.conditions) if t)
        yield from p.result_documents
        yield from p.applicants
        yield from (d.name for d in p.documents)


def _document(p: "Procedure") -> IndexedDocument:
    level_keys = tuple(level.key for level in p.levels)
    return IndexedDocument(
        code=p.code,
        title=p.title,
        family=p.family or p.title,
        level=", ".join(level.label for level in p.levels),
        level_keys=level_keys,
        field=p.field or "",
        agency=p.agency or "",
        url=p.source_url or "",
        passage=_spelled_out(normalise_text(p.title)),
        lexical=_spelled_out(normalise_text(" . ".join(filter(None, (p.title, p.field))))),
        is_citizen_facing=_is_citizen_facing(p, level_keys),
        profile=_profile(p),
    )


def _profile(p: "Procedure") -> str:
    parts = [*p.applicants, *p.result_documents, (p.description or "")[:_PROFILE_DESCRIPTION]]
    return normalise_text(" . ".join(filter(None, parts)))


def _spelled_out(text: str) -> str:
    """``text`` with each known abbreviation followed by its meaning, once:
    "cấp thẻ BHYT cho người chỉ tham gia BHYT" → "cấp thẻ BHYT (bảo hiểm y tế) cho …"."""
    seen: set[str] = set()

    def spell(match: re.Match[str]) -> str:
        short = match.group(1)
        if short in seen:
            return short
        seen.add(short)
        return f"{short} ({_TITLE_ABBREVIATIONS[short]})"

    return _ABBREVIATION.sub(spell, text)


def _is_citizen_facing(p: "Procedure", level_keys: tuple[str, ...]) -> bool:
    applicants = fold_diacritics(" ".join(p.applicants))
    local = any(key in {"province", "district", "commune"} for key in level_keys)
    return local or "cong dan" in applicants or "ca nhan" in applicants


def save_documents(documents: list[IndexedDocument], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(asdict(document), ensure_ascii=False) + "\n")


def load_documents(path: Path) -> list[IndexedDocument]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [IndexedDocument(**{**row, "level_keys": tuple(row["level_keys"])}) for row in rows]
