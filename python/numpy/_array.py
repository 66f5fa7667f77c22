"""np.ndarray on xtape's core: the values are a core tensor (a JS handle, `_t`) that no one
mutates; writing into an array (a[i] = v, a += 1) replaces its tensor by a new one. An array
made by basic indexing (a[0], a[1:, ::2]), reshape or transpose is a view: writing into it writes
into the array it came from, and it reads that array again after it changed (a version count).
Every op is one of the core's, so arithmetic on 60000 images runs at the core's speed."""

import builtins
import itertools
import math

import _npformat
import xtape_js as js
from _typed import typed_array
from pyodide.ffi import JsException, to_js

from . import _dtypes
from ._dtypes import dtype, name_of

_OPS = {}


class NotInSubset(NotImplementedError, AttributeError):
    """What xtape's NumPy does not have (an AttributeError too, so hasattr() says False)."""


def not_in_subset(what):
    return NotInSubset(
        "numpy.%s is not in xtape's NumPy subset (Pyodide has no NumPy offline; the README lists the subset)" % what
    )


def op(name, *args):
    """The core op `name` on JS tensors and numbers; the core's errors as ValueError."""
    f = _OPS.get(name)
    if f is None:
        f = _OPS[name] = js.op(name)
    # arrays give their tensors (args keeps them alive through the call: a temporary's would be
    # disposed as soon as its last reference went)
    handles = [a._t if isinstance(a, ndarray) else a for a in args]
    try:
        return f(*handles)
    except JsException as e:
        err = getattr(e, "js_error", None)
        raise ValueError(getattr(err, "message", None) or str(e)) from None


def ints(values):
    return to_js([int(v) for v in values])


def _flat_of(obj):
    """Nested lists/tuples of numbers as (flat list, shape); ragged lists are NumPy's error."""
    if not isinstance(obj, (list, tuple)):
        return [obj], []
    if not obj:
        return [], [0]
    kinds = set(map(type, obj))  # (C-speed scans first: a list of 100000 numbers is common)
    if not _has_sequences(kinds):  # a row of numbers
        return list(obj), [len(obj)]
    if kinds <= {list, tuple} and len(set(map(len, obj))) == 1:  # rows of one length
        flat = list(itertools.chain.from_iterable(obj))
        if not _has_sequences(set(map(type, flat))):  # a matrix of numbers
            return flat, [len(obj), len(obj[0])]
    try:
        parts = [_flat_of(x) for x in obj]
    except _Ragged as inner:
        raise _Ragged([len(obj)] + inner.shape) from None
    shape = parts[0][1]
    if any(p[1] != shape for p in parts):
        raise _Ragged([len(obj)])
    return [v for p in parts for v in p[0]], [len(obj)] + shape


class _Ragged(Exception):
    """NumPy's error for lists of unequal lengths, with the shape found before the ragged part."""

    def __init__(self, shape):
        self.shape = shape
        super().__init__(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after %d "
            "dimensions. The detected shape was %s + inhomogeneous part." % (len(shape), tuple(shape))
        )


def _has_sequences(kinds):
    return builtins.any(issubclass(k, (list, tuple)) for k in kinds)


def _infer(flat):
    kinds = set(map(type, flat))
    if kinds and kinds <= {builtins.int, builtins.float, builtins.bool}:  # Python numbers only
        return "float64" if builtins.float in kinds else "int64" if builtins.int in kinds else "bool"
    kind = "bool"
    for v in flat:
        if isinstance(v, builtins.bool) or (isinstance(v, _dtypes.generic) and v._np_name == "bool"):
            continue
        if isinstance(v, _dtypes.generic):
            k = v._np_name
            kind = _dtypes.promote(kind, k)
        elif isinstance(v, builtins.int):
            kind = _dtypes.promote(kind, "int64")
        elif isinstance(v, builtins.float):
            return "float64" if kind != "float32" or not isinstance(v, _dtypes.generic) else kind
        elif isinstance(v, complex):
            raise NotImplementedError("xtape's NumPy has no complex numbers")
        else:
            raise TypeError("cannot make an array of %s" % type(v).__name__)
    return "float64" if not flat else kind


