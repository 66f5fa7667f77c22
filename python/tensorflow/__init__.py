"""TensorFlow 2's Python API on xtape, for Pyodide: `import tensorflow as tf` runs the TF2 tutorial
as written, on xtape's WebAssembly core, through its JavaScript API (registered by the host as the
module `xtape_js`). Every op comes from xtape's op table (`xtape_js.opTable`): its TF paths, keyword
names, kinds and defaults; nothing here lists ops by hand. What is not provided is an
AttributeError naming it (Python suggests the nearest name: tf.Varible -> Variable)."""

import sys
import types

import xtape_js as _js
from pyodide.ffi import JsException, to_js
import js as _global

from . import _ndarray, errors

__version__ = "2.16.0-xtape"  # the TF API level this follows

# --- calling the core --------------------------------------------------------------------------


def _error(e):
    """A JS XtapeError as TF's Python class, with the core's message."""
    err = getattr(e, "js_error", None)
    kind = getattr(err, "kind", None) if err is not None else None
    message = getattr(err, "message", None) if err is not None else None
    if kind is None or message is None:
        return e
    return errors.from_kind(kind, message)


def _call(f, *args):
    try:
        return f(*args)
    except JsException as e:
        raise _error(e) from None


def _release(owner, attr):
    """__del__ of every wrapper: dispose the xtape object and free its proxy (quietly when the
    interpreter or the module is shutting down)."""
    handle = getattr(owner, attr, None)
    if handle is not None:
        try:
            handle.dispose()
            handle.destroy()
        except Exception:
            pass


def _obj(d):
    """A Python dict as a plain JS object."""
    return to_js(d, dict_converter=_global.Object.fromEntries)


# --- dtypes ------------------------------------------------------------------------------------


class DType:
    """tf.DType: float32, int32, uint8, bool (float64 and int64 exist only to be refused)."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "tf." + self.name

    def __str__(self):
        return "<dtype: '%s'>" % self.name

    def __eq__(self, other):
        try:
            return self.name == as_dtype(other).name
        except (TypeError, NotImplementedError):
            return False

    def __hash__(self):
        return hash(self.name)

    @property
    def is_floating(self):
        return self.name.startswith("float")

    @property
    def is_integer(self):
        return self.name.startswith(("int", "uint"))

    @property
    def as_numpy_dtype(self):
        return self.name


float32 = DType("float32")
int32 = DType("int32")
uint8 = DType("uint8")
bool = DType("bool")  # noqa: A001  (tf.bool)
float64 = DType("float64")
int64 = DType("int64")
float16 = DType("float16")
_SUPPORTED = ("float32", "int32", "uint8", "bool")
_builtin_bool = type(True)


def as_dtype(d):
    """tf.as_dtype: a DType from a DType, a name, or a Python type."""
    if isinstance(d, DType):
        name = d.name
    elif isinstance(d, str):
        name = d
    elif d is float:
        name = "float32"
    elif d is int:
        name = "int32"
    elif d is _builtin_bool:
        name = "bool"
    else:
        name = getattr(d, "name", None) or str(d)
    if name not in _SUPPORTED:
        raise NotImplementedError(
            "xtape supports the dtypes float32, int32, uint8 and bool, not %s" % name
        )
    return {"float32": float32, "int32": int32, "uint8": uint8, "bool": bool}[name]


class TensorShape(tuple):
    """tf.TensorShape: a tuple that prints as TF prints it."""

    def __repr__(self):
        return "TensorShape(%s)" % list(self)

    def __str__(self):
        return _ndarray.shape_str(self)

    def as_list(self):
        return list(self)

    @property
    def rank(self):
        return len(self)

    @property
    def ndims(self):
        return len(self)


# --- tensors -----------------------------------------------------------------------------------


def _values(t):
    """A JS tensor's values as a Python list."""
    return t.data().to_py().tolist()


def _python_dtype(v):
    """The dtype TF gives a Python value: bool, int32 for ints, float32 for floats."""
    while isinstance(v, (list, tuple)) and v:
        kinds = {_python_dtype(x) for x in v}
        return "float32" if "float32" in kinds else kinds.pop()
    if isinstance(v, _builtin_bool):
        return "bool"
    if isinstance(v, int):
        return "int32"
    return "float32"


