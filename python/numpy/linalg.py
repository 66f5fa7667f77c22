"""np.linalg in the subset: norm (vectors: 2-norm, 1, inf; matrices: Frobenius), with axis and
keepdims; solve and inv (the core's LU solve, 2-D). The rest (det, eig, svd, ...) is not in
xtape's NumPy."""

import math

from . import _functions as f
from ._array import asarray, not_in_subset


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    x = asarray(x)
    if not f._dtypes.is_float(x.dtype.name):
        x = x.astype("float64")
    if ord in (None, 2, "fro") and (ord != 2 or axis is not None or x.ndim == 1):
        return f.sqrt(f.sum(x * x, axis=axis, keepdims=keepdims))
    if ord == 1 and (x.ndim == 1 or isinstance(axis, int)):
        return f.sum(f.absolute(x), axis=axis, keepdims=keepdims)
    if ord in (math.inf, "inf") and (x.ndim == 1 or isinstance(axis, int)):
        return f.max(f.absolute(x), axis=axis, keepdims=keepdims)
    raise not_in_subset("linalg.norm(ord=%r) of a %d-D array" % (ord, x.ndim))


class LinAlgError(ValueError):
    """np.linalg.LinAlgError: a singular matrix."""


def solve(a, b):
    a, b = asarray(a), asarray(b)
    name = "float64" if not f._dtypes.is_float(a.dtype.name) else a.dtype.name
    if a.ndim != 2 or b.ndim not in (1, 2):
        raise not_in_subset("linalg.solve of stacks of matrices")
    vec = b.ndim == 1
    try:
        x = f.W(f.op("solve", a.astype(name), (b.reshape(-1, 1) if vec else b).astype(name)))
    except ValueError as e:
        if "not invertible" in str(e):
            raise LinAlgError("Singular matrix") from None
        raise
    return x.reshape(-1) if vec else x


def inv(a):
    a = asarray(a)
    return solve(a, f.eye(a.shape[0], dtype=a.dtype if f._dtypes.is_float(a.dtype.name) else float))


def __getattr__(name):
    raise not_in_subset("linalg." + name)
