"""TF functions made of the op table's ops (so with their gradients), by TF's definitions: array
manipulation (tile, repeat, pad, split, unstack, reverse, roll, meshgrid, gather_nd, scatter_nd,
sequence_mask), top_k and friends, the nn helpers (l2_loss, l2_normalize, dropout, leaky_relu,
elu, selu, gelu, silu/swish, sigmoid_cross_entropy_with_logits), math (rsqrt, reduce_logsumexp,
bincount, segment sums, confusion_matrix, linalg.inv, norm) and the control flow that eager
execution makes plain Python (cond, case, while_loop)."""

import builtins
import collections
import math

from ..framework.dtypes import as_dtype
from ..framework.tensor import Tensor, convert_to_tensor
from .gen_ops import OPS, export


def _t(x, dtype=None):
    if hasattr(x, "assign") and hasattr(x, "value"):  # a Variable: its value
        x = x.value()
    return x if isinstance(x, Tensor) and dtype is None else convert_to_tensor(x, dtype)


def _ints(v):
    """A list of ints from an int, a list or a 1-D tensor."""
    if isinstance(v, Tensor):
        v = v.numpy().tolist()
    return [int(v)] if isinstance(v, (int, float)) else [int(x) for x in v]


def _axis(axis, rank):
    a = int(axis)
    if not -rank <= a < rank:
        raise ValueError("axis %d is out of range for a tensor of rank %d" % (a, rank))
    return a % rank


def _slice(x, axis, start, stop, step=1):
    shape = list(x.shape)
    b, e, s = [0] * len(shape), list(shape), [1] * len(shape)
    b[axis], e[axis], s[axis] = start, stop, step
    return OPS["strided_slice"](x, b, e, s)


# --- array manipulation -----------------------------------------------------------------------
def tile(input, multiples, name=None):  # noqa: A002
    """tf.tile: x repeated multiples[i] times along axis i ([d0, d1] -> [m0 d0, m1 d1])."""
    x = _t(input)
    shape, m = list(x.shape), _ints(multiples)
    if len(m) != len(shape):
        raise ValueError("tile: multiples must have one entry per axis of %s, got %s" % (shape, m))
    inter = [v for d in shape for v in (1, d)]  # [1, d0, 1, d1, ...] broadcast to [m0, d0, m1, d1, ...]
    wide = [v for mi, d in zip(m, shape, strict=True) for v in (mi, d)]
    y = OPS["broadcast_to"](OPS["reshape"](x, inter), wide)
    return OPS["reshape"](y, [mi * d for mi, d in zip(m, shape, strict=True)])


def repeat(input, repeats, axis=None, name=None):  # noqa: A002
    """tf.repeat: each element repeated `repeats` times along axis (flattened when None)."""
    x = _t(input)
    if axis is None:
        x, axis = OPS["reshape"](x, [-1]), 0
    shape = list(x.shape)
    axis = _axis(axis, len(shape))
    reps = _ints(repeats)
    if len(reps) == 1:  # one count: a new axis after `axis`, broadcast, merged back
        r = reps[0]
        inter = shape[: axis + 1] + [1] + shape[axis + 1 :]
        wide = shape[: axis + 1] + [r] + shape[axis + 1 :]
        y = OPS["broadcast_to"](OPS["reshape"](x, inter), wide)
        return OPS["reshape"](y, shape[:axis] + [shape[axis] * r] + shape[axis + 1 :])
    if len(reps) != shape[axis]:
        raise ValueError("repeat: repeats has %d entries for an axis of size %d" % (len(reps), shape[axis]))
    idx = convert_to_tensor([i for i, r in enumerate(reps) for _ in builtins.range(r)], "int32")
    return _gather_axis(x, idx, axis)


def _gather_axis(x, idx, axis):
    """tf.gather(x, idx, axis=axis) through the table's axis-0 gather."""
    if axis == 0:
        return OPS["gather"](x, idx)
    perm = [axis] + [i for i in builtins.range(len(x.shape)) if i != axis]
    inv = [perm.index(i) for i in builtins.range(len(perm))]
    return OPS["transpose"](OPS["gather"](OPS["transpose"](x, perm), idx), inv)


