"""Share of profile samples per module, from a py-spy ``--format raw`` file.

A sample counts once for every module on its stack (so shares overlap), as in
``docs``-style profile summaries: "62 % of samples in jsonschema".

    .venv/bin/python bench/profile_shares.py rasa.txt [--depth 2] [--top 25]
"""

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"\((?P<file>[^():]+\.py)(?::\d+)?\)")


def module_of(path: str, depth: int) -> str:
    """``rasa/core/tracker_store.py`` → ``rasa.core`` (depth 2); py-spy writes paths
    relative to ``sys.path`` and absolute ones for scripts."""
    for marker in ("site-packages/", "/lib/python3.10/", "/lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    parts = path.removesuffix(".py").strip("/").split("/")
    return ".".join(parts[:depth])


def shares(raw: str, depth: int) -> tuple[int, Counter[str]]:
    total, counts = 0, Counter[str]()
    for line in raw.splitlines():
        stack, _, number = line.rpartition(" ")
        if not stack or not number.isdigit():
            continue
        samples = int(number)
        total += samples
        for module in {module_of(m.group("file"), depth) for m in _FRAME.finditer(stack)}:
            counts[module] += samples
    return total, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    total, counts = shares(args.raw.read_text(errors="replace"), args.depth)
    print(f"{total} samples")
    for module, samples in counts.most_common(args.top):
        print(f"{100 * samples / total:5.1f} %  {module}")


if __name__ == "__main__":
    main()
