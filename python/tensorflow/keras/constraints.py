"""keras.constraints: projections the optimizer applies to a weight after each update, by
Keras's formulas (norms over `axis`, epsilon 1e-7)."""

from ..ops.gen_ops import OPS
from .serialization import Recorded

_EPSILON = 1e-7


def _norms(w, axis):
    return OPS["sqrt"](OPS["reduce_sum"](OPS["square"](w), axis, True))


class Constraint(Recorded):
    """keras.constraints.Constraint: called on a weight, gives its projected value."""

    def __call__(self, w):
        return w

    def get_config(self):
        return {}


class MaxNorm(Constraint):
    """Scales each slice along axis down to a norm of at most max_value."""

    def __init__(self, max_value=2, axis=0):
        self.max_value, self.axis = float(max_value), axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        desired = OPS["minimum"](OPS["maximum"](norms, 0.0), self.max_value)
        return w * (desired / (norms + _EPSILON))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Zeroes the negative entries."""

    def __call__(self, w):
        return w * OPS["cast"](OPS["greater_equal"](w, 0.0), w.dtype.name)


class UnitNorm(Constraint):
    """Scales each slice along axis to norm 1."""

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        return w / (_norms(w, self.axis) + _EPSILON)

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Moves each slice's norm into [min_value, max_value] at `rate` (1: at once)."""

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value, self.max_value, self.rate, self.axis = float(min_value), float(max_value), float(rate), axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        clipped = OPS["minimum"](OPS["maximum"](norms, self.min_value), self.max_value)
        desired = self.rate * clipped + (1 - self.rate) * norms
        return w * (desired / (norms + _EPSILON))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate, "axis": self.axis}


max_norm, non_neg, unit_norm, min_max_norm = MaxNorm, NonNeg, UnitNorm, MinMaxNorm
_BY_NAME = {"max_norm": MaxNorm, "non_neg": NonNeg, "unit_norm": UnitNorm, "min_max_norm": MinMaxNorm,
            "MaxNorm": MaxNorm, "NonNeg": NonNeg, "UnitNorm": UnitNorm, "MinMaxNorm": MinMaxNorm}  # fmt: skip


def get(identifier):
    """A Constraint from None, a name ('non_neg') or an object (any callable)."""
    if identifier is None:
        return None
    if isinstance(identifier, str):
        if identifier not in _BY_NAME:
            raise ValueError("Could not interpret constraint identifier: %s" % identifier)
        return _BY_NAME[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret constraint identifier: %r" % (identifier,))