def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    """tf.pad: paddings [[before, after], ...] per axis; CONSTANT, REFLECT or SYMMETRIC."""
    x = _t(tensor)
    p = paddings.numpy().tolist() if isinstance(paddings, Tensor) else [[int(a), int(b)] for a, b in paddings]
    if len(p) != len(x.shape):
        raise ValueError("pad: paddings must have one [before, after] per axis of %s" % list(x.shape))
    mode = str(mode).upper()
    if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError("pad: mode must be CONSTANT, REFLECT or SYMMETRIC, got %r" % mode)
    for axis, (before, after) in enumerate(p):
        if before < 0 or after < 0:
            raise ValueError("pad: paddings must be non-negative, got %s" % p)
        if not before and not after:
            continue
        n = x.shape[axis]
        if mode == "CONSTANT":
            parts = []
            for k in (before, after):
                shape = list(x.shape)
                shape[axis] = k
                parts.append(OPS["fill"](shape, constant_values, x.dtype.name) if k else None)
            x = OPS["concat"]([t for t in (parts[0], x, parts[1]) if t is not None], axis)
            continue
        off = 1 if mode == "REFLECT" else 0
        if before > n - off or after > n - off:
            raise ValueError("pad: %s paddings must be at most %d on axis %d" % (mode, n - off, axis))
        idx = [before - i - 1 + off for i in builtins.range(before)] + list(builtins.range(n))
        idx += [n - 1 - i - off for i in builtins.range(after)]
        x = _gather_axis(x, convert_to_tensor(idx, "int32"), axis)
    return x