def _flatten(v, out):
    if isinstance(v, (list, tuple)):
        for x in v:
            _flatten(x, out)
    else:
        out.append(v)
    return out


def _shape_of(v):
    shape = []
    while isinstance(v, (list, tuple)):
        shape.append(len(v))
        v = v[0] if v else None
    return shape


def _from_python(value, dtype=None):
    """A new JS tensor from a Python number, nested list or fallback ndarray."""
    if isinstance(value, _ndarray.ndarray):
        if value._source is not None and (dtype is None or dtype == value.dtype):
            return _call(_js.op("cast"), value._source._t, value.dtype)
        flat, shape, dtype = value._flat, list(value.shape), dtype or value.dtype
    else:
        dtype = dtype or _python_dtype(value)
        flat, shape = _flatten(value, []), _shape_of(value)
    if dtype == "bool":
        flat = [1 if x else 0 for x in flat]
    return _call(_js.constant, to_js(flat), to_js(shape), dtype)


class Tensor:
    """tf.Tensor: an immutable value in xtape's heap, freed when Python drops it."""

    __slots__ = ("_t", "__weakref__")

    def __init__(self, js_tensor):
        self._t = js_tensor

    def __del__(self):
        _release(self, "_t")

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
        """The values: a numpy.ndarray when NumPy can be imported, else xtape's fallback array
        (prints as NumPy does); a scalar becomes a NumPy-style scalar."""
        shape, dtype = list(self.shape), self._t.dtype
        if _numpy is not None:
            return _numpy.asarray(_values(self._t), dtype=dtype).reshape(shape)
        if not shape:
            v = _values(self._t)[0]
            return _ndarray.float32(v) if dtype == "float32" else (_builtin_bool(v) if dtype == "bool" else int(v))
        return _ndarray.ndarray(lambda: _values(self._t), shape, dtype, self)

    def __repr__(self):
        return "<tf.Tensor: shape=%s, dtype=%s, numpy=%s>" % (self.shape, self._t.dtype, _numpy_text(self, True))

    def __str__(self):
        return "tf.Tensor(%s, shape=%s, dtype=%s)" % (_numpy_text(self, False), self.shape, self._t.dtype)

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
        if self._t.dtype not in ("int32", "uint8"):
            raise TypeError("only integer tensors can be used as an index")
        return int(self.numpy())

    def __bool__(self):
        if self.shape:
            raise ValueError("The truth value of an array with more than one element is ambiguous.")
        return _builtin_bool(self.numpy())

    __hash__ = None  # TF: tensors are unhashable (== is elementwise)

    def __getitem__(self, index):
        """Rows of the first axis: t[i], t[a:b], t[a:b:c] (other axes: NotImplementedError)."""
        if isinstance(index, tuple):
            if len(index) != 1:
                raise NotImplementedError("xtape indexes the first axis only; use tf.gather or tf.reshape")
            index = index[0]
        n = self.shape[0] if self.shape else 0
        if isinstance(index, slice):
            rows = list(range(n))[index]
            return gather(self, constant(rows, dtype=int32))
        if isinstance(index, int):
            if not -n <= index < n:
                raise IndexError("index %d is out of bounds for axis 0 with size %d" % (index, n))
            return reshape(gather(self, constant([index % n], dtype=int32)), list(self.shape[1:]))
        raise NotImplementedError("xtape indexes tensors with an int or a slice, not %s" % type(index).__name__)


def _numpy_text(t, is_repr):
    """TF's _numpy_text: the values as NumPy prints them."""
    shape, dtype = list(t.shape), t._t.dtype
    if not shape:
        return _ndarray.scalar_str(_values(t._t)[0], dtype)
    flat = _values(t._t)
    text = _ndarray.array_repr(flat, shape, dtype) if is_repr else _ndarray.array_str(flat, shape, dtype)
    return "\n" + text if "\n" in text else text


def _wrap(js_tensor):
    return Tensor(js_tensor)


# Conversion of one op argument; temporaries made here are disposed after the call.
def _as_js(value, dtype, temps):
    if isinstance(value, Tensor):
        return value._t
    if isinstance(value, Variable):
        return value._v
    t = _from_python(value, dtype)
    temps.append(t)
    return t


