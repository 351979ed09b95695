"""`assistant staff …` on a real SQLite database: accounts and API tokens."""

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from assistant.app import create_app
from assistant.cli import app
from tests.staff.conftest import app_settings


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    return tmp_path


def test_add_reads_the_password_from_stdin_and_refuses_a_short_one(env: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["staff", "add", "Lan.Admin", "--role", "admin"],
                           input="mật-khẩu-đủ-dài\n")
    assert result.exit_code == 0, result.output
    assert "lan.admin (admin)" in result.output
    short = runner.invoke(app, ["staff", "add", "minh"], input="ngan\n")
    assert short.exit_code == 1 and "at least 10" in short.output
    again = runner.invoke(app, ["staff", "add", "lan.admin"], input="mật-khẩu-đủ-dài\n")
    assert again.exit_code == 1 and "already exists" in again.output
    with sqlite3.connect(env / "assistant.db") as db:
        (stored,) = db.execute("SELECT password_hash FROM staff_accounts").fetchone()
    assert stored.startswith("$argon2id$") and "mật-khẩu" not in stored
    listed = runner.invoke(app, ["staff", "list"])
    assert listed.stdout.split() == ["lan.admin", "admin"]  # logs go to stderr


def test_token_create_list_revoke(env: Path) -> None:
    runner = CliRunner()
    created = runner.invoke(app, ["staff", "token", "create", "mot-cua", "--role", "staff"])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("ast_") and len(secret) > 40
    with sqlite3.connect(env / "assistant.db") as db:
        (row,) = db.execute("SELECT token_hash || prefix FROM staff_tokens").fetchone()
    assert secret not in row  # only a hash and the first characters are kept
    listed = runner.invoke(app, ["staff", "token", "list"]).output
    assert "mot-cua\tstaff\t" in listed and "active" in listed and secret not in listed

    with TestClient(create_app(app_settings(env))) as client:
        auth = {"Authorization": f"Bearer {secret}"}
        assert client.get("/api/staff/feedback/summary", headers=auth).status_code == 200
        revoked = runner.invoke(app, ["staff", "token", "revoke", "mot-cua"])
        assert revoked.exit_code == 0
        response = client.get("/api/staff/feedback/summary", headers=auth)
        assert response.status_code == 401
    assert "revoked" in runner.invoke(app, ["staff", "token", "list"]).output
    missing = runner.invoke(app, ["staff", "token", "revoke", "nope"])
    assert missing.exit_code == 1


def test_empty_and_short_bearer_values_never_pass(tmp_path: Path) -> None:
    with TestClient(create_app(app_settings(tmp_path, staff_token=""))) as client:
        for value in ("Bearer ", "Bearer  ", "Bearer dev", "Bearer dev-staff-token"):
            response = client.get("/api/staff/feedback/summary",
                                  headers={"Authorization": value})
            assert response.status_code == 401, value


def test_the_development_token_still_works_in_development(tmp_path: Path) -> None:
    with TestClient(create_app(app_settings(tmp_path))) as client:
        response = client.get("/api/staff/feedback/summary",
                              headers={"Authorization": "Bearer dev-staff-token"})
        assert response.status_code == 200
