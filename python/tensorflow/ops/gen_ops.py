"""The op table's functions (xtape_js.opTable: TF paths, keyword names, kinds and defaults), made
once at import into TF's namespaces (tf.add, tf.math.add, tf.nn.relu, ...). Nothing here lists
ops by hand; OPS maps each row's name to its function."""

import sys
import types

import numpy as _numpy

from ..framework.bridge import JsException, call, error, int_list, js, to_js
from ..framework.dtypes import _builtin_bool, as_dtype, python_dtype
from ..framework.tensor import Tensor, as_js
from .variables import VARIABLE_TYPES, Variable

TABLE = js.opTable.to_py()
OPS = {}
_PACKAGE = __name__.split(".")[0]
_MODULES = {}


def module(path):
    """tf.math, tf.nn, ... as real modules (so `from tensorflow import nn` works)."""
    if path == "tf":
        return sys.modules[_PACKAGE]
    if path not in _MODULES:
        name = _PACKAGE + path[2:]
        mod = types.ModuleType(name, "TensorFlow's %s namespace (xtape)" % path)
        sys.modules[name] = mod
        parent = module(path.rsplit(".", 1)[0])
        setattr(parent, path.rsplit(".", 1)[1], mod)
        _MODULES[path] = mod
    return _MODULES[path]


def export(paths):
    """Puts each function at its TF paths ({"tf.nn.gelu": gelu, ...}), as the table's rows are."""
    for path, fn in paths.items():
        space, _, attr = path.rpartition(".")
        setattr(module(space), attr, fn)


def _make_op(defn):
    args = defn["args"]
    names = [a["name"] for a in args]
    js_fn = js.op(defn["name"])
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
                elif tv in VARIABLE_TYPES:
                    js_args.append(v._v)
                else:
                    break
            else:
                try:
                    return Tensor(js_fn(*js_args))
                except JsException as e:
                    raise error(e) from None
        kw.pop("name", None)
        if len(pos) > len(names):
            raise TypeError("%s() takes %d positional arguments but %d were given" % (py_name, len(names), len(pos)))
        values = dict(zip(names, pos, strict=False))
        for k, v in kw.items():
            if k not in names:
                raise TypeError("%s() got an unexpected keyword argument '%s'" % (py_name, k))
            if k in values:
                raise TypeError("%s() got multiple values for argument '%s'" % (py_name, k))
            values[k] = v
        # Python numbers and lists take the dtype of the op's tensor arguments, as in TF; a bool
        # tensor (tf.where's condition) sets it only when no other tensor does.
        given = [
            v._t.dtype if isinstance(v, Tensor) else v.dtype.name
            for v in values.values()
            if isinstance(v, (Tensor, Variable))
        ]
        ref = next((d for d in given if d != "bool"), given[0] if given else None)
        if ref is None:  # only Python values: the common dtype of the tensor arguments (1. + 2 -> float32)
            plain = [values[a["name"]] for a in args if a["kind"] == "tensor" and values.get(a["name"]) is not None]
            kinds = {python_dtype(v) for v in plain}
            ref = (
                None
                if len(plain) < 2
                else kinds.pop()
                if len(kinds) == 1
                else "float32"
                if "float32" in kinds
                else None
            )
        temps, out = [], []
        try:
            for a in args:
                out.append(_argument(py_name, a, values.get(a["name"]), ref, temps))
            return Tensor(call(js_fn, *out))
        finally:
            for t in temps:
                t.dispose()

    op.__name__ = defn["name"]
    op.__qualname__ = defn["name"]
    op.__doc__ = "%s(%s)\n\n%s" % (
        py_name,
        ", ".join(a["name"] + ("=%r" % a["default"] if "default" in a else "") for a in args),
        defn["doc"],
    )
    return op


def _argument(py_name, a, v, ref, temps):
    """One argument as the JS op takes it, by its kind in the table."""
    kind = a["kind"]
    if v is None:
        if "default" not in a:
            raise TypeError("%s() missing required argument: '%s'" % (py_name, a["name"]))
        return None  # JS undefined: the table's default
    if kind in ("tensor", "index_tensor"):
        dtype = "int32" if kind == "index_tensor" and python_dtype(v) != "float32" else None
        if dtype is None and ref is not None and not isinstance(v, (Tensor, Variable, _numpy.ndarray)):
            dtype = ref if python_dtype(v) != "bool" else None
        if dtype in (None, "float32") and kind == "tensor" and type(v) in (float, int):
            return float(v)  # a number: the JS API makes (and frees) the float32 scalar
        return as_js(v, dtype, temps)
    if kind == "tensors":
        if not isinstance(v, (list, tuple)):
            raise TypeError("%s(): %s must be a list of tensors, got %s" % (py_name, a["name"], type(v).__name__))
        inner = next((x._t.dtype for x in v if isinstance(x, Tensor)), None)
        inner = inner or next((x.dtype.name for x in v if isinstance(x, Variable)), None)
        dtype = inner or python_dtype(list(v))
        return to_js([as_js(x, None if isinstance(x, (Tensor, Variable)) else dtype, temps) for x in v])
    if kind == "dtype":
        return as_dtype(v).name
    if kind == "flag":
        return _builtin_bool(v)
    if kind in ("number", "integer"):
        return v if isinstance(v, float) else int(v) if kind == "integer" or isinstance(v, int) else float(v)
    if kind == "axes" and isinstance(v, int):
        return int(v)
    if kind == "shape" and isinstance(v, int):  # tf.zeros(2): a length
        v = [v]
    # shape, ints, perm, axes: a list of ints
    if isinstance(v, (Tensor, Variable, _numpy.ndarray)):
        v = v if isinstance(v, _numpy.ndarray) else v.numpy()
        v = v.tolist() if hasattr(v, "tolist") else v
        if not isinstance(v, list):  # a scalar tensor: axis=tf.constant(1)
            return int(v) if kind == "axes" else [int(v)]
    return int_list(v)


for _defn in TABLE:
    _fn = _make_op(_defn)
    OPS[_defn["name"]] = _fn
    for _path in _defn["python"]:
        _space, _, _attr = _path.rpartition(".")
        setattr(module(_space), _attr, _fn)
del _defn, _fn, _path, _space, _attr