def split(value, num_or_size_splits, axis=0, num=None, name=None):
    """tf.split: equal parts (an int) or parts of the given sizes (a list; one may be -1)."""
    x = _t(value)
    axis = _axis(axis, len(x.shape))
    n = x.shape[axis]
    if isinstance(num_or_size_splits, int):
        k = num_or_size_splits
        if k <= 0 or n % k:
            raise ValueError("split: dimension %d of size %d cannot be split into %d equal parts" % (axis, n, k))
        sizes = [n // k] * k
    else:
        sizes = _ints(num_or_size_splits)
        if sizes.count(-1) == 1:
            sizes[sizes.index(-1)] = n - (builtins.sum(sizes) + 1)
        if builtins.sum(sizes) != n or builtins.min(sizes) < 0:
            raise ValueError("split: sizes %s do not add up to %d along axis %d" % (sizes, n, axis))
    out, at = [], 0
    for s in sizes:
        out.append(_slice(x, axis, at, at + s))
        at += s
    return out


def unstack(value, num=None, axis=0, name=None):
    """tf.unstack: the slices along axis, each without it."""
    x = _t(value)
    axis = _axis(axis, len(x.shape))
    return [OPS["squeeze"](p, [axis]) for p in split(x, x.shape[axis], axis)]


def reverse(tensor, axis, name=None):
    """tf.reverse: the order of the given axes reversed."""
    x = _t(tensor)
    for a in _ints(axis):
        a = _axis(a, len(x.shape))
        x = _slice(x, a, x.shape[a] - 1, -1, -1) if x.shape[a] else x  # end -1: through index 0
    return x


def roll(input, shift, axis, name=None):  # noqa: A002
    """tf.roll: elements shifted along axis (those past the end come back at the start)."""
    x = _t(input)
    shifts, axes = _ints(shift), _ints(axis)
    if len(shifts) != len(axes):
        raise ValueError("roll: shift and axis must have the same length")
    for s, a in zip(shifts, axes, strict=True):
        a = _axis(a, len(x.shape))
        n = x.shape[a]
        s = s % n if n else 0
        if s:
            x = OPS["concat"]([_slice(x, a, n - s, n), _slice(x, a, 0, n - s)], a)
    return x


def meshgrid(*args, indexing="xy", name=None):
    """tf.meshgrid: N-D grids from 1-D coordinates ('xy': the first two axes swapped, as NumPy)."""
    xs = [OPS["reshape"](_t(a), [-1]) for a in args]
    shape = [int(x.shape[0]) for x in xs]
    if indexing == "xy" and len(xs) >= 2:
        shape[0], shape[1] = shape[1], shape[0]
    out = []
    for i, x in enumerate(xs):
        at = i if indexing != "xy" or len(xs) < 2 else {0: 1, 1: 0}.get(i, i)
        view = [1] * len(xs)
        view[at] = int(x.shape[0])
        out.append(OPS["broadcast_to"](OPS["reshape"](x, view), shape))
    return out


def _flat_index(indices, shape):
    """The row-major index into shape[:k] of each k-index in indices [..., k] (int32)."""
    idx = _t(indices, None)
    if idx.dtype.name not in ("int32", "int64"):
        raise TypeError("indices must be int32 or int64, got %s" % idx.dtype.name)
    idx = OPS["cast"](idx, "int32")
    k = idx.shape[-1]
    strides = [int(math.prod(shape[i + 1 : k])) for i in builtins.range(k)]
    flat = OPS["reduce_sum"](idx * convert_to_tensor(strides, "int32"), -1, False)
    return flat, k


def _segment_sum(data, ids, n):
    """unsorted_segment_sum for any dtype: integers summed in float64 (exact up to 2^53)."""
    if data.dtype.is_floating:
        return OPS["unsorted_segment_sum"](data, ids, n)
    return OPS["cast"](OPS["unsorted_segment_sum"](OPS["cast"](data, "float64"), ids, n), data.dtype.name)


def gather_nd(params, indices, batch_dims=0, name=None):
    """tf.gather_nd: params[indices[..., :]] ([..., k] indices pick slices of params' rest)."""
    if batch_dims:
        raise NotImplementedError("tf.gather_nd(batch_dims=...) is not provided by xtape")
    p = _t(params)
    shape = list(p.shape)
    flat, k = _flat_index(indices, shape)
    rows = OPS["reshape"](p, [int(math.prod(shape[:k]))] + shape[k:])
    return OPS["gather"](rows, flat)


def scatter_nd(indices, updates, shape, name=None):
    """tf.scatter_nd: zeros of shape with updates added at indices (repeated indices add up)."""
    shape = _ints(shape)
    u = _t(updates)
    flat, k = _flat_index(indices, shape)
    n = int(math.prod(shape[:k]))
    rows = OPS["reshape"](u, [-1] + shape[k:])
    summed = _segment_sum(rows, OPS["reshape"](flat, [-1]), n)
    return OPS["reshape"](summed, shape)


def sequence_mask(lengths, maxlen=None, dtype="bool", name=None):
    """tf.sequence_mask: mask[i, j] = j < lengths[i]."""
    lens = OPS["cast"](_t(lengths), "int32")
    if maxlen is None:
        maxlen = int(OPS["reduce_max"](lens).numpy()) if math.prod(lens.shape) else 0
    row = OPS["range"](0.0, float(maxlen), 1.0, "int32")
    mask = OPS["less"](row, OPS["expand_dims"](lens, -1))
    return mask if as_dtype(dtype).name == "bool" else OPS["cast"](mask, as_dtype(dtype).name)


TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])


