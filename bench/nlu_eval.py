"""Held-out NLU evaluation: intent accuracy and macro-F1 per language form.

    .venv/bin/python bench/nlu_eval.py                    # train (or reuse) the model, evaluate
    .venv/bin/python bench/nlu_eval.py --json             # one JSON object
    .venv/bin/python bench/nlu_eval.py --errors           # also list every wrong example
    .venv/bin/python bench/nlu_eval.py --config alt.yml   # measure a pipeline change

Builds the training data exactly as `assistant train` does (generated unaccented
and chat-shorthand variants included) with `write_training_data`, trains an NLU-only
model with the given config (cached under var/rasa/nlu-eval/ by a hash of data +
config), serves it with `rasa run --enable-api` and sends every example of
tests/nlu/heldout.yml to POST /model/parse, one at a time (the median and p95 time
of a parse are printed). The predicted intent is what the bot acts on: a message
under the FallbackClassifier threshold counts as `nlu_fallback`, i.e. wrong;
`raw_accuracy` ignores the threshold. Macro-F1 averages over the intents of each
form; out-of-scope caught and in-scope kept (not turned away as out of scope) are
per form. Held-out examples that are near-duplicates of a training line are reported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.runtime.process import ManagedProcess
from assistant.runtime.training import (
    inputs_hash,
    rasa_environment,
    rasa_executable,
    write_training_data,
)
from assistant.settings import Settings, project_root
from assistant.text import fold_diacritics
from tests.support.ports import free_port

FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
_BLIND_MARK = "FROZEN BLIND EVALUATION SET"
# `[text](entity)` or `[text]{"entity": ..., "value": ...}` in Rasa's NLU format.
_ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<entity>[^)]+)\)|(?P<json>\{[^}]+\}))")
_WORDS = re.compile(r"\w+")
# Receipt codes are compared the way the dossier service reads them: case and
# separators do not matter ("h22.45 240105 0003" is H22.45-240105-0003).
_CODE_SEPARATORS = re.compile(r"[\s.\-_]+")
_NEAR_DUPLICATE_JACCARD = 0.8


@dataclass
class Example:
    text: str
    intent: str
    form: str
    split: str = "dev"
    entities: list[tuple[str, str]] = field(default_factory=list)
    predicted: str = ""
    raw_predicted: str = ""
    confidence: float = 0.0
    # The classifier's own ranking, before the fallback threshold: (intent, confidence).
    ranking: list[tuple[str, float]] = field(default_factory=list)
    predicted_entities: list[tuple[str, str]] = field(default_factory=list)


def entity_key(entity: str, value: str) -> tuple[str, str]:
    if entity == "dossier_code":
        return entity, _CODE_SEPARATORS.sub("", value).upper()
    return entity, value


def parse_annotated(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Plain text and (entity, value) pairs of one annotated NLU example."""
    entities: list[tuple[str, str]] = []

    def _replace(match: re.Match[str]) -> str:
        text = match["text"]
        if match["json"]:
            spec = json.loads(match["json"])
            entities.append((spec["entity"], str(spec.get("value", text))))
        else:
            entities.append((match["entity"], text))
        return text

    return _ANNOTATION.sub(_replace, line), entities


def _examples_of(block: dict[str, Any]) -> list[str]:
    lines = str(block.get("examples", "")).splitlines()
    return [line.strip()[2:].strip() for line in lines if line.strip().startswith("- ")]


def load_heldout(path: Path) -> list[Example]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = []
    for block in document["nlu"]:
        metadata = block.get("metadata") or {}
        form, split = metadata.get("form", "all"), metadata.get("split", "dev")
        for line in _examples_of(block):
            text, entities = parse_annotated(line)
            keys = [entity_key(*pair) for pair in entities]
            examples.append(Example(text, block["intent"], form, split, keys))
    return examples


