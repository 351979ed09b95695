"""Export the bundled e5 folder to ONNX once, for ONNX Runtime.

The graph takes ``input_ids`` and ``attention_mask`` (int64, batch × tokens) and returns
the mean-pooled, L2-normalised sentence vectors (batch × dimension): the model's whole
Transformer → Pooling(mean) → Normalize pipeline. ONNX Runtime encodes one query in
0.43–0.48× of torch's time on this kind of machine, with the same vectors (cosine
≥ 0.99999 on 798 questions; bench/search_speed.py --compare).

A second graph, ``query-int8.onnx``, has its matrix products quantised to 8 bits
(weights per output channel, activations per call) for queries: a query is one short
sequence, and int8 encodes it in 0.57× of float32's time (bench/search_speed.py
--compare). Passages keep the float32 graph. The weights are stored with
``reduce_range`` (7 bits): on AVX2 without VNNI, 8-bit products saturate their 16-bit
sums (cosine to float32 ≥ 0.990 with 8 bits, ≥ 0.994 with 7, on 798 questions). ONNX
Runtime's BERT operator fusion is not used: it saved 3 % of a query's time, but a fused
session held 320–336 MB resident after 50 queries (with or without the fused embedding
operator) against 156 MB unfused.

The export is a cached build step like the e5 folder: ``<model folder>-onnx-<12 hex>``
beside the model, keyed by the model folder (name and files), this exporter's version and
the torch, onnx and onnxruntime versions. It is written into a temporary sibling, checked
against torch on a few texts, then renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any

from assistant.search.embedding.e5_weights import ModelBuildError
from assistant.search.embedding.folders import building_folder

__all__ = [
    "EXPORT_INFO",
    "EXPORT_VERSION",
    "ONNX_DATA",
    "ONNX_FILE",
    "QUERY_INT8_FILE",
    "TOKENIZER",
    "ensure_onnx_model",
    "onnx_folder",
    "pad_id",
]

log = logging.getLogger(__name__)

# Bump whenever the exported graph changes, so cached exports are redone.
EXPORT_VERSION = 3
ONNX_FILE = "model.onnx"
ONNX_DATA = "model.onnx.data"  # the weights, next to the graph
QUERY_INT8_FILE = "query-int8.onnx"  # its weights are in "query-int8.onnx.data"
EXPORT_INFO = "export_info.json"
TOKENIZER = "tokenizer.json"
_OPSET = 17
_MIN_COSINE = 0.9999  # export vs torch; measured ≥ 0.99999 on 798 questions
_MIN_INT8_COSINE = 0.98  # quantised vs torch; measured ≥ 0.994 on 798 questions
_CHECK_TEXTS = (
    "query: làm lại giấy phép lái xe bị mất ở đâu",
    "passage: Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam (Hộ tịch)",
    "query: how do I register a household business",
)


def onnx_folder(model_dir: Path) -> Path:
    """Where the export of ``model_dir`` lives (whether or not it exists yet)."""
    # The files' sizes and times too: a folder other than the bundled (content-addressed)
    # one may be replaced in place.
    files = sorted(
        f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
        for p in model_dir.iterdir()
        if p.is_file()
    )
    versions = [
        str(EXPORT_VERSION),
        *(_version(p) for p in ("torch", "onnx", "onnxruntime")),  # exporter, quantiser
        str(_OPSET),
    ]
    text = "\n".join([*versions, model_dir.name, *files])
    key = hashlib.sha256(text.encode()).hexdigest()[:12]
    return model_dir.parent / f"{model_dir.name}-onnx-{key}"


def ensure_onnx_model(model_dir: Path) -> Path:
    """The export folder of ``model_dir`` (``model.onnx`` + ``tokenizer.json``), exporting
    it when missing. Raises ``ModelBuildError`` when the model is not a mean-pooled,
    normalised sentence-transformers folder or the export does not reproduce torch."""
    target = onnx_folder(model_dir)
    if (target / EXPORT_INFO).is_file():
        return target
    _check_pipeline(model_dir)
    started = time.perf_counter()
    with building_folder(target, marker=EXPORT_INFO) as scratch:
        cosine, int8_cosine = _export(model_dir, scratch)
        shutil.copy2(model_dir / TOKENIZER, scratch / TOKENIZER)
        shutil.copy2(model_dir / "config.json", scratch / "config.json")
        info = {
            "source": model_dir.name,
            "export_version": EXPORT_VERSION,
            "opset": _OPSET,
            "torch": _version("torch"),
            "onnx": _version("onnx"),
            "onnxruntime": _version("onnxruntime"),
            "min_cosine_to_torch": cosine,
            "int8_min_cosine_to_torch": int8_cosine,
        }
        (scratch / EXPORT_INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    log.info("exported %s to ONNX in %.1f s", model_dir.name, time.perf_counter() - started)
    return target


def _check_pipeline(model_dir: Path) -> None:
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        pooling = json.loads(
            (model_dir / modules[1]["path"] / "config.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise ModelBuildError(f"{model_dir} is not a sentence-transformers folder") from exc
    # The graph pools every token, the prompt's too (include_prompt), as e5 does.
    is_mean = pooling.get("pooling_mode_mean_tokens") and pooling.get("include_prompt", True)
    if kinds != ["Transformer", "Pooling", "Normalize"] or not is_mean:
        raise ModelBuildError(
            f"{model_dir}: only Transformer → mean Pooling → Normalize models are exported"
        )


def _export(model_dir: Path, folder: Path) -> tuple[float, float]:
    """Write both graphs into ``folder``; return the lowest cosine of each to torch on
    the check texts."""
    try:
        import onnx  # noqa: F401  (torch's exporter needs it)
        import torch
        from transformers import AutoModel
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelBuildError("exporting to ONNX needs torch, transformers and onnx") from exc

    bert = AutoModel.from_pretrained(
        str(model_dir), add_pooling_layer=False, attn_implementation="eager"
    ).eval()
    pooled = _mean_pooled(torch, bert)
    ids, mask = _check_batch(model_dir)
    # The reference comes first: the module gives other numbers after it was traced.
    with torch.inference_mode():
        reference = pooled(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    sample = torch.ones((2, 8), dtype=torch.long)
    # Tracing follows one path through transformers' mask code; with a mask of all ones it
    # drops the mask altogether and padded batches come out wrong, so the sample is padded.
    sample_mask = sample.clone()
    sample_mask[1, 5:] = 0
    axes = {0: "batch", 1: "tokens"}
    # The TorchScript exporter handles a plain BERT in ~15 s with no extra packages (the
    # dynamo one needs onnxscript); its deprecation and tracer warnings are expected here.
    traced = folder / "traced.onnx"
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            pooled,
            (sample, sample_mask),
            str(traced),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"}},
            opset_version=_OPSET,
            dynamo=False,
        )
    _save_with_external_weights(traced, folder)
    cosine = _verify(folder / ONNX_FILE, ids, mask, reference, minimum=_MIN_COSINE)
    _quantise(folder)
    int8_cosine = _verify(folder / QUERY_INT8_FILE, ids, mask, reference, minimum=_MIN_INT8_COSINE)
    return cosine, int8_cosine


def _save_with_external_weights(traced: Path, folder: Path) -> None:
    """Move the weights out of the graph file: ONNX Runtime maps such a file instead of
    copying it, so only the embedding rows of tokens actually seen become resident (session
    RSS 95 MB instead of 466 MB, shared between processes)."""
    import onnx

    model = onnx.load(str(traced))
    traced.unlink()
    onnx.save_model(
        model,
        str(folder / ONNX_FILE),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=ONNX_DATA,
        size_threshold=1024,
    )
    _readable(folder, ONNX_FILE, ONNX_DATA)


def _quantise(folder: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The quantiser logs generic advice (a pre-processing pass) on the root logger at every
    # call; the result is checked against torch instead.
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(
            folder / ONNX_FILE,
            folder / QUERY_INT8_FILE,
            op_types_to_quantize=["MatMul"],
            per_channel=True,
            reduce_range=True,
            weight_type=QuantType.QInt8,
            use_external_data_format=True,  # mapped, as the float32 graph's
        )
    finally:
        root.setLevel(level)
    _readable(folder, QUERY_INT8_FILE, f"{QUERY_INT8_FILE}.data")


def _readable(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).chmod(0o644)  # onnx creates the data file owner-only


def _check_batch(model_dir: Path) -> tuple[Any, Any]:
    """Token ids and mask of the check texts, padded (their lengths differ)."""
    import numpy as np
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER))
    tokenizer.enable_padding(pad_id=pad_id(model_dir))
    batch = tokenizer.encode_batch(list(_CHECK_TEXTS))
    ids = np.array([e.ids for e in batch], dtype=np.int64)
    mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
    return ids, mask


def _verify(onnx_file: Path, ids: Any, mask: Any, reference: Any, *, minimum: float) -> float:
    import numpy as np
    import onnxruntime

    session = onnxruntime.InferenceSession(str(onnx_file), providers=["CPUExecutionProvider"])
    exported = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    cosine = float(np.min(np.sum(exported * reference, axis=1)))
    if cosine < minimum:
        raise ModelBuildError(
            f"{onnx_file.name} differs from torch (cosine {cosine:.6f} < {minimum})"
        )
    return round(cosine, 6)


def _mean_pooled(torch: Any, bert: Any) -> Any:
    """``bert`` followed by masked mean pooling and L2 normalisation, as one module."""

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    return MeanPooled()


def pad_id(model_dir: Path) -> int:
    """The padding token id of a Hugging Face model folder (from its ``config.json``)."""
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    return int(config.get("pad_token_id") or 0)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"
