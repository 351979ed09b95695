"""`rasa test core`: the dialogue policies follow the test stories exactly, with Rasa
started through our launcher as the server is (its changes keep every prediction)."""

import subprocess
from pathlib import Path

import pytest

from assistant.runtime import rasa_launcher
from assistant.runtime.training import ensure_model, rasa_environment, rasa_executable
from assistant.settings import Settings, project_root

pytestmark = pytest.mark.integration


def test_rasa_test_core_stories_pass(tmp_path: Path) -> None:
    settings = Settings()
    model = ensure_model(settings)
    result = subprocess.run(
        [
            str(rasa_executable(settings).parent / "python"),
            str(Path(rasa_launcher.__file__).resolve()), "test", "core",
            "--model", str(model),
            "--stories", str(project_root() / "tests" / "stories" / "test_stories.yml"),
            "--out", str(tmp_path / "results"),
            "--fail-on-prediction-errors",
            "--no-plot",
        ],
        cwd=tmp_path,
        env=rasa_environment(Settings(data_dir=tmp_path)),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
