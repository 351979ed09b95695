"""Turns per second of the whole stack with 1 or 2 Rasa processes and 1 or 2 gateway
workers, under a closed-loop load (each conversation sends its next message when the
previous answer arrived) through ``/api/chat``.

Starts one stack per configuration on free ports (SQLite stores; a throw-away Redis
server from Debian's ``redis-server`` when a configuration needs one), one after the
other, in the same run. Prints turns/s, p50 and p95 per configuration.

    PYTHONPATH=. .venv/bin/python bench/scale_out.py [--conversations 16] [--turns 20] \
        [--configs 1x1,2x1,1x2,2x2] [--redis] [--json out.json]

``RxW`` is R Rasa processes and W gateway workers; ``--redis`` gives every
configuration the Redis lock store (several workers always get it). The Redis server
comes from the tests' support code, hence ``PYTHONPATH=.``.
"""

import argparse
import contextlib
import json
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx

from assistant.runtime.stack import Stack
from assistant.settings import RasaSettings, ServerSettings, Settings

SCRIPTS = [
    ["xin chào", "tôi muốn làm lại căn cước bị mất", "#choose", "cần mang giấy tờ gì",
     "còn lệ phí thì sao?", "mất bao lâu", "đăng ký khai sinh cho con", "#choose",
     "nộp ở đâu", "cảm ơn"],
    ["xin chao", "toi muon lam ho chieu", "#choose", "can nhung giay to gi",
     "le phi bao nhieu", "nop o dau", "dang ky ket hon", "#choose", "tam biet"],
    ["hello", "I need to register the birth of my child", "#choose",
     "what documents do I need?", "how much does it cost", "how long does it take?",
     "thank you", "goodbye"],
]


def _free_ports(count: int) -> int:
    """The first of ``count`` consecutive free ports (the launcher's Rasa ports)."""
    import socket

    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = int(probe.getsockname()[1])
        if first + count > 65535:
            continue
        try:
            sockets = []
            for port in range(first, first + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no free ports")


def _conversation(
    url: str, number: int, turns: int, timings: list[float], errors: list[str]
) -> None:
    sender = f"bench-{uuid.uuid4().hex[:10]}"
    script = SCRIPTS[number % len(SCRIPTS)]  # the same mix in every configuration
    buttons: list[dict[str, str]] = []
    with httpx.Client(base_url=url, timeout=120) as client:
        for turn in range(turns):
            text = script[turn % len(script)]
            if text == "#choose":
                choices = [b["payload"] for b in buttons if b["payload"].startswith("/choose")]
                text = choices[0] if choices else "xin chào"
            started = time.perf_counter()
            response = client.post("/api/chat", json={"sender_id": sender, "text": text})
            timings.append((time.perf_counter() - started) * 1000)
            reply = response.json()
            if response.status_code != 200 or reply.get("is_degraded"):
                errors.append(f"{response.status_code} {text}")
            buttons = [b for m in reply.get("messages", []) for b in m["buttons"]]


def _load(url: str, conversations: int, turns: int) -> dict[str, float]:
    timings: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=_conversation, args=(url, number, turns, timings, errors))
        for number in range(conversations)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(timings)
    return {
        "turns": len(ordered),
        "turns_per_s": round(len(ordered) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered)),
        "p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))]),
        "degraded_or_failed": len(errors),
    }


@contextlib.contextmanager
def _stack(rasa: int, workers: int, redis_url: str) -> Iterator[Stack]:
    settings = Settings(
        data_dir=Path(tempfile.mkdtemp(prefix="bench-scale-")),
        redis_url=redis_url,
        server=ServerSettings(port=_free_ports(1), workers=workers),
        rasa=RasaSettings(port=_free_ports(rasa), processes=rasa),
    )
    stack = Stack(settings)
    try:
        stack.start_gateway()
        stack.start_rasa()
        stack.wait_ready(timeout=600)
        yield stack
    finally:
        stack.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=16)
    parser.add_argument("--turns", type=int, default=20, help="turns per conversation")
    parser.add_argument("--configs", default="1x1,2x1,1x2,2x2")
    parser.add_argument("--redis", action="store_true", help="Redis for every config")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    configs = [tuple(int(n) for n in config.split("x")) for config in args.configs.split(",")]
    report: dict[str, dict[str, float]] = {}
    with contextlib.ExitStack() as servers:
        redis_url = ""
        if args.redis or any(workers > 1 for _, workers in configs):
            from tests.support.servers import redis_server

            redis_url = servers.enter_context(redis_server())
        for rasa, workers in configs:
            uses_redis = args.redis or workers > 1
            with _stack(rasa, workers, redis_url if uses_redis else "") as stack:
                _load(stack.gateway_url, 2, 4)  # warm-up: models, caches, connections
                row = _load(stack.gateway_url, args.conversations, args.turns)
            name = f"{rasa} rasa x {workers} worker" + (" +redis" if uses_redis else "")
            report[name] = row
            print(f"{name:28} {row['turns_per_s']:>6} turns/s  p50 {row['p50_ms']:>5} ms  "
                  f"p95 {row['p95_ms']:>5} ms  degraded {row['degraded_or_failed']}",
                  flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
