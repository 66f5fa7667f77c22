"""keras.optimizers.SGD, Adam and RMSprop on xtape's optimizers. Their Keras defaults come from
the core (xtape_js.optimizerDefaults), the one place they are written."""
import xtape_js as _js
from pyodide.ffi import to_js

import tensorflow as _tf

_DEFAULTS = {k: dict(v) for k, v in _js.optimizerDefaults.to_py().items()}


def _snake(camel):
    out = ""
    for c in camel:
        out += "_" + (c.lower() if c.isalpha() else c) if c.isupper() or c.isdigit() else c
    return out


class Optimizer:
    """Keras's optimizer API: apply_gradients(zip(grads, vars)), learning_rate, iterations."""

    _kind = None

    def __init__(self, **kw):
        kw.pop("name", None)
        for unsupported in ("amsgrad", "clipnorm", "clipvalue", "global_clipnorm", "weight_decay", "use_ema"):
            if kw.pop(unsupported, None) not in (None, False):
                raise NotImplementedError("keras.optimizers.%s(%s=...) is not provided by xtape" % (self._kind, unsupported))
        defaults = _DEFAULTS[self._kind]
        names = {_snake(k): k for k in defaults}
        options = {}
        for k, v in kw.items():
            if k not in names:
                raise TypeError("%s() got an unexpected keyword argument '%s'" % (self._kind, k))
            options[names[k]] = bool(v) if isinstance(defaults[names[k]], bool) else float(v)
        self._opt = _tf._call(getattr(_js.optimizers, self._kind).new, _tf._obj(options))

    def __del__(self):
        _tf._release(self, "_opt")

    def apply_gradients(self, grads_and_vars, name=None, **kwargs):
        pairs = []
        for g, v in list(grads_and_vars):
            if not isinstance(v, _tf.Variable):
                raise TypeError("apply_gradients: expected (gradient, Variable) pairs, got %s" % type(v).__name__)
            pairs.append(to_js([None if g is None else _tf.convert_to_tensor(g)._t, v._v]))
        _tf._call(self._opt.applyGradients, to_js(pairs))
        return self.iterations

    @property
    def learning_rate(self):
        return float(self._opt.learningRate)

    @learning_rate.setter
    def learning_rate(self, lr):
        self._opt.learningRate = float(lr)

    @property
    def iterations(self):
        return int(self._opt.iterations)

    def get_config(self):
        return {_snake(k): v for k, v in self._opt.config.to_py().items()}


def _optimizer(kind):
    defaults = _DEFAULTS[kind]
    params = ", ".join("%s=%r" % (_snake(k), v) for k, v in defaults.items())

    def __init__(self, *args, **kw):
        for k, v in zip([_snake(k) for k in defaults], args):
            kw[k] = v
        Optimizer.__init__(self, **kw)

    return type(kind, (Optimizer,), {"_kind": kind, "__init__": __init__,
                                     "__doc__": "keras.optimizers.%s(%s)" % (kind, params)})


SGD = _optimizer("SGD")
Adam = _optimizer("Adam")
RMSprop = _optimizer("RMSprop")
