"""Order statistics, weighted means, counting and binning as NumPy computes them: median,
percentile and quantile (the default 'linear' method, with NumPy's lerp), average, nansum and
nanmean, bincount, histogram (NumPy's bin search for equal bins), searchsorted, digitize, isin,
nan_to_num. Sorting and sums are the subset's; counting and binning run over Python numbers,
where NumPy's float64 steps are Python's own."""

import bisect
import builtins
import math

from . import _dtypes
from ._array import asarray, not_in_subset
from ._functions import _count, _out, broadcast_to, isnan, linspace, mean, sort, stack, sum, where, zeros

__all__ = [
    "median",
    "percentile",
    "quantile",
    "average",
    "nansum",
    "nanmean",
    "bincount",
    "histogram",
    "searchsorted",
    "digitize",
    "isin",
    "nan_to_num",
]


def _sorted_along(a, axis):
    """(a sorted along axis, axis), axis None meaning the flattened array."""
    a = asarray(a)
    if axis is None:
        return sort(a.ravel()), 0
    return sort(a, axis), axis % a.ndim


def quantile(a, q, axis=None, method="linear", keepdims=False):
    """The q-th quantiles (0 <= q <= 1) along axis: for n sorted values, the value at virtual
    index (n - 1) q, between its neighbours by NumPy's lerp (b - (b - a)(1 - t) past t = 0.5)."""
    if method != "linear":
        raise not_in_subset("quantile(method=%r)" % method)
    qs = asarray(q, "float64")
    if bool(((qs < 0) | (qs > 1)).any()):
        raise ValueError("Quantiles must be in the range [0, 1]")
    a = asarray(a).astype("float64")  # NumPy 1's quantiles come out float64 (its float64 q)
    s, k = _sorted_along(a, axis)
    n = s.shape[k]
    if n == 0:
        raise IndexError("index -1 is out of bounds for axis 0 with size 0")
    out = []
    for qv in qs.ravel().tolist():
        virtual = (n - 1) * qv
        lo = builtins.min(builtins.max(math.floor(virtual), 0), n - 1)
        hi = builtins.min(lo + 1, n - 1)
        t = virtual - lo
        below, above = s[(slice(None),) * k + (slice(lo, lo + 1),)], s[(slice(None),) * k + (slice(hi, hi + 1),)]
        d = above - below
        value = above - d * (1 - t) if t >= 0.5 else below + d * t
        out.append(value if keepdims and axis is not None else value.squeeze(k))
    if keepdims and axis is None:
        out = [o.reshape((1,) * a.ndim) for o in out]
    if qs.ndim == 0:
        return _out(out[0])
    return stack(out).reshape(qs.shape + out[0].shape)


def percentile(a, q, axis=None, method="linear", keepdims=False):
    """quantile of q / 100."""
    qs = asarray(q, "float64")
    if bool(((qs < 0) | (qs > 100)).any()):
        raise ValueError("Percentiles must be in the range [0, 100]")
    return quantile(a, qs / 100, axis, method, keepdims)


def median(a, axis=None, keepdims=False):
    """The middle value along axis, or the mean of the two middle ones (float64 for integers)."""
    a = asarray(a)
    s, k = _sorted_along(a, axis)
    n = s.shape[k]
    half = n // 2
    lo = half - 1 if n % 2 == 0 and n else half  # the two middle values, or the one
    middle = mean(s[(slice(None),) * k + (slice(lo, half + 1),)], k, keepdims=keepdims and axis is not None)
    if keepdims and axis is None:
        middle = asarray(middle).reshape((1,) * a.ndim)
    return _out(middle)


def average(a, axis=None, weights=None, returned=False, keepdims=False):
    """mean, or sum(a * w) / sum(w) along axis (w 1-D along axis, or of a's shape)."""
    a = asarray(a)
    if weights is None:
        avg = mean(a, axis, keepdims=keepdims)
        scl = asarray(_count(a, axis), avg.dtype if hasattr(avg, "dtype") else "float64")
    else:
        w = asarray(weights)
        if w.shape != a.shape:
            if axis is None:
                raise TypeError("Axis must be specified when shapes of a and weights differ.")
            if w.ndim != 1:
                raise TypeError("1D weights expected when shapes of a and weights differ.")
            if w.shape[0] != a.shape[axis]:
                raise ValueError("Length of weights not compatible with specified axis.")
            w = w.reshape((1,) * (axis % a.ndim) + w.shape + (1,) * (a.ndim - 1 - axis % a.ndim))
        kind = _dtypes.promote(a.dtype.name, w.dtype.name)
        kind = kind if _dtypes.is_float(kind) else "float64"
        scl = sum(broadcast_to(w.astype(kind), a.shape), axis, keepdims=keepdims)
        if bool((asarray(scl) == 0).any()):
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        avg = _out(asarray(sum(a.astype(kind) * w.astype(kind), axis, keepdims=keepdims)) / scl)
    return (avg, _out(broadcast_to(asarray(scl), asarray(avg).shape).copy())) if returned else avg


