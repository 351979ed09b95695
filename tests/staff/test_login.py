"""Log-in, CSRF, lock-out and log-out through the real app."""

from fastapi.testclient import TestClient

from tests.staff.conftest import PASSWORD, _hidden, login


def _attempt(client: TestClient, username: str, password: str) -> object:
    csrf = _hidden(client.get("/staff/login").text, "csrf_token")
    return client.post("/staff/login", data={
        "username": username, "password": password, "csrf_token": csrf, "next": "/staff/",
    })


def test_pages_redirect_to_login_and_back(client: TestClient) -> None:
    response = client.get("/staff/accounts?lang=en")
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/login?next=/staff/accounts%3Flang%3Den"
    csrf = _hidden(client.get("/staff/login").text, "csrf_token")
    response = client.post("/staff/login", data={
        "username": "lan.admin", "password": PASSWORD, "csrf_token": csrf,
        "next": "/staff/accounts?lang=en",
    })
    assert response.headers["location"] == "/staff/accounts?lang=en"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie


def test_login_never_redirects_off_site(client: TestClient) -> None:
    csrf = _hidden(client.get("/staff/login").text, "csrf_token")
    response = client.post("/staff/login", data={
        "username": "minh", "password": PASSWORD, "csrf_token": csrf, "next": "//evil.example",
    })
    assert response.headers["location"] == "/staff/"


def test_session_cookie_is_secure_over_https(client: TestClient) -> None:
    csrf = _hidden(client.get("/staff/login").text, "csrf_token")
    response = client.post("/staff/login", headers={"X-Forwarded-Proto": "https"}, data={
        "username": "minh", "password": PASSWORD, "csrf_token": csrf,
    })
    assert "Secure" in response.headers["set-cookie"]


def test_login_form_without_its_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/staff/login")
    response = client.post("/staff/login", data={
        "username": "minh", "password": PASSWORD, "csrf_token": "forged",
    })
    assert response.status_code == 403
    assert "hết hạn" in response.text
    assert client.get("/staff/").status_code == 303  # not logged in


def test_forms_and_api_changes_need_the_session_csrf_token(client: TestClient) -> None:
    csrf = login(client, "lan.admin")
    forged = client.post("/staff/tokens", data={"name": "x", "role": "staff"})
    assert forged.status_code == 403
    assert client.post("/api/staff/parse", json={"text": "hộ chiếu"}).status_code == 403
    created = client.post("/staff/tokens", data={"name": "x", "role": "staff",
                                                  "csrf_token": csrf})
    assert created.status_code == 200 and "ast_" in created.text


def test_wrong_passwords_lock_the_account(client: TestClient) -> None:
    for _ in range(4):
        response = _attempt(client, "minh", "wrong-password")
        assert response.status_code == 401  # type: ignore[attr-defined]
        assert "không đúng" in response.text  # type: ignore[attr-defined]
    fifth = _attempt(client, "minh", "wrong-password")
    assert fifth.status_code == 429  # type: ignore[attr-defined]
    # Locked: even the right password is refused until the lock ends or an admin lifts it.
    assert _attempt(client, "minh", PASSWORD).status_code == 429  # type: ignore[attr-defined]
    admin_csrf = login(client, "lan.admin")
    accounts = client.get("/staff/accounts").text
    assert "Đang khoá" in accounts
    client.post("/staff/accounts/unlock", data={"username": "minh", "csrf_token": admin_csrf})
    client.cookies.clear()
    assert _attempt(client, "minh", PASSWORD).status_code == 303  # type: ignore[attr-defined]


def test_unknown_user_is_told_the_same_as_a_wrong_password(client: TestClient) -> None:
    response = _attempt(client, "nobody", "whatever-password")
    assert response.status_code == 401  # type: ignore[attr-defined]
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.text  # type: ignore[attr-defined]


def test_logout_ends_the_session(client: TestClient) -> None:
    csrf = login(client, "minh")
    cookie = client.cookies.get("assistant_staff")
    response = client.post("/staff/logout", data={"csrf_token": csrf})
    assert response.headers["location"] == "/staff/login?logged_out=1"
    client.cookies.set("assistant_staff", cookie or "")  # a copied cookie no longer works
    assert client.get("/staff/").status_code == 303
    assert "đã đăng xuất" in client.get("/staff/login?logged_out=1").text


def test_admin_adds_an_account_in_the_page(client: TestClient) -> None:
    csrf = login(client, "lan.admin")
    page = client.post("/staff/accounts", data={
        "username": "hoa", "password": "short", "role": "staff", "csrf_token": csrf})
    assert page.status_code == 422 and "ít nhất 10 ký tự" in page.text
    page = client.post("/staff/accounts?lang=en", data={
        "username": "hoa", "password": "a-long-enough-one", "role": "staff", "csrf_token": csrf})
    assert page.status_code == 200 and "Account hoa added" in page.text
