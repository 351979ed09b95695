"""`assistant run`: prepare what is missing, start Rasa and the gateway, stop both on Ctrl-C."""

import signal
import threading
from collections.abc import Callable
from types import FrameType

from assistant.runtime.stack import Stack
from assistant.runtime.training import ensure_model
from assistant.settings import Settings

__all__ = ["run"]



def run(settings: Settings, *, echo: Callable[[str], None] = print) -> int:
    """Run until interrupted; return the process exit code."""
    from assistant.search import ensure_index

    echo("Chuẩn bị mô hình hội thoại / preparing the Rasa model …")
    model = ensure_model(settings)
    stack = Stack(settings)
    stopping = threading.Event()
    ready = threading.Event()

    def _stop(signum: int, _frame: FrameType | None) -> None:
        stopping.set()
        if not ready.is_set():
            raise KeyboardInterrupt  # interrupts the start-up wait

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        # Rasa takes longest to load its model: it starts first and loads while the
        # index is checked and the gateway starts.
        stack.start_rasa(model)
        echo("Chuẩn bị chỉ mục tìm kiếm / preparing the search index …")
        ensure_index(settings)
        stack.start_gateway()
        echo("Đang khởi động / starting Rasa and the gateway …")
        stack.wait_ready()
        ready.set()
        url = stack.gateway_url
        echo(
            f"\nTrợ lý đã sẵn sàng / the assistant is ready:\n"
            f"  Trang chủ / home page:   {url}/\n"
            f"  Chat API:                {url}/api/chat\n"
            f"  Tài liệu API / API docs: {url}/docs\n"
            f"  Máy chủ Rasa / Rasa:     {', '.join(settings.rasa.urls)}\n"
            f"  Nhật ký / logs:          {settings.data_dir / 'logs'}\n"
            f"Nhấn Ctrl-C để dừng / press Ctrl-C to stop."
        )
        while not stopping.wait(1.0):
            if stack.gateway is not None and not stack.gateway.is_running():
                echo(f"gateway stopped unexpectedly; see {stack.gateway.log_file}")
                return 1
            # The other Rasa processes carry its conversations meanwhile.
            for port, process in list(stack.rasa_by_port.items()):
                if not process.is_running():
                    echo(f"{process.name} stopped unexpectedly, restarting; "
                         f"see {process.log_file}")
                    process.stop()
                    stack.start_rasa_on(port, model=model)
        return 0
    except (RuntimeError, TimeoutError) as exc:
        echo(f"Không khởi động được / could not start: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        echo("Đang dừng / stopping …")
        stack.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
