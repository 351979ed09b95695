"""Console pages through the real app (real catalogue, dossier store with the demo
dossiers, SQLite), search index absent: browse and search the catalogue, one
procedure's fields, look a dossier up, import a dossier file, the lookup audit."""

from pathlib import Path

from fastapi.testclient import TestClient

from assistant.dossiers.service import DEMO_DATA
from tests.staff.conftest import login


def test_catalogue_browse_search_and_detail(client: TestClient) -> None:
    login(client, "minh")
    everything = client.get("/staff/catalogue").text
    assert "2.849 thủ tục" in everything or "2849 thủ tục" in everything
    found = client.get("/staff/catalogue", params={"q": "hộ chiếu"})
    assert found.status_code == 200
    codes = [line.split("/staff/catalogue/")[1].split('"')[0]
             for line in found.text.splitlines() if 'href="/staff/catalogue/' in line]
    assert codes, found.text[-1500:]
    detail = client.get(f"/staff/catalogue/{codes[0]}?lang=en")
    assert detail.status_code == 200
    assert "Documents" in detail.text and "Legal basis" in detail.text
    assert client.get("/staff/catalogue/0.000000").status_code == 404


def test_dossier_lookup_import_and_audit(client: TestClient, tmp_path: Path) -> None:
    csrf = login(client, "minh")
    page = client.get("/staff/dossiers", params={"code": "h22 45 240105 0003"})
    assert page.status_code == 200
    assert "H22.45-240105-0003" in page.text and 'id="dossier"' in page.text
    missing = client.get("/staff/dossiers", params={"code": "H22.45-240105-9999"}).text
    assert "Không có hồ sơ H22.45-240105-9999" in missing
    assert 'class="notice error"' in client.get("/staff/dossiers", params={"code": "xyz"}).text
    with DEMO_DATA.open("rb") as demo:
        imported = client.post("/staff/dossiers/import", data={"csrf_token": csrf},
                               files={"file": ("demo.json", demo, "application/json")})
    assert imported.status_code == 200
    assert "0 mới" in imported.text and "không đổi" in imported.text
    assert 'id="lookup-audit"' in imported.text
    forged = client.post("/staff/dossiers/import",
                         files={"file": ("demo.json", b"[]", "application/json")})
    assert forged.status_code == 403


def test_catalogue_import_rebuilds_the_index_and_switches_the_gateway(
    tmp_path: Path,
) -> None:
    """A two-procedure CSV (the catalogue README's example) merged into a copy of the
    bundled catalogue; the index is rebuilt into a temporary folder and searched."""
    import re
    import shutil
    import time

    from fastapi.testclient import TestClient

    from assistant.app import create_app
    from assistant.catalogue.store import bundled_path
    from assistant.settings import SearchSettings
    from tests.staff.conftest import PASSWORD, app_settings

    catalogue_file = tmp_path / "procedures.jsonl.gz"
    shutil.copy(bundled_path(), catalogue_file)
    readme = (Path(__file__).parents[2] / "assistant/catalogue/README.md").read_text("utf-8")
    csv_text = re.search(r"```csv\n(.*?)```", readme, re.DOTALL).group(1)  # type: ignore[union-attr]
    settings = app_settings(tmp_path, search=SearchSettings(
        catalogue_path=catalogue_file, index_dir=tmp_path / "index"))
    with TestClient(create_app(settings), follow_redirects=False) as client:
        client.app.state.services.staff.add_account(  # type: ignore[attr-defined]
            "minh", PASSWORD, role="staff")
        csrf = login(client, "minh")
        refused = client.post("/staff/catalogue/import", data={"csrf_token": csrf},
                              files={"file": ("notes.txt", b"hello", "text/plain")})
        assert refused.status_code == 422
        started = client.post("/staff/catalogue/import", data={"csrf_token": csrf}, files={
            "file": ("province.csv", csv_text.encode("utf-8"), "text/csv")})
        assert started.headers["location"] == "/staff/catalogue/refresh"
        deadline = time.monotonic() + 600
        page = ""
        while time.monotonic() < deadline:
            page = client.get("/staff/catalogue/refresh").text
            if 'data-state="running"' not in page:
                break
            time.sleep(1)
        assert 'data-state="done"' in page, page[-1500:]
        assert "2 added" in page
        found = client.get("/staff/catalogue", params={"q": "giấy phép bán lẻ rượu"}).text
        assert "/staff/catalogue/HT.0001" in found  # searched in the new index
        assert client.get("/staff/catalogue/HT.0001").status_code == 200
