import asyncio
import json
from datetime import datetime

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from actions.support.render_dossier import dossier_summary
from assistant.dossiers.errors import (
    DossierNotFoundError,
    InvalidDossierCodeError,
    LookupRateLimitedError,
    VerificationFailedError,
)
from assistant.dossiers.models import (
    VIETNAM,
    DossierIn,
    DossierStatus,
    DossierVerifiedOut,
    Requester,
    mask_name,
)
from assistant.dossiers.service import DEMO_DATA, DossierService
from assistant.dossiers.tables import DossierLookupRow
from tests.dossiers.conftest import make_service

WHO = Requester(channel="api", sender_id="citizen-1", client_ip="127.0.0.9")
DEMO = json.loads(DEMO_DATA.read_text(encoding="utf-8"))["dossiers"]


def _personal_data(record: dict[str, str]) -> list[str]:
    """Every piece of the applicant's name and phone that must not leak."""
    phone = record["applicant_phone"]
    return [record["applicant_name"], *record["applicant_name"].split()[1:], phone, phone[-4:]]


def test_demo_data_is_marked_and_loaded_once(service: DossierService) -> None:
    assert service.load_demo_if_empty() is not None
    assert service.load_demo_if_empty() is None
    dossier = service.store.get("H22.45-240105-0003")
    assert dossier is not None and dossier.is_demo


@pytest.mark.parametrize("record", DEMO, ids=[r["code"] for r in DEMO])
async def test_code_alone_shows_no_personal_data(
    demo_service: DossierService, record: dict[str, str]
) -> None:
    view = await demo_service.lookup(record["code"].lower().replace("-", " "), WHO)
    assert not view.is_verified
    for language in ("vi", "en"):
        reply = dossier_summary(view, language)
        for secret in _personal_data(record):
            assert secret not in reply, (secret, reply)
        assert record["procedure_name"] in reply and record["agency"] in reply
    body = view.model_dump_json()
    for secret in _personal_data(record):
        assert secret not in body


async def test_second_factor_shows_masked_name_and_history(demo_service: DossierService) -> None:
    view = await demo_service.lookup("H22.45-240105-0003", WHO, phone_last4="1357")
    assert isinstance(view, DossierVerifiedOut)
    assert view.applicant_name_masked == "Nguyễn V. A."
    assert [e.status for e in view.history][-1] is DossierStatus.AWAITING_SUPPLEMENT
    reply = dossier_summary(view, "vi")
    assert "Nguyễn V. A." in reply and "Nguyễn Văn An" not in reply
    assert "0900001357" not in reply and "0900001357" not in view.model_dump_json()
    assert "05/01/2024 08:40 — Đã tiếp nhận" in reply  # Vietnam time


async def test_wrong_second_factor_is_refused_and_then_locked(engine: Engine) -> None:
    service = make_service(engine, verification_rate_limit="3/hour")
    service.import_file(DEMO_DATA, is_demo=True)
    for n in range(3):
        with pytest.raises(VerificationFailedError):
            await service.lookup("H22.45-240105-0003", WHO.model_copy(
                update={"sender_id": f"s{n}", "client_ip": f"10.0.0.{n}"}), phone_last4="1234")
    with pytest.raises(LookupRateLimitedError):  # even the right digits, from a stranger
        await service.lookup("H22.45-240105-0003", WHO, phone_last4="1357")
    # The count is in the database: a restarted gateway (or another worker) keeps it.
    restarted = make_service(engine, verification_rate_limit="3/hour")
    with pytest.raises(LookupRateLimitedError):
        await restarted.lookup("H22.45-240105-0003", WHO, phone_last4="1357")


async def test_the_verified_owner_is_never_locked_out(engine: Engine) -> None:
    service = make_service(engine, verification_rate_limit="3/hour")
    service.import_file(DEMO_DATA, is_demo=True)
    owner = WHO.model_copy(update={"sender_id": "owner-chat"})
    assert (await service.lookup("H22.45-240105-0003", owner, phone_last4="1357")).is_verified
    for n in range(3):  # someone else guesses until the code is locked
        with pytest.raises(VerificationFailedError):
            await service.lookup("H22.45-240105-0003", WHO.model_copy(
                update={"sender_id": f"guess{n}"}), phone_last4=f"000{n}")
    again = await service.lookup("H22.45-240105-0003", owner, phone_last4="1357")
    assert again.is_verified


async def test_a_daily_cap_per_code(engine: Engine) -> None:
    service = make_service(engine, verification_rate_limit="100/hour;4/day")
    service.import_file(DEMO_DATA, is_demo=True)
    for n in range(4):
        with pytest.raises(VerificationFailedError):
            await service.lookup("H22.45-240105-0003", WHO.model_copy(
                update={"sender_id": f"d{n}"}), phone_last4="1234")
    with pytest.raises(LookupRateLimitedError) as refused:
        await service.lookup("H22.45-240105-0003", WHO, phone_last4="1357")
    assert refused.value.retry_after_seconds > 3600  # the day window, not the hour


