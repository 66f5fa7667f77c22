"""keras.activations: by name ('relu', 'softmax', ...) or as functions, on the op table's ops."""

from ..ops.gen_ops import OPS


def relu(x):
    return OPS["relu"](x)


def sigmoid(x):
    return OPS["sigmoid"](x)


def tanh(x):
    return OPS["tanh"](x)


def softplus(x):
    return OPS["softplus"](x)


def exponential(x):
    return OPS["exp"](x)


def linear(x):
    return x


def softmax(x, axis=-1):
    from ..ops.array_ops import softmax as _softmax

    return _softmax(x, axis)


def gelu(x, approximate=False):
    from ..ops.composite_ops import gelu as _gelu

    return _gelu(x, approximate)


def elu(x, alpha=1.0):
    from ..ops.composite_ops import elu as _elu

    return (
        _elu(x)
        if alpha == 1.0
        else OPS["where"](OPS["greater"](x, 0.0), x, alpha * OPS["expm1"](OPS["minimum"](x, 0.0)))
    )


def selu(x):
    from ..ops.composite_ops import selu as _selu

    return _selu(x)


def silu(x):
    return x * OPS["sigmoid"](x)


swish = silu


def leaky_relu(x, negative_slope=0.2):
    return OPS["where"](OPS["greater"](x, 0.0), x, x * float(negative_slope))


def get(identifier):
    """An activation function from None (linear), a name or a callable."""
    if identifier is None:
        return linear
    if isinstance(identifier, str):
        fn = globals().get(identifier)
        if identifier.startswith("_") or identifier == "get" or not callable(fn):
            raise ValueError("Could not interpret activation function identifier: %s" % identifier)
        return fn
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret activation function identifier: %r" % (identifier,))