def convert_to_tensor(value, dtype=None, name=None, dtype_hint=None):
    """tf.convert_to_tensor"""
    want = as_dtype(dtype).name if dtype is not None else None
    if isinstance(value, Variable):
        value = value.value()
    if isinstance(value, Tensor):
        if want and value._t.dtype != want:
            raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s" % (want, value._t.dtype))
        return value
    if want is None and dtype_hint is not None:
        want = as_dtype(dtype_hint).name
    return _wrap(_from_python(value, want))


def constant(value, dtype=None, shape=None, name=None):
    """tf.constant(value, dtype=None, shape=None)"""
    want = as_dtype(dtype).name if dtype is not None else None
    if isinstance(value, (Tensor, Variable)):
        t = value if isinstance(value, Tensor) else value.value()
        out = cast(t, want) if want and t._t.dtype != want else t
    else:
        out = _wrap(_from_python(value, want))
    if shape is not None:
        shape = list(shape)
        if out.shape == TensorShape([]) or out.shape == TensorShape([1]):
            return fill(shape, float(out)) if out._t.dtype == "float32" else reshape(out, shape)
        return reshape(out, shape)
    return out


# --- the op table: every op with TF's Python names and keywords ---------------------------------

_TABLE = _js.opTable.to_py()
_MODULES = {}


def _module(path):
    """tf.math, tf.nn, ... as real modules (so `from tensorflow import nn` works)."""
    if path == "tf":
        return sys.modules[__name__]
    if path not in _MODULES:
        name = __name__ + path[2:]
        mod = types.ModuleType(name, "TensorFlow's %s namespace (xtape)" % path)
        sys.modules[name] = mod
        parent = _module(path.rsplit(".", 1)[0])
        setattr(parent, path.rsplit(".", 1)[1], mod)
        _MODULES[path] = mod
    return _MODULES[path]


def _make_op(defn):
    args = defn["args"]
    names = [a["name"] for a in args]
    js_fn = _js.op(defn["name"])
    py_name = defn["python"][0]

    kinds = [a["kind"] for a in args]
    required = sum(1 for a in args if "default" not in a)
    # fast[k]: k positional tensors make a complete call (the common case: x @ w1 + b1)
    fast = [k >= required and all(kd in ("tensor", "index_tensor") for kd in kinds[:k]) for k in range(len(args) + 1)]

    def op(*pos, **kw):
        if not kw and len(pos) <= len(args) and fast[len(pos)]:
            js_args = []
            for v in pos:
                tv = type(v)
                if tv is Tensor:
                    js_args.append(v._t)
                elif tv is Variable:
                    js_args.append(v._v)
                else:
                    break
            else:
                try:
                    return Tensor(js_fn(*js_args))
                except JsException as e:
                    raise _error(e) from None
        kw.pop("name", None)
        if len(pos) > len(names):
            raise TypeError("%s() takes %d positional arguments but %d were given" % (py_name, len(names), len(pos)))
        values = dict(zip(names, pos))
        for k, v in kw.items():
            if k not in names:
                raise TypeError("%s() got an unexpected keyword argument '%s'" % (py_name, k))
            if k in values:
                raise TypeError("%s() got multiple values for argument '%s'" % (py_name, k))
            values[k] = v
        # Python numbers and lists take the dtype of the op's tensor arguments, as in TF.
        ref = next((v._t.dtype for v in values.values() if isinstance(v, Tensor)), None)
        ref = ref or next((v.dtype.name for v in values.values() if isinstance(v, Variable)), None)
        if ref is None:  # only Python values: the common dtype of the tensor arguments (1. + 2 -> float32)
            plain = [values[a["name"]] for a in args if a["kind"] == "tensor" and values.get(a["name"]) is not None]
            ref = _python_dtype(plain) if len(plain) > 1 else None
        temps, out = [], []
        try:
            for a in args:
                v = values.get(a["name"])
                kind = a["kind"]
                if v is None:
                    if "default" not in a:
                        raise TypeError("%s() missing required argument: '%s'" % (py_name, a["name"]))
                    out.append(None)  # JS undefined: the table's default
                elif kind in ("tensor", "index_tensor"):
                    dtype = "int32" if kind == "index_tensor" and _python_dtype(v) != "float32" else None
                    if dtype is None and ref is not None and not isinstance(v, (Tensor, Variable, _ndarray.ndarray)):
                        dtype = ref if _python_dtype(v) != "bool" else None
                    if dtype in (None, "float32") and kind == "tensor" and type(v) in (float, int):
                        out.append(float(v))  # a number: the JS API makes (and frees) the float32 scalar
                    else:
                        out.append(_as_js(v, dtype, temps))
                elif kind == "dtype":
                    out.append(as_dtype(v).name)
                elif kind == "flag":
                    out.append(_builtin_bool(v))
                elif kind in ("number", "integer"):
                    out.append(v if isinstance(v, float) else int(v) if kind == "integer" or isinstance(v, int) else float(v))
                elif kind == "axes" and isinstance(v, int):
                    out.append(int(v))
                else:  # shape, perm, axes: a list of ints
                    if isinstance(v, (Tensor, _ndarray.ndarray)):
                        v = v.numpy().tolist() if isinstance(v, Tensor) else v.tolist()
                    out.append(to_js([int(d) for d in v]))
            return _wrap(_call(js_fn, *out))
        finally:
            for t in temps:
                t.dispose()

    op.__name__ = defn["name"]
    op.__qualname__ = defn["name"]
    op.__doc__ = "%s(%s)\n\n%s" % (py_name, ", ".join(
        a["name"] + ("=%r" % a["default"] if "default" in a else "") for a in args), defn["doc"])
    return op


