"""Per-turn latency of whole conversations through the gateway (real Rasa, real search).

Starts its own stack on free ports unless --url points at a running gateway.
Prints p50/p95 per language form and overall; --json writes them as JSON.

    .venv/bin/python bench/conversation_latency.py [--rounds 3] [--url http://127.0.0.1:8000]
"""

import argparse
import json
import socket
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from assistant.runtime.stack import Stack
from assistant.settings import RasaSettings, ServerSettings, Settings

CONVERSATIONS = {
    "vi": ["xin chào", "tôi muốn làm lại căn cước bị mất", "#choose", "cần mang giấy tờ gì",
           "còn lệ phí thì sao?", "mất bao lâu", "đăng ký khai sinh cho con", "#choose",
           "nộp ở đâu", "cảm ơn", "tạm biệt"],
    "vi_plain": ["xin chao", "toi muon lam ho chieu", "#choose", "can nhung giay to gi",
                 "le phi bao nhieu", "nop o dau", "dang ky ket hon", "#choose", "tam biet"],
    "en": ["hello", "I need to register the birth of my child", "#choose",
           "what documents do I need?", "how much does it cost", "how long does it take?",
           "thank you", "goodbye"],
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(client: httpx.Client, turns: list[str]) -> list[float]:
    sender = f"bench-{uuid.uuid4().hex[:10]}"
    timings, buttons = [], []
    for turn in turns:
        text = turn
        if turn == "#choose":
            choices = [b["payload"] for b in buttons if b["payload"].startswith("/choose")]
            if not choices:
                continue
            text = choices[0]
        started = time.perf_counter()
        reply = client.post("/api/chat", json={"sender_id": sender, "text": text}).json()
        timings.append((time.perf_counter() - started) * 1000)
        buttons = [b for m in reply["messages"] for b in m["buttons"]]
    return timings


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"turns": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(p95, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running gateway; default: start one")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    stack = None
    url = args.url
    if url is None:
        rasa_port = _free_port()
        settings = Settings(
            data_dir=Path(tempfile.mkdtemp(prefix="bench-")),
            server=ServerSettings(port=_free_port()),
            rasa=RasaSettings(url=f"http://127.0.0.1:{rasa_port}", port=rasa_port),
        )
        stack = Stack(settings)
        stack.start_gateway()
        stack.start_rasa()
        stack.wait_ready()
        url = stack.gateway_url
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            _run(client, ["xin chào", "hello"])  # warm-up
            results: dict[str, list[float]] = {form: [] for form in CONVERSATIONS}
            for _ in range(args.rounds):
                for form, turns in CONVERSATIONS.items():
                    results[form] += _run(client, turns)
    finally:
        if stack is not None:
            stack.stop()
    report = {form: _percentiles(values) for form, values in results.items()}
    report["all"] = _percentiles([v for values in results.values() for v in values])
    print(f"{'form':10} {'turns':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for form, row in report.items():
        print(f"{form:10} {row['turns']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
