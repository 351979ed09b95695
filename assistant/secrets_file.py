"""Secrets the installation keeps across restarts without anyone configuring them."""

import os
import secrets
from pathlib import Path

__all__ = ["persistent_secret"]


def persistent_secret(path: Path) -> str:
    """The random secret stored at ``path``, created (readable by the owner only) on
    first use; concurrent first starts agree on one value."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process won the race: read its value
        else:
            with os.fdopen(fd, "w", encoding="ascii") as file:
                file.write(secrets.token_urlsafe(32))
    return path.read_text(encoding="ascii").strip()
