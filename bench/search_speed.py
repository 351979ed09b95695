"""Search speed: query → top-10 latency (p50/p95, cold encoder cache), the full-catalogue
index build time, load time and process RSS.

    PYTHONPATH=. HF_HUB_OFFLINE=1 python bench/search_speed.py [--build] [--json out.json]

``--build`` rebuilds the full index into a temporary folder (the project's ``index/`` is
left alone) and reports its time. Load average is printed: on a shared machine other
processes' load slows every number down.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = ROOT / "bench" / "data" / "search_questions.jsonl"
FORMS = ("vi", "vi_plain", "en")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _queries() -> list[str]:
    rows = [json.loads(line) for line in QUESTIONS.read_text("utf-8").splitlines() if line]
    return [row[form] for row in rows for form in FORMS]


def _latency(service: Any, queries: list[str]) -> dict[str, float]:
    for query in queries[:5]:  # warm up torch's kernels, not the cache
        service.search(query + " warm-up", k=10)
    timings, cpu = [], []
    for query in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        service.search(query, k=10)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    cached = []
    for query in queries[:100]:
        started = time.perf_counter()
        service.search(query, k=10)
        cached.append((time.perf_counter() - started) * 1000)
    return {
        "queries": len(queries),
        "p50_ms": _percentile(timings, 0.5),
        "p95_ms": _percentile(timings, 0.95),
        "mean_ms": sum(timings) / len(timings),
        # CPU time of all threads: on a loaded machine wall time includes waiting for a core.
        "cpu_p50_ms": _percentile(cpu, 0.5),
        "cached_p50_ms": _percentile(cached, 0.5),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--build", action="store_true", help="time a full index build")
    args = parser.parse_args()

    from assistant.catalogue.service import CatalogueService
    from assistant.search.index import build_index, ensure_index
    from assistant.search.service import SearchService
    from assistant.settings import Settings

    report: dict[str, Any] = {"load_average": os.getloadavg(), "cpus": os.cpu_count()}
    settings = Settings()
    catalogue = CatalogueService.load(settings.search.catalogue_path)
    if args.build:
        with tempfile.TemporaryDirectory() as folder:
            scratch = settings.model_copy(
                update={
                    "search": settings.search.model_copy(
                        update={"index_dir": Path(folder) / "index"}
                    )
                }
            )
            cpu = time.process_time()
            started = time.perf_counter()
            build_index(scratch, catalogue, progress=False)
            report["build_seconds"] = time.perf_counter() - started
            report["build_cpu_seconds"] = time.process_time() - cpu
    ensure_index(settings, progress=False)
    started = time.perf_counter()
    service = SearchService.load(settings, catalogue=catalogue)
    report["load_seconds"] = time.perf_counter() - started
    report["procedures"] = service.size
    report["latency"] = _latency(service, _queries())
    report["rss_mb"] = _rss_mb()
    report["load_average_after"] = os.getloadavg()
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