def top_k(input, k=1, sorted=True, index_type="int32", name=None):  # noqa: A002
    """tf.math.top_k: the k largest entries of the last axis and their indices (ties: the lower
    index first, as TF)."""
    x = _t(input)
    shape = list(x.shape)
    n = shape[-1]
    k = int(k)
    if not 0 <= k <= n:
        raise ValueError("top_k: k = %d must be in [0, %d]" % (k, n))
    keys = x if x.dtype.is_floating else OPS["cast"](x, "float64")
    order = OPS["argsort"](OPS["negative"](keys), -1)  # stable: equal values keep index order
    idx = _slice(order, len(shape) - 1, 0, k)
    rows = int(math.prod(shape[:-1]))
    offsets = OPS["reshape"](OPS["range"](0.0, float(rows * n), float(n), "int32"), [rows, 1])
    flat = OPS["reshape"](OPS["reshape"](idx, [rows, k]) + offsets, [-1])
    values = OPS["reshape"](OPS["gather"](OPS["reshape"](x, [-1]), flat), shape[:-1] + [k])
    return TopKV2(values, OPS["cast"](idx, as_dtype(index_type).name))


def in_top_k(targets, predictions, k, name=None):
    """tf.math.in_top_k(targets, predictions, k): whether each target is among its row's k
    largest predictions (ties counted in, as TF)."""
    p = _t(predictions)
    t = OPS["cast"](_t(targets), "int32")
    n = p.shape[-1]
    target_value = OPS["reduce_sum"](p * OPS["one_hot"](t, n), -1, True)
    greater = OPS["reduce_sum"](OPS["cast"](OPS["greater"](p, target_value), "int32"), -1, False)
    return OPS["less"](greater, int(k))


# --- nn -------------------------------------------------------------------------------------
def l2_loss(t, name=None):
    """tf.nn.l2_loss: sum(t^2) / 2."""
    x = _t(t)
    return OPS["reduce_sum"](OPS["square"](x)) * 0.5


def l2_normalize(x, axis=None, epsilon=1e-12, name=None):
    """tf.math.l2_normalize: x / sqrt(max(sum(x^2, axis), epsilon))."""
    x = _t(x)
    return x * OPS["reciprocal"](OPS["sqrt"](OPS["maximum"](OPS["reduce_sum"](OPS["square"](x), axis, True), epsilon)))


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """tf.nn.sigmoid_cross_entropy_with_logits: max(x, 0) - x z + log(1 + exp(-|x|))."""
    x, z = _t(logits), _t(labels)
    return OPS["maximum"](x, 0.0) - x * z + OPS["log1p"](OPS["exp"](OPS["negative"](OPS["abs"](x))))


def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """tf.nn.dropout: each entry kept with probability 1 - rate and scaled by 1 / (1 - rate)."""
    from . import random_ops

    x = _t(x)
    rate = float(rate)
    if not 0 <= rate < 1:
        raise ValueError("dropout: rate must be in [0, 1), got %s" % rate)
    shape = list(x.shape) if noise_shape is None else _ints(noise_shape)
    keep = OPS["cast"](OPS["greater_equal"](random_ops.uniform(shape, seed=seed), rate), x.dtype.name)
    return x * keep * (1.0 / (1.0 - rate))


def leaky_relu(features, alpha=0.2, name=None):
    """tf.nn.leaky_relu: x where x > 0, alpha x elsewhere."""
    x = _t(features)
    return OPS["where"](OPS["greater"](x, 0.0), x, x * float(alpha))


def elu(features, name=None):
    """tf.nn.elu: x where x > 0, exp(x) - 1 elsewhere."""
    x = _t(features)
    return OPS["where"](OPS["greater"](x, 0.0), x, OPS["expm1"](OPS["minimum"](x, 0.0)))


_SELU_ALPHA, _SELU_SCALE = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946


def selu(features, name=None):
    """tf.nn.selu: scale * elu with TF's alpha and scale."""
    x = _t(features)
    neg = _SELU_ALPHA * OPS["expm1"](OPS["minimum"](x, 0.0))
    return _SELU_SCALE * OPS["where"](OPS["greater"](x, 0.0), x, neg)


def silu(features, beta=1.0, name=None):
    """tf.nn.silu / swish: x * sigmoid(beta x)."""
    x = _t(features)
    return x * OPS["sigmoid"](x * float(beta))


