"""NumPy's functions in the subset, each made of core ops: creation, ufuncs, reductions, shape
manipulation, linear algebra's products, sorting, indexing beyond the basic and assignment.
METHODS lists the ones that are also ndarray methods (a.sum(axis=0), a.argmax(), ...)."""

import builtins
import math

from pyodide.ffi import to_js

from . import _dtypes
from ._array import _pair, asarray, binary, ints, ndarray, not_in_subset, op
from ._dtypes import name_of

W = ndarray._wrap
newaxis = None
pi, e, inf, nan = math.pi, math.e, math.inf, math.nan


def _out(a):
    """A 0-d result as NumPy's scalar, else the array."""
    return _dtypes.scalar(a.item(), a.dtype.name) if isinstance(a, ndarray) and not a.ndim else a


def normalize_shape(shape, size=None):
    shape = [shape] if isinstance(shape, builtins.int) or hasattr(shape, "__index__") else list(shape)
    shape = [builtins.int(d) for d in shape]
    if size is not None and shape.count(-1) == 1:
        known = math.prod(d for d in shape if d != -1)
        shape[shape.index(-1)] = size // known if known else 0
    return shape


# --- creation ---------------------------------------------------------------------------------


def full(shape, fill_value, dtype=None):
    if dtype is None:
        dtype = asarray(fill_value).dtype
    name = name_of(dtype)
    return (
        W(op("cast", op("fill", ints(normalize_shape(shape)), builtins.float(fill_value), "float64"), name))
        if (name != "int64" or builtins.abs(builtins.int(fill_value)) < 2**53)
        else asarray(fill_value, name) + zeros(shape, name)
    )


def zeros(shape, dtype=float):
    return W(op("zeros", ints(normalize_shape(shape)), name_of(dtype)))


def ones(shape, dtype=float):
    return W(op("ones", ints(normalize_shape(shape)), name_of(dtype)))


empty = zeros


def zeros_like(a, dtype=None):
    a = asarray(a)
    return zeros(a.shape, dtype or a.dtype)


def ones_like(a, dtype=None):
    a = asarray(a)
    return ones(a.shape, dtype or a.dtype)


empty_like = zeros_like


def full_like(a, fill_value, dtype=None):
    a = asarray(a)
    return full(a.shape, fill_value, dtype or a.dtype)


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    if dtype is None:
        dtype = "int64" if builtins.all(isinstance(v, builtins.int) for v in (start, stop, step)) else "float64"
    name = name_of(dtype)
    n = builtins.max(0, math.ceil((stop - start) / step))
    if _dtypes.is_int(name) and builtins.all(isinstance(v, builtins.int) for v in (start, stop, step)):
        return W(op("range", start, start + n * step, step, name))
    # NumPy's float arange: start + i * step, computed in float64
    return W(
        op(
            "cast",
            op("add", op("multiply", op("range", 0, n, 1, "float64"), builtins.float(step)), builtins.float(start)),
            name,
        )
    )


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    """NumPy's formula: start + i * step (step = (stop - start) / div), the last value stop."""
    num = builtins.int(num)
    div = (num - 1) if endpoint else num
    step = (stop - start) / div if div > 0 else math.nan
    i = W(op("range", 0, num, 1, "float64"))
    y = i * step + builtins.float(start) if div > 0 else i * builtins.float(stop - start) + builtins.float(start)
    if endpoint and num > 1:
        y[-1] = stop
    y = y.astype(dtype) if dtype is not None else y
    return (y, step) if retstep else y


def eye(N, M=None, k=0, dtype=float):
    if k:
        raise not_in_subset("eye(k=...)")
    return W(op("eye", builtins.int(N), -1 if M is None else builtins.int(M), name_of(dtype)))


def identity(n, dtype=float):
    return eye(n, dtype=dtype)


def meshgrid(*xi, indexing="xy", sparse=False, copy=True):
    """Coordinate matrices: with 'xy' the first two output axes are (y, x), as NumPy's default."""
    xs = [asarray(x).reshape(-1) for x in xi]
    shape = [x.size for x in xs]
    axes = list(builtins.range(len(xs)))
    if indexing == "xy" and len(xs) >= 2:
        shape[0], shape[1] = shape[1], shape[0]
        axes[0], axes[1] = 1, 0
    out = []
    for x, ax in zip(xs, axes, strict=False):
        s = [1] * len(xs)
        s[ax] = x.size
        out.append(x.reshape(s) if sparse else broadcast_to(x.reshape(s), shape))
    return out


