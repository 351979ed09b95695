"""What handovers add to every chat turn: the lookup that decides whether a message
goes to an officer or to the bot, on a SQLite database holding many past handovers.

Prints the median and p95 in microseconds for a chat with no handover (every turn
pays this) and for one under handover (the message is stored in the transcript);
--json writes them as JSON.

    .venv/bin/python bench/handover_overhead.py [--handovers 10000] [--turns 2000]
"""

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path

from assistant.database import create_db_engine, upgrade_to_head
from assistant.dialogue.models import IncomingMessage
from assistant.handover.service import HandoverService
from assistant.handover.settings import HandoverSettings


async def _measure(service: HandoverService, sender: str, turns: int) -> list[float]:
    timings = []
    for number in range(turns):
        message = IncomingMessage(channel="api", sender_id=sender, text=f"tin nhắn {number}")
        started = time.perf_counter()
        await service.intercept(message)
        timings.append((time.perf_counter() - started) * 1e6)
    return timings


async def _run(handovers: int, turns: int, folder: Path) -> dict[str, dict[str, float]]:
    engine = create_db_engine(f"sqlite:///{folder / 'bench.db'}")
    upgrade_to_head(engine)
    service = HandoverService(engine, settings=HandoverSettings(opening_hours="always"),
                              delivery_channels=None)
    for number in range(handovers):  # past handovers, closed
        outcome = await service.request(channel="api", sender_id=f"web-{number}",
                                        language="vi")
        await service.close(outcome.handover_id, "bench")
    await service.request(channel="api", sender_id="web-waiting", language="vi")
    results = {}
    for name, sender in (("no_handover", "web-new"), ("under_handover", "web-waiting")):
        timings = sorted(await _measure(service, sender, turns))
        results[name] = {"median_us": round(statistics.median(timings), 1),
                         "p95_us": round(timings[int(len(timings) * 0.95)], 1)}
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--handovers", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=2_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = asyncio.run(_run(args.handovers, args.turns, Path(folder)))
    for name, numbers in results.items():
        print(f"{name:15} median {numbers['median_us']:8.1f} µs   p95 {numbers['p95_us']:8.1f} µs")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