def gelu(features, approximate=False, name=None):
    """tf.nn.gelu: x * Phi(x) (Phi by erf below); approximate: 0.5 x (1 + tanh(sqrt(2/pi) (x +
    0.044715 x^3)))."""
    x = _t(features)
    if approximate:
        inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1.0 + OPS["tanh"](inner))
    return 0.5 * x * (1.0 + erf(x * (1 / math.sqrt(2.0))))


def erf(x, name=None):
    """tf.math.erf to float32's precision: 1 - erfc(|x|) with the Chebyshev fit of erfc (Numerical
    Recipes' erfcc: fractional error below 1.2e-7), signed."""
    x = _t(x)
    a = OPS["abs"](x)
    t = 1.0 / (1.0 + 0.5 * a)
    poly = -a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (
        0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))  # fmt: skip
    return OPS["sign"](x) * (1.0 - t * OPS["exp"](poly))


# --- math -------------------------------------------------------------------------------------
def rsqrt(x, name=None):
    """tf.math.rsqrt: 1 / sqrt(x)."""
    return OPS["reciprocal"](OPS["sqrt"](_t(x)))


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_logsumexp: m + log(sum(exp(x - m))), m the (constant) maximum."""
    x = _t(input_tensor)

    def shift(keep):  # the maximum as a constant, 0 where it is infinite
        m = OPS["stop_gradient"](OPS["reduce_max"](x, axis, keep))
        return OPS["where"](OPS["is_nan"](m - m), OPS["zeros_like"](m), m)

    return OPS["log"](OPS["reduce_sum"](OPS["exp"](x - shift(True)), axis, bool(keepdims))) + shift(bool(keepdims))


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype="int32", name=None):
    """tf.math.bincount: how often each value of arr (non-negative ints) occurs (or weighted)."""
    a = OPS["reshape"](OPS["cast"](_t(arr), "int32"), [-1])
    top = int(OPS["reduce_max"](a).numpy()) + 1 if a.shape[0] else 0
    n = builtins.max(top, int(minlength or 0))
    if maxlength is not None:
        n = builtins.min(n, int(maxlength))
    values = (
        OPS["ones_like"](OPS["cast"](a, "float32"))
        if weights is None
        else OPS["reshape"](OPS["cast"](_t(weights), "float32"), [-1])
    )
    counts = OPS["unsorted_segment_sum"](values, a, n)
    return OPS["cast"](counts, as_dtype(dtype).name if weights is None else "float32")


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """tf.math.unsorted_segment_mean: the mean of each segment's rows (0 for an empty one)."""
    d, ids = _t(data), _t(segment_ids)
    total = _segment_sum(d, ids, int(num_segments))
    ones = OPS["ones"]([ids.shape[0]], d.dtype.name)
    count = OPS["unsorted_segment_sum"](ones, ids, int(num_segments))
    count = OPS["reshape"](OPS["maximum"](count, 1.0), [int(num_segments)] + [1] * (len(d.shape) - 1))
    return total / count


def segment_sum(data, segment_ids, name=None):
    """tf.math.segment_sum: sums of the rows of each (sorted) segment id."""
    ids = _t(segment_ids)
    n = int(OPS["reduce_max"](ids).numpy()) + 1 if ids.shape[0] else 0
    return _segment_sum(_t(data), ids, n)


def confusion_matrix(labels, predictions, num_classes=None, weights=None, dtype="int32", name=None):
    """tf.math.confusion_matrix: counts [true, predicted]."""
    lab = OPS["cast"](OPS["reshape"](_t(labels), [-1]), "int32")
    pre = OPS["cast"](OPS["reshape"](_t(predictions), [-1]), "int32")
    if num_classes is None:
        num_classes = builtins.max(int(OPS["reduce_max"](lab).numpy()), int(OPS["reduce_max"](pre).numpy())) + 1
    n = int(num_classes)
    w = (
        OPS["ones"]([lab.shape[0]], "float32")
        if weights is None
        else OPS["cast"](OPS["reshape"](_t(weights), [-1]), "float32")
    )
    counts = OPS["unsorted_segment_sum"](w, lab * n + pre, n * n)
    return OPS["cast"](OPS["reshape"](counts, [n, n]), as_dtype(dtype).name)


