"""tf.Tensor (TF's EagerTensor): an immutable value in xtape's heap, freed when Python drops it;
conversion of Python values to tensors (TF's tensor_conversion_registry: Variable registers
itself), and printing as TF prints, through NumPy's format."""

import _npformat
import numpy as _numpy
from _typed import typed_array

from .bridge import JsException, call, error, js, release, to_js
from .dtypes import _builtin_bool, as_dtype, leaves_dtype
from .nested import read_nested
from .tensor_shape import TensorShape

# xtape's NumPy subset (python/numpy: arrays on the same core tensors) or, when Pyodide loaded
# it, the real NumPy.
SUBSET = getattr(_numpy, "__xtape__", False)


# While a tf.function traces: the JS tensors of its inputs. The core refuses a trace that reads a
# value it computed; reading an input's value (int(x) for a shape, bool(x), x.numpy()) is refused
# here, as a replay with other inputs would repeat the first call's value. Printing only peeks.
TRACE_INPUTS = set()


def values(t, peek=False):
    """A JS tensor's values as a Python list (peek: for printing, which does not refuse a trace)."""
    if TRACE_INPUTS and not peek and id(t) in TRACE_INPUTS:
        js.trace.refuse(
            "it reads the value of an input tensor (int(), float(), bool(), .numpy(), a shape from it), "
            "so its code may depend on that value"
        )
    return t.data().to_py().tolist()


_NUMBERS = {int, float, bool}


def _is_tensor(x):
    return isinstance(x, Tensor) or hasattr(x, "_js_handle")


def from_python(value, dtype=None):
    """A new JS tensor from a Python number, nested list or NumPy array; a list holding tensors
    is packed (tf.stack), as TF's conversion does."""
    if isinstance(value, (list, tuple)):
        flat, shape = read_nested(value)
    if (
        isinstance(value, (list, tuple))
        and not set(map(type, flat)) <= _NUMBERS  # (a C-speed scan first)
        and any(_is_tensor(x) for x in flat)
    ):
        from ..ops.gen_ops import OPS

        def pack(v):
            if isinstance(v, (list, tuple)):
                return OPS["stack"]([pack(x) for x in v], 0)
            return convert_to_tensor(v, dtype)

        packed = pack(value)
        handle, packed._t = packed._t, None  # the JS tensor is the caller's now
        return handle
    if SUBSET and isinstance(value, (_numpy.ndarray, _numpy.generic)):
        value = _numpy.asarray(value)  # a new handle on the same buffer, or a cast
        return call(js.op("cast"), value._t, dtype or value.dtype.name)
    if isinstance(value, _numpy.ndarray):  # the real NumPy's
        flat, shape, dtype = value.reshape(-1).tolist(), list(value.shape), dtype or value.dtype.name
    else:
        if not isinstance(value, (list, tuple)):
            flat, shape = [value], []
        dtype = dtype or leaves_dtype(flat)
    if dtype == "bool":
        flat = [1 if x else 0 for x in flat]
    values = typed_array(flat, dtype) if set(map(type, flat)) <= _NUMBERS else None
    return call(js.constant, to_js(flat) if values is None else values, to_js(shape), dtype)


