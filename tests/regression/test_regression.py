"""The labelled sets load as the regression page reads them, and a stored run is
compared with the previous one (scores per form, new and fixed failures)."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from assistant.database import create_db_engine, upgrade_to_head
from assistant.regression.datasets import FORMS, load_nlu, load_search
from assistant.regression.service import RegressionService
from assistant.regression.tables import RegressionRunRow
from assistant.settings import project_root


def test_the_project_sets_load_in_every_form() -> None:
    examples = load_nlu(project_root() / "tests/nlu/heldout.yml")
    assert {e.form for e in examples} == set(FORMS)
    assert len(examples) > 500
    language = [e for e in examples if "tiếng Anh" in e.text and e.intent == "change_language"]
    assert language and all("{" not in e.text and "[" not in e.text for e in language)
    questions = load_search(project_root() / "bench/data/search_questions.jsonl")
    assert {q.form for q in questions} == set(FORMS) and all(q.codes for q in questions)


def _run(db: Session, *, accuracy: int, failures: list[dict[str, str]]) -> None:
    at = datetime(2026, 5, 1, tzinfo=UTC)
    db.add(RegressionRunRow(
        started_at=at, finished_at=at, model="/models/abc.tar.gz", started_by="lan",
        scores={"nlu": {"vi": {"n": 10, "correct": accuracy}},
                "search": {"vi": {"n": 4, "hits": 3}, "en": {"n": 4, "hits": 4}}},
        failures=failures))


def test_latest_run_is_compared_with_the_previous(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'a.db'}")
    upgrade_to_head(engine)
    service = RegressionService(engine, rasa_url="http://127.0.0.1:9", rasa_token="",
                                search=lambda text, k: [], nlu_path=tmp_path, search_path=tmp_path)
    assert service.latest() is None
    old = {"kind": "nlu", "form": "vi", "text": "chào", "expected": "greet", "got": "thank"}
    new = {"kind": "search", "form": "vi", "text": "làm hộ chiếu", "expected": "1.1", "got": "2.2"}
    with Session(engine) as db, db.begin():
        _run(db, accuracy=8, failures=[old])
        _run(db, accuracy=9, failures=[new])
    run = service.latest()
    assert run is not None and run.previous_id == run.id - 1
    vi = next(f for f in run.forms if f.form == "vi")
    assert (vi.nlu_accuracy, round(vi.nlu_delta or 0, 3), vi.search_r5) == (0.9, 0.1, 0.75)
    plain = next(f for f in run.forms if f.form == "vi_plain")
    assert (plain.nlu_accuracy, plain.search_r5, plain.nlu_delta) == (None, None, None)
    assert [f.text for f in run.new_failures] == ["làm hộ chiếu"]
    assert [f.text for f in run.fixed] == ["chào"]
    engine.dispose()
