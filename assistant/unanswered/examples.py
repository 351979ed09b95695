"""Training examples staff add from the console, kept in one NLU file of their own."""

from pathlib import Path
from typing import Any

import yaml

__all__ = ["EXAMPLES_FILE", "add_example", "known_intents"]

EXAMPLES_FILE = Path("nlu") / "console.yml"  # under nlu_data/
_HEADER = (
    'version: "3.1"\n\n'
    "# Examples added by staff in the console (/staff/unanswered); reviewed like any\n"
    "# other training data. The unaccented variants are generated at training time.\n"
)


def known_intents(nlu_root: Path) -> list[str]:
    """The intents of the domain, sorted."""
    names: set[str] = set()
    for path in sorted((nlu_root / "domain").glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for intent in document.get("intents") or []:
            names.add(next(iter(intent)) if isinstance(intent, dict) else str(intent))
    return sorted(names)


def add_example(nlu_root: Path, *, intent: str, text: str) -> bool:
    """Append ``text`` to ``intent`` in the console's file; False when already there."""
    path = nlu_root / EXAMPLES_FILE
    document: dict[str, Any] = {"nlu": []}
    if path.exists():
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {"nlu": []}
    blocks = document.setdefault("nlu", [])
    block = next((b for b in blocks if b.get("intent") == intent), None)
    if block is None:
        block = {"intent": intent, "examples": ""}
        blocks.append(block)
    lines = [line for line in str(block["examples"]).splitlines() if line.strip()]
    entry = f"- {' '.join(text.split())}"
    if entry in lines:
        return False
    block["examples"] = "\n".join([*lines, entry]) + "\n"
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_HEADER + body, encoding="utf-8")
    return True