def _tensor_of(value):
    """A tf.Tensor or tf.Variable's JS tensor (a new handle on the same buffer), else None."""
    t = getattr(value, "_t", None)
    if t is None and hasattr(value, "_js_handle"):
        t = value._js_handle()
    if t is None or not hasattr(t, "dtype") or isinstance(value, ndarray):
        return None
    return js.reshape(t, t.shape)


_PLAIN = {builtins.float, builtins.int, builtins.bool, list, tuple}


def asarray(obj, dtype=None, copy=None):
    """np.asarray / np.array: an ndarray of obj (an array, a tensor, a scalar or nested lists)."""
    want = None if dtype is None else name_of(dtype)
    if isinstance(obj, ndarray):
        return obj if want is None or want == obj.dtype.name else obj.astype(want)
    t = _tensor_of(obj)
    if t is not None:
        a = ndarray._wrap(t)
        return a if want is None or want == a.dtype.name else a.astype(want)
    if (
        isinstance(obj, (list, tuple))
        and not set(map(type, obj)) <= _PLAIN  # only then can an element be an array or a tensor
        and any(isinstance(x, ndarray) or _tensor_of(x) is not None for x in obj)
    ):
        from ._functions import stack

        return stack([asarray(x) for x in obj]).astype(want) if want else stack([asarray(x) for x in obj])
    try:
        flat, shape = _flat_of(obj)
    except _Ragged as e:
        raise ValueError(str(e)) from None
    name = want or (obj._np_name if isinstance(obj, _dtypes.generic) else _infer(flat))
    if name == "bool":
        flat = [1 if v else 0 for v in flat]
    elif _dtypes.is_int(name):
        kinds = set(map(type, flat))
        if not kinds <= {builtins.int, builtins.bool}:
            bad = next((v for v in flat if isinstance(v, builtins.float) and not math.isfinite(v)), None)
            if bad is not None:
                raise ValueError("cannot convert float %s to integer" % ("NaN" if bad != bad else "infinity"))
        in_range = kinds <= {builtins.int} and -(2**63) <= min(flat, default=0) <= max(flat, default=0) < 2**63
        if name == "int64" and kinds <= {builtins.int} and not in_range:
            if want is None:
                raise not_in_subset("array of Python ints past int64's range (NumPy makes uint64 or object arrays)")
            raise OverflowError("Python int too large to convert to C long")
        if not (name == "int64" and in_range):  # other dtypes wrap, as NumPy 1's casts
            flat = [_dtypes.wrap(int(v), name) for v in flat]
    elif name != "float16" and not set(map(type, flat)) <= {builtins.float, builtins.int}:
        flat = [builtins.float(v) for v in flat]  # bools, NumPy scalars (array() takes floats and ints)
    values = typed_array(flat, name)
    return ndarray._wrap(js.constant(to_js(flat) if values is None else values, to_js(shape), name))


def array(obj, dtype=None, copy=True, ndmin=0):
    a = asarray(obj, dtype)
    while a.ndim < ndmin:
        a = a.reshape((1,) + a.shape)
    return a


def _operand(x, like):
    """x as an ndarray for an op with the array `like` (Python numbers are weak, NEP 50)."""
    if isinstance(x, ndarray):
        return x
    if isinstance(x, (builtins.bool, builtins.int, builtins.float)) and not isinstance(x, _dtypes.generic):
        return asarray(x, _dtypes.result_name(like.dtype.name, x))
    return asarray(x)


def _pair(a, b):
    """a and b as ndarrays of their common dtype."""
    a = a if isinstance(a, ndarray) else _operand(a, b if isinstance(b, ndarray) else asarray(b))
    b = _operand(b, a)
    if a.dtype.name != b.dtype.name:
        name = _dtypes.promote(a.dtype.name, b.dtype.name)
        a, b = a.astype(name), b.astype(name)
    return a, b


# arithmetic the core has for float16/32/64, int32 and int64; uint8 and bool go through int32
_WRAP8 = ("add", "subtract", "multiply", "floor_div", "floor_mod", "maximum", "minimum", "pow")