def copy(a):
    return asarray(a).copy()


# --- shape ------------------------------------------------------------------------------------


def reshape(a, newshape, order="C"):
    a = asarray(a)
    if order != "C":
        raise not_in_subset("reshape(order=%r)" % order)
    shape = normalize_shape(newshape, a.size)
    if math.prod(shape) != a.size:
        raise ValueError("cannot reshape array of size %d into shape %s" % (a.size, tuple(normalize_shape(newshape))))
    t = op("reshape", a._t, ints(shape))
    if a._contiguous():
        return _reshaped(a, t)
    if [d for d in shape if d != 1] == [d for d in a.shape if d != 1]:  # only unit axes change
        return _reshaped(a, t, False)
    return W(t)  # NumPy copies what its strides cannot view


def _reshaped(a, t, contiguous=True):
    """t, a reshape of a (same elements in the same order), as a view of a."""
    shape = ints([int(d) for d in t.shape])
    return ndarray._view(
        t, a, lambda p: op("reshape", p._t, shape), lambda p, v: p._set(op("reshape", v._t, ints(p.shape))), contiguous
    )


def ravel(a):
    return reshape(a, [-1])


def transpose(a, axes=None):
    a = asarray(a)
    perm = list(builtins.range(a.ndim))[::-1] if axes is None else [builtins.int(k) % a.ndim for k in axes]
    if sorted(perm) != list(builtins.range(a.ndim)):
        raise ValueError("axes don't match array")
    back = [perm.index(k) for k in builtins.range(a.ndim)]
    return ndarray._view(
        op("transpose", a._t, ints(perm)),
        a,
        lambda p: op("transpose", p._t, ints(perm)),
        lambda p, v: p._set(op("transpose", v._t, ints(back))),
        a._contiguous() and [k for k in perm if a.shape[k] > 1] == sorted(k for k in perm if a.shape[k] > 1),
    )


def swapaxes(a, axis1, axis2):
    a = asarray(a)
    perm = list(builtins.range(a.ndim))
    perm[axis1], perm[axis2] = perm[axis2], perm[axis1]
    return transpose(a, perm)


def moveaxis(a, source, destination):
    a = asarray(a)
    perm = [i for i in builtins.range(a.ndim) if i != source % a.ndim]
    perm.insert(destination % a.ndim, source % a.ndim)
    return transpose(a, perm)


def expand_dims(a, axis):
    a = asarray(a)
    return _reshaped(a, op("expand_dims", a._t, builtins.int(axis)), a._contiguous())  # a view, as NumPy


def squeeze(a, axis=None):
    a = asarray(a)
    t = op("squeeze", a._t, None if axis is None else axis if isinstance(axis, builtins.int) else ints(axis))
    return _reshaped(a, t, a._contiguous())


def broadcast_to(a, shape):
    a = asarray(a)
    return W(op("broadcast_to", a._t, ints(normalize_shape(shape))))


def _common(arrays):
    arrays = [asarray(x) for x in arrays]
    name = arrays[0].dtype.name
    for x in arrays[1:]:
        name = _dtypes.promote(name, x.dtype.name)
    return [x.astype(name, copy=False) for x in arrays]


def concatenate(arrays, axis=0):
    arrays = _common(arrays)
    if axis is None:
        arrays, axis = [x.reshape(-1) for x in arrays], 0
    return W(op("concat", to_js([x._t for x in arrays]), builtins.int(axis)))


def stack(arrays, axis=0):
    return W(op("stack", to_js([x._t for x in _common(arrays)]), builtins.int(axis)))


def vstack(tup):
    return concatenate([x if x.ndim >= 2 else x.reshape(1, -1) for x in map(asarray, tup)], 0)


def hstack(tup):
    tup = [asarray(x) for x in tup]
    return concatenate(tup, 0 if tup[0].ndim == 1 else 1)


