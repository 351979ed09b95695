"""A local stand-in for an external one-stop-shop system: real HTTP on loopback, its
own field names and status codes, and switches to make it slow, failing or flaky."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

# Field names and status values as a provincial one-stop-shop system replies.
FIELD_MAP = {
    "procedure_code": "data.maThuTuc",
    "procedure_name": "data.tenThuTuc",
    "agency": "data.coQuanTiepNhan",
    "channel": "data.hinhThucNop",
    "received_on": "data.ngayTiepNhan",
    "due_on": "data.ngayHenTra",
    "status": "data.trangThai",
    "status_at": "data.ngayCapNhat",
    "note": "data.noiDungBoSung",
    "result_ready_on": "data.ngayCoKetQua",
    "applicant_name": "data.chuHoSo",
    "applicant_phone": "data.soDienThoai",
    "history": "data.quaTrinhXuLy",
    "history.status": "trangThai",
    "history.at": "thoiGian",
    "history.note": "ghiChu",
}
STATUS_MAP = {
    "DA_TIEP_NHAN": "received",
    "DANG_XU_LY": "processing",
    "CHO_BO_SUNG": "awaiting_supplement",
}

RECORD = {
    "maThuTuc": "1.001193",
    "tenThuTuc": "Thủ tục đăng ký khai sinh",
    "coQuanTiepNhan": "UBND phường Hồng Hải",
    "hinhThucNop": "Trực tuyến",
    "ngayTiepNhan": "05/01/2024",
    "ngayHenTra": "08/01/2024",
    "trangThai": "CHO_BO_SUNG",
    "ngayCapNhat": "06/01/2024 09:15",
    "noiDungBoSung": "Bổ sung bản sao giấy chứng nhận kết hôn",
    "chuHoSo": "Nguyễn Văn An",
    "soDienThoai": "0900001357",
    "quaTrinhXuLy": [
        {"trangThai": "DA_TIEP_NHAN", "thoiGian": "2024-01-05T08:40:00+07:00"},
        {"trangThai": "DANG_XU_LY", "thoiGian": "2024-01-05T14:00:00+07:00", "ghiChu": None},
    ],
}


@dataclass
class DossierSystem:
    """``records`` by code; ``delay`` seconds before each answer; ``failures`` status
    codes answered (one per request) before behaving normally again."""

    url: str = ""
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    delay: float = 0.0
    failures: list[int] = field(default_factory=list)
    requests: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _answer(self, path: str) -> tuple[int, bytes]:
        with self._lock:
            self.requests += 1
            failure = self.failures.pop(0) if self.failures else None
        if self.delay:
            time.sleep(self.delay)
        if failure is not None:
            return failure, b'{"error": "internal"}'
        code = unquote(path.rsplit("/", 1)[-1])
        record = self.records.get(code)
        if record is None:
            return 404, b'{"error": "not found"}'
        return 200, json.dumps({"data": {"maHoSo": code, **record}}).encode()


@contextmanager
def running_dossier_system(**options: Any) -> Iterator[DossierSystem]:
    system = DossierSystem(**options)

    class _Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = system._answer(self.path)
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting: that is the point of a slow test

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    system.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield system
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
