"""A linear map on query vectors that brings everyday questions closer to the titles they
mean, learnt from pairs built from the catalogue itself.

e5-small places "làm giấy phép lái xe ở đâu" near every title about driving licences, and
near-duplicate variants (another level, "cấp lại", "cấp đổi") about as near as the plain
procedure. A 384 × 384 matrix applied to the query vector (passages untouched, so the
passage index and its cache stay as they are) is trained so that each generated question
ranks its own procedure first among all of them: the near-duplicates are the hardest
negatives of that softmax. Questions are generated systematically for every procedure:
its title stripped of officialese and put in everyday question templates, the same with an
everyday word from the alias table in place of the official one, typed without
diacritics, and asked in English through the title's English gloss (query/title_terms.py).
Each goes through the same analysis as a real question (accent restoration, alias and
glossary expansions) before encoding, so the map learns the input it will see.

Measured on the development questions (bench/search_quality.py --split dev, ablation row
"full − query adapter"): R@1 +.065 vi, +.042 unaccented, +.024 English, MRR +.017 to
+.038, R@5 −.004 to −.010. Training is a build step of the index: its inputs are hashed
and the matrix is cached under ``<cache_dir>/query-adapters/`` (the questions' vectors
under ``<cache_dir>/questions/``), so it is retrained only when the catalogue, the
vocabulary or the model changes; about 150 s of CPU from cold on 11,000 questions (the
encoding: training itself takes seconds).

More questions did not help (same run, dev and held-out): two more English templates per
gloss (3,800 questions), questions naming a title's specific result document (1,600), a
second unaccented form, or eight epochs each left R@1 / R@5 equal or lower; so did a
matrix of its own for English questions (dev English R@1 .748 → .729). Fine-tuning e5's
top four layers on the same questions instead (passages fixed, same loss, one epoch,
5 minutes) stayed below the matrix on dev (vi R@1 .771 against .799) and matched it on
held-out: the generated questions, not the map's capacity, are the limit. Nor did
templated situations for each variant title ("tôi bị mất {paper} thì làm sao" for "Cấp
lại …"; dev vi R@1 .799 → .776), or the project's own development questions as extra
pairs (once or three times: held-out equal or lower, English R@1 .577 → .558 at three).

It also learns from everyday questions written for the 1,062 procedures people apply for
themselves at a local level (``data/everyday_questions.jsonl``: the need in everyday
words, a situation that leads to it, an English question; written from each title,
applicants and result, blind to every evaluation set): means of 3 seeds, dev R@1 vi
.793 → .799, unaccented .788 → .799, English .740 → .738; held-out MRR .809 → .818,
.824 → .820, .676 → .693 — a point at most, so better questions alone are not the lever
either. The English questions from the title terms' wider glosses (1,892 → 2,349 titles)
stayed within the seed spread too, as did making them only from glosses of key words.

Compare variants over several training seeds (``bench/search_quality.py --adapter-seeds
3``): the order of the batches alone moves dev R@1 by up to .014 and the 52 held-out
English questions by up to .06 (seeds 0–2, 2026-12-05), as much as most changes above;
averaging the matrices of 3 or 5 seeds was no better than one.
"""

import hashlib
import logging
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.text import fold_diacritics

__all__ = ["ADAPTER_FILE", "adapted", "ensure_adapter", "training_questions"]

log = logging.getLogger(__name__)

ADAPTER_VERSION = 1  # bump when the questions or the training change
ADAPTER_FILE = "query_adapter.npy"

_VIETNAMESE_TEMPLATES = (
    "{c}",
    "làm {c} ở đâu",
    "thủ tục {c} cần giấy tờ gì",
    "{c} cần những gì",
    "muốn {c} thì làm thế nào",
    "hồ sơ {c} gồm những gì",
    "{c} mất bao lâu",
    "lệ phí {c} là bao nhiêu",
    "tôi cần {c}",
    "hướng dẫn {c}",
)
_ENGLISH_TEMPLATES = ("{g}", "how do I {g}", "where can I {g}", "what do I need to {g}")
_OPENING = re.compile(r"^\s*thủ tục\s+", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)")
# Training (measured on the development questions): the pull towards the identity keeps
# what e5 already knows (R@5 held; 0.01 moved further and lost R@5), the temperature is
# e5's own contrastive one.
_TO_IDENTITY = 0.1
_TEMPERATURE = 0.05
_EPOCHS = 4
_BATCH = 256
_LEARNING_RATE = 1e-3


