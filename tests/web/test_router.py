"""The demo page and the widget's static files over HTTP (no browser)."""

import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from assistant.app import create_app
from assistant.settings import ServerSettings, Settings
from tests.web.conftest import web_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("web"),
        organisation_vi="Trung tâm <b>Hà Tĩnh</b>",
        organisation_en='Centre "&" <script>',
    )
    return TestClient(web_app(settings))


def _source(name: str) -> str:
    return resources.files("assistant.web").joinpath("static", name).read_text("utf-8")


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/widget.js", "text/javascript; charset=utf-8"), ("/widget.css", "text/css; charset=utf-8")],
)
def test_widget_files_are_served_with_type_and_cache_headers(
    client: TestClient, path: str, content_type: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "max-age=300" in response.headers["cache-control"]
    assert response.text == _source(path.lstrip("/"))
    etag = response.headers["etag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_only_the_widget_files_are_exposed(client: TestClient) -> None:
    assert client.get("/static/widget.js").status_code == 404
    assert client.get("/widget.html").status_code == 404


def test_the_widget_never_parses_text_as_html() -> None:
    """Message text must go into the DOM as text; these APIs would parse it as markup."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", _source("widget.js"), flags=re.S)
    for api in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert api not in code


def test_the_widget_needs_nothing_from_the_internet() -> None:
    """No CDN: it must work on an intranet without internet access."""
    code = _source("widget.js")
    urls = set(re.findall(r"https?://[^\s'\"`)]+", code))
    assert urls <= {"http://www.w3.org/2000/svg", "https://assistant.example/widget.js"}
    css = _source("widget.css")
    assert "@import" not in css
    assert "url(" not in css


def test_demo_page_is_a_portal_with_the_widget_and_the_system_summary(
    client: TestClient,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "Cổng Dịch vụ công" in page
    assert '<script src="/widget.js"' in page
    assert '<a href="/docs">' in page and '<a href="/readyz">' in page
    count = len(client.app.state.services.catalogue)  # type: ignore[attr-defined]
    assert f"{count:,}".replace(",", ".") in page
    assert "POST /api/chat" in page
    assert "5005" not in page and "Rasa" not in page  # no internal address
    assert "/?open=1&amp;counter=Q3" in page


def test_demo_page_escapes_configured_names(client: TestClient) -> None:
    page = client.get("/").text
    assert "<b>Hà Tĩnh</b>" not in page
    assert "Trung tâm &lt;b&gt;Hà Tĩnh&lt;/b&gt;" in page
    assert 'data-province-en="Centre &quot;&amp;&quot; &lt;script&gt;"' in page


def test_cross_origin_embedding_is_allowed_only_for_configured_sites(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    data_dir = tmp_path_factory.mktemp("cors")
    portal = "https://dichvucong.example.gov.vn"
    preflight = {"Origin": portal, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    # No lifespan: the CORS middleware answers preflights before any route runs.
    allowed = TestClient(create_app(Settings(
        data_dir=data_dir, server=ServerSettings(cors_origins=[portal]))))
    response = allowed.options("/api/chat", headers=preflight)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == portal
    other = allowed.options("/api/chat", headers={**preflight, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    closed = TestClient(create_app(Settings(data_dir=data_dir)))
    response = closed.options("/api/chat", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
