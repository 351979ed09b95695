"""Every staff route of the app, tried anonymously, as staff and as an administrator:
the API answers 401 without a token, pages send to the log-in page, admin-only routes
refuse staff with 403, and nobody authorised is refused."""

from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from assistant.staff.auth import require_admin, require_page_admin
from tests.staff.conftest import login

PUBLIC = {("GET", "/staff/login"), ("POST", "/staff/login")}


def _needs(dependant: Any, call: Any) -> bool:
    return dependant.call is call or any(_needs(d, call) for d in dependant.dependencies)


def staff_routes(client: TestClient) -> list[tuple[str, str, bool]]:
    """(method, path with parameters filled, admin only) of every /staff and /api/staff route."""
    found = []
    for context in iter_route_contexts(client.app.routes):  # type: ignore[attr-defined]
        route, full_path = context.original_route, context.path or ""
        if not isinstance(route, APIRoute) or not full_path.startswith(("/staff", "/api/staff")):
            continue
        path = full_path.replace("{", "").replace("}", "")  # /x/{code} → /x/code
        is_admin = _needs(route.dependant, require_admin) or _needs(
            route.dependant, require_page_admin
        )
        for method in sorted((context.methods or set()) - {"HEAD"}):
            if (method, full_path) not in PUBLIC:
                found.append((method, path, is_admin))
    return found


def _call(client: TestClient, method: str, path: str, *, headers: dict[str, str] | None = None,
          csrf: str = "") -> Any:
    if method == "GET":
        return client.get(path, headers=headers)
    if path.startswith("/api/"):
        return client.request(method, path, json={}, headers={**(headers or {}),
                                                              "X-CSRF-Token": csrf})
    return client.request(method, path, data={"csrf_token": csrf}, headers=headers)


def test_the_console_and_its_api_are_all_enumerated(client: TestClient) -> None:
    routes = {(m, p) for m, p, _ in staff_routes(client)}
    assert {("POST", "/api/staff/parse"), ("GET", "/staff/"), ("GET", "/staff/tokens"),
            ("GET", "/staff/feedback"), ("PUT", "/api/staff/dossiers/code")} <= routes
    admin_only = {p for _, p, is_admin in staff_routes(client) if is_admin}
    assert {"/staff/accounts", "/staff/tokens", "/staff/tokens/revoke"} <= admin_only


def test_anonymous_callers_are_refused_everywhere(client: TestClient) -> None:
    for method, path, _ in staff_routes(client):
        response = _call(client, method, path)
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path)
            assert response.json()["code"] == "staff_token_required"
        else:
            assert response.status_code in (303, 307), (method, path)
            location = response.headers["location"]
            assert location.startswith("/staff/login") or location == "/staff/", (method, path)


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_api_tokens_open_the_api_by_role(client: TestClient, role: str) -> None:
    created = client.app.state.services.staff.create_token(  # type: ignore[attr-defined]
        f"monitor-{role}", role=role)
    auth = {"Authorization": f"Bearer {created.secret}"}
    for method, path, is_admin in staff_routes(client):
        if not path.startswith("/api/"):
            continue
        status = _call(client, method, path, headers=auth).status_code
        if is_admin and role == "staff":
            assert status == 403, (method, path)
        else:
            assert status not in (401, 403), (method, path, status)


@pytest.mark.parametrize(("username", "role"), [("minh", "staff"), ("lan.admin", "admin")])
def test_sessions_open_the_pages_by_role(client: TestClient, username: str, role: str) -> None:
    for method, path, is_admin in staff_routes(client):
        # Logging out ends the session; retraining and regression runs (long background
        # jobs) are started in their own tests.
        if path.startswith("/api/") or (method, path) in {
            ("POST", "/staff/logout"), ("POST", "/staff/training"), ("POST", "/staff/regression"),
            ("POST", "/staff/catalogue/rebuild"),
        }:
            continue
        csrf = login(client, username)
        status = _call(client, method, path, csrf=csrf).status_code
        if is_admin and role == "staff":
            assert status == 403, (method, path)
        else:
            assert status not in (401, 403), (method, path, status)
            assert status < 500, (method, path, status)


def test_a_staff_member_sees_no_admin_links(client: TestClient) -> None:
    login(client, "minh")
    page = client.get("/staff/").text
    assert 'href="/staff/tester"' in page and 'href="/staff/tokens"' not in page
    assert "chỉ dành cho quản trị viên" in client.get("/staff/tokens").text
