"""keras.regularizers: penalties on a layer's weights (or outputs) that model.losses adds to the
loss, by Keras's formulas: L1 l1 * sum(|w|), L2 l2 * sum(w^2), L1L2 both."""

from ..ops.gen_ops import OPS
from .serialization import Recorded


class Regularizer(Recorded):
    """keras.regularizers.Regularizer: called on a tensor, gives a scalar penalty."""

    def __call__(self, x):
        return OPS["zeros"]([], "float32")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1L2(Regularizer):
    def __init__(self, l1=0.0, l2=0.0):
        self.l1, self.l2 = float(l1), float(l2)

    def __call__(self, x):
        penalty = None
        if self.l1:
            penalty = self.l1 * OPS["reduce_sum"](OPS["abs"](x))
        if self.l2:
            term = self.l2 * OPS["reduce_sum"](OPS["square"](x))
            penalty = term if penalty is None else penalty + term
        return penalty if penalty is not None else OPS["zeros"]([], x.dtype.name)

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(L1L2):
    def __init__(self, l1=0.01):
        L1L2.__init__(self, l1=l1)

    def get_config(self):
        return {"l1": self.l1}


class L2(L1L2):
    def __init__(self, l2=0.01):
        L1L2.__init__(self, l2=l2)

    def get_config(self):
        return {"l2": self.l2}


l1, l2 = L1, L2


def l1_l2(l1=0.01, l2=0.01):  # noqa: F811  (Keras's function of that name)
    return L1L2(l1=l1, l2=l2)


_BY_NAME = {"l1": L1, "l2": L2, "l1_l2": l1_l2, "L1": L1, "L2": L2, "L1L2": L1L2}


def get(identifier):
    """A Regularizer from None, a name ('l2') or an object (any callable)."""
    if identifier is None:
        return None
    if isinstance(identifier, str):
        if identifier not in _BY_NAME:
            raise ValueError("Could not interpret regularizer identifier: %s" % identifier)
        return _BY_NAME[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret regularizer identifier: %r" % (identifier,))