async def test_overdue_and_supplement(demo_service: DossierService) -> None:
    processing = await demo_service.lookup("H22.45-240110-0021", WHO)  # due 15/01, today 20/01
    assert processing.is_overdue and processing.days_overdue == 5
    assert "Trễ hạn 5 ngày" in dossier_summary(processing, "vi")
    assert "Overdue by 5 day(s)" in dossier_summary(processing, "en")
    waiting = await demo_service.lookup("H22.45-240105-0003", WHO)  # the clock is stopped
    assert not waiting.is_overdue
    assert waiting.supplement_note and "Giấy chứng nhận kết hôn" in waiting.supplement_note

    done = await demo_service.lookup("000.00.15.H22-231004-0012", WHO)
    assert not done.is_overdue and done.result_ready_on is not None


async def test_invalid_format_and_not_found_differ(demo_service: DossierService) -> None:
    with pytest.raises(InvalidDossierCodeError):
        await demo_service.lookup("H22.45-2401", WHO)
    with pytest.raises(DossierNotFoundError):
        await demo_service.lookup("H22.45-240105-9999", WHO)


async def test_every_lookup_is_audited_without_the_second_factor(
    demo_service: DossierService, engine: Engine
) -> None:
    await demo_service.lookup("h22.45-240105-0003", WHO)
    await demo_service.lookup("H22.45-240105-0003", WHO, phone_last4="1357")
    for code in ("nonsense", "H22.45-240105-9999"):
        with pytest.raises((InvalidDossierCodeError, DossierNotFoundError)):
            await demo_service.lookup(code, WHO)
    with pytest.raises(VerificationFailedError):
        await demo_service.lookup("H22.45-240105-0003", WHO, phone_last4="9876")
    with Session(engine) as session:
        rows = session.scalars(select(DossierLookupRow).order_by(DossierLookupRow.id)).all()
        audit = [(r.sender_id, r.client_ip, r.code, r.outcome, r.has_second_factor) for r in rows]
        dumped = json.dumps([[str(v) for v in (r.__dict__.values())] for r in rows])
    assert audit == [
        ("citizen-1", "127.0.0.9", "H22.45-240105-0003", "found", False),
        ("citizen-1", "127.0.0.9", "H22.45-240105-0003", "found_verified", True),
        ("citizen-1", "127.0.0.9", "nonsense", "invalid_code", False),
        ("citizen-1", "127.0.0.9", "H22.45-240105-9999", "not_found", False),
        ("citizen-1", "127.0.0.9", "H22.45-240105-0003", "verification_failed", True),
    ]
    assert "1357" not in dumped and "9876" not in dumped


async def test_rate_limit_per_sender_and_per_client(engine: Engine) -> None:
    service = make_service(engine, sender_rate_limit="2/minute", client_rate_limit="3/minute")
    service.import_file(DEMO_DATA, is_demo=True)
    code = "H22.45-240105-0003"
    for _ in range(2):
        await service.lookup(code, WHO)
    with pytest.raises(LookupRateLimitedError) as refused:
        await service.lookup(code, WHO)
    assert 0 < refused.value.retry_after_seconds <= 60
    assert "thử lại sau khoảng 1 phút" in refused.value.message("vi")
    # Another sender id from the same address: the address limit (3) stops it.
    await service.lookup(code, WHO.model_copy(update={"sender_id": "rotated-1"}))
    with pytest.raises(LookupRateLimitedError):
        await service.lookup(code, WHO.model_copy(update={"sender_id": "rotated-2"}))
    # Someone else elsewhere is not affected.
    await service.lookup(code, Requester(channel="telegram", sender_id="telegram:5"))


def _change(status: str, at: str | None = None, note: str | None = None) -> DossierIn:
    return DossierIn(
        procedure_name="Thủ tục đăng ký khai sinh", agency="UBND phường Hồng Hải",
        received_on="2024-01-05", due_on="2024-01-08", status=status,  # type: ignore[arg-type]
        status_at=at, note=note,  # type: ignore[arg-type]
        applicant_name="Nguyễn Văn An", applicant_phone="0900000003",
    )


class _Sent:
    def __init__(self) -> None:
        self.texts: list[tuple[str, str, str]] = []

    async def send_text(self, channel: str, recipient_id: str, text: str) -> None:
        self.texts.append((channel, recipient_id, text))


async def test_status_change_notifies_each_subscriber_once(demo_service: DossierService) -> None:
    sent = _Sent()
    demo_service.notifications.sender = sent
    code = "H22.45-240105-0003"
    assert await demo_service.subscribe(code, channel="api", recipient_id="w1", language="en")
    assert not await demo_service.subscribe(code, channel="api", recipient_id="w1", language="en")
    assert await demo_service.subscribe(
        code.lower(), channel="telegram", recipient_id="telegram:42", language="vi"
    )
    first = await demo_service.push(code, _change("processing", "2024-01-07T08:00:00+07:00"))
    assert first.is_status_changed and first.notifications == 2
    again = await demo_service.push(code, _change("processing", "2024-01-07T08:00:00+07:00"))
    assert not again.is_changed and again.notifications == 0
    same_status = await demo_service.push(code, _change("processing"))  # no time: unchanged
    assert not same_status.is_status_changed
    assert sent.texts == [(
        "telegram", "telegram:42",
        "🔔 Hồ sơ H22.45-240105-0003 (Thủ tục đăng ký khai sinh) vừa chuyển sang trạng thái: "
        "Đang xử lý.",
    )]
    widget = await demo_service.take_notifications("w1")
    assert [n.text for n in widget] == [
        "🔔 Your dossier H22.45-240105-0003 (Thủ tục đăng ký khai sinh) is now: Being processed."
    ]
    assert await demo_service.take_notifications("w1") == []  # once
    await demo_service.push(code, _change("result_ready"))
    assert [n.status for n in await demo_service.take_notifications("w1")] == [
        DossierStatus.RESULT_READY
    ]
    assert len(sent.texts) == 2


