"""What the index stores per procedure: the texts each side of the search ranks, and the
fields a hit shows. Built from catalogue ``Procedure`` objects; saved as JSON lines."""

import gzip
import json
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
# field + result 240k).


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
        passage=normalise_text(p.title),
        lexical=normalise_text(" . ".join(filter(None, (p.title, p.field)))),
        is_citizen_facing=_is_citizen_facing(p, level_keys),
    )


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
