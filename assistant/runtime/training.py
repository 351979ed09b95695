"""Trains the Rasa model from ``nlu_data/`` + ``config.yml``, only when they changed.

The unaccented variant of every Vietnamese example is generated here, at training
time, so the hand-written data holds each example once; so is its chat shorthand.
"""

import fcntl
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assistant.settings import Settings, project_root
from assistant.text import fold_diacritics, has_diacritics
from assistant.text.shorthand import abbreviate

__all__ = [
    "TrainingError",
    "augment_nlu_file",
    "ensure_model",
    "inputs_hash",
    "rasa_environment",
    "rasa_executable",
    "write_training_data",
]

log = logging.getLogger(__name__)

# Bump when the augmentation below changes what Rasa is trained on.
_AUGMENTATION_VERSION = "2"


class TrainingError(RuntimeError):
    pass


def rasa_executable(settings: Settings) -> Path:
    python = settings.rasa.python or project_root() / ".venv-rasa" / "bin" / "python"
    rasa = Path(python).parent / "rasa"
    if not rasa.exists():
        raise TrainingError(f"Rasa is not installed at {rasa}; run `make setup` first.")
    return rasa


def rasa_environment(settings: Settings) -> dict[str, str]:
    """Environment for Rasa processes: no telemetry calls home, caches under var/."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        RASA_CACHE_DIRECTORY=str(settings.data_dir / "rasa" / "cache"),
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
    )
    return env


def _input_files(root: Path) -> list[Path]:
    files = [root / "config.yml", *sorted((root / "nlu_data").rglob("*.yml"))]
    lock = root / "requirements" / "rasa.lock"
    return [*files, lock] if lock.exists() else files


def inputs_hash(root: Path | None = None) -> str:
    """A short hash of everything that determines the trained model."""
    root = root or project_root()
    digest = hashlib.sha256(_AUGMENTATION_VERSION.encode())
    for path in _input_files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_dir(settings: Settings) -> Path:
    return settings.rasa.model_dir or settings.cache_dir / "rasa-models"


def ensure_model(
    settings: Settings, *, force: bool = False, on_output: Callable[[str], None] | None = None
) -> Path:
    """The trained model for the current inputs, training it first if missing.

    Models are kept in a cache shared by every checkout on the machine, keyed by the
    hash of their inputs; a lock makes concurrent callers wait for one training.
    ``on_output`` receives Rasa's output line by line (progress bars included).
    """
    root = project_root()
    digest = inputs_hash(root)
    target = model_dir(settings) / f"{digest}.tar.gz"
    if target.exists() and not force:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / f"{digest}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists() and not force:
            return target
        _train(settings, root, digest, target, on_output=on_output)
    _prune_old_models(target)
    return target


def _train(
    settings: Settings, root: Path, digest: str, target: Path,
    *, on_output: Callable[[str], None] | None = None,
) -> None:
    build = settings.data_dir / "rasa" / "build" / digest
    write_training_data(root, build)
    # Rasa writes the archive in place: train into a private folder, then rename, so
    # no reader ever sees half a model.
    out = Path(tempfile.mkdtemp(prefix=f".train-{digest}-", dir=target.parent))
    command = [
        str(rasa_executable(settings)), "train",
        "--config", str(root / "config.yml"),
        "--domain", str(build / "domain"),
        "--data", str(build / "data"),
        "--out", str(out),
        "--fixed-model-name", digest,
    ]
    log.info("training Rasa model %s (takes a few minutes)", digest)
    try:
        returncode = _run(command, cwd=build, env=rasa_environment(settings), on_output=on_output)
        trained = out / f"{digest}.tar.gz"
        if returncode != 0 or not trained.exists():
            raise TrainingError(f"rasa train failed with exit code {returncode}")
        os.replace(trained, target)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _run(
    command: list[str], *, cwd: Path, env: dict[str, str],
    on_output: Callable[[str], None] | None,
) -> int:
    if on_output is None:
        return subprocess.run(command, cwd=cwd, env=env, check=False).returncode
    with subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as process:
        assert process.stdout is not None
        pending = b""
        # Progress bars redraw with a carriage return: both end a line here.
        while chunk := process.stdout.read1(4096):  # type: ignore[attr-defined]
            pending += chunk.replace(b"\r", b"\n")
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if line.strip():
                    on_output(line.decode("utf-8", "replace"))
        return process.wait()


def write_training_data(root: Path, build: Path) -> None:
    if build.exists():
        shutil.rmtree(build)
    (build / "data").mkdir(parents=True)
    source = root / "nlu_data"
    # One domain file per capability; Rasa merges a domain folder.
    shutil.copytree(source / "domain", build / "domain")
    for path in sorted(source.rglob("*.yml")):
        if path.is_relative_to(source / "domain"):
            continue
        relative = path.relative_to(source)
        out = build / "data" / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "nlu" in document:
            document = augment_nlu_file(document)
        out.write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000),
            encoding="utf-8",
        )


def augment_nlu_file(document: dict[str, Any]) -> dict[str, Any]:
    """Add the diacritic-free form of every accented example (and synonym/lookup entry),
    and the chat-shorthand form of every Vietnamese intent example."""
    for block in document.get("nlu", []):
        key = next((k for k in ("intent", "synonym", "lookup") if k in block), None)
        if key is None or "examples" not in block:
            continue
        lines = [line for line in str(block["examples"]).splitlines() if line.strip()]
        seen = {line.strip() for line in lines}
        extra = []
        for line in lines:
            if not has_diacritics(line):
                continue
            folded = fold_diacritics(line.strip()[2:].strip(), lower=False)
            variants = [folded, abbreviate(folded)] if key == "intent" else [folded]
            for variant in ("- " + v for v in variants):
                if variant not in seen:
                    seen.add(variant)
                    extra.append(variant)
        block["examples"] = "\n".join([*(line.strip() for line in lines), *extra]) + "\n"
    return document


def _prune_old_models(keep: Path, *, keep_count: int = 5) -> None:
    models = sorted(keep.parent.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in models[keep_count:]:
        if old != keep:
            old.unlink(missing_ok=True)