def column_stack(tup):
    return concatenate([x if x.ndim >= 2 else x.reshape(-1, 1) for x in map(asarray, tup)], 1)


# --- ufuncs -----------------------------------------------------------------------------------


def _float_unary(core):
    def f(x):
        x = asarray(x)
        if not _dtypes.is_float(x.dtype.name):
            x = x.astype("float16" if x.dtype.name in ("uint8", "bool") else "float64")
        return _out(W(op(core, x._t)))

    f.__name__ = core
    return f


exp, log, sqrt, sin, cos, tan = (_float_unary(n) for n in ("exp", "log", "sqrt", "sin", "cos", "tan"))
arcsin, arccos, arctan, tanh = (_float_unary(n) for n in ("asin", "acos", "atan", "tanh"))
sinh, cosh = _float_unary("sinh"), _float_unary("cosh")
log1p, expm1, reciprocal = (_float_unary(n) for n in ("log1p", "expm1", "reciprocal"))


def log2(x):
    return log(x) / math.log(2)


def log10(x):
    return log(x) / math.log(10)


def _same_unary(core, ints_ok=True):
    def f(x):
        x = asarray(x)
        if x.dtype.name in ("uint8", "bool"):
            return _out(W(op("cast", op(core, op("cast", x._t, "int32")), x.dtype.name)))
        return _out(W(op(core, x._t)))

    f.__name__ = core
    return f


negative, absolute, square, sign = (_same_unary(n) for n in ("negative", "abs", "square", "sign"))
abs = absolute  # noqa: A001
floor, ceil, rint = (_same_unary(n) for n in ("floor", "ceil", "round"))


def around(a, decimals=0):
    a = asarray(a)
    if not decimals:
        return rint(a)
    scale = 10.0**decimals
    return rint(a * scale) / scale


round = round_ = around  # noqa: A001


def _binary_fn(core):
    def f(x1, x2):
        return _out(binary(core, x1, x2))

    f.__name__ = core
    return f


add, subtract, multiply, divide = (_binary_fn(n) for n in ("add", "subtract", "multiply", "divide"))
true_divide = divide
floor_divide, mod, maximum, minimum = (_binary_fn(n) for n in ("floor_div", "floor_mod", "maximum", "minimum"))
remainder = mod


def power(x1, x2):
    a, b = _pair(x1, x2)
    if _dtypes.is_int(a.dtype.name) and (b < 0).any():
        raise ValueError("Integers to negative integer powers are not allowed.")
    return _out(binary("pow", a, b))


def _compare_fn(core):
    def f(x1, x2):
        a, b = _pair(x1, x2)
        return _out(W(op(core, a._t, b._t)))

    f.__name__ = core
    return f


equal, not_equal, less, less_equal, greater, greater_equal = (
    _compare_fn(n) for n in ("equal", "not_equal", "less", "less_equal", "greater", "greater_equal")
)


def logical_not(x):
    return _out(W(op("logical_not", asarray(x).astype(bool))))


def logical_and(x1, x2):
    return _out(W(op("logical_and", asarray(x1).astype(bool), asarray(x2).astype(bool))))


def logical_or(x1, x2):
    return _out(W(op("logical_or", asarray(x1).astype(bool), asarray(x2).astype(bool))))


def isnan(x):
    x = asarray(x)
    return _out(W(op("is_nan", x._t)) if _dtypes.is_float(x.dtype.name) else zeros(x.shape, bool))


def isinf(x):
    x = asarray(x)
    return _out(absolute(x) == math.inf) if _dtypes.is_float(x.dtype.name) else _out(zeros(x.shape, bool))


def isfinite(x):
    x = asarray(x)
    return _out(logical_not(logical_or(isnan(x), isinf(x)))) if x.ndim else builtins.bool(math.isfinite(x.item()))


def clip(a, a_min, a_max):
    a = asarray(a)
    if a_min is not None:
        a = maximum(a, a_min)
    if a_max is not None:
        a = minimum(a, a_max)
    return a


def where(condition, x=None, y=None):
    if x is None and y is None:
        return nonzero(condition)
    c = asarray(condition).astype(bool)
    a, b = _pair(x, y)
    return W(op("where", c._t, a._t, b._t))