for _defn in _TABLE:
    _fn = _make_op(_defn)
    for _path in _defn["python"]:
        _space, _, _attr = _path.rpartition(".")
        setattr(_module(_space), _attr, _fn)
del _defn, _fn, _path, _space, _attr

math = _module("tf.math")
nn = _module("tf.nn")
linalg = _module("tf.linalg")
image = _module("tf.image")


# Operators, as TF defines them on tensors.
def _binary(fn, swap=False):
    js_fn = _js.op(fn.__name__)

    def method(self, other):
        # Hot path (x @ w1 + b1, lr * grads[0]): straight to the core; a Python number becomes a
        # float32 scalar in the JS API, which frees it. Anything else goes through fn's conversions.
        to = type(other)
        if to is Tensor:
            a, b = self._t, other._t
        elif (to is float or to is int) and self._t.dtype == "float32":
            a, b = self._t, float(other)
        else:
            return fn(other, self) if swap else fn(self, other)
        try:
            return Tensor(js_fn(b, a) if swap else js_fn(a, b))
        except JsException as e:
            raise _error(e) from None

    return method


def _pow(self, exponent):
    if exponent == 2:
        return square(self)  # noqa: F821  (from the op table)
    if exponent == 0.5:
        return sqrt(self)  # noqa: F821
    raise NotImplementedError("xtape: tensor ** %r (only ** 2 and ** 0.5: there is no pow op)" % (exponent,))


Tensor.__add__ = _binary(add)  # noqa: F821
Tensor.__radd__ = _binary(add, True)  # noqa: F821
Tensor.__sub__ = _binary(subtract)  # noqa: F821
Tensor.__rsub__ = _binary(subtract, True)  # noqa: F821
Tensor.__mul__ = _binary(multiply)  # noqa: F821
Tensor.__rmul__ = _binary(multiply, True)  # noqa: F821
Tensor.__truediv__ = _binary(divide)  # noqa: F821
Tensor.__rtruediv__ = _binary(divide, True)  # noqa: F821
Tensor.__matmul__ = _binary(matmul)  # noqa: F821
Tensor.__rmatmul__ = _binary(matmul, True)  # noqa: F821
Tensor.__gt__ = _binary(greater)  # noqa: F821
Tensor.__lt__ = _binary(greater, True)  # noqa: F821
Tensor.__eq__ = _binary(equal)  # noqa: F821
Tensor.__neg__ = lambda self: negative(self)  # noqa: F821
Tensor.__pos__ = lambda self: self
Tensor.__pow__ = _pow


# --- variables ---------------------------------------------------------------------------------


