"""np.linalg in the subset: norm (vectors: 2-norm, 1, inf; matrices: Frobenius), with axis and
keepdims. The rest (inv, solve, det, eig, svd, ...) is not in xtape's NumPy."""

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


def __getattr__(name):
    raise not_in_subset("linalg." + name)