# --- reductions -------------------------------------------------------------------------------


def _axes(axis, ndim):
    if axis is None:
        return None
    return to_js([builtins.int(a) for a in axis]) if isinstance(axis, (list, tuple)) else builtins.int(axis)


def _reduce(core, a, axis, keepdims, dtype=None):
    a = asarray(a)
    name = a.dtype.name
    if dtype is not None:
        a = a.astype(dtype)
    elif core in ("numpy_sum", "reduce_prod") and name in ("bool", "uint8", "int32"):
        a = a.astype("int64")  # NumPy sums small integers in the platform's int64
    elif core in ("reduce_max", "reduce_min") and name in ("bool", "uint8"):  # through int32
        return asarray(_reduce(core, a.astype("int32"), axis, keepdims)).astype(name)
    back = None
    if a.dtype.name == "float16":  # the core reduces float16 in float32
        a, back = a.astype("float32"), "float16"
    if a.size == 0 and core in ("reduce_max", "reduce_min"):
        raise ValueError(
            "zero-size array to reduction operation %s which has no identity"
            % core[7:].replace("max", "maximum").replace("min", "minimum")
        )
    r = W(op(core, a._t, _axes(axis, a.ndim), builtins.bool(keepdims)))
    return _out(r.astype(back) if back else r)


def sum(a, axis=None, dtype=None, keepdims=False):  # noqa: A001
    """In NumPy's order and the dtype's precision (pairwise), so the last bits are NumPy's."""
    return _reduce("numpy_sum", a, axis, keepdims, dtype)


def prod(a, axis=None, dtype=None, keepdims=False):
    return _reduce("reduce_prod", a, axis, keepdims, dtype)


def _count(a, axis):
    """How many elements each reduction over axis takes."""
    if axis is None:
        return a.size
    return math.prod(a.shape[k] for k in ([axis] if isinstance(axis, builtins.int) else axis))


def mean(a, axis=None, dtype=None, keepdims=False):
    """NumPy's _mean: the sum (integers in float64, float16 in float32) divided by the count in
    the sum's dtype; float16 comes back as float16."""
    a = asarray(a)
    name = a.dtype.name
    if dtype is None:
        dtype = "float32" if name == "float16" else name if _dtypes.is_float(name) else "float64"
    r = asarray(sum(a, axis, dtype, keepdims)) / _count(a, axis)
    return _out(r.astype("float16") if name == "float16" and dtype == "float32" else r)


def max(a, axis=None, keepdims=False):  # noqa: A001
    return _reduce("reduce_max", a, axis, keepdims)


def min(a, axis=None, keepdims=False):  # noqa: A001
    return _reduce("reduce_min", a, axis, keepdims)


amax, amin = max, min


def var(a, axis=None, dtype=None, ddof=0, keepdims=False):
    a = asarray(a)
    a = a.astype("float64") if not _dtypes.is_float(a.dtype.name) else a
    d = a - mean(a, axis, keepdims=True)
    return _out(asarray(sum(d * d, axis, keepdims=keepdims)) / builtins.max(_count(a, axis) - ddof, 0))


def std(a, axis=None, dtype=None, ddof=0, keepdims=False):
    return sqrt(var(a, axis, dtype, ddof, keepdims))


def _arg(core, a, axis):
    a = asarray(a)
    if a.dtype.name in ("bool", "uint8"):
        a = a.astype("int32")
    if axis is None:
        a, axis = a.reshape(-1), 0
    return _out(W(op(core, a._t, builtins.int(axis), "int64")))


def argmax(a, axis=None):
    return _arg("argmax", a, axis)


def argmin(a, axis=None):
    return _arg("argmin", a, axis)


def cumsum(a, axis=None, dtype=None):
    a = asarray(a)
    if axis is None:
        a, axis = a.reshape(-1), 0
    if dtype is not None:
        a = a.astype(dtype)
    elif a.dtype.name in ("bool", "uint8", "int32"):
        a = a.astype("int64")
    return W(op("cumsum", a._t, builtins.int(axis), False, False))


def any(a, axis=None, keepdims=False):  # noqa: A001
    return _out(asarray(sum(asarray(a).astype(bool), axis, keepdims=keepdims)) > 0)  # empty: False


