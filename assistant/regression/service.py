"""Running the labelled sets against the live model and index, storing the result."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from assistant.jobs import BackgroundJob, JobState
from assistant.regression.datasets import FORMS, NluExample, SearchQuestion, load_nlu, load_search
from assistant.regression.models import Failure, FormScore, RunOut
from assistant.regression.tables import RegressionRunRow

__all__ = ["RegressionService"]

_PARALLEL = 4  # parse calls in flight: Rasa keeps answering citizens meanwhile


class RegressionService:
    def __init__(
        self,
        engine: Engine,
        *,
        rasa_url: str,
        rasa_token: str,
        search: Callable[[str, int], list[Any]],
        nlu_path: Path,
        search_path: Path,
    ) -> None:
        self._engine = engine
        self._rasa_url = rasa_url.rstrip("/")
        self._params = {"token": rasa_token} if rasa_token else {}
        self._search = search
        self.nlu_path = nlu_path
        self.search_path = search_path
        self.job = BackgroundJob("regression-run")

    @property
    def state(self) -> JobState:
        return self.job.state

    def start(self, *, started_by: str) -> bool:
        return self.job.start(lambda report: str(self._run(report, started_by=started_by)))

    def _run(self, report: Callable[[str], None], *, started_by: str) -> int:
        started = datetime.now(UTC)
        examples, questions = load_nlu(self.nlu_path), load_search(self.search_path)
        with httpx.Client(base_url=self._rasa_url, params=self._params, timeout=30) as http:
            model = str(http.get("/status").json().get("model_file") or "")
            parsed = self._parse_all(http, examples, report)
        failures: list[Failure] = []
        scores: dict[str, dict[str, dict[str, int]]] = {"nlu": {}, "search": {}}
        for example, got in zip(examples, parsed, strict=True):
            score = scores["nlu"].setdefault(example.form, {"n": 0, "correct": 0})
            score["n"] += 1
            if got == example.intent:
                score["correct"] += 1
            else:
                failures.append(Failure(kind="nlu", form=example.form, text=example.text,
                                        expected=example.intent, got=got))
        for done, question in enumerate(questions, start=1):
            if done % 50 == 0:
                report(f"search {done}/{len(questions)}")
            self._score_search(question, scores["search"], failures)
        with Session(self._engine) as db, db.begin():
            row = RegressionRunRow(
                started_at=started, finished_at=datetime.now(UTC), model=model,
                started_by=started_by, scores=scores,
                failures=[f.model_dump() for f in failures])
            db.add(row)
            db.flush()
            return row.id

    def _parse_all(self, http: httpx.Client, examples: list[NluExample],
                   report: Callable[[str], None]) -> list[str]:
        def parse(example: NluExample) -> str:
            response = http.post("/model/parse", json={"text": example.text})
            response.raise_for_status()
            return str((response.json().get("intent") or {}).get("name") or "")

        results = []
        with ThreadPoolExecutor(_PARALLEL) as pool:
            for done, intent in enumerate(pool.map(parse, examples), start=1):
                results.append(intent)
                if done % 50 == 0:
                    report(f"NLU {done}/{len(examples)}")
        return results

    def _score_search(self, question: SearchQuestion, scores: dict[str, dict[str, int]],
                      failures: list[Failure]) -> None:
        codes = [hit.code for hit in self._search(question.text, 5)]
        score = scores.setdefault(question.form, {"n": 0, "hits": 0})
        score["n"] += 1
        if any(code in question.codes for code in codes):
            score["hits"] += 1
        else:
            failures.append(Failure(kind="search", form=question.form, text=question.text,
                                    expected=", ".join(question.codes), got=", ".join(codes)))

    def latest(self) -> RunOut | None:
        """The newest run compared with the one before it."""
        with Session(self._engine) as db:
            rows = list(db.scalars(
                select(RegressionRunRow).order_by(RegressionRunRow.id.desc()).limit(2)))
        if not rows:
            return None
        return _compare(rows[0], rows[1] if len(rows) > 1 else None)


def _rate(part: dict[str, int] | None, key: str) -> float | None:
    return part[key] / part["n"] if part and part.get("n") else None


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _compare(row: RegressionRunRow, previous: RegressionRunRow | None) -> RunOut:
    failures = [Failure.model_validate(f) for f in row.failures]
    old = [Failure.model_validate(f) for f in previous.failures] if previous else []
    old_keys, new_keys = {f.key for f in old}, {f.key for f in failures}
    forms = []
    for form in FORMS:
        nlu, search = row.scores["nlu"].get(form), row.scores["search"].get(form)
        accuracy, r5 = _rate(nlu, "correct"), _rate(search, "hits")
        before = previous.scores if previous else {"nlu": {}, "search": {}}
        forms.append(FormScore(
            form=form, nlu_n=(nlu or {}).get("n", 0), nlu_accuracy=accuracy,
            search_n=(search or {}).get("n", 0), search_r5=r5,
            nlu_delta=_delta(accuracy, _rate(before["nlu"].get(form), "correct")),
            search_delta=_delta(r5, _rate(before["search"].get(form), "hits")),
        ))
    return RunOut(
        id=row.id, started_at=row.started_at, finished_at=row.finished_at, model=row.model,
        started_by=row.started_by, forms=forms, failures=failures,
        new_failures=[f for f in failures if previous and f.key not in old_keys],
        fixed=[f for f in old if f.key not in new_keys],
        previous_id=previous.id if previous else None,
    )
