import gzip
import json
from pathlib import Path

import pytest

from assistant.catalogue.errors import CatalogueUnavailableError
from assistant.catalogue.models import Procedure
from assistant.catalogue.store import dump_catalogue, load_catalogue, parse_catalogue

PROCEDURES = [
    Procedure(code="2.000001", title="Thủ tục B", family="Thủ tục B"),
    Procedure(code="1.000001", title="Thủ tục A", family="Thủ tục A"),
]


def test_dump_is_deterministic_sorted_and_timeless() -> None:
    data = dump_catalogue(PROCEDURES)
    assert data == dump_catalogue(reversed(PROCEDURES))
    assert data[4:8] == b"\x00\x00\x00\x00"  # gzip mtime field
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["1.000001", "2.000001"]


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(dump_catalogue(PROCEDURES))
    procedures, data = load_catalogue(path)
    assert sorted(procedures, key=lambda p: p.code) == sorted(PROCEDURES, key=lambda p: p.code)
    assert data == path.read_bytes()
    plain = gzip.decompress(data)
    assert parse_catalogue(plain) == procedures


def test_missing_or_corrupt_files(tmp_path: Path) -> None:
    with pytest.raises(CatalogueUnavailableError) as missing:
        load_catalogue(tmp_path / "nothing.jsonl.gz")
    assert missing.value.status == 503
    assert "assistant catalogue import" in missing.value.message("vi")
    with pytest.raises(CatalogueUnavailableError):
        parse_catalogue(b'{"code": "x"}\n')
