"""Unanswered questions on a real database and a copy of the training data: grouping,
adding an example (and the model going stale), the background job, and the page."""

import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from assistant.app import create_app
from assistant.conversations.models import RecordedTurn
from assistant.errors import ValidationFailedError
from assistant.feedback.tables import AnswerFeedbackRow
from assistant.jobs import BackgroundJob
from assistant.runtime.training import augment_nlu_file, inputs_hash
from assistant.settings import StaffSettings, project_root
from assistant.unanswered.grouping import Question, group_questions
from tests.staff.conftest import PASSWORD, app_settings, login


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the checkout's training inputs (config and nlu_data)."""
    copy = tmp_path / "checkout"
    shutil.copytree(project_root() / "nlu_data", copy / "nlu_data")
    shutil.copy(project_root() / "config.yml", copy / "config.yml")
    return copy


@pytest.fixture
def client(tmp_path: Path, root: Path) -> Iterator[TestClient]:
    settings = app_settings(tmp_path, staff=StaffSettings(training_data_dir=root / "nlu_data"))
    with TestClient(create_app(settings), follow_redirects=False) as test_client:
        services = test_client.app.state.services  # type: ignore[attr-defined]
        services.staff.add_account("minh", PASSWORD, role="staff")
        for sender, text in (("web-a", "lam ho chieu cho be o dau"),
                             ("web-b", "làm hộ chiếu cho bé ở đâu vậy"),
                             ("web-c", "đổi bằng lái xe quốc tế")):
            services.conversations.record(RecordedTurn(
                channel="api", sender_id=sender, language="vi", user_text=text,
                intent="nlu_fallback", confidence=0.3, is_fallback=True, replies=["?"]))
        with Session(services.db) as db, db.begin():
            db.add(AnswerFeedbackRow(
                created_at=datetime.now(UTC), is_helpful=False, channel="api", language="vi",
                conversation=services.feedback.conversation_key("web-d"),
                question="Tôi là Trần Văn Bình, hỏi đổi bằng lái xe quốc tế"))
        yield test_client


def test_grouping_ignores_accents_and_small_words_order() -> None:
    groups = group_questions([
        Question("lam ho chieu o dau", "fallback"), Question("cấp căn cước", "fallback"),
        Question("làm hộ chiếu ở đâu vậy", "unhelpful"), Question("làm hộ chiếu ở đâu", "fallback"),
    ])
    assert [len(g.questions) for g in groups] == [3, 1]
    assert groups[0].example in {"lam ho chieu o dau", "làm hộ chiếu ở đâu vậy",
                                 "làm hộ chiếu ở đâu"}


def test_page_groups_fallbacks_and_thumbs_down(client: TestClient) -> None:
    login(client, "minh")
    page = client.get("/staff/unanswered").text
    assert page.count('<td class="num">2</td>') == 2  # passport ×2, driving licence ×2
    assert "[name]" in page and "Trần Văn Bình" not in page  # masked at read time
    assert "ask_procedure" in page  # the intents to choose from


def test_adding_an_example_writes_training_data_and_stales_the_model(
    client: TestClient, root: Path
) -> None:
    before = inputs_hash(root)
    csrf = login(client, "minh")
    page = client.post("/staff/unanswered/examples", data={
        "intent": "ask_procedure", "text": "đổi bằng lái xe quốc tế", "csrf_token": csrf})
    assert page.status_code == 200 and "cần huấn luyện lại" in page.text
    written = yaml.safe_load((root / "nlu_data/nlu/console.yml").read_text(encoding="utf-8"))
    (block,) = written["nlu"]
    assert block["intent"] == "ask_procedure"
    assert "- đổi bằng lái xe quốc tế" in augment_nlu_file(written)["nlu"][0]["examples"]
    assert "- doi bang lai xe quoc te" in augment_nlu_file(written)["nlu"][0]["examples"]
    assert inputs_hash(root) != before
    services = client.app.state.services  # type: ignore[attr-defined]
    assert services.unanswered.is_model_stale(f"/models/{before}.tar.gz")
    again = client.post("/staff/unanswered/examples", data={
        "intent": "ask_procedure", "text": "đổi  bằng lái xe quốc tế", "csrf_token": csrf})
    assert "đã có" in again.text
    with pytest.raises(ValidationFailedError):
        services.unanswered.add_example(intent="no_such_intent", text="xin chào")
    with pytest.raises(ValidationFailedError):
        services.unanswered.add_example(intent="greet", text="chào [name]")


def test_background_job_reports_progress_and_result() -> None:
    job = BackgroundJob("test")

    def work(report: object) -> str:
        for step in range(3):
            report(f"epoch {step}")  # type: ignore[operator]
        return "model-123"

    assert job.start(work)
    deadline = time.monotonic() + 5
    while job.state.state == "running" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (job.state.state, job.state.result, job.state.progress) == (
        "done", "model-123", "epoch 2")
    assert job.start(lambda report: 1 / 0)  # type: ignore[arg-type, return-value]
    while job.state.state == "running":
        time.sleep(0.01)
    assert job.state.state == "failed" and "ZeroDivisionError" in job.state.result


def test_training_page_shows_the_job(client: TestClient) -> None:
    login(client, "minh")
    page = client.get("/staff/training")
    assert page.status_code == 200 and 'data-state="idle"' in page.text
