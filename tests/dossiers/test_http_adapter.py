"""The HTTP adapter against a real local server that is correct, slow, failing or dead."""

import asyncio
import time
from collections.abc import Iterator

import pytest

from assistant.dossiers.adapters.http import HttpDossierSource
from assistant.dossiers.errors import DossierSourceUnavailableError
from assistant.dossiers.models import DossierChannel, DossierStatus
from assistant.dossiers.settings import DossierHttpSettings
from tests.support.dossier_system import (
    FIELD_MAP,
    RECORD,
    STATUS_MAP,
    DossierSystem,
    running_dossier_system,
)
from tests.support.ports import free_port

CODE = "H22.45-240105-0003"


@pytest.fixture
def system() -> Iterator[DossierSystem]:
    with running_dossier_system(records={CODE: dict(RECORD)}) as running:
        yield running


def _source(url: str, **overrides: object) -> HttpDossierSource:
    settings = DossierHttpSettings(
        url_template=f"{url}/api/hoso/{{code}}",
        field_map=FIELD_MAP,
        status_map=STATUS_MAP,
        timeout_seconds=0.5,
        retries=2,
        total_timeout_seconds=2.0,
        breaker_failures=3,
        breaker_reset_seconds=0.5,
    ).model_copy(update=overrides)
    return HttpDossierSource(settings)


async def test_correct_system_is_mapped(system: DossierSystem) -> None:
    source = _source(system.url)
    try:
        dossier = await source.fetch(CODE)
        assert await source.fetch("H22.45-240105-9999") is None  # 404
    finally:
        await source.aclose()
    assert dossier is not None
    assert dossier.status is DossierStatus.AWAITING_SUPPLEMENT
    assert dossier.channel is DossierChannel.ONLINE
    assert str(dossier.due_on) == "2024-01-08"
    assert [e.status for e in dossier.history] == [
        DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.AWAITING_SUPPLEMENT,
    ]
    assert dossier.history[-1].note == "Bổ sung bản sao giấy chứng nhận kết hôn"
    assert dossier.applicant_phone == "0900001357"


async def test_transient_failures_are_retried(system: DossierSystem) -> None:
    system.failures = [503, 500]
    # A generous deadline: this test is about retrying, and CI machines are slow.
    source = _source(system.url, timeout_seconds=3.0, total_timeout_seconds=15.0)
    try:
        dossier = await source.fetch(CODE)
    finally:
        await source.aclose()
    assert dossier is not None and system.requests == 3


async def test_slow_system_gives_up_in_time(system: DossierSystem) -> None:
    system.delay = 3.0
    source = _source(system.url, timeout_seconds=0.3, retries=5, total_timeout_seconds=1.0)
    started = time.monotonic()
    try:
        with pytest.raises(DossierSourceUnavailableError) as error:
            await source.fetch(CODE)
    finally:
        await source.aclose()
    assert time.monotonic() - started < 1.8
    assert "thử lại sau" in error.value.message("vi")


async def test_failing_system_opens_the_circuit_then_recovers(system: DossierSystem) -> None:
    system.failures = [500] * 3
    source = _source(system.url, retries=0)
    try:
        for _ in range(3):
            with pytest.raises(DossierSourceUnavailableError):
                await source.fetch(CODE)
        assert source.breaker_state == "open"
        before = system.requests
        started = time.monotonic()
        with pytest.raises(DossierSourceUnavailableError) as refused:
            await source.fetch(CODE)
        assert refused.value.detail == "circuit open"
        assert system.requests == before  # not even asked
        assert time.monotonic() - started < 0.1
        await asyncio.sleep(0.6)  # breaker_reset_seconds: one trial call goes through
        assert await source.fetch(CODE) is not None
        assert source.breaker_state == "closed"
    finally:
        await source.aclose()


async def test_dead_system_is_unavailable_quickly() -> None:
    source = _source(f"http://127.0.0.1:{free_port()}")
    started = time.monotonic()
    try:
        with pytest.raises(DossierSourceUnavailableError):
            await source.fetch(CODE)
    finally:
        await source.aclose()
    assert time.monotonic() - started < 2.5


async def test_unreadable_reply_is_unavailable(system: DossierSystem) -> None:
    system.records[CODE] = {**RECORD, "trangThai": "KHONG_RO"}
    source = _source(system.url)
    try:
        with pytest.raises(DossierSourceUnavailableError) as error:
            await source.fetch(CODE)
        assert error.value.detail.startswith("unreadable reply")
    finally:
        await source.aclose()


def test_url_template_must_hold_the_code() -> None:
    with pytest.raises(ValueError, match="code"):
        HttpDossierSource(DossierHttpSettings(url_template="http://x/api"))
