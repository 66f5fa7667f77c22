"""tf.GradientTape: `with` records the ops that read watched tensors; gradient() differentiates."""

from ..framework.bridge import call, js, obj, release, to_js
from ..framework.dtypes import _builtin_bool
from ..framework.tensor import Tensor, as_js, convert_to_tensor
from ..ops.variables import Variable

_NO_OPTIONS = obj({})


class UnconnectedGradients:
    NONE = "none"
    ZERO = "zero"


class GradientTape:
    """tf.GradientTape(persistent=False, watch_accessed_variables=True): `with` records."""

    _OPTIONS = {}  # the four option objects, made once

    def __init__(self, persistent=False, watch_accessed_variables=True):
        key = (_builtin_bool(persistent), _builtin_bool(watch_accessed_variables))
        if key not in GradientTape._OPTIONS:
            GradientTape._OPTIONS[key] = obj({"persistent": key[0], "watchAccessedVariables": key[1]})
        self._tape = call(js.GradientTape.new, GradientTape._OPTIONS[key])
        self._persistent = persistent

    def __del__(self):
        release(self, "_tape")

    def __enter__(self):
        call(self._tape.startRecording)
        return self

    def __exit__(self, *exc):
        self._tape.stopRecording()
        return False

    def watch(self, tensor):
        for t in tensor if isinstance(tensor, (list, tuple)) else [tensor]:
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
            self.tape.stopRecording()

        def __exit__(self, *exc):
            call(self.tape.startRecording)
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
                raise ValueError(
                    "GradientTape.gradient: a source must be a Tensor or Variable, got %s" % type(s).__name__
                )
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
                    options["outputGradients"] = as_js(output_gradients, target._t.dtype, temps)
                options = obj(options)
            grads = call(self._tape.gradient, target._t, to_js(js_sources), options)
        finally:
            for t in temps:
                t.dispose()
        out = [None if g is None else Tensor(g) for g in grads]
        return out[0] if single else (tuple(out) if isinstance(sources, tuple) else out)

    def reset(self):
        raise NotImplementedError("GradientTape.reset is not provided by xtape's Python API")

    def watched_variables(self):
        raise NotImplementedError("GradientTape.watched_variables is not provided by xtape's Python API")