def all(a, axis=None, keepdims=False):  # noqa: A001
    return _out(asarray(sum(logical_not(asarray(a).astype(bool)), axis, keepdims=keepdims)) == 0)


def count_nonzero(a, axis=None):
    return sum(asarray(a).astype(bool), axis)


# --- products ---------------------------------------------------------------------------------


def matmul(a, b):
    a, b = _pair(a, b)
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError("matmul: Input operand does not have enough dimensions")
    va, vb = a.ndim == 1, b.ndim == 1
    if va:
        a = a.reshape(1, -1)
    if vb:
        b = b.reshape(-1, 1)
    if a.shape[-1] != b.shape[-2]:
        raise ValueError(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
            "(n?,k),(k,m?)->(n?,m?) (size %d is different from %d)" % (b.shape[-2], a.shape[-1])
        )
    if a.shape[:-2] != b.shape[:-2]:
        try:  # stacks of matrices broadcast (the core's batch matmul)
            broadcast_shapes(a.shape[:-2], b.shape[:-2])
        except ValueError:

            def remap(x):
                dims = [str(d) for d in x.shape]
                return "(%s)->(%s)" % (",".join(dims), ",".join(dims[:-2] + ["newaxis"] * 2))

            raise ValueError(
                "operands could not be broadcast together with remapped shapes [original->remapped]: "
                "%s %s  and requested shape (%d,%d)" % (remap(a), remap(b), a.shape[-2], b.shape[-1])
            ) from None
    r = W(op("matmul", a._t, b._t, False, False))
    if va and vb:
        return _out(r.reshape(()))
    if va or vb:  # the added axis goes again
        return r.reshape(r.shape[:-2] + ((r.shape[-1],) if va else (r.shape[-2],)))
    return r


def dot(a, b):
    a, b = asarray(a), asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return multiply(a, b)
    return matmul(a, b)


def outer(a, b):
    return multiply(asarray(a).reshape(-1, 1), asarray(b).reshape(1, -1))


def inner(a, b):
    return dot(a, b)


def trace(a):
    a = asarray(a)
    n = builtins.min(a.shape)
    return sum(a * eye(a.shape[0], a.shape[1], dtype=a.dtype)) if n else 0


# --- comparison of arrays ---------------------------------------------------------------------


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    a, b = _pair(a, b)
    a, b = a.astype("float64"), b.astype("float64")
    close = absolute(a - b) <= atol + rtol * absolute(b)
    close = logical_or(close, a == b)  # equal infinities
    if equal_nan:
        close = logical_or(close, logical_and(isnan(a), isnan(b)))
    return close


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return builtins.bool(all(isclose(a, b, rtol, atol, equal_nan)))


def array_equal(a1, a2, equal_nan=False):
    a1, a2 = asarray(a1), asarray(a2)
    if a1.shape != a2.shape:
        return False
    return builtins.bool(all(logical_or(a1 == a2, logical_and(isnan(a1), isnan(a2))) if equal_nan else a1 == a2))


# --- sorting and searching --------------------------------------------------------------------


def argsort(a, axis=-1, kind=None, order=None):
    a = asarray(a)
    if axis is None:
        a, axis = a.reshape(-1), 0
    if a.dtype.name == "bool":
        a = a.astype("uint8")
    return W(op("cast", op("argsort", a._t, builtins.int(axis), False), "int64"))


def take_along_axis(arr, indices, axis):
    """arr's entries at indices along axis (indices of arr's shape but along axis)."""
    arr, idx = asarray(arr), asarray(indices)
    a, i = moveaxis(arr, axis, -1), moveaxis(idx, axis, -1)
    n, m = a.shape[-1], i.shape[-1]
    rows = math.prod(a.shape[:-1])
    flat = i.reshape(rows, m).astype("int64") + arange(rows).reshape(-1, 1) * n
    out = W(op("gather", a.reshape(-1), flat.reshape(-1).astype("int32"))).reshape(i.shape)
    return moveaxis(out, -1, axis)