def inv(input, adjoint=False, name=None):  # noqa: A002
    """tf.linalg.inv: the inverse of a square matrix (a solve against the identity)."""
    a = _t(input)
    if adjoint:
        a = OPS["transpose"](a, [1, 0])
    return OPS["solve"](a, OPS["eye"](a.shape[0], -1, a.dtype.name))


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):  # noqa: A002
    """tf.norm / tf.linalg.norm: the euclidean (Frobenius), 1 or inf norm over axis (None: all)."""
    x = _t(tensor)
    keep = bool(keepdims)
    if ord in ("euclidean", "fro", 2, 2.0):
        return OPS["sqrt"](OPS["reduce_sum"](OPS["square"](x), axis, keep))
    if ord in (1, 1.0):
        return OPS["reduce_sum"](OPS["abs"](x), axis, keep)
    if ord == math.inf or ord == "inf" or ord == float("inf"):
        return OPS["reduce_max"](OPS["abs"](x), axis, keep)
    raise NotImplementedError("tf.norm(ord=%r) is not provided by xtape (euclidean, 1, inf)" % (ord,))


def fill(dims, value, name=None):
    """tf.fill: dims filled with value, of value's dtype as TF (a Python int: int32, a float:
    float32, a bool: bool; a tensor: its own, broadcast without reading it)."""
    from ..framework.dtypes import python_dtype

    shape = _ints(dims)
    if isinstance(value, Tensor) or hasattr(value, "value"):
        return OPS["broadcast_to"](OPS["reshape"](_t(value), []), shape)
    if hasattr(value, "dtype") and hasattr(value, "item"):  # a NumPy scalar
        return OPS["fill"](shape, value.item(), as_dtype(value.dtype).name)
    return OPS["fill"](shape, value, python_dtype(value))


def relu6(features, name=None):
    """tf.nn.relu6: min(max(x, 0), 6)."""
    return OPS["minimum"](OPS["relu"](_t(features)), 6.0)


def moments(x, axes, shift=None, keepdims=False, name=None):
    """tf.nn.moments: (mean, variance) over axes (the variance as the mean of squared deviations)."""
    x = _t(x)
    axes = _ints(axes)
    mean = OPS["reduce_mean"](x, axes, True)
    variance = OPS["reduce_mean"](OPS["square"](x - OPS["stop_gradient"](mean)), axes, True)
    if not keepdims:
        mean, variance = OPS["squeeze"](mean, axes), OPS["squeeze"](variance, axes)
    return mean, variance


def embedding_lookup(params, ids, max_norm=None, name=None):
    """tf.nn.embedding_lookup: the rows of params at ids (any shape of ids)."""
    if max_norm is not None:
        raise NotImplementedError("tf.nn.embedding_lookup(max_norm=...) is not provided by xtape")
    return OPS["gather"](_t(params), _t(ids))


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    """tf.math.reduce_euclidean_norm: sqrt(sum(x^2)) over axis."""
    x = _t(input_tensor)
    return OPS["sqrt"](OPS["reduce_sum"](OPS["square"](x), axis, bool(keepdims)))


def boolean_mask(tensor, mask, axis=None, name=None):
    """tf.boolean_mask(tensor, mask, axis=0): the entries where mask [d_axis, ..., d_axis+k-1]
    holds, those k axes replaced by one (the op table's boolean_mask on axes moved to the front)."""
    x, m = _t(tensor), _t(mask, "bool")
    a = 0 if axis is None else _axis(axis, len(x.shape))
    if a == 0:
        return OPS["boolean_mask"](x, m)
    k = len(m.shape)
    rank = len(x.shape)
    front = list(range(a, a + k)) + list(range(a)) + list(range(a + k, rank))
    picked = OPS["boolean_mask"](OPS["transpose"](x, front), m)  # [n, d_0 .. d_a-1, rest]
    back = list(range(1, a + 1)) + [0] + list(range(a + 1, rank - k + 1))
    return OPS["transpose"](picked, back)


