"""Search quality: R@1, R@5 and MRR@10 for each language form (vi, vi_plain, en), with an
ablation of the techniques.

Two question sets (``--set``):

- ``project`` (bench/data/search_questions.jsonl): split by need into a development part
  (what the defaults were chosen on) and a held-out part (looked at only for reporting):
  ``--split``.
- ``fresh`` (bench/data/fresh_questions.jsonl, see bench/data/FRESH.md): a frozen set
  written blind to the aliases, the glossary and the project's questions. It is for
  reporting only, never for choosing anything; it is also scored per ``kind``.

A hit is a displayed code (best variant of a family) among the question's codes.

    PYTHONPATH=. HF_HUB_OFFLINE=1 python bench/search_quality.py [--set fresh] [--json out.json]
        [--adapter-seeds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.search import SearchTuning  # noqa: E402
from assistant.search.rerank import RerankWeights  # noqa: E402

FORMS = ("vi", "vi_plain", "en")
SETS = {
    "project": ROOT / "bench" / "data" / "search_questions.jsonl",
    "fresh": ROOT / "bench" / "data" / "fresh_questions.jsonl",
}
_FULL = SearchTuning()
_PLAIN = replace(
    _FULL,
    use_query_adapter=False,
    use_aliases=False,
    use_glossary=False,
    use_accent_restoration=False,
    citizen_bonus=0.0,
    unasked_variant_penalty=0.0,
    rerank=RerankWeights(unsaid=0.0, profile=0.0, asked_variant=0.0, level=0.0),
)
ABLATION: dict[str, SearchTuning] = {
    "BM25 only": replace(_PLAIN, use_dense=False),
    "dense only": replace(_PLAIN, use_lexical=False),
    "dense + folded copies": replace(_PLAIN, use_lexical=False, use_folded_copies=True),
    "dense + aliases + glossary": replace(
        _PLAIN, use_lexical=False, use_aliases=True, use_glossary=True
    ),
    "dense + aliases + glossary + accent restoration": replace(
        _PLAIN, use_lexical=False, use_aliases=True, use_glossary=True, use_accent_restoration=True
    ),
    "full hybrid": _FULL,
    "full + folded copies": replace(_FULL, use_folded_copies=True),
    "full − aliases": replace(_FULL, use_aliases=False),
    "full − English glossary": replace(_FULL, use_glossary=False),
    "full − title terms in English": replace(_FULL, use_title_terms=False),
    "full − curated glossary (title terms only)": replace(_FULL, use_curated_glossary=False),
    "full − accent restoration": replace(_FULL, use_accent_restoration=False),
    "full − chat shorthand written out": replace(_FULL, use_shorthand=False),
    "full − query adapter": replace(_FULL, use_query_adapter=False),
    "full − language gate": replace(_FULL, use_language_gate=False),
    "full − citizen prior": replace(_FULL, citizen_bonus=0.0),
    "full − variant penalty": replace(_FULL, unasked_variant_penalty=0.0),
    "full − dense": replace(_FULL, use_dense=False),
    "full − reranker": replace(_FULL, rerank=_PLAIN.rerank),
    "full − rerank: unsaid title words": replace(_FULL, rerank=replace(_FULL.rerank, unsaid=0.0)),
    "full − rerank: profile": replace(_FULL, rerank=replace(_FULL.rerank, profile=0.0)),
    "full − rerank: asked variant": replace(_FULL, rerank=replace(_FULL.rerank, asked_variant=0.0)),
    "full − rerank: level": replace(_FULL, rerank=replace(_FULL.rerank, level=0.0)),
}
# Rows that need an index built with folded copies (``build_index(folded_copies=True)``).
_NEED_FOLDED = {"dense + folded copies", "full + folded copies"}


def held_out(question: dict[str, Any]) -> bool:
    """About 30 % of the needs, chosen by a hash of the need (stable, label-blind)."""
    digest = hashlib.sha256(question["need"].encode("utf-8")).digest()
    return digest[0] < 77


def load_questions(path: Path, split: str) -> list[dict[str, Any]]:
    questions = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    if split == "dev":
        return [q for q in questions if not held_out(q)]
    if split == "heldout":
        return [q for q in questions if held_out(q)]
    return questions


def ranks(service: Any, questions: list[dict[str, Any]]) -> dict[str, list[int | None]]:
    """Per form, the 0-based rank of each question's first right code (None: not in
    the top 10), in question order."""
    found: dict[str, list[int | None]] = {}
    for form in FORMS:
        found[form] = []
        for q in questions:
            codes = [hit.code for hit in service.search(q[form], k=10)]
            found[form].append(next((i for i, c in enumerate(codes) if c in q["codes"]), None))
    return found


def scores(found: dict[str, list[int | None]]) -> dict[str, dict[str, float]]:
    """R@1, R@5, MRR@10 per form from :func:`ranks`."""
    table: dict[str, dict[str, float]] = {}
    for form, rows in found.items():
        n = len(rows) or 1
        table[form] = {
            "R@1": sum(r == 0 for r in rows) / n,
            "R@5": sum(r is not None and r < 5 for r in rows) / n,
            "MRR": sum(1.0 / (r + 1) for r in rows if r is not None) / n,
        }
    return table


def evaluate(service: Any, questions: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """R@1, R@5, MRR@10 per form for one configured ``SearchService``."""
    return scores(ranks(service, questions))


def by_kind(
    questions: list[dict[str, Any]], found: dict[str, list[int | None]]
) -> dict[str, dict[str, dict[str, float]]]:
    """:func:`scores` per question ``kind`` (questions without one count as "other")."""
    kinds = sorted({str(q.get("kind") or "other") for q in questions})
    table = {}
    for kind in kinds:
        rows = [i for i, q in enumerate(questions) if str(q.get("kind") or "other") == kind]
        table[kind] = scores({f: [found[f][i] for i in rows] for f in found})
    return table


def misses(service: Any, questions: list[dict[str, Any]], form: str) -> list[str]:
    """Questions of one form whose codes are not in the top 5 (for reading, not tuning)."""
    lines = []
    for q in questions:
        hits = service.search(q[form], k=5)
        if not any(h.code in q["codes"] for h in hits):
            top = "; ".join(f"{h.code} {h.title[:60]}" for h in hits[:2])
            lines.append(f"{q['id']} {q[form]!r} want {q['codes']} got {top}")
    return lines


def _seed_rows(
    services: list[Any], questions: list[dict[str, Any]], count: int
) -> dict[str, dict[str, dict[str, float]]]:
    """The full system with each adapter seed, then the mean of the seeds."""
    print(f"\nfull hybrid by query-adapter seed ({count} batch orders):\n")
    _print_header("adapter seed")
    rows = {}
    for seed, service in enumerate(services):
        rows[f"seed {seed}"] = scores(ranks(service.with_tuning(_FULL), questions))
        _print_row(f"seed {seed}", rows[f"seed {seed}"])
    rows["mean"] = {
        form: {
            measure: sum(row[form][measure] for row in rows.values()) / count
            for measure in ("R@1", "R@5", "MRR")
        }
        for form in FORMS
    }
    _print_row("mean", rows["mean"])
    return rows


def _print_header(first: str = "configuration") -> None:
    print(f"| {first} | " + " | ".join(f"{f} R@1 / R@5 / MRR" for f in FORMS) + " |")
    print("|" + " --- |" * (len(FORMS) + 1))


def _print_row(name: str, table: dict[str, dict[str, float]]) -> None:
    cells = [f"{t['R@1']:.3f} / {t['R@5']:.3f} / {t['MRR']:.3f}" for t in (table[f] for f in FORMS)]
    print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def _print_kinds(
    kinds: dict[str, dict[str, dict[str, float]]], questions: list[dict[str, Any]]
) -> None:
    counts = {k: sum(str(q.get("kind") or "other") == k for q in questions) for k in kinds}
    print("\nfull hybrid by kind:\n")
    _print_header("kind (questions)")
    for kind, table in kinds.items():
        _print_row(f"{kind} ({counts[kind]})", table)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--set", dest="set_name", choices=tuple(SETS), default="project")
    parser.add_argument(
        "--split", choices=("all", "dev", "heldout"), help="project set only; default: all"
    )
    parser.add_argument("--no-ablation", action="store_true", help="full system only")
    parser.add_argument(
        "--adapter-seeds",
        type=int,
        default=1,
        metavar="N",
        help="also score the full system with the query adapter trained in N batch orders "
        "(0 … N-1; 0 is the index's) and their mean: compare changes by the mean",
    )
    parser.add_argument("--misses", choices=FORMS, help="list the misses of one form")
    parser.add_argument("--index-dir", type=Path, help="evaluate another index folder")
    parser.add_argument(
        "--precision", choices=("int8", "float32"), help="query encoder's; default: settings"
    )
    args = parser.parse_args()

    from assistant.catalogue.service import CatalogueService
    from assistant.search import SearchService
    from assistant.settings import Settings

    settings = Settings()
    search: dict[str, Any] = {}
    if args.index_dir is not None:
        search["index_dir"] = args.index_dir
    if args.precision is not None:
        search["query_precision"] = args.precision
    settings = settings.model_copy(update={"search": settings.search.model_copy(update=search)})
    catalogue = CatalogueService.load(settings.search.catalogue_path)
    started = time.perf_counter()
    base = SearchService.load(settings, catalogue=catalogue)
    print(f"loaded {base.size} procedures in {time.perf_counter() - started:.1f} s")
    report: dict[str, Any] = {"questions": {}, "ablation": {}}
    # Seed 0 is the index's own adapter; the others are trained (or read from the cache).
    seeded = [base] + [base.with_adapter_seed(settings, s) for s in range(1, args.adapter_seeds)]
    configs = {"full hybrid": _FULL} if args.no_ablation else dict(ABLATION)
    if not base.has_folded_copies:
        for name in _NEED_FOLDED:
            configs.pop(name, None)
    path = SETS[args.set_name]
    report["set"] = args.set_name
    if args.set_name == "fresh":
        splits: tuple[str, ...] = ("all",)
    else:
        splits = ("all", "dev", "heldout") if args.split in (None, "all") else (args.split,)
    for split in splits:
        questions = load_questions(path, split)
        report["questions"][split] = len(questions)
        rows = {}
        print(f"\n### {args.set_name} {split}: {len(questions)} questions × {len(FORMS)} forms\n")
        _print_header()
        for name, tuning in configs.items():
            found = ranks(base.with_tuning(tuning), questions)
            rows[name] = scores(found)
            _print_row(name, rows[name])
            if name == "full hybrid" and any("kind" in q for q in questions):
                report.setdefault("kinds", {})[split] = kinds = by_kind(questions, found)
                _print_kinds(kinds, questions)
        report["ablation"][split] = rows
        if args.adapter_seeds > 1:
            report.setdefault("adapter_seeds", {})[split] = _seed_rows(
                seeded, questions, args.adapter_seeds
            )
    if args.misses:
        if args.set_name == "fresh":
            parser.error("--misses lists the project set only: the fresh set is never tuned on")
        print(f"\nmisses ({args.misses}):")
        questions = load_questions(path, args.split or "all")
        print("\n".join(misses(base, questions, args.misses)))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
