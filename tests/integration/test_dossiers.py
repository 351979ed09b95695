"""Dossier status conversations through the real Rasa server and gateway, in Vietnamese,
unaccented Vietnamese and English, on the demo data the gateway loads in development."""

import uuid

import httpx
import pytest

from tests.support.chat import Conversation

pytestmark = pytest.mark.integration

STAFF = {"Authorization": "Bearer dev-staff-token"}
# Personal data of the demo dossier H22.45-240105-0003 (fictitious).
SECRETS = ("Nguyễn Văn An", "Văn An", "Nguyễn V.", "0900001357", "1357")


def _assert_no_personal_data(chat: Conversation) -> None:
    for secret in SECRETS:
        assert secret not in chat.text, (secret, chat.text)


def _payloads(chat: Conversation) -> list[str]:
    return [b["payload"] for b in chat.buttons]


def test_vietnamese_lookup_with_a_bad_format_then_verification(gateway: httpx.Client) -> None:
    chat = Conversation(gateway)
    chat.say("hồ sơ của tôi đến đâu rồi")
    assert "mã số biên nhận" in chat.text, chat.text
    chat.say("mã là 12345 nhé")
    assert "không đúng định dạng" in chat.text, chat.text
    assert "mã số biên nhận" in chat.text  # asked again
    chat.say("h22 45 240105 0003")
    assert "Hồ sơ H22.45-240105-0003" in chat.text, chat.text
    assert "DỮ LIỆU MẪU" in chat.text
    assert "Chờ bổ sung hồ sơ" in chat.text
    assert "Cần bổ sung: Bổ sung bản sao Giấy chứng nhận kết hôn" in chat.text
    assert "UBND phường Hồng Hải" in chat.text and "Ngày hẹn trả: 08/01/2024" in chat.text
    _assert_no_personal_data(chat)
    assert "/subscribe_dossier_updates" in _payloads(chat)
    assert chat.last["language"] == "vi"
    chat.say("/verify_dossier_owner")
    assert "4 số cuối" in chat.text, chat.text
    chat.say("1357")
    assert "Đã xác minh" in chat.text, chat.text
    assert "Người nộp: Nguyễn V. A." in chat.text
    assert "Nguyễn Văn An" not in chat.text and "0900001357" not in chat.text
    assert "Quá trình xử lý" in chat.text


def test_wrong_second_factor_shows_nothing_personal(gateway: httpx.Client) -> None:
    chat = Conversation(gateway)
    chat.say("tra cứu hồ sơ H22.45-240105-0003")
    assert "Chờ bổ sung hồ sơ" in chat.text, chat.text
    chat.say("/verify_dossier_owner")
    chat.say("0000")
    assert "Không xác minh được" in chat.text, chat.text
    _assert_no_personal_data(chat)


def test_unaccented_lookup_and_help_after_bad_formats(gateway: httpx.Client) -> None:
    chat = Conversation(gateway)
    chat.say("tra cuu ho so H22.45-240110-0021")
    assert "Đổi giấy phép lái xe" in chat.text, chat.text
    assert "Trễ hạn" in chat.text and "Đang xử lý" in chat.text
    assert chat.last["language"] == "vi"
    chat.say("ho so cua toi den dau roi")
    assert "mã số biên nhận" in chat.text, chat.text
    chat.say("h22 45")  # half a code
    assert "không đúng định dạng" in chat.text, chat.text
    chat.say("240105")
    assert "không đúng định dạng" in chat.text, chat.text
    chat.say("0000")
    assert "chưa đọc được mã" in chat.text, chat.text
    assert "/ask_human" in _payloads(chat)
    chat.say("tam biet")
    assert "Tạm biệt" in chat.text


def test_english_lookup_not_found_and_stop(gateway: httpx.Client) -> None:
    chat = Conversation(gateway)
    chat.say("check my application status")
    assert "receipt code" in chat.text, chat.text
    assert chat.last["language"] == "en"
    chat.say("000.00.15.H22-231004-0012")
    assert "Dossier 000.00.15.H22-231004-0012" in chat.text, chat.text
    assert "Result delivered" in chat.text and "Đăng ký thành lập hộ kinh doanh" in chat.text
    for secret in ("Trần Thị Bình", "Thị Bình", "0900002468", "2468"):
        assert secret not in chat.text
    chat.say("/check_dossier_status")
    assert "receipt code" in chat.text, chat.text
    chat.say("H22.45-240105-9999")
    assert "No dossier has the code H22.45-240105-9999" in chat.text, chat.text
    chat.say("/check_dossier_status")
    chat.say("no")
    assert "What else can I help you with" in chat.text, chat.text


def test_subscription_is_notified_once_in_the_widget(gateway: httpx.Client) -> None:
    code = f"H22.45-240301-{uuid.uuid4().int % 10_000:04d}"
    record = {
        "procedure_name": "Đăng ký thường trú", "agency": "Công an phường Hồng Hải",
        "channel": "online", "received_on": "2024-03-01", "due_on": "2024-03-08",
        "status": "received", "status_at": "2024-03-01T09:00:00+07:00",
        "applicant_name": "Đỗ Thị Hoa", "applicant_phone": "0900007777",
    }
    created = gateway.put(f"/api/staff/dossiers/{code}", json=record, headers=STAFF)
    assert created.status_code == 200, created.text
    chat = Conversation(gateway)
    chat.say(f"tra cứu hồ sơ {code.lower()}")
    assert "Đã tiếp nhận" in chat.text, chat.text
    assert "Đỗ Thị Hoa" not in chat.text and "7777" not in chat.text
    chat.say("/subscribe_dossier_updates")
    assert "Đã đăng ký" in chat.text, chat.text
    chat.say("/subscribe_dossier_updates")
    assert "đã đăng ký nhận thông báo" in chat.text, chat.text
    changed = {**record, "status": "result_ready", "status_at": "2024-03-05T15:00:00+07:00",
               "result_ready_on": "2024-03-05"}
    pushed = gateway.put(f"/api/staff/dossiers/{code}", json=changed, headers=STAFF)
    assert pushed.json()["notifications"] == 1, pushed.text
    gateway.put(f"/api/staff/dossiers/{code}", json=changed, headers=STAFF)  # no change
    polled = gateway.get("/api/dossiers/notifications", params={"sender_id": chat.sender_id})
    assert [n["text"] for n in polled.json()] == [
        f"🔔 Hồ sơ {code} (Đăng ký thường trú) vừa chuyển sang trạng thái: Đã có kết quả."
    ]
    assert gateway.get(
        "/api/dossiers/notifications", params={"sender_id": chat.sender_id}
    ).json() == []


def test_public_api(gateway: httpx.Client) -> None:
    response = gateway.get("/api/dossiers/h22.45-240105-0003")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "awaiting_supplement"
    for secret in SECRETS:
        assert secret not in response.text
    assert gateway.get("/api/dossiers/H22.45").json()["code"] == "invalid_dossier_code"