def shuffle(value, seed=None, name=None):
    """tf.random.shuffle: the rows of value in a random order (the core's generator; TF's seed
    rules make it repeat)."""
    from .random_ops import permutation

    x = _t(value)
    return OPS["gather"](x, permutation(int(x.shape[0])))


# --- control flow: eager, so plain Python (a tf.function that branches on a value runs eagerly)
def cond(pred, true_fn=None, false_fn=None, name=None):
    """tf.cond: true_fn() if pred else false_fn()."""
    return true_fn() if bool(pred) else false_fn()


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name=None):
    """tf.case: the first fn whose predicate holds (default() when none does)."""
    for p, fn in pred_fn_pairs:
        if bool(p):
            return fn()
    if default is None:
        raise ValueError("tf.case: no predicate holds and no default is given")
    return default()


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True,
               swap_memory=False, maximum_iterations=None, name=None):  # fmt: skip  # noqa: A002
    """tf.while_loop: loop_vars = body(*loop_vars) while cond(*loop_vars)."""
    single = not isinstance(loop_vars, (list, tuple))
    v = [loop_vars] if single else list(loop_vars)
    i = 0
    while bool(cond(*v)) and (maximum_iterations is None or i < int(maximum_iterations)):
        out = body(*v)
        v = [out] if single or not isinstance(out, (list, tuple)) else list(out)
        i += 1
    return v[0] if single else type(loop_vars)(v)


export(
    {
        "tf.tile": tile, "tf.repeat": repeat, "tf.pad": pad, "tf.split": split, "tf.unstack": unstack,
        "tf.reverse": reverse, "tf.roll": roll, "tf.meshgrid": meshgrid, "tf.gather_nd": gather_nd,
        "tf.scatter_nd": scatter_nd, "tf.sequence_mask": sequence_mask, "tf.math.top_k": top_k,
        "tf.nn.top_k": top_k, "tf.math.in_top_k": in_top_k, "tf.nn.in_top_k": in_top_k,
        "tf.nn.l2_loss": l2_loss, "tf.math.l2_normalize": l2_normalize, "tf.nn.l2_normalize": l2_normalize,
        "tf.linalg.l2_normalize": l2_normalize,
        "tf.nn.sigmoid_cross_entropy_with_logits": sigmoid_cross_entropy_with_logits, "tf.nn.dropout": dropout,
        "tf.nn.leaky_relu": leaky_relu, "tf.nn.elu": elu, "tf.nn.selu": selu, "tf.nn.silu": silu,
        "tf.nn.swish": silu, "tf.nn.gelu": gelu, "tf.math.erf": erf, "tf.math.rsqrt": rsqrt,
        "tf.math.reduce_logsumexp": reduce_logsumexp, "tf.reduce_logsumexp": reduce_logsumexp,
        "tf.math.bincount": bincount, "tf.math.unsorted_segment_mean": unsorted_segment_mean,
        "tf.math.segment_sum": segment_sum, "tf.math.confusion_matrix": confusion_matrix,
        "tf.linalg.inv": inv, "tf.norm": norm, "tf.linalg.norm": norm, "tf.cond": cond, "tf.case": case,
        "tf.while_loop": while_loop, "tf.image.flip_left_right": lambda image: reverse(image, [-2]),
        "tf.image.flip_up_down": lambda image: reverse(image, [-3]), "tf.nn.relu6": relu6, "tf.fill": fill,
        "tf.nn.moments": moments, "tf.nn.embedding_lookup": embedding_lookup,
        "tf.math.reduce_euclidean_norm": reduce_euclidean_norm, "tf.boolean_mask": boolean_mask,
        "tf.random.shuffle": shuffle,
    }
)  # fmt: skip