def binary(name, a, b):
    """The core op `name` on a and b with NumPy's promotion."""
    a, b = _pair(a, b)
    dt = a.dtype.name
    if name == "divide" and not _dtypes.is_float(dt):
        a, b = a.astype("float64"), b.astype("float64")
    elif dt in ("uint8", "bool") and name in _WRAP8:
        if dt == "bool":
            if name in ("add", "maximum"):
                return ndarray._wrap(op("logical_or", a._t, b._t))
            if name in ("multiply", "minimum"):
                return ndarray._wrap(op("logical_and", a._t, b._t))
            raise TypeError("numpy boolean %s is not supported, use the bitwise operators" % name)
        r = op(name, op("cast", a._t, "int32"), op("cast", b._t, "int32"))
        return ndarray._wrap(op("cast", op("floor_mod", r, 256), "uint8"))  # uint8 wraps
    return ndarray._wrap(op(name, a._t, b._t))


def compare(name, a, b):
    if not isinstance(b, (ndarray, builtins.int, builtins.float, builtins.bool, list, tuple, _dtypes.generic)):
        return NotImplemented
    a, b = _pair(a, b)
    return ndarray._wrap(op(name, a._t, b._t))


def _index_kind(i):
    """'basic', 'int' (an integer array) or 'bool' (a mask) for one index entry."""
    if i is None or i is Ellipsis or isinstance(i, slice):
        return "basic"
    if isinstance(i, (builtins.bool, _dtypes.bool_)):
        raise NotImplementedError("xtape's NumPy does not index with a single True/False")
    if isinstance(i, builtins.int):
        return "basic"
    if isinstance(i, (list, tuple)) or hasattr(i, "_t") or hasattr(i, "_js_handle"):
        i = asarray(i)
        return "bool" if i.dtype.name == "bool" else "int" if _dtypes.is_int(i.dtype.name) else "float"
    if hasattr(i, "__index__"):
        return "basic"
    raise IndexError(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays "
        "are valid indices"
    )