def training_questions(
    titles: Sequence[str],
    *,
    aliases: Sequence[tuple[str, str]],
    gloss: Callable[[str], str | None],
    written: Sequence[tuple[str, str, int]] = (),
) -> list[tuple[str, int]]:
    """``(question, position)`` pairs: for each title (at its position), two everyday
    Vietnamese questions, one without diacritics, one with an alias's everyday word in
    place of its official wording (when the title contains one), one in English (when the
    title has a gloss). Templates are picked by a hash of the title, so the pairs are
    the same at every build. Then the ``written`` questions ``(language, question,
    position)``, the Vietnamese ones also without diacritics."""
    everyday = [(t, e.lower()) for t, e in aliases if len(e) > 3 and not t.isascii()]
    pairs: list[tuple[str, int]] = []
    for position, title in enumerate(titles):
        core = _core(title)
        low = core.lower()
        for template in _picked(_VIETNAMESE_TEMPLATES, title + "vi", 2):
            pairs.append((template.format(c=core), position))
        folded = _picked(_VIETNAMESE_TEMPLATES, title + "plain", 1)[0]
        pairs.append((fold_diacritics(folded.format(c=core)), position))
        for term, official in everyday:
            if official in low:
                template = _picked(_VIETNAMESE_TEMPLATES, title + term, 1)[0]
                pairs.append((template.format(c=low.replace(official, term, 1)), position))
                break
        english = gloss(title)
        if english:
            template = _picked(_ENGLISH_TEMPLATES, title + "en", 1)[0]
            pairs.append((template.format(g=english[:1].lower() + english[1:]), position))
    for language, question, position in written:
        pairs.append((question, position))
        if language == "vi":
            pairs.append((fold_diacritics(question), position))
    return pairs


def ensure_adapter(
    *,
    cache_dir: Path,
    model_name: str,
    questions: Sequence[tuple[str, int]],
    passages: np.ndarray,
    encode: Callable[[list[str]], np.ndarray],
    seed: int = 0,
) -> np.ndarray:
    """The trained matrix for ``questions`` (analysed texts, target rows of
    ``passages``), from the cache when these inputs were trained before; ``seed`` orders
    the batches (the index uses 0; benchmarks compare several)."""
    digest = hashlib.sha256(f"{ADAPTER_VERSION}\n{model_name}\n".encode())
    if seed:
        digest.update(f"seed {seed}\n".encode())
    for text, position in questions:
        digest.update(f"{position}\t{text}\n".encode())
    digest.update(np.ascontiguousarray(passages, dtype=np.float32).tobytes())
    path = cache_dir / "query-adapters" / f"{model_name}-{digest.hexdigest()[:16]}.npy"
    if path.is_file():
        return np.load(path)
    started = time.perf_counter()
    vectors = encode([text for text, _ in questions])
    targets = np.array([position for _, position in questions], dtype=np.int64)
    matrix = _train(vectors, targets, passages, seed=seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp.npy")
    np.save(scratch, matrix)
    scratch.replace(path)
    log.info(
        "trained the query adapter on %d questions in %.1f s",
        len(questions),
        time.perf_counter() - started,
    )
    return matrix


def adapted(vector: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """``vector`` mapped by ``matrix`` and normalised again (float32)."""
    mapped = vector @ matrix
    norm = float(np.linalg.norm(mapped))
    return np.ascontiguousarray(mapped / norm if norm else mapped, dtype=np.float32)


def _train(
    vectors: np.ndarray, targets: np.ndarray, passages: np.ndarray, *, seed: int
) -> np.ndarray:
    """Softmax over all passages (cosine / temperature) with the question's own row as
    the answer, plus a pull of the matrix towards the identity."""
    import torch  # at build time only: the search process never imports torch

    generator = torch.Generator().manual_seed(seed)
    queries = torch.from_numpy(np.asarray(vectors, dtype=np.float32))
    rows = torch.from_numpy(np.asarray(passages, dtype=np.float32))
    answers = torch.from_numpy(targets)
    identity = torch.eye(queries.shape[1])
    matrix = torch.nn.Parameter(identity.clone())
    optimiser = torch.optim.Adam([matrix], lr=_LEARNING_RATE)
    for _ in range(_EPOCHS):
        order = torch.randperm(len(queries), generator=generator)
        for start in range(0, len(order), _BATCH):
            batch = order[start : start + _BATCH]
            mapped = torch.nn.functional.normalize(queries[batch] @ matrix, dim=1)
            loss = (
                torch.nn.functional.cross_entropy(mapped @ rows.T / _TEMPERATURE, answers[batch])
                + _TO_IDENTITY * ((matrix - identity) ** 2).sum()
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return matrix.detach().numpy().astype(np.float32)


def _core(title: str) -> str:
    """The title as a citizen would say it: no "Thủ tục" opening, no bracketed level or
    legal reference, no closing full stop."""
    text = " ".join(_OPENING.sub("", _BRACKETS.sub(" ", title)).split()).strip(" .")
    return text[:1].lower() + text[1:]


def _picked(options: Sequence[str], key: str, count: int) -> list[str]:
    seed = int.from_bytes(hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).digest()[:8])
    return [options[(seed + 7 * i) % len(options)] for i in range(count)]
