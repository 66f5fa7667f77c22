"""Rearranging arrays as NumPy does: flip, roll, tile, repeat, split, pad, diff, diag, triu/tril,
take. Each is made of the subset's views, concatenations and broadcasts (so of core ops)."""

import builtins

from ._array import asarray, not_in_subset
from ._functions import arange, broadcast_to, concatenate, where, zeros

__all__ = [
    "flip",
    "fliplr",
    "flipud",
    "roll",
    "tile",
    "repeat",
    "split",
    "array_split",
    "hsplit",
    "vsplit",
    "pad",
    "diff",
    "diag",
    "triu",
    "tril",
    "take",
]


def _axis(axis, ndim):
    if not -ndim <= axis < ndim:
        raise ValueError("axis %d is out of bounds for array of dimension %d" % (axis, ndim))  # AxisError's text
    return axis % ndim


def _along(ndim, axis, index):
    """The index tuple that applies `index` (a slice) on `axis` only."""
    return (slice(None),) * axis + (index,) + (slice(None),) * (ndim - axis - 1)


def flip(m, axis=None):
    """A view with the order of elements along axis (all axes for None) reversed."""
    m = asarray(m)
    axes = builtins.range(m.ndim) if axis is None else [axis] if isinstance(axis, int) else axis
    axes = {_axis(a, m.ndim) for a in axes}
    return m[tuple(slice(None, None, -1) if k in axes else slice(None) for k in builtins.range(m.ndim))]


def fliplr(m):
    return flip(m, 1)


def flipud(m):
    return flip(m, 0)


def roll(a, shift, axis=None):
    """Elements shifted by `shift` along axis (the flattened array for None), wrapping around."""
    a = asarray(a)
    if axis is None:
        return roll(a.ravel(), shift, 0).reshape(a.shape)
    if not isinstance(axis, int) or not isinstance(shift, int):
        shifts = [shift] * len(axis) if isinstance(shift, int) else list(shift)
        axes = [axis] * len(shifts) if isinstance(axis, int) else list(axis)
        for s, k in zip(shifts, axes, strict=False):
            a = roll(a, s, k)
        return a
    k = _axis(axis, a.ndim)
    n = a.shape[k]
    if n == 0:
        return a.copy()
    s = shift % n
    return concatenate([a[_along(a.ndim, k, slice(n - s, None))], a[_along(a.ndim, k, slice(0, n - s))]], k)


def tile(A, reps):
    """A repeated reps[i] times along axis i (NumPy's padding of A's shape or reps with ones)."""
    A = asarray(A)
    reps = (reps,) if isinstance(reps, int) else tuple(reps)
    d = builtins.max(len(reps), A.ndim)
    shape = (1,) * (d - A.ndim) + A.shape
    reps = (1,) * (d - len(reps)) + reps
    # [1, d0, 1, d1, ...] broadcast to [r0, d0, r1, d1, ...], then [r0 d0, r1 d1, ...]
    spread = A.reshape([x for n in shape for x in (1, n)])
    out = broadcast_to(spread, [x for r, n in zip(reps, shape, strict=False) for x in (r, n)])
    return out.reshape([r * n for r, n in zip(reps, shape, strict=False)])


def repeat(a, repeats, axis=None):
    """Each element repeated: `repeats` times, or repeats[i] times for element i of axis."""
    a = asarray(a)
    if axis is None:
        a, axis = a.ravel(), 0
    k = _axis(axis, a.ndim)
    n = a.shape[k]
    counts = asarray(repeats).tolist()
    if isinstance(counts, list) and len(counts) == 1:
        counts = counts[0]
    if isinstance(counts, int):
        if counts < 0:
            raise ValueError("negative dimensions are not allowed")
        spread = a.reshape(a.shape[: k + 1] + (1,) + a.shape[k + 1 :])
        out = broadcast_to(spread, a.shape[: k + 1] + (counts,) + a.shape[k + 1 :])
        return out.reshape(a.shape[:k] + (n * counts,) + a.shape[k + 1 :])
    if len(counts) != n:
        raise ValueError("operands could not be broadcast together with shape (%d,) (%d,)" % (n, len(counts)))
    if builtins.any(c < 0 for c in counts):
        raise ValueError("repeats may not contain negative values.")
    index = [i for i, c in enumerate(counts) for _ in builtins.range(c)]
    return take(a, index, axis=k)


def take(a, indices, axis=None):
    """a's elements (axis None: of the flattened array) at indices, which may be negative."""
    a = asarray(a)
    if axis is None:
        a, axis = a.ravel(), 0
    k = _axis(axis, a.ndim)
    idx = asarray(indices, "int64")
    n = a.shape[k]
    flat = idx.ravel().tolist()
    for i in flat:
        if not -n <= i < n:
            raise IndexError("index %d is out of bounds for axis %d with size %d" % (i, k, n))
    got = a[_along(a.ndim, k, asarray([i % n for i in flat], "int64"))] if flat else a[_along(a.ndim, k, slice(0, 0))]
    return got.reshape(a.shape[:k] + idx.shape + a.shape[k + 1 :])


