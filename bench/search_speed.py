"""Search speed: query → top-10 latency (p50/p95, uncached), index build time (cold and
warm), load time and process memory.

    PYTHONPATH=. HF_HUB_OFFLINE=1 python bench/search_speed.py [--build] [--compare]
        [--pipelines] [--runtime auto|onnx|torch] [--precision int8|float32] [--threads N]
        [--json out.json]

Every query is searched once with the query-vector cache off, so each one is encoded.
``--build`` builds the full index twice into temporary folders (the project's ``index/``
and vector cache are left alone): cold, with an empty passage-vector cache, then warm,
with the cache the cold build filled; the embedding model and its ONNX export come from
the usual models folder. ``--compare`` also times the query encoder alone in several
configurations (torch; ONNX float32; ONNX int8 on one and two threads), taking turns query
by query, so their ratios are measured under the same load, with each one's cosine to
torch's vectors. ``--pipelines`` times whole searches of the current pipeline against the
one before the query adapter and the title-term glossary, taking
turns query by query in the same way. The
load average is printed: on a shared machine other processes slow every number down;
compare numbers of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = ROOT / "bench" / "data" / "search_questions.jsonl"
FORMS = ("vi", "vi_plain", "en")


def _rss_mb() -> dict[str, float]:
    now = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            now = int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"now": round(now), "peak": round(peak)}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)


def _queries() -> list[str]:
    rows = [json.loads(line) for line in QUESTIONS.read_text("utf-8").splitlines() if line]
    # Each text once: a repeated one would come from the encoder's cache.
    return list(dict.fromkeys(row[form] for row in rows for form in FORMS))


def _latency(service: Any, queries: list[str]) -> dict[str, float]:
    for query in queries[:5]:  # warm up the runtime's kernels, not the cache
        service.search(query + " warm-up", k=10)
    timings, cpu = [], []
    for query in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        service.search(query, k=10)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return {
        "queries": len(queries),
        "p50_ms": _percentile(timings, 0.5),
        "p95_ms": _percentile(timings, 0.95),
        "mean_ms": round(statistics.fmean(timings), 2),
        # CPU time of all threads: on a loaded machine wall time includes waiting for a core.
        "cpu_p50_ms": _percentile(cpu, 0.5),
    }


# The query encoders --compare times: (runtime, query precision, intra-op threads).
_ENCODERS = (
    ("torch", "float32", 1),
    ("onnx", "float32", 1),
    ("onnx", "int8", 1),
    ("onnx", "int8", 2),
)


def _compare_encoders(model_path: Path, queries: list[str]) -> dict[str, Any]:
    """Query encoding alone in each configuration of ``_ENCODERS``, taking turns query by
    query (cold caches), so the ratios are measured under the same load."""
    from assistant.search import Encoder

    encoders = {
        f"{runtime} {precision} {threads}t": Encoder.load(
            model_path, runtime=runtime, query_precision=precision, threads=threads, cache_size=0
        )
        for runtime, precision, threads in _ENCODERS
    }
    for encoder in encoders.values():
        for query in queries[:5]:
            encoder.encode_query(query + " warm-up")
    names = list(encoders)
    timings: dict[str, list[float]] = {name: [] for name in names}
    cosines: dict[str, list[float]] = {name: [] for name in names}
    for i, query in enumerate(queries):
        turn = i % len(names)  # who goes first rotates
        vectors = {}
        for name in names[turn:] + names[:turn]:
            started = time.perf_counter()
            vectors[name] = encoders[name].encode_query(query)
            timings[name].append((time.perf_counter() - started) * 1000)
        for name in names:
            cosines[name].append(float(vectors[name] @ vectors[names[0]]))
    reference = timings[names[0]]
    return {
        name: {
            "p50_ms": _percentile(values, 0.5),
            "p95_ms": _percentile(values, 0.95),
            f"median_ratio_to_{names[0].replace(' ', '_')}": round(
                statistics.median(v / r for v, r in zip(values, reference, strict=True)), 3
            ),
            "cosine_to_it_min": round(min(cosines[name]), 6),
            "cosine_to_it_median": round(statistics.median(cosines[name]), 6),
        }
        for name, values in timings.items()
    }


def _compare_pipelines(service: Any, queries: list[str]) -> dict[str, Any]:
    """Whole searches with the default tuning, without the reranker, and with the
    pipeline before the query adapter, the title terms and the reranker, taking turns
    query by query."""
    from dataclasses import replace

    from assistant.search import SearchTuning
    from assistant.search.rerank import RerankWeights

    off = RerankWeights(unsaid=0.0, profile=0.0, asked_variant=0.0, level=0.0)
    before = SearchTuning(use_query_adapter=False, use_title_terms=False, rerank=off)
    services = {
        "current": service,
        "no reranker": service.with_tuning(replace(service.tuning, rerank=off)),
        "before": service.with_tuning(before),
    }
    timings: dict[str, list[float]] = {name: [] for name in services}
    for query in queries[:5]:
        for other in services.values():
            other.search(query + " warm-up", k=10)
    for i, query in enumerate(queries):
        names = list(services)[i % 3 :] + list(services)[: i % 3]
        for name in names:
            started = time.perf_counter()
            services[name].search(query, k=10)
            timings[name].append((time.perf_counter() - started) * 1000)
    return {
        name: {
            "p50_ms": _percentile(values, 0.5),
            "p95_ms": _percentile(values, 0.95),
            "median_ratio_to_before": round(
                statistics.median(v / r for v, r in zip(values, timings["before"], strict=True)),
                3,
            ),
        }
        for name, values in timings.items()
    }


def _build(settings: Any, catalogue: Any) -> dict[str, float]:
    """Cold then warm build into temporary folders; the models folder is the usual one."""
    from assistant.search import build_index

    report: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        cache.mkdir()
        (cache / "models").symlink_to(settings.models_dir.resolve(), target_is_directory=True)
        for kind in ("cold", "warm"):
            scratch = settings.model_copy(
                update={
                    "cache_dir": cache,
                    "search": settings.search.model_copy(
                        update={"index_dir": Path(folder) / f"index-{kind}"}
                    ),
                }
            )
            cpu = time.process_time()
            started = time.perf_counter()
            build_index(scratch, catalogue, progress=False)
            report[f"{kind}_seconds"] = round(time.perf_counter() - started, 2)
            report[f"{kind}_cpu_seconds"] = round(time.process_time() - cpu, 2)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--build", action="store_true", help="time full builds, cold and warm")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="time the query encoder alone: torch, ONNX float32, ONNX int8 on 1 and 2 threads",
    )
    parser.add_argument(
        "--pipelines", action="store_true", help="current pipeline vs the one before, in turns"
    )
    parser.add_argument("--runtime", choices=("auto", "onnx", "torch"), help="default: settings")
    parser.add_argument("--precision", choices=("int8", "float32"), help="default: settings")
    parser.add_argument("--threads", type=int, help="encoder threads; default: settings")
    args = parser.parse_args()

    from assistant.catalogue.service import CatalogueService
    from assistant.search import SearchService, ensure_index, resolve_model
    from assistant.settings import Settings

    report: dict[str, Any] = {"load_average": os.getloadavg(), "cpus": os.cpu_count()}
    settings = Settings()
    # No query-vector cache: a question and its unaccented form often reach the encoder as
    # the same text (accent restoration), and a cached one would not measure encoding.
    search: dict[str, Any] = {"query_cache_size": 0}
    for name, value in (
        ("runtime", args.runtime),
        ("query_precision", args.precision),
        ("encoder_threads", args.threads),
    ):
        if value is not None:
            search[name] = value
    settings = settings.model_copy(update={"search": settings.search.model_copy(update=search)})
    report["runtime"] = settings.search.runtime
    report["query_precision"] = settings.search.query_precision
    report["encoder_threads"] = settings.search.encoder_threads
    catalogue = CatalogueService.load(settings.search.catalogue_path)
    ensure_index(settings, progress=False)
    started = time.perf_counter()
    service = SearchService.load(settings, catalogue=catalogue)
    report["load_seconds"] = round(time.perf_counter() - started, 2)
    report["procedures"] = service.size
    queries = _queries()
    report["latency"] = _latency(service, queries)
    report["rss_mb"] = _rss_mb()
    report["torch_imported"] = "torch" in sys.modules
    if args.compare:
        _, model_path = resolve_model(settings, build=True)
        assert model_path is not None
        # What the encoder really gets: the analysed text (accents restored, expansions).
        texts = list(dict.fromkeys(service.analyse(query).dense_text for query in queries))
        report["encoder_only"] = _compare_encoders(model_path, texts)
    if args.pipelines:
        report["pipelines"] = _compare_pipelines(service, queries)
    if args.build:
        report["build"] = _build(settings, catalogue)
    report["load_average_after"] = os.getloadavg()
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
