"""tf.print: values as TF's PrintV2 writes them (tensors as nested brackets without commas, at most
`summarize` values per dimension at each end), on every call of a tf.function too (a function that
prints is not replayed: it runs eagerly)."""

import struct
import sys

from ..framework.bridge import js
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


def _text(v, summarize):
    if isinstance(v, Variable):
        v = v.value()
    if isinstance(v, Tensor):
        values = v.numpy().ravel().tolist() if v.shape.rank else [v.numpy().item()]
        return _summarize(values, [int(d) for d in v.shape], v.dtype.name, summarize)
    if isinstance(v, (list, tuple)):
        inner = " ".join(_text(x, summarize) for x in v)
        return "[" + inner + "]" if isinstance(v, list) else "(" + inner + ")"
    if isinstance(v, dict):
        return "{" + ", ".join("%r: %s" % (k, _text(x, summarize)) for k, x in v.items()) + "}"
    return str(v)


def print_(*inputs, output_stream=None, summarize=3, sep=" ", end="\n", name=None):
    """tf.print(*inputs, output_stream=sys.stderr, summarize=3, sep=' ', end='\\n')"""
    js.trace.refuse("it calls tf.print, which prints on every call")
    stream = sys.stderr if output_stream is None else output_stream
    stream.write(sep.join(_text(v, -1 if summarize == -1 else summarize or 3) for v in inputs) + end)