class Variable:
    """tf.Variable(initial_value, trainable=True, name=None, dtype=None)"""

    __slots__ = ("_v", "_name", "__weakref__")

    def __init__(self, initial_value, trainable=True, name=None, dtype=None, **kwargs):
        unknown = set(kwargs) - {"validate_shape", "caching_device", "constraint", "synchronization", "aggregation", "shape"}
        if unknown:
            raise TypeError("Variable() got an unexpected keyword argument '%s'" % unknown.pop())
        if callable(initial_value):
            initial_value = initial_value()
        value = convert_to_tensor(initial_value, dtype=dtype)
        self._name = name or "Variable"
        self._v = _call(_js.Variable.new, value._t, _obj({"name": self._name, "trainable": _builtin_bool(trainable)}))

    def __del__(self):
        _release(self, "_v")

    @property
    def name(self):
        return self._name + ":0"

    @property
    def trainable(self):
        return _builtin_bool(self._v.trainable)

    @trainable.setter
    def trainable(self, on):
        self._v.trainable = _builtin_bool(on)

    @property
    def shape(self):
        return TensorShape(int(d) for d in self._v.shape)

    @property
    def dtype(self):
        return as_dtype(self._v.dtype)

    def value(self):
        return _wrap(_call(self._v.read))

    read_value = value

    def numpy(self):
        return self.value().numpy()

    def _update(self, how, value):
        temps = []
        try:
            _call(getattr(self._v, how), _as_js(value, self._v.dtype, temps))
        finally:
            for t in temps:
                t.dispose()
        return self

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._update("assign", value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._update("assignAdd", delta)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._update("assignSub", delta)

    def __repr__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s, numpy=%s>" % (
            self.name, self.shape, self._v.dtype, _numpy_text(self.value(), True))

    def __str__(self):
        return repr(self)

    __hash__ = object.__hash__  # variables are hashable (used as dict keys), as in TF

    def __len__(self):
        return len(self.value())

    def __float__(self):
        return float(self.value())

    def __getitem__(self, index):
        return self.value()[index]


# A Variable takes part in ops as its current value (read on the tapes that watch it).
for _op in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__",
            "__rtruediv__", "__matmul__", "__rmatmul__", "__gt__", "__lt__", "__neg__", "__pow__"):
    setattr(Variable, _op, (lambda name: lambda self, *a: getattr(Tensor, name)(self.value(), *a))(_op))
del _op


# --- GradientTape ------------------------------------------------------------------------------


_NO_OPTIONS = _obj({})


class UnconnectedGradients:
    NONE = "none"
    ZERO = "zero"


class GradientTape:
    """tf.GradientTape(persistent=False, watch_accessed_variables=True): `with` records."""

    _OPTIONS = {}  # the four option objects, made once

    def __init__(self, persistent=False, watch_accessed_variables=True):
        key = (_builtin_bool(persistent), _builtin_bool(watch_accessed_variables))
        if key not in GradientTape._OPTIONS:
            GradientTape._OPTIONS[key] = _obj({"persistent": key[0], "watchAccessedVariables": key[1]})
        self._tape = _call(_js.GradientTape.new, GradientTape._OPTIONS[key])
        self._persistent = persistent

    def __del__(self):
        _release(self, "_tape")

    def __enter__(self):
        _call(self._tape.startRecording)
        return self

    def __exit__(self, *exc):
        self._tape.stopRecording()
        return False

    def watch(self, tensor):
        for t in tensor if isinstance(tensor, (list, tuple)) else [tensor]:
            if isinstance(t, Tensor):
                _call(self._tape.watch, t._t)
            elif isinstance(t, Variable):
                _call(self._tape.watch, t._v)
            else:
                raise ValueError("GradientTape.watch: expected a Tensor or Variable, got %s" % type(t).__name__)

    class _Stop:
        def __init__(self, tape):
            self.tape = tape

        def __enter__(self):
            self.tape.stopRecording()

        def __exit__(self, *exc):
            _call(self.tape.startRecording)
            return False

    def stop_recording(self):
        """with tape.stop_recording(): ops in the block are not recorded."""
        return GradientTape._Stop(self._tape)

    def gradient(self, target, sources, output_gradients=None, unconnected_gradients=UnconnectedGradients.NONE):
        """One gradient per source (None where the target does not depend on it), in the
        structure of `sources` (a single source, a list or a tuple)."""
        single = not isinstance(sources, (list, tuple))
        flat = [sources] if single else list(sources)
        js_sources = []
        for s in flat:
            if isinstance(s, Variable):
                js_sources.append(s._v)
            elif isinstance(s, Tensor):
                js_sources.append(s._t)
            else:
                raise ValueError("GradientTape.gradient: a source must be a Tensor or Variable, got %s" % type(s).__name__)
        if not isinstance(target, Tensor):
            target = convert_to_tensor(target)
        unconnected = getattr(unconnected_gradients, "value", unconnected_gradients)
        temps = []
        try:
            if output_gradients is None and unconnected == "none":
                options = _NO_OPTIONS
            else:
                options = {"unconnectedGradients": unconnected}
                if output_gradients is not None:
                    options["outputGradients"] = _as_js(output_gradients, target._t.dtype, temps)
                options = _obj(options)
            grads = _call(self._tape.gradient, target._t, to_js(js_sources), options)
        finally:
            for t in temps:
                t.dispose()
        out = [None if g is None else _wrap(g) for g in grads]
        return out[0] if single else (tuple(out) if isinstance(sources, tuple) else out)

    def reset(self):
        raise NotImplementedError("GradientTape.reset is not provided by xtape's Python API")

    def watched_variables(self):
        raise NotImplementedError("GradientTape.watched_variables is not provided by xtape's Python API")


