"""np.linalg in the subset: norm (vectors: 2-norm, 1, inf; matrices: Frobenius), with axis and
keepdims; solve and inv (the core's LU solve, 2-D); det and slogdet of float64 matrices (and
stacks), as NumPy computes them: reference LAPACK's recursive LU (dgetrf2), then the sign and
the sum of log |u_ii|, det = sign * exp(logdet). The rest (eig, svd, ...) is not in xtape's
NumPy."""

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


def _lu(a, n):
    """a (n x n, a list of rows of Python floats) factored in place by LAPACK's dgetrf2: the
    column block split in halves, the left half factored, the pivots applied, A12 = L11^-1 A12,
    A22 -= A21 A12, A22 factored. Returns the pivot rows (as LAPACK's ipiv, 0-based)."""
    piv = [0] * n

    def rec(r0, c0, m, cols):  # factors a[r0:r0+m, c0:c0+cols]; pivots land in piv[c0:]
        if cols == 1:
            col = [abs(a[r0 + i][c0]) for i in range(m)]
            i = col.index(max(col))  # idamax: the first largest
            piv[c0] = r0 + i
            if a[r0 + i][c0] != 0:
                if i:
                    a[r0][c0], a[r0 + i][c0] = a[r0 + i][c0], a[r0][c0]
                pivot = a[r0][c0]
                if abs(pivot) >= 2.2250738585072014e-308:  # dscal by the reciprocal
                    inv = 1.0 / pivot
                    for k in range(1, m):
                        a[r0 + k][c0] *= inv
                else:
                    for k in range(1, m):
                        a[r0 + k][c0] /= pivot
            return
        n1 = min(m, cols) // 2
        n2 = cols - n1
        rec(r0, c0, m, n1)
        swap(r0, c0, n1, c0 + n1, n2)
        for j in range(c0 + n1, c0 + cols):  # dtrsm: unit lower L11 solves A12
            for k in range(n1):
                bk = a[r0 + k][j]
                if bk != 0:
                    for i in range(k + 1, n1):
                        a[r0 + i][j] -= bk * a[r0 + i][c0 + k]
        for j in range(c0 + n1, c0 + cols):  # dgemm: A22 -= A21 A12, column by column
            for k in range(n1):
                t = -a[r0 + k][j]
                for i in range(n1, m):
                    a[r0 + i][j] += t * a[r0 + i][c0 + k]
        rec(r0 + n1, c0 + n1, m - n1, n2)
        swap(r0 + n1, c0 + n1, min(m, cols) - n1, c0, n1)

    def swap(r0, p0, count, col0, ncols):  # dlaswp: the rows of piv[p0:p0+count] on columns
        for p in range(p0, p0 + count):
            row = r0 + (p - p0)
            if piv[p] != row:
                for j in range(col0, col0 + ncols):
                    a[row][j], a[piv[p]][j] = a[piv[p]][j], a[row][j]

    rec(0, 0, n, n)
    return piv


def _slogdet_one(rows):
    n = len(rows)
    if n == 0:
        return 1.0, 0.0
    piv = _lu(rows, n)
    if any(rows[i][i] == 0 for i in range(n)):
        return 0.0, -math.inf
    sign = -1.0 if sum(1 for i in range(n) if piv[i] != i) % 2 else 1.0
    logdet = 0.0
    for i in range(n):
        u = rows[i][i]
        if u < 0:
            sign, u = -sign, -u
        logdet += math.log(u)
    return sign, logdet


def _stack_of_squares(a, name):
    a = asarray(a)
    if a.ndim < 2:
        raise LinAlgError("%d-dimensional array given. Array must be at least two-dimensional" % a.ndim)
    if a.shape[-1] != a.shape[-2]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    if a.dtype.name in ("float32", "float16"):
        raise not_in_subset("linalg.%s of %s (float64 and integers are)" % (name, a.dtype.name))
    a = a.astype("float64")
    n = a.shape[-1]
    flat = a.reshape(-1, n, n).tolist() if a.size else [[] for _ in range(math.prod(a.shape[:-2]))]
    return a.shape[:-2], flat


def slogdet(a):
    """(sign, log |det a|) of a square matrix or a stack of them."""
    lead, mats = _stack_of_squares(a, "slogdet")
    pairs = [_slogdet_one(m) for m in mats]
    if not lead:
        return f._out(asarray(pairs[0][0])), f._out(asarray(pairs[0][1]))
    return asarray([p[0] for p in pairs]).reshape(lead), asarray([p[1] for p in pairs]).reshape(lead)


def det(a):
    """sign * exp(logdet), as NumPy's det (so det([[1, 2], [3, 4]]) is -2.0000000000000004)."""
    lead, mats = _stack_of_squares(a, "det")
    dets = []
    for m in mats:
        sign, logdet = _slogdet_one(m)
        dets.append(sign * math.exp(logdet))
    return f._out(asarray(dets[0])) if not lead else asarray(dets).reshape(lead)


def __getattr__(name):
    raise not_in_subset("linalg." + name)
