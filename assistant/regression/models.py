"""Edge types of regression runs."""

from datetime import datetime

from pydantic import BaseModel

__all__ = ["Failure", "FormScore", "RunOut"]


class Failure(BaseModel):
    kind: str  # nlu | search
    form: str
    text: str
    expected: str
    got: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.form, self.text)


class FormScore(BaseModel):
    form: str
    nlu_n: int
    nlu_accuracy: float | None
    search_n: int
    search_r5: float | None
    nlu_delta: float | None = None  # against the previous run
    search_delta: float | None = None


class RunOut(BaseModel):
    id: int
    started_at: datetime
    finished_at: datetime
    model: str
    started_by: str
    forms: list[FormScore]
    failures: list[Failure]
    new_failures: list[Failure]  # failing now, not in the previous run
    fixed: list[Failure]  # failing in the previous run, not now
    previous_id: int | None
