"""tf.print: values as TF's PrintV2 writes them (tensors as nested brackets without commas, at most
`summarize` values per dimension at each end), on every call of a tf.function too: the print is
a step of the function's record, replayed with the call's values."""

import struct
import sys

from pyodide.ffi import create_proxy

from ..framework.bridge import call, js, to_js
from ..framework.tensor import Tensor
from .variables import Variable


def _number(v, dtype):
    """One element: floats in the fewest digits that read back (6, else 9 for float32; 15, else
    17 for float64), integers as they are, bools as True/False."""
    if dtype == "bool":
        return "True" if v else "False"
    if dtype in ("float32", "float16"):
        short = "%.6g" % v
        return short if struct.unpack("f", struct.pack("f", float(short)))[0] == v else "%.9g" % v
    if dtype == "float64":
        short = "%.15g" % v
        return short if float(short) == v else "%.17g" % v
    return str(int(v))


def _summarize(values, shape, dtype, summarize, depth=0):
    if not shape:
        return _number(values[0], dtype)
    n, inner = shape[0], 1
    for d in shape[1:]:
        inner *= d
    keep = (
        range(n)
        if summarize < 0 or n <= 2 * summarize
        else list(range(summarize)) + [None] + list(range(n - summarize, n))
    )
    parts = []
    for i in keep:
        if i is None:
            parts.append("...")
        else:
            parts.append(_summarize(values[i * inner : (i + 1) * inner], shape[1:], dtype, summarize, depth + 1))
    sep = " " if len(shape) == 1 else "\n" * (len(shape) - 1) + " " * (depth + 1)
    return "[" + sep.join(parts) + "]"


class _Slot:
    """Where a tensor stood among tf.print's inputs (its value comes with every call)."""

    __slots__ = ("index",)

    def __init__(self, index):
        self.index = index


def _collect(v, tensors):
    """inputs with each tensor (and variable's value) replaced by a _Slot into tensors."""
    if isinstance(v, Variable):
        v = v.value()
    if isinstance(v, Tensor):
        tensors.append(v)
        return _Slot(len(tensors) - 1)
    if isinstance(v, (list, tuple)):
        return type(v)(_collect(x, tensors) for x in v)
    if isinstance(v, dict):
        return {k: _collect(x, tensors) for k, x in v.items()}
    return v


def _text(v, values, summarize):
    if isinstance(v, _Slot):
        t = values[v.index]
        flat = t.numpy().ravel().tolist() if t.shape.rank else [t.numpy().item()]
        return _summarize(flat, [int(d) for d in t.shape], t.dtype.name, summarize)
    if isinstance(v, (list, tuple)):
        inner = " ".join(_text(x, values, summarize) for x in v)
        return "[" + inner + "]" if isinstance(v, list) else "(" + inner + ")"
    if isinstance(v, dict):
        return "{" + ", ".join("%r: %s" % (k, _text(x, values, summarize)) for k, x in v.items()) + "}"
    return str(v)


def print_(*inputs, output_stream=None, summarize=3, sep=" ", end="\n", name=None):
    """tf.print(*inputs, output_stream=sys.stderr, summarize=3, sep=' ', end='\\n'): printed now
    and, inside a tf.function, on every call (a step of its record)."""
    stream = sys.stderr if output_stream is None else output_stream
    summarize = -1 if summarize == -1 else summarize or 3
    tensors = []
    layout = [_collect(v, tensors) for v in inputs]

    def emit(js_tensors):
        values = [Tensor(t) for t in js_tensors]
        stream.write(sep.join(_text(v, values, summarize) for v in layout) + end)

    handler = create_proxy(emit)
    try:
        call(js.trace.effect, handler, to_js([t._t for t in tensors]))
    finally:
        if not js.trace.active:  # nothing keeps it: a traced function's record would
            handler.destroy()
