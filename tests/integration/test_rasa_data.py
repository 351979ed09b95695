"""`rasa data validate` on the data the model is trained on (with generated variants)."""

import subprocess
from pathlib import Path

import pytest

from assistant.runtime.training import (
    rasa_environment,
    rasa_executable,
    write_training_data,
)
from assistant.settings import Settings, project_root

pytestmark = pytest.mark.integration


def test_rasa_data_validate_passes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    build = tmp_path / "build"
    write_training_data(project_root(), build)
    result = subprocess.run(
        [
            str(rasa_executable(settings)), "data", "validate",
            "--fail-on-warnings",
            "--config", str(project_root() / "config.yml"),
            "--domain", str(build / "domain"),
            "--data", str(build / "data"),
        ],
        cwd=tmp_path,
        env=rasa_environment(settings),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
