"""TensorFlow 2's Python API on xtape, for Pyodide: `import tensorflow as tf` runs the TF2 tutorial
as written, on xtape's WebAssembly core, through its JavaScript API (registered by the host as the
module `xtape_js`). The package follows TF's own layout: framework/ (dtypes, shapes, tensors, the
bridge to the core), eager/ (the tape), ops/ (the op table's functions, variables, operators,
random), keras/, errors. Every op comes from xtape's op table: nothing here lists ops by hand.
What is not provided is an AttributeError naming it (Python suggests the nearest name:
tf.Varible -> Variable)."""

# ruff: noqa: F401  (the public namespace: everything imported here is re-exported)
from . import config, data, errors, saved_model, summary
from . import training as train
from .config import device
from .eager.backprop import GradientTape, UnconnectedGradients
from .eager.def_function import TensorSpec, function
from .framework.constant_op import constant
from .framework.dtypes import (  # noqa: A004
    DType,
    as_dtype,
    bfloat16,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from .framework.tensor import Tensor, convert_to_tensor, register_tensor_conversion_function
from .framework.tensor_shape import TensorShape
from .module.module import Module, name_scope
from .ops import array_ops as _array_ops
from .ops import clip_ops as _clip_ops
from .ops import composite_ops as _composite_ops  # noqa: F401  (tf.tile, tf.pad, tf.nn.gelu, ...)
from .ops import gen_ops as _gen_ops  # tf.add, tf.math.*, tf.nn.*, ... from the op table
from .ops import image_ops as _image_ops  # noqa: F401  (tf.image.resize, random flips, ...)
from .ops import nn_ops as _nn_ops  # noqa: F401  (tf.nn.conv2d, tf.sort, tf.where(c), ...)
from .ops import random_ops as _random_ops
from .ops import tensor_operators as _tensor_operators  # noqa: F401  (x @ w + b on Tensor and Variable)
from .ops.array_ops import add_n, identity, newaxis, rank, shape, size
from .ops.clip_ops import clip_by_global_norm, clip_by_norm, clip_by_value
from .ops.custom_gradient import custom_gradient
from .ops.logging_ops import print_ as print  # noqa: A004
from .ops.special_math_ops import einsum  # also tf.linalg.einsum
from .ops.variables import Variable
from .util import nest

__version__ = "2.16.0-xtape"  # the TF API level this follows

math = _gen_ops.module("tf.math")
nn = _gen_ops.module("tf.nn")
linalg = _gen_ops.module("tf.linalg")
linalg.global_norm = _clip_ops.global_norm
image = _gen_ops.module("tf.image")
random = _random_ops.random
range = _array_ops.range  # noqa: A001  (tf.range)


def executing_eagerly():
    """False while a tf.function is being traced (its first call), True otherwise, as in TF."""
    from .framework.bridge import js as _js

    return not _js.trace.active


from . import keras  # noqa: E402  (after the API it builds on)

# TF 2's short names of the Keras namespaces (tf.losses.categorical_crossentropy, tf.optimizers.Adam)
losses, metrics, optimizers, initializers = keras.losses, keras.metrics, keras.optimizers, keras.initializers

__all__ = [n for n in dir() if not n.startswith("_")]