# --- random ------------------------------------------------------------------------------------

random = _module("tf.random")


def _random(kind, a_name, b_name):
    def draw(shape, a=0.0, b=1.0, dtype=float32, seed=None, name=None):
        if as_dtype(dtype) != float32:
            raise NotImplementedError("xtape draws float32 random numbers only, not %s" % as_dtype(dtype).name)
        options = {a_name: float(a), b_name: float(b)}
        if seed is not None:
            options["seed"] = int(seed)
        return _wrap(_call(getattr(_js.random, kind), to_js([int(d) for d in shape]), _obj(options)))

    return draw


_uniform = _random("uniform", "minval", "maxval")
_normal = _random("normal", "mean", "stddev")
_truncated = _random("truncatedNormal", "mean", "stddev")


def _random_uniform(shape, minval=0, maxval=None, dtype=float32, seed=None, name=None):
    """tf.random.uniform(shape, minval=0, maxval=None (1), dtype=tf.float32, seed=None)"""
    return _uniform(shape, minval, 1.0 if maxval is None else maxval, dtype, seed)


def _random_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """tf.random.normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None)"""
    return _normal(shape, mean, stddev, dtype, seed)


def _random_truncated_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """tf.random.truncated_normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None)"""
    return _truncated(shape, mean, stddev, dtype, seed)


def _set_seed(seed):
    """tf.random.set_seed(seed): the random calls after it repeat as a sequence."""
    _call(_js.random.setSeed, None if seed is None else int(seed))


class Generator:
    """tf.random.Generator.from_seed(seed)"""

    def __init__(self, seed):
        self._g = _call(_js.random.Generator.fromSeed, int(seed))

    @classmethod
    def from_seed(cls, seed, alg=None):
        return cls(seed)

    def __del__(self):
        _release(self, "_g")

    def uniform(self, shape, minval=0, maxval=None, dtype=float32, name=None):
        return _wrap(_call(self._g.uniform, to_js([int(d) for d in shape]), _obj({"minval": float(minval), "maxval": 1.0 if maxval is None else float(maxval)})))

    def normal(self, shape, mean=0.0, stddev=1.0, dtype=float32, name=None):
        return _wrap(_call(self._g.normal, to_js([int(d) for d in shape]), _obj({"mean": float(mean), "stddev": float(stddev)})))

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=float32, name=None):
        return _wrap(_call(self._g.truncatedNormal, to_js([int(d) for d in shape]), _obj({"mean": float(mean), "stddev": float(stddev)})))


random.uniform = _random_uniform
random.normal = _random_normal
random.truncated_normal = _random_truncated_normal
random.set_seed = _set_seed
random.Generator = Generator

# NumPy, when the interpreter has it; .numpy() returns xtape's fallback array otherwise.
try:
    import numpy as _numpy
except ImportError:
    _numpy = None

from . import keras  # noqa: E402  (after the API it builds on)

__all__ = [n for n in dir() if not n.startswith("_")]
