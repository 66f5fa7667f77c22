"""TF's functions whose Python signature is not one row of the op table: written on top of it
(tf.range, tf.shape, tf.size, tf.rank, tf.nn.softmax with axis, tf.add_n, tf.identity, ...)."""

import builtins

from ..framework.dtypes import as_dtype, int32, python_dtype
from ..framework.tensor import Tensor, convert_to_tensor
from .gen_ops import OPS, export, module

newaxis = None


def _number(v):
    return float(v.numpy()) if isinstance(v, Tensor) else float(v)


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001  (tf.range)
    """tf.range(limit) or tf.range(start, limit, delta, dtype): int32 unless a value is a float."""
    if limit is None:
        start, limit = 0, start
    if dtype is None:
        values = [v.dtype.name if isinstance(v, Tensor) else python_dtype(v) for v in (start, limit, delta)]
        dtype = "float32" if "float32" in values else "int32"
    return OPS["range"](_number(start), _number(limit), _number(delta), as_dtype(dtype))


def shape(input, out_type=int32, name=None):  # noqa: A002
    """tf.shape: the dimensions as an int32 tensor."""
    return OPS["cast"](convert_to_tensor([int(d) for d in convert_to_tensor(input).shape], "int32"), as_dtype(out_type))


def size(input, out_type=int32, name=None):  # noqa: A002
    """tf.size: the number of elements (int32)."""
    n = 1
    for d in convert_to_tensor(input).shape:
        n *= d
    return convert_to_tensor(n, as_dtype(out_type))


def rank(input, name=None):  # noqa: A002
    """tf.rank: the number of dimensions (int32)."""
    return convert_to_tensor(len(convert_to_tensor(input).shape), "int32")


def _move_last(x, axis, f):
    """f over the last axis, for an op defined there: transpose axis last, apply, transpose back."""
    x = convert_to_tensor(x)
    r = len(x.shape)
    axis = axis % r if r else 0
    if axis == r - 1:
        return f(x)
    perm = [i for i in builtins.range(r) if i != axis] + [axis]
    inverse = [perm.index(i) for i in builtins.range(r)]
    return OPS["transpose"](f(OPS["transpose"](x, perm)), inverse)


def softmax(logits, axis=None, name=None):
    """tf.nn.softmax(logits, axis=-1)"""
    return _move_last(logits, -1 if axis is None else axis, OPS["softmax"])


def log_softmax(logits, axis=None, name=None):
    """tf.nn.log_softmax(logits, axis=-1)"""
    return _move_last(logits, -1 if axis is None else axis, OPS["log_softmax"])


def add_n(inputs, name=None):
    """tf.math.add_n: the sum of a list of tensors of one shape."""
    inputs = list(inputs)
    if not inputs:
        raise ValueError("inputs must be a list of at least one Tensor with the same dtype and shape")
    total = convert_to_tensor(inputs[0])
    for t in inputs[1:]:
        total = total + t
    return total


def identity(input, name=None):  # noqa: A002
    """tf.identity"""
    t = convert_to_tensor(input)
    return OPS["reshape"](t, list(t.shape))


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_std: sqrt(mean((x - mean)^2))."""
    x = convert_to_tensor(input_tensor)
    mean = OPS["reduce_mean"](x, axis, True)
    return OPS["sqrt"](OPS["reduce_mean"](OPS["square"](x - mean), axis, keepdims))


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_variance"""
    x = convert_to_tensor(input_tensor)
    mean = OPS["reduce_mean"](x, axis, True)
    return OPS["reduce_mean"](OPS["square"](x - mean), axis, keepdims)


def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_all: logical and over axis (a bool tensor)."""
    x = OPS["cast"](convert_to_tensor(input_tensor), "int32")
    return OPS["cast"](OPS["reduce_min"](x, axis, keepdims), "bool")


def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_any: logical or over axis (a bool tensor)."""
    x = OPS["cast"](convert_to_tensor(input_tensor), "int32")
    return OPS["cast"](OPS["reduce_max"](x, axis, keepdims), "bool")


def count_nonzero(input, axis=None, keepdims=False, dtype="int64", name=None):  # noqa: A002
    """tf.math.count_nonzero: how many entries are not zero (int64 by default, as TF)."""
    x = OPS["cast"](OPS["not_equal"](convert_to_tensor(input), 0), "int64")
    return OPS["cast"](OPS["reduce_sum"](x, axis, keepdims), as_dtype(dtype))


_TF = module("tf")
export(
    {
        "tf.range": range,
        "tf.shape": shape,
        "tf.size": size,
        "tf.rank": rank,
        "tf.nn.softmax": softmax,
        "tf.math.softmax": softmax,
        "tf.nn.log_softmax": log_softmax,
        "tf.math.log_softmax": log_softmax,
        "tf.math.add_n": add_n,
        "tf.add_n": add_n,
        "tf.identity": identity,
        "tf.math.reduce_std": reduce_std,
        "tf.math.reduce_variance": reduce_variance,
        "tf.math.reduce_all": reduce_all,
        "tf.reduce_all": reduce_all,
        "tf.math.reduce_any": reduce_any,
        "tf.reduce_any": reduce_any,
        "tf.math.count_nonzero": count_nonzero,
        "tf.count_nonzero": count_nonzero,
    }
)
_TF.newaxis = None
