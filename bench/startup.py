"""Seconds from `assistant run` to the first answered chat message, with warm caches.

Runs the real command on free loopback ports and a fresh data folder, posts "xin chào"
to ``/api/chat`` until a non-degraded answer comes back, then stops it with Ctrl-C
(SIGINT). Prints the time of each milestone of the launcher's output and the total.

    .venv/bin/python bench/startup.py [--runs 1]
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

TIMEOUT_SECONDS = 600.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answered(url: str) -> bool:
    try:
        reply = httpx.post(f"{url}/api/chat", json={"sender_id": "startup-bench",
                                                    "text": "xin chào"}, timeout=30)
        return reply.status_code == 200 and not reply.json()["is_degraded"]
    except (httpx.HTTPError, ValueError, KeyError):
        return False


def one_run() -> float:
    port, rasa_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": tempfile.mkdtemp(prefix="startup-"),
        "ASSISTANT_SERVER__PORT": str(port),
        "ASSISTANT_RASA__PORT": str(rasa_port),
    }
    assistant = Path(sys.executable).parent / "assistant"
    started = time.monotonic()
    process = subprocess.Popen([str(assistant), "run"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)

    def echo() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip():
                print(f"  {time.monotonic() - started:6.1f} s  {line.rstrip()}", flush=True)

    threading.Thread(target=echo, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    try:
        while not _answered(url):
            if process.poll() is not None or time.monotonic() - started > TIMEOUT_SECONDS:
                raise SystemExit("`assistant run` did not answer; see its output above")
            time.sleep(0.25)
        elapsed = time.monotonic() - started
        print(f"  {elapsed:6.1f} s  first message answered", flush=True)
        return elapsed
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    times = [one_run() for _ in range(args.runs)]
    print(f"first answer after {statistics.median(times):.1f} s "
          f"(median of {len(times)}; runs: {', '.join(f'{t:.1f}' for t in times)})")


if __name__ == "__main__":
    main()
