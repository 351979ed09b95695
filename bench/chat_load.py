"""Closed-loop chat load: the whole assistant through ``/api/chat`` against a bare Rasa bot.

Each of N concurrent conversations sends its next message as soon as the previous reply
arrives (closed loop), cycling through realistic mixed scripts: needs with follow-ups in
Vietnamese, unaccented Vietnamese and English, dossier lookups and feedback. The same
load shape (same scripts, same concurrency, same number of turns) then goes to a bare
Rasa 3.6 server running the stock ``rasa init`` model on its REST channel (in-memory
tracker, no custom actions), trained once into
``~/.cache/public-service-assistant/bare-rasa/<rasa version>/``.

Stack and bare runs alternate at every concurrency level. Everything runs on loopback
ports chosen here; every loop is bounded by --turns.

    .venv/bin/python bench/chat_load.py [--levels 1,16,32] [--turns 20] [--rounds 1]

Prints turns/s, p50/p95/p99 per run, the stack/bare throughput ratio per level, and the
total resident memory (RSS) of the stack's processes. ``--profile DIR`` records the Rasa
and gateway processes with py-spy during each stack run (``pip install py-spy``);
summarise a record with ``bench/profile_shares.py``.
"""

import argparse
import asyncio
import itertools
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from assistant.runtime.process import ManagedProcess
from assistant.runtime.stack import Stack
from assistant.runtime.training import rasa_environment, rasa_executable
from assistant.settings import (
    DossierSettings,
    FeedbackSettings,
    RasaSettings,
    ServerSettings,
    Settings,
)

# "#choose" picks the first procedure offered (or the first button), "#button:TEXT"
# presses the first button whose title contains TEXT, "#code" is a demo dossier code.
SCRIPTS: list[list[str]] = [
    ["xin chào", "tôi muốn làm lại căn cước bị mất", "#choose", "cần mang giấy tờ gì",
     "lệ phí bao nhiêu", "mất bao lâu", "cảm ơn"],
    ["toi muon lam ho chieu", "#choose", "can nhung giay to gi", "nop o dau",
     "le phi bao nhieu", "tam biet"],
    ["hello", "I need to register the birth of my child", "#choose",
     "what documents do I need?", "how much does it cost", "thank you"],
    ["hồ sơ của tôi đến đâu rồi", "#code", "cảm ơn"],
    ["tra cuu ho so #code", "ok", "tạm biệt"],
    ["check my application #code", "thanks"],
    ["đăng ký kết hôn", "#choose", "thời gian giải quyết bao lâu", "#button:👍"],
    ["tôi muốn góp ý", "#button:5", "#button:nhiệt tình", "bỏ qua", "bỏ qua"],
    ["register a household business", "#choose", "where do I apply?", "goodbye"],
    ["dang ky khai sinh cho con", "#choose", "can mang giay to gi", "cam on"],
]
START_TIMEOUT = 900.0  # seconds; a shared, busy machine loads Rasa slowly
DOSSIER_CODE = "H22.45-240105-0003"  # a demo dossier (fictitious data)


@dataclass
class Run:
    target: str
    conversations: int
    latencies_ms: list[float]
    seconds: float
    failures: int

    @property
    def turns_per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


# A target sends one message of a conversation and returns the reply's buttons
# as (title, payload) pairs; it raises on a failed turn.
Buttons = list[tuple[str, str]]
Send = Callable[[httpx.AsyncClient, str, str], Awaitable[Buttons]]


async def _send_to_stack(client: httpx.AsyncClient, sender: str, text: str) -> Buttons:
    response = await client.post("/api/chat", json={"sender_id": sender, "text": text})
    response.raise_for_status()
    reply = response.json()
    if reply.get("is_degraded"):
        raise RuntimeError("degraded answer")
    return [(b["title"], b["payload"]) for m in reply["messages"] for b in m["buttons"]]


async def _send_to_rasa(client: httpx.AsyncClient, sender: str, text: str) -> Buttons:
    response = await client.post(
        "/webhooks/rest/webhook", json={"sender": sender, "message": text}
    )
    response.raise_for_status()
    return [(b["title"], b["payload"]) for m in response.json() for b in m.get("buttons", [])]


def _message(turn: str, buttons: Buttons) -> str | None:
    """The text to send for a script turn; None skips a button turn with no button."""
    if turn == "#choose":
        chosen = [p for _, p in buttons if p.startswith("/choose")] or [p for _, p in buttons]
        return chosen[0] if chosen else None
    if turn.startswith("#button:"):
        wanted = turn.removeprefix("#button:")
        return next((p for title, p in buttons if wanted in title), None)
    return turn.replace("#code", DOSSIER_CODE)


