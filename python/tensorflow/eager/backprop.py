"""tf.GradientTape: `with` records the ops that read watched tensors; gradient() differentiates."""

import sys

from pyodide.ffi import jsnull

from ..framework.bridge import call, js, obj, release, to_js
from ..framework.dtypes import _builtin_bool
from ..framework.tensor import Tensor, as_js, convert_to_tensor
from ..ops.gen_ops import OPS
from ..ops.variables import Variable, variable_of
from ..util import nest

_NO_OPTIONS = obj({})


class UnconnectedGradients:
    NONE = "none"
    ZERO = "zero"


def _tensor_or_none(g):
    """A JS result: a tensor, or null (TF: None) where a source is unconnected."""
    return None if g is None or g is jsnull else Tensor(g)


def _js_sources(flat, what):
    out = []
    for s in flat:
        if isinstance(s, Variable):
            out.append(s._v)
        elif isinstance(s, Tensor):
            out.append(s._t)
        else:
            raise ValueError(
                "GradientTape.%s: a source must be a Tensor or Variable, got %s" % (what, type(s).__name__)
            )
    return to_js(out)


def _flat_sources(sources):
    """The leaves of sources and how to give results back in its structure; a flat list or tuple
    of tensors and variables (every training step) without tf.nest's walk."""
    if isinstance(sources, (Tensor, Variable)):
        return [sources], lambda out: out[0]
    if type(sources) in (list, tuple) and all(isinstance(s, (Tensor, Variable)) for s in sources):
        return list(sources), type(sources)
    return nest.flatten(sources), lambda out: nest.pack_sequence_as(sources, out)


def _warn_not_floating(t, message):
    """TF's warning (tf.get_logger().warning, on stderr) for an integer tensor given to a tape."""
    dtype = getattr(t, "dtype", None)
    if dtype is not None and not dtype.is_floating:
        print("WARNING:tensorflow:" + message % repr(dtype), file=sys.stderr)


def _unconnected(value):
    value = getattr(value, "value", value)
    if value not in ("none", "zero"):
        raise ValueError("Unknown value for unconnected_gradients: %r" % (value,))
    return value


