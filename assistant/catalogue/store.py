"""The catalogue file: one ``Procedure`` JSON per line, sorted by code, gzip-compressed.

Writing is deterministic (sorted lines, fixed key order, gzip header without name or
time) so that rebuilding from the same sources gives the same bytes, and the search
index can use the file's hash to tell whether it is stale.
"""

import gzip
import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from assistant.catalogue.errors import CatalogueUnavailableError
from assistant.catalogue.models import Procedure

__all__ = ["bundled_path", "dump_catalogue", "load_catalogue", "parse_catalogue", "sha256"]


def bundled_path() -> Path:
    """The cleaned catalogue shipped with the package."""
    return Path(__file__).resolve().parent / "data" / "procedures.jsonl.gz"


def dump_catalogue(procedures: Iterable[Procedure]) -> bytes:
    """Serialise to the file format: bytes depend only on the procedures."""
    ordered = sorted(procedures, key=lambda procedure: procedure.code)
    text = "".join(p.model_dump_json(exclude_none=True) + "\n" for p in ordered)
    buffer = io.BytesIO()
    # filename="" and mtime=0 keep the gzip header free of the path and build time.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def parse_catalogue(data: bytes, *, source: Path | str = "catalogue") -> list[Procedure]:
    """Read the file format (gzip or plain JSON lines)."""
    try:
        raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        lines = raw.decode("utf-8").splitlines()
        return [Procedure.model_validate_json(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, ValidationError) as exc:
        raise CatalogueUnavailableError(source, f"{type(exc).__name__}") from exc


def load_catalogue(path: Path) -> tuple[list[Procedure], bytes]:
    """The procedures of a catalogue file and the file's bytes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogueUnavailableError(path, "file not found / không có tệp") from exc
    return parse_catalogue(data, source=path), data


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
