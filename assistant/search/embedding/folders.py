"""Publishing a generated model folder so readers never see half of it."""

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.search.embedding.e5_weights import ModelBuildError

__all__ = ["building_folder"]

log = logging.getLogger(__name__)


@contextmanager
def building_folder(target: Path, *, marker: str) -> Iterator[Path]:
    """A scratch folder next to ``target``, renamed to ``target`` when the block ends
    without error, so ``target`` is either absent or complete. When another process
    published ``target`` first (its ``marker`` file exists), theirs is kept and ours
    discarded."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    scratch.chmod(0o755)  # mkdtemp makes it private; models are read by other users too
    try:
        yield scratch
        try:
            scratch.rename(target)
        except OSError as exc:
            if not (target / marker).is_file():
                raise ModelBuildError(f"{target} exists and is not a complete build") from exc
            log.info("%s was built concurrently; keeping that one", target.name)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)