def nansum(a, axis=None, dtype=None, keepdims=False):
    """sum with NaNs counted as zero."""
    a = asarray(a)
    if _dtypes.is_float(a.dtype.name):
        a = where(isnan(a), zeros((), a.dtype), a)
    return sum(a, axis, dtype, keepdims)


def nanmean(a, axis=None, dtype=None, keepdims=False):
    """mean of the values that are not NaN (NaN where there are none)."""
    a = asarray(a)
    if not _dtypes.is_float(a.dtype.name):
        return mean(a, axis, dtype, keepdims)
    keep = ~isnan(a)
    total = asarray(sum(where(keep, a, zeros((), a.dtype)), axis, dtype, keepdims))
    return _out(total / asarray(sum(keep, axis, keepdims=keepdims)).astype(total.dtype))


def bincount(x, weights=None, minlength=0):
    """How many times each non-negative integer occurs in x (or the sum of its weights)."""
    x = asarray(x)
    if x.ndim != 1:
        raise ValueError("object too deep for desired array")
    if not _dtypes.is_int(x.dtype.name) and x.dtype.name != "bool" and x.size:
        raise TypeError(
            "Cannot cast array data from dtype('%s') to dtype('int64') according to the rule 'safe'" % x.dtype.name
        )
    values = [builtins.int(v) for v in x.tolist()]
    if builtins.any(v < 0 for v in values):
        raise ValueError("'list' argument must have no negative elements")
    n = builtins.max(builtins.max(values, default=-1) + 1, minlength)
    if weights is None:
        counts = [0] * n
        for v in values:
            counts[v] += 1
        return asarray(counts, "int64")
    w = asarray(weights, "float64").tolist()
    if len(w) != len(values):
        raise ValueError("The weights and list don't have the same length.")
    sums = [0.0] * n
    for v, wv in zip(values, w, strict=False):
        sums[v] += wv
    return asarray(sums, "float64")


def histogram(a, bins=10, range=None, density=None, weights=None):  # noqa: A002  (NumPy's name)
    """(counts, bin edges) of a in `bins` equal bins over range (a's min and max by default):
    NumPy's bin of x is int((x - first) * bins / (last - first)), corrected against the edges."""
    if not isinstance(bins, int) or density or weights is not None:
        raise not_in_subset("histogram with explicit bin edges, density or weights")
    values = [builtins.float(v) for v in asarray(a).ravel().tolist()]
    if range is None:
        first, last = (builtins.min(values), builtins.max(values)) if values else (0.0, 1.0)
    else:
        first, last = builtins.float(range[0]), builtins.float(range[1])
        if first > last:
            raise ValueError("max must be larger than min in range parameter.")
    if not (math.isfinite(first) and math.isfinite(last)):
        raise ValueError("autodetected range of [%s, %s] is not finite" % (first, last))
    if first == last:
        first, last = first - 0.5, last + 0.5
    edges = linspace(first, last, bins + 1)
    e = edges.tolist()
    norm = bins / (last - first)
    counts = [0] * bins
    for x in values:
        if not first <= x <= last:
            continue
        i = builtins.int((x - first) * norm)
        if i == bins:
            i -= 1
        if x < e[i]:
            i -= 1
        elif x >= e[i + 1] and i != bins - 1:
            i += 1
        counts[i] += 1
    return asarray(counts, "int64"), edges


def searchsorted(a, v, side="left", sorter=None):
    """Where v's elements would go in the sorted 1-D a to keep it sorted (int64)."""
    if sorter is not None:
        raise not_in_subset("searchsorted(sorter=...)")
    if side not in ("left", "right"):
        raise ValueError("side must be 'left' or 'right' (got %r)" % side)
    keys = asarray(a).tolist()
    find = bisect.bisect_left if side == "left" else bisect.bisect_right
    vs = asarray(v)
    got = [find(keys, x) for x in vs.ravel().tolist()]
    return _out(asarray(got, "int64").reshape(vs.shape))


def digitize(x, bins, right=False):
    """The index of the bin of bins (increasing or decreasing) each x falls in."""
    b = asarray(bins).tolist()
    if len(b) > 1 and b[0] > b[-1]:  # decreasing: count from the other end
        rev = asarray(b[::-1])
        return len(b) - searchsorted(rev, x, side="left" if not right else "right")
    return searchsorted(b, x, side="left" if right else "right")


def isin(element, test_elements, assume_unique=False, invert=False):
    """Whether each element is in test_elements (an array of element's shape)."""
    e = asarray(element)
    pool = set(asarray(test_elements).ravel().tolist())
    got = [(v in pool) != invert for v in e.ravel().tolist()]
    return asarray(got, "bool").reshape(e.shape)


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """NaN to nan, +inf to posinf (the dtype's largest), -inf to neginf (its most negative)."""
    x = asarray(x)
    if not _dtypes.is_float(x.dtype.name):
        return _out(x.copy())
    big = _dtypes.finfo(x.dtype).max
    hi = big if posinf is None else posinf
    lo = -big if neginf is None else neginf
    out = where(isnan(x), nan, x)
    out = where(out == math.inf, hi, out)
    return _out(where(out == -math.inf, lo, out).astype(x.dtype.name))