class GradientTape:
    """tf.GradientTape(persistent=False, watch_accessed_variables=True): `with` records."""

    _OPTIONS = {}  # the four option objects, made once

    def __init__(self, persistent=False, watch_accessed_variables=True):
        key = (_builtin_bool(persistent), _builtin_bool(watch_accessed_variables))
        if key not in GradientTape._OPTIONS:
            GradientTape._OPTIONS[key] = obj({"persistent": key[0], "watchAccessedVariables": key[1]})
        self._tape = call(js.GradientTape.new, GradientTape._OPTIONS[key])
        self._persistent = persistent
        self._recording = False

    def __del__(self):
        release(self, "_tape")

    def __enter__(self):
        call(self._tape.startRecording)
        self._recording = True
        return self

    def __exit__(self, *exc):
        self._tape.stopRecording()
        self._recording = False
        return False

    def watch(self, tensor):
        for t in nest.flatten(tensor):
            _warn_not_floating(t, "The dtype of the watched tensor must be floating (e.g. tf.float32), got %s")
            if isinstance(t, Tensor):
                call(self._tape.watch, t._t)
            elif isinstance(t, Variable):
                call(self._tape.watch, t._v)
            else:
                raise ValueError("GradientTape.watch: expected a Tensor or Variable, got %s" % type(t).__name__)

    class _Stop:
        def __init__(self, tape):
            self.tape = tape

        def __enter__(self):
            if not self.tape._recording:
                raise ValueError("Tape.stop_recording() can only be used inside the `with tf.GradientTape()` block")
            self.tape._tape.stopRecording()

        def __exit__(self, *exc):
            call(self.tape._tape.startRecording)
            return False

    def stop_recording(self):
        """with tape.stop_recording(): ops in the block are not recorded."""
        return GradientTape._Stop(self)

    def _single_target(self, target, output_gradients):
        """Several targets (a list, a dict): the gradient of their sum, as TF; the sum is recorded
        on this tape (it reads the targets only)."""
        if isinstance(target, Tensor):  # the common case, on every training step
            return target, output_gradients
        flat = nest.flatten(target)
        if len(flat) == 1:
            t = flat[0]
            return (t if isinstance(t, Tensor) else convert_to_tensor(t)), output_gradients
        grads = nest.flatten(output_gradients) if output_gradients is not None else [None] * len(flat)
        resumed = not self._recording
        if resumed:
            call(self._tape.startRecording)
        try:
            total = None
            for t, g in zip(flat, grads, strict=True):
                t = t if isinstance(t, Tensor) else convert_to_tensor(t)
                term = OPS["reduce_sum"](t if g is None else t * g)
                total = term if total is None else total + term
        finally:
            if resumed:
                self._tape.stopRecording()
        return total, None

    def gradient(self, target, sources, output_gradients=None, unconnected_gradients=UnconnectedGradients.NONE):
        """One gradient per source (None where the target does not depend on it), in the
        structure of `sources` (a Tensor or Variable, or lists, tuples and dicts of them)."""
        unconnected = _unconnected(unconnected_gradients)
        target, output_gradients = self._single_target(target, output_gradients)
        flat, pack = _flat_sources(sources)
        if not target.dtype.is_floating:  # TF warns, then gives None (or zeros)
            _warn_not_floating(
                target,
                "The dtype of the target tensor must be floating (e.g. tf.float32) when calling GradientTape.gradient, got %s",
            )
            for s in flat:
                _warn_not_floating(
                    s,
                    "The dtype of the source tensor must be floating (e.g. tf.float32) when calling GradientTape.gradient, got %s",
                )
        temps = []
        try:
            if output_gradients is None and unconnected == "none":
                options = _NO_OPTIONS
            else:
                options = {"unconnectedGradients": unconnected}
                if output_gradients is not None:
                    options["outputGradients"] = as_js(output_gradients, target._t.dtype, temps)
                options = obj(options)
            grads = call(self._tape.gradient, target._t, _js_sources(flat, "gradient"), options)
        finally:
            for t in temps:
                t.dispose()
        return pack([_tensor_or_none(g) for g in grads])

    def jacobian(
        self,
        target,
        sources,
        unconnected_gradients=UnconnectedGradients.NONE,
        parallel_iterations=None,
        experimental_use_pfor=True,
    ):
        """d target / d source for every element of target: target.shape + source.shape, computed
        by the tape (one backward pass per element of target), in the structure of sources."""
        target = target if isinstance(target, Tensor) else convert_to_tensor(target)
        flat, pack = _flat_sources(sources)
        opts = obj({"unconnectedGradients": _unconnected(unconnected_gradients)})
        out = call(self._tape.jacobian, target._t, _js_sources(flat, "jacobian"), opts)
        return pack([_tensor_or_none(g) for g in out])

    def batch_jacobian(
        self,
        target,
        source,
        unconnected_gradients=UnconnectedGradients.NONE,
        parallel_iterations=None,
        experimental_use_pfor=True,
    ):
        """target [B, ...] and source [B, ...], examples independent: [B, target..., source...]."""
        target = target if isinstance(target, Tensor) else convert_to_tensor(target)
        src = source._v if isinstance(source, Variable) else source._t
        opts = obj({"unconnectedGradients": _unconnected(unconnected_gradients)})
        return _tensor_or_none(call(self._tape.batchJacobian, target._t, src, opts))

    def reset(self):
        """Forgets everything recorded and watched; recording continues inside `with`."""
        call(self._tape.reset)

    def watched_variables(self):
        """The variables the tape watches, in the order it began to watch them."""
        return tuple(v for v in (variable_of(h.id) for h in call(self._tape.watchedVariables)) if v is not None)
