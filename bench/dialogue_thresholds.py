"""Where the conversation's search thresholds come from (``ASSISTANT_DIALOGUE__*``).

- ``clear_winner_margin``: the assistant answers a need directly (no choice buttons)
  when the best match's fused score leads the next by this margin. The table shows,
  per margin, how many of the labelled questions would be answered directly and how
  often that direct answer is right; the suggestion is the smallest margin whose
  direct answers are right at least ``--precision`` of the time.
- ``min_similarity``: below this cosine between the question and the best match the
  assistant says it found nothing (and offers the human route). The table shows how
  many labelled questions (per language form) and how many messages that are not
  needs (greetings, small talk, out-of-scope lines from nlu_data/ and the held-out
  NLU set) fall below each value; the suggestion keeps at least ``--recall`` of the
  questions of every form.
- ``need_similarity``: a message NLU could not place is searched as a need when its
  best match reaches this cosine; the suggestion turns away at least ``--rejected``
  of the messages that are not needs.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/dialogue_thresholds.py
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.catalogue.service import CatalogueService  # noqa: E402
from assistant.search import SearchService  # noqa: E402
from assistant.settings import Settings  # noqa: E402

FORMS = ("vi", "vi_plain", "en")
NOT_NEEDS = {"out_of_scope", "greet", "goodbye", "thank", "bot_challenge", "help"}
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def not_need_texts() -> list[str]:
    """Messages that are not procedure needs, from the training and held-out NLU data."""
    files = [*sorted((ROOT / "nlu_data" / "nlu").glob("*.yml")), ROOT / "tests/nlu/heldout.yml"]
    texts: list[str] = []
    for path in files:
        for block in yaml.safe_load(path.read_text("utf-8")).get("nlu", []):
            if block.get("intent") in NOT_NEEDS:
                texts += [
                    _ANNOTATION.sub(r"\1", line[2:].strip())
                    for line in block["examples"].splitlines()
                    if line.strip().startswith("- ")
                ]
    return sorted(set(texts))


def measure(service: SearchService) -> dict[str, Any]:
    questions = [
        json.loads(line)
        for line in (ROOT / "bench/data/search_questions.jsonl").read_text("utf-8").splitlines()
        if line
    ]
    needs = []
    for q in questions:
        for form in FORMS:
            hits = service.search(q[form], k=5)
            codes = set(q["codes"])
            top = hits[0]
            needs.append({
                "form": form,
                "margin": top.score - hits[1].score if len(hits) > 1 else 1.0,
                "similarity": top.similarity,
                "is_right": top.code in codes or bool(codes & set(top.variants)),
            })
    others = [service.search(text, k=1)[0].similarity for text in not_need_texts()]
    return {"needs": needs, "not_needs": others}


def report(
    data: dict[str, Any], *, precision: float, recall: float, rejected: float
) -> dict[str, float]:
    needs, others = data["needs"], np.array(data["not_needs"])
    print(f"{len(needs)} labelled questions, {len(others)} messages that are not needs\n")
    print("margin  answered directly  right when direct")
    suggested_margin = None
    for margin in (0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        direct = [n for n in needs if n["margin"] >= margin]
        right = np.mean([n["is_right"] for n in direct]) if direct else float("nan")
        print(f"{margin:6.2f}  {len(direct) / len(needs):17.3f}  {right:17.3f}")
        if suggested_margin is None and direct and right >= precision:
            suggested_margin = margin
    print("\nsimilarity  " + "  ".join(f"{f:>8}" for f in FORMS) + "  not-needs  (share below)")
    suggested_similarity = 0.0
    suggested_need = None
    for value in np.arange(0.76, 0.885, 0.01):
        below = [
            np.mean([n["similarity"] < value for n in needs if n["form"] == form])
            for form in FORMS
        ]
        print(f"{value:10.2f}  " + "  ".join(f"{b:8.3f}" for b in below)
              + f"  {np.mean(others < value):9.3f}")
        if max(below) <= 1 - recall:
            suggested_similarity = float(value)
        if suggested_need is None and np.mean(others < value) >= rejected:
            suggested_need = float(value)
    suggestion = {
        "clear_winner_margin": suggested_margin if suggested_margin is not None else 1.0,
        "min_similarity": round(suggested_similarity, 2),
        "need_similarity": round(suggested_need or 0.88, 2),
    }
    print("\nsuggested:", json.dumps(suggestion))
    return suggestion


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.9)
    parser.add_argument("--recall", type=float, default=0.98)
    parser.add_argument("--rejected", type=float, default=0.8)
    args = parser.parse_args()
    settings = Settings()
    catalogue = CatalogueService.load(settings.search.catalogue_path)
    service = SearchService.load(settings, catalogue=catalogue)
    report(
        measure(service), precision=args.precision, recall=args.recall,
        rejected=args.rejected,
    )


if __name__ == "__main__":
    main()
