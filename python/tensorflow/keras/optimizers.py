"""keras.optimizers.SGD, Adam and RMSprop on xtape's optimizers. Their Keras defaults come from
the core (xtape_js.optimizers.defaultConfig), the one place they are written, by TF's keywords."""

from ..framework.bridge import call, obj, release, to_js
from ..framework.bridge import js as _js
from ..framework.tensor import convert_to_tensor
from ..ops.variables import Variable
from .serialization import Recorded

_KINDS = ("SGD", "Adam", "RMSprop")
_DEFAULTS = {k: _js.optimizers.defaultConfig(k).to_py() for k in _KINDS}  # by TF's keywords


class Optimizer(Recorded):
    """Keras's optimizer API: apply_gradients(zip(grads, vars)), learning_rate, iterations."""

    _kind = None

    def __init__(self, **kw):
        kw.pop("name", None)
        if "lr" in kw:  # Keras 2's name of learning_rate (TF 2.0-2.10 programs)
            kw.setdefault("learning_rate", kw.pop("lr"))
        self.weight_decay = float(kw.pop("weight_decay", None) or 0.0)
        self._schedule = None
        lr = kw.get("learning_rate")
        if lr is not None and not isinstance(lr, (int, float)) and callable(lr):  # a LearningRateSchedule
            self._schedule = lr
            kw["learning_rate"] = float(lr(0))
        for unsupported in ("amsgrad", "clipnorm", "clipvalue", "global_clipnorm", "use_ema"):
            if kw.pop(unsupported, None) not in (None, False):
                raise NotImplementedError(
                    "keras.optimizers.%s(%s=...) is not provided by xtape" % (self._kind, unsupported)
                )
        defaults = _DEFAULTS[self._kind]
        options = {}
        for k, v in kw.items():
            if k not in defaults:
                raise TypeError("%s() got an unexpected keyword argument '%s'" % (self._kind, k))
            options[k] = bool(v) if isinstance(defaults[k], bool) else float(v)
        self._opt = call(_js.optimizers.fromConfig, self._kind, obj(options))
        from ..framework.constant_op import constant

        # Keras's int64 'iteration' variable, moved by apply_gradients (a traced step moves it too)
        self._iterations = Variable(constant(0, "int64"), name="iteration", trainable=False)

    def __del__(self):
        release(self, "_opt")

    def apply_gradients(self, grads_and_vars, name=None, **kwargs):
        pairs, held = [], []  # held: gradients converted here (a list, a Variable) live until the call
        grads_and_vars = list(grads_and_vars)
        if self._schedule is not None:  # the rate for this step, in Python: a trace cannot keep it
            _js.trace.refuse("its optimizer's learning rate follows a schedule")
            self.learning_rate = float(self._schedule(int(self._iterations.numpy())))
        if self.weight_decay:  # Keras 3: w -= w * weight_decay * lr before the update
            factor = self.weight_decay * self.learning_rate
            for g, v in grads_and_vars:
                if g is not None:
                    v.assign_sub(v * factor)
        for g, v in grads_and_vars:
            if not isinstance(v, Variable):
                raise TypeError("apply_gradients: expected (gradient, Variable) pairs, got %s" % type(v).__name__)
            if g is not None:
                held.append(convert_to_tensor(g))
            pairs.append(to_js([None if g is None else held[-1]._t, v._v]))
        call(self._opt.applyGradients, to_js(pairs))
        for _, v in grads_and_vars:  # Keras: each constraint projects its weight after the update
            constraint = getattr(v, "constraint", None)
            if constraint is not None:
                v.assign(constraint(v))
        self._iterations.assign_add(1)
        return self._iterations

    @property
    def learning_rate(self):
        return float(self._opt.learningRate)

    @learning_rate.setter
    def learning_rate(self, lr):
        call(setattr, self._opt, "learningRate", float(lr))

    @property
    def iterations(self):
        """The steps taken, as Keras's tf.Variable 'iteration' (int64)."""
        return self._iterations

    def get_config(self):
        return dict(self._opt.tfConfig.to_py())


def _optimizer(kind):
    defaults = _DEFAULTS[kind]
    params = ", ".join("%s=%r" % (k, v) for k, v in defaults.items())

    def __init__(self, *args, **kw):
        for k, v in zip(defaults, args, strict=False):
            kw[k] = v
        Optimizer.__init__(self, **kw)

    return type(
        kind, (Optimizer,), {"_kind": kind, "__init__": __init__, "__doc__": "keras.optimizers.%s(%s)" % (kind, params)}
    )


SGD = _optimizer("SGD")
Adam = _optimizer("Adam")
RMSprop = _optimizer("RMSprop")


class AdamW(Adam):
    """keras.optimizers.AdamW(learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
    epsilon=1e-07): Adam with decoupled weight decay (w -= w * weight_decay * lr, then Adam)."""

    def __init__(self, learning_rate=0.001, weight_decay=0.004, *args, **kw):
        Adam.__init__(self, learning_rate, *args, weight_decay=weight_decay, **kw)


from . import schedules  # noqa: E402,F401  (keras.optimizers.schedules)
