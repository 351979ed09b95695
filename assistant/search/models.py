"""Edge types of the search capability: a hit as callers see it, a hit as the APIs return
it, and the index manifest."""

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["IndexManifest", "SearchHit", "SearchHitOut"]


class SearchHit(BaseModel):
    """One procedure found for a question. ``variants`` are the codes of the same
    procedure at other levels (same ``family``) that also matched, best first."""

    model_config = ConfigDict(frozen=True)

    code: str
    title: str
    score: float  # fused, relative to the question's best match: ranks, does not judge
    similarity: float | None = None  # question–procedure cosine of the dense model
    level: str  # level labels as published, e.g. "Cấp tỉnh, Cấp xã"
    field: str
    agency: str
    url: str
    family: str
    variants: tuple[str, ...] = ()


class SearchHitOut(BaseModel):
    """A hit in an API response: the public search API and the staff intent tester."""

    code: str
    title: str
    score: float
    level: str
    field: str
    agency: str
    url: str

    @classmethod
    def of(cls, hit: SearchHit) -> "SearchHitOut":
        return cls.model_validate(hit.model_dump())


class IndexManifest(BaseModel):
    """``manifest.json`` of an index folder: what it was built from and with."""

    model_config = ConfigDict(frozen=True)

    builder_version: int
    catalogue_hash: str
    # of the everyday texts and word lists the accent model and adapter learn from
    everyday_hash: str  # (index/everyday.py)
    model_name: str
    model_path: str
    dimension: int = Field(gt=0)
    has_folded_copies: bool
    has_query_adapter: bool = False  # query_adapter.npy (index/query_adapter.py)
    documents: int = Field(ge=0)
    vectors: int = Field(ge=0)
    lexical_terms: int = Field(ge=0)
    accent_syllables: int = Field(ge=0)
    built_at: str
    build_seconds: float
    libraries: dict[str, str]
    files: dict[str, int]  # file name → size in bytes