def _expand(index, ndim):
    """The index tuple with ... replaced by full slices (entries other than None count axes)."""
    if not isinstance(index, tuple):
        index = (index,)
    if sum(1 for i in index if i is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    used = sum(asarray(i).ndim if _index_kind(i) == "bool" else 1 for i in index if i is not None and i is not Ellipsis)
    if used > ndim:
        raise IndexError("too many indices for array: array is %d-dimensional, but %d were indexed" % (ndim, used))
    fill = (slice(None),) * (ndim - used)
    if any(i is Ellipsis for i in index):
        at = next(k for k, i in enumerate(index) if i is Ellipsis)
        return index[:at] + fill + index[at + 1 :]
    return index + fill


def _contiguous_index(idx, shape):
    """Whether x[idx] (ints, slices, None) of a C-contiguous x is C-contiguous: past an axis that
    keeps more than one element, every axis is whole."""
    axis, kept = 0, False
    for i in idx:
        if i is None:
            continue
        n = shape[axis]
        axis += 1
        if isinstance(i, slice):
            b, e, st = i.indices(n)
            length = len(builtins.range(b, e, st))
            if kept and (b, length, st) != (0, n, 1) and n > 1:
                return False
            if length > 1:
                if st != 1:
                    return False
                kept = True
        elif kept and n > 1:
            return False
    return True


class ndarray:
    """np.ndarray: shape, dtype, ndim, size, T, arithmetic, comparisons and indexing as NumPy."""

    __slots__ = ("_tv", "_base", "_version", "__weakref__")
    __array_priority__ = 100

    def __init__(self, shape, dtype=float, buffer=None):
        if buffer is not None:
            raise not_in_subset("ndarray(buffer=...)")
        name = name_of(dtype)
        self._tv = op("zeros", ints([shape] if isinstance(shape, builtins.int) else shape), name)
        self._base = None
        self._version = 0

    @classmethod
    def _wrap(cls, t, base=None):
        a = object.__new__(cls)
        a._tv = t
        a._base = base
        a._version = 0  # counts replacements of the values, so views know when to read again
        return a

    @classmethod
    def _view(cls, t, parent, get, put, contiguous):
        """A view of parent, with t = get(parent) now: it reads get(parent) again after parent
        changed, and put(parent, view) writes the view's values into parent. contiguous: C order
        over parent's memory, so that a reshape of it is a view too (NumPy's rule)."""
        return cls._wrap(t, [parent, get, put, parent._version, contiguous])

    @property
    def _t(self):
        """The JS tensor of the values; a view brings itself up to date with its base first."""
        base = self._base
        if base is not None:
            parent = base[0]
            parent._t  # noqa: B018  (the parent up to date first)
            if parent._version != base[3]:
                base[3] = parent._version
                self._replace(base[1](parent))
        return self._tv

    @_t.setter
    def _t(self, t):  # `t, r._t = r._t, None` takes the tensor out of a temporary
        self._tv = t

    def _contiguous(self):
        return self._base is None or self._base[4]

    def __del__(self):
        t = getattr(self, "_tv", None)
        if t is not None:
            try:
                t.dispose()
                t.destroy()
            except Exception:
                pass

    def _replace(self, t):
        old, self._tv = self._tv, t
        self._version += 1
        try:
            old.dispose()
            old.destroy()
        except Exception:
            pass

    def _set(self, t):
        """Replace the values (writes go through to the array this view came from)."""
        self._replace(t)
        base = self._base
        if base is not None:
            base[2](base[0], self)
            base[3] = base[0]._version  # the parent now holds what this view holds

    # --- attributes ---------------------------------------------------------------------------
    @property
    def shape(self):
        return tuple(int(d) for d in self._t.shape)

    @shape.setter
    def shape(self, value):
        self._set(op("reshape", self._t, ints(_functions().normalize_shape(value, self.size))))

    @property
    def dtype(self):
        return dtype(self._t.dtype)

    @property
    def ndim(self):
        return len(self._t.shape)

    @property
    def size(self):
        return int(self._t.size)

    @property
    def itemsize(self):
        return self.dtype.itemsize

    @property
    def nbytes(self):
        return self.size * self.itemsize

    @property
    def T(self):
        return self.transpose()

    def _values(self):
        """The values as a flat Python list."""
        data = self._t.data().to_py()
        out = data.tolist() if hasattr(data, "tolist") else list(data)
        if self.dtype.name == "bool":
            return [builtins.bool(v) for v in out]
        return out

    def tolist(self):
        flat, shape = self._values(), self.shape
        if not shape:
            return flat[0]

        def nest(offset, axis):
            if axis == len(shape) - 1:
                return flat[offset : offset + shape[axis]]
            step = 1
            for d in shape[axis + 1 :]:
                step *= d
            return [nest(offset + i * step, axis + 1) for i in builtins.range(shape[axis])]

        return nest(0, 0) if 0 not in shape else _empty_nest(shape)

    def item(self, *index):
        if index:
            return self[index if len(index) > 1 else index[0]].item()
        if self.size != 1:
            raise ValueError("can only convert an array of size 1 to a Python scalar")
        return self._values()[0]

    def __float__(self):
        return builtins.float(self.item())

    def __int__(self):
        return builtins.int(self.item())

    def __index__(self):
        if not _dtypes.is_int(self.dtype.name) or self.ndim:
            raise TypeError("only integer scalar arrays can be converted to a scalar index")
        return builtins.int(self.item())

    def __bool__(self):
        if self.size != 1:
            raise ValueError(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"
            )
        return builtins.bool(self.item())

    def __len__(self):
        if not self.ndim:
            raise TypeError("len() of unsized object")
        return self.shape[0]

    def __iter__(self):
        if not self.ndim:
            raise TypeError("iteration over a 0-d array")
        for i in builtins.range(self.shape[0]):
            yield self[i]

    def __repr__(self):
        return (
            _npformat.array_repr(self._print_values(), list(self.shape), self.dtype.name)
            if self.ndim
            else ("array(%s%s)" % (_npformat.scalar_str(self.item(), self.dtype.name), _dtype_suffix(self.dtype.name)))
        )

    def __str__(self):
        if not self.ndim:
            return _npformat.scalar_str(self.item(), self.dtype.name)
        return _npformat.array_str(self._print_values(), list(self.shape), self.dtype.name)

    def _print_values(self):
        # past NumPy's threshold only the edges print: index the JS copy rather than convert all
        return self._values() if self.size <= 1000 else _JsValues(self._t.data(), self.dtype.name)

    def __format__(self, spec):
        if not spec:
            return str(self)
        if self.ndim:
            raise TypeError("unsupported format string passed to numpy.ndarray.__format__")
        return format(self.item(), spec)

    __hash__ = None

    # --- conversion -----------------------------------------------------------------------------
    def astype(self, dtype, copy=True):
        name = name_of(dtype)
        if name == self.dtype.name:
            return self.copy() if copy else self
        # floats to integers truncate; NaN and values out of range saturate (the core's TF cast,
        # where NumPy's result is undefined)
        return ndarray._wrap(op("cast", self._t, name))

    def copy(self, order="C"):
        return ndarray._wrap(op("reshape", self._t, ints(self.shape)))

    def view(self, *a, **k):
        raise not_in_subset("ndarray.view")

    def __array__(self, dtype=None):
        return self if dtype is None else self.astype(dtype)

    def numpy(self):
        return self

    def fill(self, value):
        self._set(op("cast", op("fill", ints(self.shape), builtins.float(value), "float64"), self.dtype.name))

    # --- indexing -----------------------------------------------------------------------------
    def __getitem__(self, index):
        idx = _expand(index, self.ndim)
        kinds = [_index_kind(i) for i in idx]
        if all(k == "basic" for k in kinds):
            t, out = self._basic(idx)
            if not out:
                return _dtypes.scalar(ndarray._wrap(t).item(), self.dtype.name)
            return ndarray._view(
                t,
                self,
                lambda p: p._basic(idx)[0],
                lambda p, v: p.__setitem__(index, v),
                self._contiguous() and _contiguous_index(idx, self.shape),
            )
        return _functions().advanced_get(self, idx, kinds)

    def _basic(self, idx):
        """x[idx] for ints, slices and None: (the JS tensor, its shape)."""
        shape = self.shape
        begin, end, strides, out = [], [], [], []
        axis = 0
        for i in idx:
            if i is None:
                out.append(1)
                continue
            n = shape[axis]
            if isinstance(i, slice):
                b, e, s = i.indices(n)
                begin.append(b)
                end.append(e)
                strides.append(s)
                out.append(len(builtins.range(b, e, s)))
            else:
                k = i.__index__()
                if not -n <= k < n:
                    raise IndexError("index %d is out of bounds for axis %d with size %d" % (k, axis, n))
                k %= n
                begin += [k]
                end += [k + 1]
                strides += [1]
            axis += 1
        if not begin:  # a 0-d array indexed by () or None only
            return op("reshape", self._t, ints(out)), out
        t = op("strided_slice", self._t, ints(begin), ints(end), ints(strides))
        return (t if [int(d) for d in t.shape] == out else op("reshape", t, ints(out))), out

    def __setitem__(self, index, value):
        _functions().set_item(self, index, value)

    # --- operators ----------------------------------------------------------------------------
    def __add__(self, o):
        return binary("add", self, o)

    def __radd__(self, o):
        return binary("add", o, self)

    def __sub__(self, o):
        return binary("subtract", self, o)

    def __rsub__(self, o):
        return binary("subtract", o, self)

    def __mul__(self, o):
        return binary("multiply", self, o)

    def __rmul__(self, o):
        return binary("multiply", o, self)

    def __truediv__(self, o):
        return binary("divide", self, o)

    def __rtruediv__(self, o):
        return binary("divide", o, self)

    def __floordiv__(self, o):
        return binary("floor_div", self, o)

    def __rfloordiv__(self, o):
        return binary("floor_div", o, self)

    def __mod__(self, o):
        return binary("floor_mod", self, o)

    def __rmod__(self, o):
        return binary("floor_mod", o, self)

    def __pow__(self, o):
        # NumPy's fast_scalar_power: a float array ** 2, 0.5 or -1 is square, sqrt, reciprocal
        if _dtypes.is_float(self.dtype.name) and type(o) in (builtins.int, builtins.float) and o in (2, 0.5, -1):
            name = {2: "square", 0.5: "sqrt", -1: "reciprocal"}[o]
            return ndarray._wrap(op(name, self._t))
        return _functions().power(self, o)

    def __rpow__(self, o):
        return _functions().power(o, self)

    def __matmul__(self, o):
        return _functions().matmul(self, o)

    def __rmatmul__(self, o):
        return _functions().matmul(o, self)

    def __neg__(self):
        if self.dtype.name == "bool":
            raise TypeError("The numpy boolean negative, the `-` operator, is not supported, use `~` instead.")
        return _functions().negative(self)

    def __pos__(self):
        return self.copy()

    def __abs__(self):
        return _functions().absolute(self)

    def __invert__(self):
        if self.dtype.name != "bool":
            raise not_in_subset("invert of integers")
        return ndarray._wrap(op("logical_not", self._t))

    def __and__(self, o):
        return _logical("logical_and", self, o)

    __rand__ = __and__

    def __or__(self, o):
        return _logical("logical_or", self, o)

    __ror__ = __or__

    def __xor__(self, o):
        return compare("not_equal", *_bools(self, o))

    __rxor__ = __xor__

    def __eq__(self, o):
        return compare("equal", self, o)

    def __ne__(self, o):
        return compare("not_equal", self, o)

    def __lt__(self, o):
        return compare("less", self, o)

    def __le__(self, o):
        return compare("less_equal", self, o)

    def __gt__(self, o):
        return compare("greater", self, o)

    def __ge__(self, o):
        return compare("greater_equal", self, o)

    def _inplace(self, name, o):
        r = binary(name, self, o)
        if r.dtype.name != self.dtype.name:
            if _dtypes.promote(self.dtype.name, r.dtype.name) != self.dtype.name:
                raise TypeError(
                    "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') with casting rule 'same_kind'"
                    % (name, r.dtype.name, self.dtype.name)
                )
            r = r.astype(self.dtype.name)
        t, r._t = r._t, None
        self._set(t)
        return self

    def __iadd__(self, o):
        return self._inplace("add", o)

    def __isub__(self, o):
        return self._inplace("subtract", o)

    def __imul__(self, o):
        return self._inplace("multiply", o)

    def __itruediv__(self, o):
        return self._inplace("divide", o)

    def __ifloordiv__(self, o):
        return self._inplace("floor_div", o)

    def __imod__(self, o):
        return self._inplace("floor_mod", o)

    def __ipow__(self, o):
        r = self.__pow__(o).astype(self.dtype.name)
        t, r._t = r._t, None
        self._set(t)
        return self

    # --- methods (the functions of _functions.py) -------------------------------------------
    def reshape(self, *shape, order="C"):
        return _functions().reshape(self, shape[0] if len(shape) == 1 else shape)

    def __getattr__(self, name):
        f = _functions().METHODS.get(name)
        if f is None:
            raise not_in_subset("ndarray." + name)
        return lambda *a, **k: f(self, *a, **k)


def _bools(a, b):
    a, b = asarray(a), asarray(b)
    if a.dtype.name != "bool" or b.dtype.name != "bool":
        raise not_in_subset("bitwise operators on integers")
    return a, b


def _logical(name, a, b):
    return ndarray._wrap(op(name, *_bools(a, b)))


def _dtype_suffix(name):
    return "" if name in ("bool", "float64", "int64") else ", dtype=%s" % name


def _empty_nest(shape):
    if shape[0] == 0:
        return []
    return [_empty_nest(shape[1:]) for _ in builtins.range(shape[0])]


class _JsValues:
    """A JS typed array's elements as Python numbers, read one at a time (for printing)."""

    def __init__(self, data, name):
        self.data, self.name = data, name

    def __getitem__(self, i):
        v = self.data[i]
        if self.name == "bool":
            return builtins.bool(v)
        return v if self.name.startswith("float") else builtins.int(v)

    def __len__(self):
        return self.data.length


def _functions():
    from . import _functions as f

    return f