async def test_push_without_a_sender_keeps_notifications_queued(
    demo_service: DossierService,
) -> None:
    code = "H22.45-240105-0003"
    await demo_service.subscribe(code, channel="zalo", recipient_id="zalo:7", language="vi")
    result = await demo_service.push(code, _change("processing"))
    assert result.notifications == 1
    sent = _Sent()
    demo_service.notifications.sender = sent
    assert await demo_service.notifications.dispatch() == 1
    assert await demo_service.notifications.dispatch() == 0
    assert sent.texts[0][:2] == ("zalo", "zalo:7")


async def test_concurrent_lookups(demo_service: DossierService) -> None:
    views = await asyncio.gather(
        *(demo_service.lookup("H22.45-240105-0003", Requester(sender_id=f"s{i}"))
          for i in range(5))
    )
    assert {v.code for v in views} == {"H22.45-240105-0003"}


def test_mask_name() -> None:
    assert mask_name("Nguyễn Văn An") == "Nguyễn V. A."
    assert mask_name("Trần  thị   bình") == "Trần T. B."
    assert mask_name("Madonna") == "Madonna"
    assert mask_name("") is None


def test_times_without_a_zone_are_vietnam_time() -> None:
    data = _change("processing", "07/01/2024 08:00")
    assert data.status_at == datetime(2024, 1, 7, 8, 0, tzinfo=VIETNAM)


async def test_channel_sender_addresses_the_platform_chat() -> None:
    from assistant.dossiers.channel_sender import ChannelTextSender

    calls: list[tuple[str, str, str, list[dict[str, str]]]] = []

    class _Channels:
        async def notify(
            self, channel: str, sender_id: str, *, recipient_id: str,
            payloads: list[dict[str, str]],
        ) -> None:
            calls.append((channel, sender_id, recipient_id, payloads))

    await ChannelTextSender(_Channels()).send_text("telegram", "telegram:42", "hello")
    assert calls == [("telegram", "telegram:42", "42", [{"text": "hello"}])]


async def test_unsubscribe_stops_queued_and_later_notifications(
    demo_service: DossierService,
) -> None:
    code = "H22.45-240105-0003"
    other = "000.00.15.H22-231004-0012"
    for followed in (code, other):
        await demo_service.subscribe(followed, channel="api", recipient_id="w1", language="vi")
    await demo_service.subscribe(code, channel="telegram", recipient_id="w1", language="vi")
    await demo_service.push(code, _change("processing"))  # queued, not fetched yet
    assert await demo_service.unsubscribe("w1", raw_code=code.lower()) == 1
    assert await demo_service.take_notifications("w1") == []  # the queued one went too
    assert demo_service.notifications.is_subscribed(other, channel="api", recipient_id="w1")
    assert await demo_service.unsubscribe("w1") == 1  # the rest, on the polled channels only
    assert await demo_service.unsubscribe("w1") == 0
    assert demo_service.notifications.is_subscribed(code, channel="telegram", recipient_id="w1")
    assert await demo_service.unsubscribe("w1", channels=frozenset({"telegram"})) == 1
    await demo_service.push(code, _change("result_ready"))
    assert await demo_service.take_notifications("w1") == []


async def test_a_failed_audit_write_never_turns_a_lookup_into_an_error(
    demo_service: DossierService, engine: Engine
) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE dossier_lookups")
    view = await demo_service.lookup("H22.45-240105-0003", Requester(channel="api"))
    assert view.code == "H22.45-240105-0003"


async def test_the_public_view_masks_names_in_the_supplement_note(
    service: DossierService,
) -> None:
    service.upsert("H22.45-240201-0007", DossierIn.model_validate({
        "procedure_name": "Đăng ký khai sinh", "agency": "UBND phường Hồng Hải",
        "received_on": "2024-02-01", "status": "awaiting_supplement",
        "applicant_name": "Trần Thị Bích", "applicant_phone": "0900002468",
        "note": "Bà Trần Thị Bích bổ sung giấy ủy quyền cho ông Lê Văn Nam, "
                "gọi chị Hoa số 0912345678; bản sao CCCD của trần thị bích.",
    }))
    view = await service.lookup("H22.45-240201-0007", WHO)
    note = view.supplement_note or ""
    assert "giấy ủy quyền" in note and "bản sao CCCD" in note
    for secret in ("Bích", "bích", "Lê Văn Nam", "Hoa", "0912345678"):
        assert secret not in note, secret