def sort(a, axis=-1, kind=None, order=None):
    a = asarray(a)
    if axis is None:
        a, axis = a.reshape(-1), 0
    return take_along_axis(a, argsort(a, axis), axis)


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None):
    if axis is not None:
        raise not_in_subset("unique(axis=...)")
    a = asarray(ar).reshape(-1)
    order = argsort(a)
    values = take_along_axis(a, order, 0)._values_list()
    keep, counts, first = [], [], []
    pos = order._values_list()
    for k, v in enumerate(values):
        if k and (v == values[k - 1] or (v != v and values[k - 1] != values[k - 1])):
            counts[-1] += 1
        else:
            keep.append(v)
            counts.append(1)
            first.append(pos[k])
    out = [asarray(keep, a.dtype.name) if keep else zeros(0, a.dtype)]
    if return_index:
        out.append(asarray(first, "int64"))
    if return_inverse:
        inv = [0] * a.size
        group = -1
        for k, v in enumerate(values):
            if not (k and (v == values[k - 1] or (v != v and values[k - 1] != values[k - 1]))):
                group += 1
            inv[pos[k]] = group
        out.append(asarray(inv, "int64"))
    if return_counts:
        out.append(asarray(counts, "int64"))
    return out[0] if len(out) == 1 else tuple(out)


def nonzero(a):
    a = asarray(a)
    if not a.ndim:
        raise ValueError("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.")
    mask = a.astype(bool)
    flat = W(op("boolean_mask", arange(a.size).reshape(a.shape), mask._t))
    out, rest = [], flat
    for d in reversed(a.shape):
        out.append(rest % d)
        rest = rest // d
    return tuple(reversed(out))


def argwhere(a):
    return stack(nonzero(a), axis=1) if asarray(a).ndim else zeros((0, 0), "int64")


def flatnonzero(a):
    return nonzero(ravel(a))[0]


# --- indexing beyond the basic ----------------------------------------------------------------


def advanced_get(a, idx, kinds):
    """a[idx] with integer arrays or a boolean mask among the entries (NumPy's advanced indexing)."""
    if "float" in kinds:
        raise IndexError("arrays used as indices must be of integer (or boolean) type")
    if "bool" in kinds:
        k = kinds.index("bool")
        mask = asarray(idx[k])
        rest = idx[k + 1 :]
        if k or builtins.any(not (isinstance(i, slice) and i == slice(None)) for i in rest) or "int" in kinds:
            raise not_in_subset("indexing with a boolean mask beside other indices")
        if mask.shape != a.shape[: mask.ndim]:
            raise IndexError(
                "boolean index did not match indexed array along axis 0; size of axis is %d but size of "
                "corresponding boolean axis is %d" % (a.shape[0], mask.shape[0] if mask.ndim else 1)
            )
        return W(op("boolean_mask", a._t, mask._t))
    # First the basic entries (advanced ones kept whole), then the advanced ones on what is left.
    # ints beside an integer array are advanced indices too (NumPy's rule)
    basic = tuple(i if i is None or isinstance(i, slice) else slice(None) for i in idx)
    t, _ = a._basic(basic)
    b = W(t)
    adv = []  # (axis of b, index array)
    axis = 0
    for i, kd in zip(idx, kinds, strict=False):
        if i is None:
            axis += 1
            continue
        if kd != "basic" or not isinstance(i, slice):
            arr = asarray(i).astype("int64")
            n = b.shape[axis]
            if builtins.bool(any(arr >= n)) or builtins.bool(any(arr < -n)):
                bad = [v for v in arr.reshape(-1).tolist() if not -n <= v < n][0]
                raise IndexError("index %d is out of bounds for axis %d with size %d" % (bad, axis, n))
            adv.append((axis, arr % n))
        axis += 1
    axes = [ax for ax, _ in adv]
    contiguous = axes == list(builtins.range(axes[0], axes[0] + len(axes)))
    front = moveaxis_many(b, axes)
    shapes = [arr.shape for _, arr in adv]
    bshape = list(_broadcast_shapes(shapes))
    lin = None
    for (_ax, arr), step in zip(adv, _strides([b.shape[x] for x in axes]), strict=False):
        term = broadcast_to(arr, bshape) * step
        lin = term if lin is None else lin + term
    rest = list(front.shape[len(axes) :])
    rows = front.reshape([-1] + rest)
    out = W(op("gather", rows._t, lin.reshape(-1).astype("int32"))).reshape(bshape + rest)
    if contiguous and axes[0] > 0:  # NumPy keeps a contiguous block of advanced indices in place
        nb = len(bshape)
        perm = (
            list(builtins.range(nb, nb + axes[0]))
            + list(builtins.range(nb))
            + list(builtins.range(nb + axes[0], out.ndim))
        )
        out = transpose(out, perm)
    return _out(out)


