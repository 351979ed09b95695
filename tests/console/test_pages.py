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