def _training_texts(data_dir: Path) -> list[str]:
    texts = []
    for path in sorted(data_dir.rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu", []):
            if "intent" in block:
                texts += [parse_annotated(line)[0] for line in _examples_of(block)]
    return texts


def _key(text: str) -> frozenset[str]:
    return frozenset(_WORDS.findall(fold_diacritics(text)))


def near_duplicates(examples: list[Example], training: list[str]) -> list[tuple[str, str]]:
    """Held-out texts whose folded word set is (almost) that of a training line."""
    keys = [(_key(t), t) for t in training]
    found = []
    for example in examples:
        words = _key(example.text)
        for other, text in keys:
            union = len(words | other)
            if union and len(words & other) / union >= _NEAR_DUPLICATE_JACCARD:
                found.append((example.text, text))
                break
    return found


def _digest(root: Path, config: Path) -> str:
    data = f"{inputs_hash(root)}:{hashlib.sha256(config.read_bytes()).hexdigest()}"
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def ensure_nlu_model(
    settings: Settings, *, config: Path, force: bool, is_needed: bool = True
) -> tuple[Path, Path]:
    """The NLU model for the current data + ``config`` and its training data folder
    (trained only when missing, ``force``d, and ``is_needed``)."""
    root = project_root()
    digest = _digest(root, config)
    base = settings.data_dir / "rasa" / "nlu-eval"
    build, model = base / "build" / digest, base / "models" / f"nlu-{digest}.tar.gz"
    write_training_data(root, build)
    if not is_needed or (model.exists() and not force):
        return model, build / "data"
    command = [
        str(rasa_executable(settings)), "train", "nlu",
        "--config", str(config),
        "--nlu", str(build / "data"),
        "--out", str(model.parent),
        "--fixed-model-name", model.name.removesuffix(".tar.gz"),
    ]
    print(f"training NLU model {digest} (a few minutes)", file=sys.stderr)
    started = time.monotonic()
    # Rasa prints its progress on stdout: keep it off ours, which --json makes a JSON
    # object alone.
    result = subprocess.run(
        command, cwd=build, env=rasa_environment(settings), stdout=sys.stderr, check=False
    )
    if result.returncode != 0 or not model.exists():
        raise SystemExit(f"rasa train nlu failed with exit code {result.returncode}")
    print(f"trained in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return model, build / "data"


def _entities_of(reply: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted({entity_key(e["entity"], str(e["value"])) for e in reply.get("entities", [])})


def parse_all(settings: Settings, model: Path, examples: list[Example]) -> list[float]:
    """Serve ``model``, fill in each example's prediction, return each parse's time (ms)."""
    port = free_port()
    folder = model.parent.parent / "run"
    folder.mkdir(parents=True, exist_ok=True)
    process = ManagedProcess(
        "rasa",
        [str(rasa_executable(settings)), "run", "--enable-api", "--model", str(model),
         "--interface", "127.0.0.1", "--port", str(port)],
        cwd=folder, env=rasa_environment(settings), log_file=folder / "rasa.log",
    )
    url = f"http://127.0.0.1:{port}"
    process.start()
    try:
        process.wait_until(lambda: _has_model(url), timeout=300, what="serving the model")
        timings = []
        with httpx.Client(base_url=url, timeout=30) as client:
            for example in examples:
                started = time.perf_counter()
                reply = client.post("/model/parse", json={"text": example.text}).json()
                timings.append((time.perf_counter() - started) * 1000)
                ranking = [r for r in reply.get("intent_ranking", []) if r["name"] != FALLBACK]
                example.predicted = reply["intent"]["name"]
                example.confidence = float(reply["intent"].get("confidence") or 0.0)
                example.raw_predicted = ranking[0]["name"] if ranking else example.predicted
                example.ranking = [(r["name"], float(r["confidence"])) for r in ranking[:2]]
                example.predicted_entities = _entities_of(reply)
    finally:
        process.stop()
    return timings


def _has_model(url: str) -> bool:
    try:
        response = httpx.get(f"{url}/status", timeout=2.0)
        return response.status_code == 200 and bool(response.json().get("model_file"))
    except (httpx.HTTPError, ValueError):
        return False


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    scores = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def entity_scores(examples: list[Example]) -> dict[str, dict[str, float]]:
    """Precision/recall of (entity, normalised value) per entity type."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for example in examples:
        gold, predicted = set(example.entities), set(example.predicted_entities)
        for pair in gold:
            counts[pair[0]]["gold"] += 1
            counts[pair[0]]["tp"] += pair in predicted
        for pair in predicted:
            counts[pair[0]]["predicted"] += 1
    return {
        entity: {
            "precision": round(c["tp"] / c["predicted"], 3) if c["predicted"] else 0.0,
            "recall": round(c["tp"] / c["gold"], 3) if c["gold"] else 0.0,
            "gold": c["gold"],
            "predicted": c["predicted"],
        }
        for entity, c in sorted(counts.items())
    }


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def _scores(subset: list[Example]) -> dict[str, Any]:
    gold = [e.intent for e in subset]
    out_of_scope = [e for e in subset if e.intent == OUT_OF_SCOPE]
    in_scope = [e for e in subset if e.intent != OUT_OF_SCOPE]
    return {
        "examples": len(subset),
        "accuracy": round(sum(e.predicted == e.intent for e in subset) / len(subset), 4),
        "macro_f1": round(macro_f1(gold, [e.predicted for e in subset]), 4),
        "raw_accuracy": round(sum(e.raw_predicted == e.intent for e in subset) / len(subset), 4),
        "fallback": sum(e.predicted == FALLBACK for e in subset),
        # What the targets count: out-of-scope messages declined, and in-scope
        # messages (any other intent) not turned away as out of scope.
        "out_of_scope_caught": _share(
            sum(e.predicted == OUT_OF_SCOPE for e in out_of_scope), len(out_of_scope)
        ),
        "in_scope_kept": _share(sum(e.predicted != OUT_OF_SCOPE for e in in_scope), len(in_scope)),
    }


def predicted_at(example: Example, threshold: float, ambiguity: float) -> str:
    """What a FallbackClassifier with these settings would have let through."""
    if not example.ranking:
        return example.predicted
    (top, first), second = example.ranking[0], (example.ranking[1:] or [("", 0.0)])[0][1]
    return FALLBACK if first < threshold or first - second < ambiguity else top


def threshold_table(
    examples: list[Example], thresholds: list[float], ambiguity: float
) -> dict[str, dict[str, float]]:
    """Accuracy per form for other fallback thresholds, from the same parses."""
    forms = list(dict.fromkeys(e.form for e in examples))
    return {
        f"{threshold:.2f}": {
            form: round(
                sum(predicted_at(e, threshold, ambiguity) == e.intent for e in subset)
                / len(subset), 4,
            )
            for form in forms
            if (subset := [e for e in examples if e.form == form])
        }
        for threshold in thresholds
    }


def per_intent(examples: list[Example]) -> dict[str, dict[str, float | int]]:
    """Accuracy of each gold intent in each form."""
    table: dict[str, dict[str, float | int]] = {}
    for intent in sorted({e.intent for e in examples}):
        of_intent = [e for e in examples if e.intent == intent]
        row: dict[str, float | int] = {"examples": len(of_intent)}
        for form in dict.fromkeys(e.form for e in examples):
            subset = [e for e in of_intent if e.form == form]
            if subset:
                row[form] = round(sum(e.predicted == intent for e in subset) / len(subset), 3)
        table[intent] = row
    return table


def summarise(examples: list[Example], *, top: int) -> dict[str, Any]:
    forms = {
        form: _scores([e for e in examples if e.form == form])
        for form in dict.fromkeys(e.form for e in examples)
    }
    splits = {
        f"{form}/{split}": _scores([e for e in examples if (e.form, e.split) == (form, split)])
        for form, split in dict.fromkeys((e.form, e.split) for e in examples)
    }
    confusions = Counter(
        (e.intent, e.predicted) for e in examples if e.predicted != e.intent
    ).most_common(top)
    return {
        "forms": forms,
        "splits": splits,
        "confusions": [{"gold": g, "predicted": p, "count": n} for (g, p), n in confusions],
        "intents": per_intent(examples),
        "entities": entity_scores(examples),
    }


def _cell(value: float | int | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_report(report: dict[str, Any], errors: list[Example] | None) -> None:
    print(f"model {report['model']}")
    timing = report["parse_ms"]
    print(f"POST /model/parse: p50 {timing['p50']} ms, p95 {timing['p95']} ms")
    print(f"{'form':<14} {'n':>4} {'accuracy':>9} {'macro_f1':>9} {'raw_acc':>8} {'fallback':>9}"
          f" {'oos_caught':>11} {'in_kept':>8}")
    for form, row in [*report["forms"].items(), *report["splits"].items()]:
        print(
            f"{form:<14} {row['examples']:>4} {row['accuracy']:>9.3f} {row['macro_f1']:>9.3f}"
            f" {row['raw_accuracy']:>8.3f} {row['fallback']:>9}"
            f" {_cell(row['out_of_scope_caught']):>11} {_cell(row['in_scope_kept']):>8}"
        )
    forms = list(report["forms"])
    print("accuracy per intent:  " + "  ".join(f"{form:>8}" for form in forms))
    for intent, row in report["intents"].items():
        cells = "  ".join(f"{_cell(row.get(form)):>8}" for form in forms)
        print(f"  {intent:<26} {cells}  (n={row['examples']})")
    if report.get("thresholds"):
        print(f"accuracy at other fallback thresholds (ambiguity {report['ambiguity']}):")
        for threshold, row in report["thresholds"].items():
            print(f"  {threshold}  " + "  ".join(f"{f} {a:.3f}" for f, a in row.items()))
    print("top confusions (gold -> predicted):")
    for row in report["confusions"]:
        print(f"  {row['count']:>3}  {row['gold']} -> {row['predicted']}")
    print("entities (entity, value):")
    for entity, row in report["entities"].items():
        print(f"  {entity:<15} precision {row['precision']:.3f}  recall {row['recall']:.3f}"
              f"  (gold {row['gold']}, predicted {row['predicted']})")
    print(f"near-duplicates of training lines: {report['near_duplicate_count']}")
    for held, train in report["near_duplicates"]:
        print(f"  {held!r} ~ {train!r}")
    for example in errors or []:
        print(f"  [{example.form}] {example.text!r}: {example.intent} -> {example.predicted}"
              f" ({example.confidence:.2f}) entities {example.entities} ->"
              f" {example.predicted_entities}")


def main() -> None:
    root = project_root()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", type=Path, default=root / "tests" / "nlu" / "heldout.yml")
    parser.add_argument("--config", type=Path, default=root / "config.yml")
    parser.add_argument("--model", type=Path, help="evaluate this model instead of training")
    parser.add_argument("--retrain", action="store_true", help="train even if cached")
    parser.add_argument("--top", type=int, default=10, help="confusion pairs to show")
    parser.add_argument(
        "--errors", action="store_true", help="list examples with a wrong intent or entities"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--thresholds", type=float, nargs="*", default=[],
        help="also score these FallbackClassifier thresholds (no retraining needed)",
    )
    parser.add_argument(
        "--ambiguity", type=float, default=0.1,
        help="the FallbackClassifier's ambiguity_threshold for --thresholds",
    )
    args = parser.parse_args()

    # The frozen blind set is for aggregate numbers only: its examples and errors are
    # never read, so that nothing is tuned to it (README, "Search quality").
    is_blind = _BLIND_MARK in args.heldout.read_text(encoding="utf-8")[:200]
    if args.errors and is_blind:
        parser.error(f"--errors is refused for the frozen blind set {args.heldout}")
    settings = Settings()
    examples = load_heldout(args.heldout)
    model, data = ensure_nlu_model(
        settings, config=args.config.resolve(), force=args.retrain, is_needed=args.model is None
    )
    model = (args.model or model).resolve()
    timings = sorted(parse_all(settings, model, examples))
    report = {"model": str(model), "config": str(args.config), **summarise(examples, top=args.top)}
    report["parse_ms"] = {
        "p50": round(timings[len(timings) // 2], 1),
        "p95": round(timings[int(len(timings) * 0.95)], 1),
    }
    duplicates = near_duplicates(examples, _training_texts(data))
    report["near_duplicate_count"] = len(duplicates)
    # Only how many for the frozen set: listing them would show its examples.
    report["near_duplicates"] = [] if is_blind else duplicates
    report["ambiguity"] = args.ambiguity
    report["thresholds"] = threshold_table(examples, args.thresholds, args.ambiguity)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        wrong = [
            e for e in examples
            if e.predicted != e.intent or set(e.entities) != set(e.predicted_entities)
        ] if args.errors else None
        _print_report(report, wrong)


if __name__ == "__main__":
    main()