def moveaxis_many(a, axes):
    perm = list(axes) + [i for i in builtins.range(a.ndim) if i not in axes]
    return transpose(a, perm) if perm != list(builtins.range(a.ndim)) else a


def _strides(shape):
    out, step = [], 1
    for d in reversed(shape):
        out.append(step)
        step *= d
    return list(reversed(out))


def _broadcast_shapes(shapes):
    n = builtins.max(len(s) for s in shapes)
    out = []
    for k in builtins.range(n):
        dims = {s[len(s) - n + k] for s in shapes if len(s) - n + k >= 0} - {1}
        if len(dims) > 1:
            raise IndexError(
                "shape mismatch: indexing arrays could not be broadcast together with shapes "
                + " ".join(str(s) for s in shapes)
            )
        out.append(dims.pop() if dims else 1)
    return tuple(out)


def broadcast_shapes(*shapes):
    shapes = [(s,) if isinstance(s, builtins.int) else tuple(s) for s in shapes]
    out = ()
    for k, s in enumerate(shapes):
        try:
            out = _broadcast_shapes([out, s])
        except IndexError:
            first = next(j for j in builtins.range(k) if len(_broadcast_set(shapes[j], s)) == 0)
            raise ValueError(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg %d with "
                "shape %s and arg %d with shape %s." % (first, shapes[first], k, s)
            ) from None
    return out


def _broadcast_set(a, b):
    """() if a and b do not broadcast together, else (their shape,)."""
    try:
        return (_broadcast_shapes([a, b]),)
    except IndexError:
        return ()


def set_item(a, index, value):
    """a[index] = value: the positions index names get value (broadcast, cast to a's dtype)."""
    v = asarray(value)
    if v.dtype.name != a.dtype.name:
        v = v.astype(a.dtype.name)
    if isinstance(index, ndarray) and index.dtype.name == "bool" and index.shape == a.shape and v.size == 1:
        a._set(op("where", index._t, v.reshape(()), a._t))  # a[a > 0] = 0: one pass
        return
    pos = arange(a.size, dtype="int32").reshape(a.shape)[index]
    pos = asarray(pos)
    flat = pos.reshape(-1, 1)
    try:
        vals = broadcast_to(v, pos.shape).reshape(-1)
    except ValueError:
        raise ValueError("could not broadcast input array from shape %s into shape %s" % (v.shape, pos.shape)) from None
    new = W(op("tensor_scatter_nd_update", a.reshape(-1), flat._t, vals._t)).reshape(a.shape)
    t, new._t = new._t, None
    a._set(t)


# --- ndarray methods --------------------------------------------------------------------------


def _values_list(a):
    return a._values()


def _flatten(a, order="C"):
    return ravel(a).copy()


METHODS = {
    "sum": sum,
    "prod": prod,
    "mean": mean,
    "max": max,
    "min": min,
    "std": std,
    "var": var,
    "argmax": argmax,
    "argmin": argmin,
    "cumsum": cumsum,
    "any": any,
    "all": all,
    "clip": clip,
    "transpose": lambda a, *axes: transpose(a, axes[0] if len(axes) == 1 else (axes or None)),
    "swapaxes": swapaxes,
    "squeeze": squeeze,
    "ravel": ravel,
    "flatten": _flatten,
    "dot": dot,
    "round": around,
    "nonzero": nonzero,
    "argsort": argsort,
    "_values_list": _values_list,
}


def _sort_inplace(a, axis=-1, kind=None, order=None):
    s = sort(a, axis)
    t, s._t = s._t, None
    a._set(t)


METHODS["sort"] = _sort_inplace
__all__ = [
    n for n in dir() if not n.startswith("_") and n not in ("js", "to_js", "math", "builtins", "W", "op", "ints")
]
