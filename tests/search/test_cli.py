"""``assistant index build|status`` and ``assistant search`` on the small catalogue."""

import pytest
import typer
from typer.testing import CliRunner

from assistant.search.cli import index_app, search_command
from assistant.settings import Settings

runner = CliRunner()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, small_index_settings: Settings) -> None:
    search = small_index_settings.search
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(small_index_settings.data_dir))
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(small_index_settings.cache_dir))
    monkeypatch.setenv("ASSISTANT_SEARCH__INDEX_DIR", str(search.index_dir))
    monkeypatch.setenv("ASSISTANT_SEARCH__MODEL_PATH", str(search.model_path))
    monkeypatch.setenv("ASSISTANT_SEARCH__CATALOGUE_PATH", str(search.catalogue_path))


@pytest.mark.usefixtures("env")
def test_status_prints_the_manifest_and_freshness() -> None:
    result = runner.invoke(index_app, ["status"])
    assert result.exit_code == 0, result.output
    assert '"documents": 18' in result.output
    assert result.output.rstrip().endswith("up to date")


@pytest.mark.usefixtures("env")
def test_build_skips_an_up_to_date_index() -> None:
    result = runner.invoke(index_app, ["build"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


@pytest.mark.usefixtures("env")
def test_search_prints_a_table() -> None:
    app = typer.Typer()
    app.command()(search_command)
    result = runner.invoke(app, ["dang ky ket hon", "--k", "3"])
    assert result.exit_code == 0, result.output
    assert "1.000894" in result.output
    assert "read as: đăng ký kết hôn" in result.output