def _sections(n, indices_or_sections, equal):
    if isinstance(indices_or_sections, int):
        k = indices_or_sections
        if k <= 0:
            raise ValueError("number sections must be larger than 0.")
        if equal and n % k:
            raise ValueError("array split does not result in an equal division")
        size, extra = divmod(n, k)
        bounds, at = [0], 0
        for i in builtins.range(k):
            at += size + (1 if i < extra else 0)
            bounds.append(at)
        return bounds
    cuts = [builtins.int(i) for i in indices_or_sections]
    return [0] + cuts + [n]


def array_split(ary, indices_or_sections, axis=0):
    """Views of ary between the cuts (or into k parts, the first n % k one element longer)."""
    ary = asarray(ary)
    k = _axis(axis, ary.ndim)
    bounds = _sections(ary.shape[k], indices_or_sections, False)
    return [ary[_along(ary.ndim, k, slice(b, e))] for b, e in zip(bounds, bounds[1:], strict=False)]


def split(ary, indices_or_sections, axis=0):
    ary = asarray(ary)
    _sections(ary.shape[_axis(axis, ary.ndim)], indices_or_sections, True)
    return array_split(ary, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    ary = asarray(ary)
    return split(ary, indices_or_sections, 1 if ary.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    return split(ary, indices_or_sections, 0)


def pad(array, pad_width, mode="constant", constant_values=0):
    """array with pad_width[i] = (before, after) elements of constant_values around axis i."""
    if mode != "constant":
        raise not_in_subset("pad(mode=%r)" % mode)
    a = asarray(array)
    width = asarray(pad_width, "int64").tolist()
    if isinstance(width, int):
        width = [[width, width]] * a.ndim
    elif len(width) and isinstance(width[0], int):
        width = [width if len(width) == 2 else width * 2] * a.ndim
    elif len(width) == 1:
        width = width * a.ndim
    if len(width) != a.ndim or builtins.any(len(w) != 2 for w in width):
        raise ValueError("operands could not be broadcast together with remapped shapes")
    if builtins.any(b < 0 or e < 0 for b, e in width):
        raise ValueError("index can't contain negative values")
    shape = [b + n + e for (b, e), n in zip(width, a.shape, strict=False)]
    out = zeros(shape, a.dtype)
    if constant_values != 0:
        out[...] = constant_values
    out[tuple(slice(b, b + n) for (b, _), n in zip(width, a.shape, strict=False))] = a
    return out


def diff(a, n=1, axis=-1):
    """The n-th differences along axis: a[1:] - a[:-1] (!= for booleans), n times."""
    a = asarray(a)
    if n < 0:
        raise ValueError("order must be non-negative but got %d" % n)
    k = _axis(axis, a.ndim)
    for _ in builtins.range(n):
        hi, lo = a[_along(a.ndim, k, slice(1, None))], a[_along(a.ndim, k, slice(None, -1))]
        a = hi != lo if a.dtype.name == "bool" else hi - lo
    return a


def diag(v, k=0):
    """The k-th diagonal of a 2-D array, or a 2-D array with v on its k-th diagonal."""
    v = asarray(v)
    if v.ndim == 1:
        n = v.shape[0] + builtins.abs(k)
        out = zeros((n, n), v.dtype)
        if v.shape[0]:
            rows = arange(v.shape[0]) + builtins.max(-k, 0)
            out[rows, rows + k] = v
        return out
    if v.ndim != 2:
        raise ValueError("Input must be 1- or 2-d.")
    rows, cols = v.shape
    start_r, start_c = builtins.max(-k, 0), builtins.max(k, 0)
    count = builtins.max(builtins.min(rows - start_r, cols - start_c), 0)
    if not count:
        return zeros((0,), v.dtype)
    i = arange(count)
    return v[i + start_r, i + start_c]


def _tri_mask(shape, k, upper):
    rows = arange(shape[-2]).reshape(-1, 1)
    cols = arange(shape[-1]).reshape(1, -1)
    return (cols - rows >= k) if upper else (cols - rows <= k)


def triu(m, k=0):
    """m with the elements below the k-th diagonal zeroed."""
    m = asarray(m)
    return where(_tri_mask(m.shape, k, True), m, zeros((), m.dtype))


def tril(m, k=0):
    """m with the elements above the k-th diagonal zeroed."""
    m = asarray(m)
    return where(_tri_mask(m.shape, k, False), m, zeros((), m.dtype))
