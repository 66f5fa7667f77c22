"""tf.custom_gradient: f(*x) returns (y, grad_fn); the tapes differentiate y by grad_fn(upstream)
(one gradient per input, or None), not through the ops f ran. One output tensor; grad_fn's
`variables` form (gradients for variables f reads) is not provided."""

import functools
import inspect

from pyodide.ffi import create_proxy

from ..framework.bridge import call, js, to_js
from ..framework.tensor import Tensor, convert_to_tensor
from .variables import Variable


def custom_gradient(f=None):
    """@tf.custom_gradient, or tf.custom_gradient(f)."""
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        inputs = [a.value() if isinstance(a, Variable) else convert_to_tensor(a) for a in args]
        result, grad_fn = f(*inputs, **kwargs)
        if not isinstance(result, Tensor):
            raise NotImplementedError(
                "tf.custom_gradient: xtape takes one output tensor, got %s" % type(result).__name__
            )
        if "variables" in inspect.signature(grad_fn).parameters:
            raise NotImplementedError("tf.custom_gradient: grad_fn(upstream, variables=...) is not provided by xtape")
        held = []  # the gradients last returned, alive until the core has taken them

        def grad(dy):
            gs = grad_fn(Tensor(dy))
            gs = list(gs) if isinstance(gs, (list, tuple)) else [gs]
            held[:] = [None if g is None else convert_to_tensor(g) for g in gs]
            return to_js([None if g is None else g._t for g in held])

        js_inputs = to_js([t._t for t in inputs])
        return Tensor(call(js.customGradientOf, js_inputs, result._t, create_proxy(grad)))

    return decorated