class EagerTensor:
    """tf.Tensor (TF's EagerTensor): an immutable value in xtape's heap, freed when Python drops it."""

    __slots__ = ("_t", "_key", "_keras_mask", "__weakref__")

    def __init__(self, js_tensor):
        self._t = js_tensor
        self._key = None  # tf.function's trace key (dtype, shape), read from JS once: a tensor is immutable
        self._keras_mask = None  # Keras's mask of a layer's output ([batch, time] bools), when it has one

    def __del__(self):
        release(self, "_t")

    @property
    def shape(self):
        return TensorShape(int(d) for d in self._t.shape)

    @property
    def dtype(self):
        return as_dtype(self._t.dtype)

    @property
    def ndim(self):
        return len(self._t.shape)

    def get_shape(self):
        return self.shape

    def numpy(self):
        """The values as a NumPy array (xtape's subset: the same buffer, no copy), a scalar as
        NumPy's scalar of the dtype."""
        shape, dtype = list(self.shape), self._t.dtype
        if not SUBSET:
            return _numpy.asarray(values(self._t), dtype=dtype).reshape(shape)
        if not shape:  # read the one value (the hot path of float(loss) and metrics)
            return _numpy.dtype(dtype).type(values(self._t)[0])
        return _numpy.ndarray._wrap(js.reshape(self._t, self._t.shape))

    def __repr__(self):
        return "<tf.Tensor: shape=%s, dtype=%s, numpy=%s>" % (self.shape, self._t.dtype, numpy_text(self, True))

    def __str__(self):
        return "tf.Tensor(%s, shape=%s, dtype=%s)" % (numpy_text(self, False), self.shape, self._t.dtype)

    def __len__(self):
        if not self.shape:
            raise TypeError("len() of unsized object")
        return self.shape[0]

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __float__(self):
        return float(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __index__(self):
        if self._t.dtype not in ("int32", "int64", "uint8"):
            raise TypeError("only integer tensors can be used as an index")
        return int(self.numpy())

    def __bool__(self):
        if self.shape:
            raise ValueError("The truth value of an array with more than one element is ambiguous.")
        return _builtin_bool(self.numpy())

    __hash__ = None  # TF: tensors are unhashable (== is elementwise)

    def __format__(self, spec):
        """f"{loss:.3f}": a scalar formats as its number (TF goes through NumPy)."""
        if not spec:
            return str(self)
        if self.shape:
            raise TypeError("unsupported format string passed to numpy.ndarray.__format__")
        v = values(self._t, peek=True)[0]
        dtype = self._t.dtype
        return format(_builtin_bool(v) if dtype == "bool" else float(v) if dtype in _npformat.FLOATS else int(v), spec)

    def __getitem__(self, index):
        """NumPy's basic indexing, as TF: ints, slices (any step), None (tf.newaxis) and ..., on
        any axes: t[1:, :], t[:, 0], t[::-1], t[..., None]; with gradient (strided_slice). A bool
        tensor or array of the leading axes is a mask (TF: tf.boolean_mask): t[t > 2]."""
        from ..ops.gen_ops import OPS

        if _is_mask(index):
            mask = index if isinstance(index, Tensor) else convert_to_tensor(index)
            return OPS["boolean_mask"](self, mask)
        return _strided(self, index if isinstance(index, tuple) else (index,), OPS)


Tensor = EagerTensor


def _is_mask(index):
    """A boolean tensor or NumPy array, or a (nested) list of Python bools."""
    if isinstance(index, Tensor):
        return index._t.dtype == "bool"
    if isinstance(index, _numpy.ndarray):
        return index.dtype.name == "bool"
    if isinstance(index, list) and index:
        first = index
        while isinstance(first, list) and first:
            first = first[0]
        return isinstance(first, bool)
    return False


def _strided(t, index, OPS):
    shape = list(t.shape)
    real = sum(1 for i in index if i is not None and i is not Ellipsis)
    if sum(1 for i in index if i is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    if real > len(shape):
        raise IndexError("too many indices for a tensor of rank %d" % len(shape))
    fill = [slice(None)] * (len(shape) - real)
    if any(i is Ellipsis for i in index):
        at = next(k for k, i in enumerate(index) if i is Ellipsis)
        index = tuple(index[:at]) + tuple(fill) + tuple(index[at + 1 :])
    else:
        index = tuple(index) + tuple(fill)
    begin, end, strides, out = [], [], [], []
    axis = 0
    for i in index:
        if i is None:
            out.append(1)
            continue
        n = shape[axis]
        if isinstance(i, slice):
            b, e, s = i.indices(n)
            begin.append(b)
            end.append(e)
            strides.append(s)
            out.append(len(range(b, e, s)))
        elif isinstance(i, int) or (
            isinstance(i, Tensor) and not i.shape and i._t.dtype in ("int32", "int64", "uint8")
        ):
            k = int(i)
            if not -n <= k < n:
                raise IndexError("index %d is out of bounds for axis %d with size %d" % (k, axis, n))
            k %= n
            begin.append(k)
            end.append(k + 1)
            strides.append(1)
        else:
            raise NotImplementedError(
                "xtape indexes tensors with ints, slices, None and ..., not %s; use tf.gather" % type(i).__name__
            )
        axis += 1
    y = OPS["strided_slice"](t, begin, end, strides)
    return y if list(y.shape) == out else OPS["reshape"](y, out)


def numpy_text(t, is_repr):
    """TF's _numpy_text: the values as NumPy prints them."""
    shape, dtype = list(t.shape), t._t.dtype
    if not shape:
        return _npformat.scalar_str(values(t._t, peek=True)[0], dtype)
    # Past NumPy's threshold only the edges are printed: index the JS copy for them rather than
    # turning every element into a Python number ([60000, 784]: 2.9 s and 1.8 GB before).
    flat = values(t._t, peek=True) if t._t.size <= 1000 else t._t.data()
    text = _npformat.array_repr(flat, shape, dtype) if is_repr else _npformat.array_str(flat, shape, dtype)
    return "\n" + text if "\n" in text else text


# --- conversion (TF: tensor_conversion_registry) -------------------------------------------------

_CONVERSIONS = {}  # type -> fn(value) -> Tensor


def register_tensor_conversion_function(base_type, conversion_func):
    """tf.register_tensor_conversion_function, for types that stand for a tensor (Variable)."""
    _CONVERSIONS[base_type] = conversion_func


def _converted(value):
    for cls in type(value).__mro__:
        if cls in _CONVERSIONS:
            return _CONVERSIONS[cls](value)
    return None


def convert_to_tensor(value, dtype=None, name=None, dtype_hint=None):
    """tf.convert_to_tensor"""
    want = as_dtype(dtype).name if dtype is not None else None
    if not isinstance(value, Tensor):
        converted = _converted(value)
        value = value if converted is None else converted
    if isinstance(value, Tensor):
        if want and value._t.dtype != want:
            raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s" % (want, value._t.dtype))
        return value
    if want is None and dtype_hint is not None:
        want = as_dtype(dtype_hint).name
    return Tensor(from_python(value, want))


def as_js(value, dtype, temps):
    """One op argument as a JS tensor (or Variable, which JS reads); temporaries made here are
    appended to temps, for the caller to dispose after the call."""
    if isinstance(value, Tensor):
        return value._t
    handle = getattr(value, "_js_handle", None)  # a Variable: JS reads it (recorded on tapes)
    if handle is not None:
        return handle()
    t = from_python(value, dtype)
    temps.append(t)
    return t


__all__ = ["Tensor", "convert_to_tensor", "register_tensor_conversion_function", "JsException", "error"]