async def _conversation_loop(
    client: httpx.AsyncClient, send: Send, start: int, turns: int, run: Run
) -> None:
    """One closed-loop user: ``turns`` messages, script after script."""
    scripts = itertools.cycle(SCRIPTS[start % len(SCRIPTS):] + SCRIPTS[:start % len(SCRIPTS)])
    sent = 0
    while sent < turns:
        sender = f"load-{uuid.uuid4().hex[:12]}"
        buttons: Buttons = []
        for turn in next(scripts):
            text = _message(turn, buttons)
            if text is None or sent >= turns:
                continue
            sent += 1
            started = time.perf_counter()
            try:
                buttons = await send(client, sender, text)
            except (httpx.HTTPError, RuntimeError, ValueError, KeyError):
                run.failures += 1
                buttons = []
                continue
            run.latencies_ms.append((time.perf_counter() - started) * 1000)


async def _load(target: str, url: str, send: Send, conversations: int, turns: int) -> Run:
    run = Run(target, conversations, [], 0.0, 0)
    limits = httpx.Limits(max_connections=conversations, max_keepalive_connections=conversations)
    async with httpx.AsyncClient(base_url=url, timeout=60.0, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(
            _conversation_loop(client, send, i, turns, run) for i in range(conversations)
        ))
        run.seconds = time.perf_counter() - started
    return run


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rasa_version(settings: Settings) -> str:
    python = rasa_executable(settings).parent / "python"
    return subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('rasa'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()


def bare_model(settings: Settings) -> Path:
    """The stock ``rasa init`` model, trained once per Rasa version into the cache."""
    folder = settings.cache_dir / "bare-rasa" / _rasa_version(settings)
    model = folder / "model.tar.gz"
    if model.exists():
        return model
    folder.mkdir(parents=True, exist_ok=True)
    project = Path(tempfile.mkdtemp(prefix=".init-", dir=folder))
    print(f"training the stock `rasa init` model once into {folder} …", flush=True)
    subprocess.run(
        [str(rasa_executable(settings)), "init", "--no-prompt", "--init-dir", str(project)],
        cwd=project, env=rasa_environment(settings), check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    trained = next((project / "models").glob("*.tar.gz"))
    os.replace(trained, model)
    shutil.rmtree(project, ignore_errors=True)
    return model


def _bare_rasa(settings: Settings, model: Path, data_dir: Path) -> tuple[ManagedProcess, str]:
    port = _free_port()
    process = ManagedProcess(
        "bare-rasa",
        [str(rasa_executable(settings)), "run", "--enable-api", "--model", str(model),
         "--interface", "127.0.0.1", "--port", str(port)],
        cwd=data_dir, env=rasa_environment(settings), log_file=data_dir / "bare-rasa.log",
    )
    process.start()
    url = f"http://127.0.0.1:{port}"

    def has_model() -> bool:
        try:
            return bool(httpx.get(f"{url}/status", timeout=2).json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    try:
        process.wait_until(has_model, timeout=START_TIMEOUT, what="serving the stock model")
    except BaseException:
        process.stop()
        raise
    return process, url


def _bench_settings(data_dir: Path, *, rasa_processes: int = 1) -> Settings:
    rasa_port = _free_port()
    # Every simulated user comes from 127.0.0.1: per-address limits would throttle them
    # all together, so only the per-conversation limits stay as shipped.
    loose = "1000000/minute"
    return Settings(
        data_dir=data_dir,
        server=ServerSettings(port=_free_port()),
        # Several local processes listen on consecutive ports from rasa_port.
        rasa=RasaSettings(port=rasa_port, processes=rasa_processes),
        dossiers=DossierSettings(client_rate_limit=loose, sender_rate_limit=loose),
        feedback=FeedbackSettings(client_rate_limit=loose, sender_rate_limit=loose),
    )


def _tree_rss_mb(pids: list[int]) -> float:
    """Resident memory of these processes and all their descendants, in MB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total_kb, todo = 0, list(pids)
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total_kb += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
        )
    return total_kb / 1024


def _print_run(run: Run) -> None:
    print(f"{run.target:6} {run.conversations:>5} {len(run.latencies_ms):>6} "
          f"{run.turns_per_second:>8.1f} {statistics.median(run.latencies_ms or [0]):>8.0f} "
          f"{run.percentile(0.95):>8.0f} {run.percentile(0.99):>8.0f} {run.failures:>6}",
          flush=True)


Profiler = subprocess.Popen[bytes]


def _start_profilers(folder: Path | None, pids: dict[str, int], name: str) -> list[Profiler]:
    """One py-spy per process (``rasa``, ``gateway``), each writing ``<process>-<name>.txt``."""
    if folder is None:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    return [
        subprocess.Popen(
            [py_spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "50",
             "--output", str(folder / f"{process}-{name}.txt")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for process, pid in pids.items()
    ]


def _stop_profilers(profilers: list[Profiler]) -> None:
    for profiler in profilers:
        profiler.send_signal(signal.SIGINT)  # py-spy writes its record on Ctrl-C
    for profiler in profilers:
        profiler.wait(timeout=60)


async def _measure(
    args: argparse.Namespace, stack_url: str, bare_url: str, pids: dict[str, int]
) -> list[Run]:
    targets: list[tuple[str, str, Send]] = [
        ("stack", stack_url, _send_to_stack), ("bare", bare_url, _send_to_rasa),
    ]
    for name, url, send in targets:  # warm-up: every script once, one at a time
        await _load(name, url, send, 1, sum(len(s) for s in SCRIPTS))
    print(f"{'target':6} {'conv':>5} {'turns':>6} {'turns/s':>8} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'p99 ms':>8} {'failed':>6}")
    runs = []
    for level in args.levels:
        turns = args.single_turns if level == 1 else args.turns
        for round_ in range(args.rounds):
            # Alternate which target goes first, so drift on a shared machine cancels out.
            order = targets if round_ % 2 == 0 else targets[::-1]
            for name, url, send in order:
                profilers = _start_profilers(
                    args.profile if name == "stack" else None, pids, f"{level}-{round_}"
                )
                try:
                    runs.append(await _load(name, url, send, level, turns))
                finally:
                    _stop_profilers(profilers)
                _print_run(runs[-1])
    return runs


def _summary(runs: list[Run], levels: list[int], rss_mb: float) -> dict[str, object]:
    summary: dict[str, object] = {"stack_rss_mb": round(rss_mb)}
    print()
    for level in levels:
        rates = {
            target: statistics.median(
                r.turns_per_second for r in runs if r.target == target and r.conversations == level
            )
            for target in ("stack", "bare")
        }
        stack = [r for r in runs if r.target == "stack" and r.conversations == level]
        latencies = [v for r in stack for v in r.latencies_ms]
        row = {
            "stack_turns_per_s": round(rates["stack"], 1),
            "bare_turns_per_s": round(rates["bare"], 1),
            "ratio": round(rates["stack"] / rates["bare"], 2) if rates["bare"] else None,
            "stack_p50_ms": round(statistics.median(latencies)) if latencies else None,
            "stack_p95_ms": round(Run("", 0, latencies, 0, 0).percentile(0.95)),
        }
        summary[str(level)] = row
        print(f"{level:>2} conversations: stack {row['stack_turns_per_s']} turns/s, "
              f"bare {row['bare_turns_per_s']} turns/s, ratio stack/bare {row['ratio']}, "
              f"stack p50 {row['stack_p50_ms']} ms, p95 {row['stack_p95_ms']} ms")
    print(f"stack RSS (gateway + Rasa, all processes): {rss_mb:.0f} MB")
    return summary


def main() -> None:
    # SIGTERM (e.g. `timeout`) unwinds like Ctrl-C, so the servers started here stop.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="1,16,32", help="concurrent conversations")
    parser.add_argument("--turns", type=int, default=20, help="turns per conversation")
    parser.add_argument("--single-turns", type=int, default=40,
                        help="turns of the one-conversation level")
    parser.add_argument("--rounds", type=int, default=1, help="runs per target and level")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument("--profile", type=Path, help="py-spy records of Rasa go here")
    parser.add_argument("--rasa-processes", type=int, default=1,
                        help="Rasa processes of the stack (the bare bot keeps one)")
    args = parser.parse_args()
    args.levels = [int(x) for x in args.levels.split(",")]

    data_dir = Path(tempfile.mkdtemp(prefix="chat-load-"))
    settings = _bench_settings(data_dir, rasa_processes=args.rasa_processes)
    model = bare_model(settings)
    stack = Stack(settings)
    bare: ManagedProcess | None = None
    try:
        stack.start_gateway()
        stack.start_rasa()
        bare, bare_url = _bare_rasa(settings, model, data_dir)
        stack.wait_ready(timeout=START_TIMEOUT)
        processes = [
            *((f"rasa-{port}" if port != settings.rasa.port else "rasa", process)
              for port, process in stack.rasa_by_port.items()),
            ("gateway", stack.gateway),
        ]
        pids = {
            name: process.pid for name, process in processes
            if process is not None and process.pid
        }
        runs = asyncio.run(_measure(args, stack.gateway_url, bare_url, pids))
        rss = _tree_rss_mb(list(pids.values()))
    finally:
        stack.stop()
        if bare is not None:
            bare.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    summary = _summary(runs, args.levels, rss)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
