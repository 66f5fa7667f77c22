"""tf.function: the first call for a signature runs the Python function eagerly while the core
records its calls (xtape.trace, core/include/xtape/trace.hpp); later calls with tensors of the
same dtypes and shapes and equal Python arguments replay the record inside the core, with no
Python per op, bit for bit as eager. As in TF, Python side effects (print, list appends) happen
at tracing only, a new signature traces again, and tf.config.run_functions_eagerly(True) turns
tracing off. Unlike TF, a function whose record cannot stand for later calls (it reads a value it
computed with .numpy() or float(), or creates variables on every call) is not an error: it keeps
running eagerly."""

import functools

import numpy as _np

from ..framework.bridge import call, js, to_js
from ..framework.tensor import Tensor, convert_to_tensor
from ..util import nest

_RUN_EAGERLY = [False]


def run_functions_eagerly(run_eagerly):
    """tf.config.run_functions_eagerly(bool): True runs every tf.function as plain Python."""
    _RUN_EAGERLY[0] = bool(run_eagerly)


def functions_run_eagerly():
    return _RUN_EAGERLY[0]


def _signature(value, inputs, refs):
    """A hashable key of value (TF's trace type): tensors by dtype and shape (appended to inputs),
    variables and other objects by identity (kept alive in refs), Python values by value."""
    if isinstance(value, _np.ndarray):  # TF converts NumPy arrays to tensors
        value = convert_to_tensor(value)
    if isinstance(value, Tensor):
        inputs.append(value)
        if value._key is None:
            value._key = ("T", value._t.dtype, tuple(int(d) for d in value._t.shape))
        return value._key
    if isinstance(value, (list, tuple)):
        return (type(value).__name__,) + tuple(_signature(v, inputs, refs) for v in value)
    if isinstance(value, dict):
        return ("dict",) + tuple((k, _signature(value[k], inputs, refs)) for k in sorted(value, key=repr))
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return (type(value).__name__, value)
    refs.append(value)
    return ("id", id(value))


def _tensors_of(values):
    return to_js([t._t for t in values])


class _Trace:
    __slots__ = ("program", "structure", "kinds", "refs", "refused")

    def __init__(self, program, structure, kinds, refs, refused=None):
        self.program, self.structure, self.kinds, self.refs, self.refused = program, structure, kinds, refs, refused


class Function:
    """What tf.function returns: callable, bindable as a method, with python_function."""

    def __init__(self, python_function, input_signature=None, **options):
        self._python_function = python_function
        self.input_signature = input_signature
        self._options = options
        self._traces = {}
        self._tracing_count = 0
        functools.update_wrapper(self, python_function)

    @property
    def python_function(self):
        return self._python_function

    def __call__(self, *args, **kwargs):
        if _RUN_EAGERLY[0] or js.trace.active:  # inside another trace: inline, as TF
            return self._python_function(*args, **kwargs)
        inputs, refs = [], []
        key = _signature((args, kwargs), inputs, refs)
        known = self._traces.get(key)
        if known is None:
            return self._trace(key, inputs, refs, args, kwargs)
        if known.program is None:  # refused: eager for good
            return self._python_function(*args, **kwargs)
        outs = call(known.program.run, _tensors_of(inputs))  # a JS array: indexed (iterating it costs more)
        flat = [Tensor(outs[value]) if kind else value for kind, value in known.kinds]
        return nest.pack_sequence_as(known.structure, flat)

    def _trace(self, key, inputs, refs, args, kwargs):
        from ..framework import tensor as _tensor

        call(js.trace.begin, _tensors_of(inputs))
        _tensor.TRACE_INPUTS.update(id(t._t) for t in inputs)
        try:
            result = self._python_function(*args, **kwargs)
        except BaseException:
            js.trace.abort()
            raise
        finally:
            _tensor.TRACE_INPUTS.clear()
        flat = nest.flatten(result)
        outputs = [v for v in flat if isinstance(v, Tensor)]
        done = call(js.trace.end, _tensors_of(outputs))
        self._tracing_count += 1
        if done.program is not None:
            at = iter(range(len(outputs)))  # a tensor's kind carries its index among the outputs
            kinds = [(True, next(at)) if isinstance(v, Tensor) else (False, v) for v in flat]
            skeleton = nest.pack_sequence_as(result, [None] * len(flat))  # holds no tensor
            self._traces[key] = _Trace(done.program, skeleton, kinds, refs)
        elif not done.retry:
            self._traces[key] = _Trace(None, None, None, refs, done.refused)
        return result

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return functools.partial(self.__call__, instance)

    def get_concrete_function(self, *args, **kwargs):
        """A callable for these arguments' signature (traced on its first call)."""
        return functools.partial(self.__call__, *args, **kwargs) if args or kwargs else self

    def experimental_get_tracing_count(self):
        """How many times the Python function has been traced (TF's count)."""
        return self._tracing_count


def function(func=None, input_signature=None, autograph=True, jit_compile=None, reduce_retracing=False, **kwargs):
    """@tf.function or @tf.function(input_signature=..., jit_compile=...)."""
    options = dict(autograph=autograph, jit_compile=jit_compile, reduce_retracing=reduce_retracing, **kwargs)
    if func is None:
        return lambda f: Function(f, input_signature, **options)
    return Function(func, input_signature, **options)


class TensorSpec:
    """tf.TensorSpec(shape, dtype=tf.float32, name=None): a description, for input_signature."""

    def __init__(self, shape, dtype="float32", name=None):
        from ..framework.dtypes import as_dtype
        from ..framework.tensor_shape import TensorShape

        self.shape = TensorShape(shape if shape is not None else ())
        self.dtype = as_dtype(dtype)
        self.name = name

    def __repr__(self):
        return "TensorSpec(shape=%s, dtype=%r, name=%r)" % (self.shape, self.dtype, self.name)
