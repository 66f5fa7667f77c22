"""Python's operators on Tensor and Variable, as TF defines them (x @ w1 + b1, lr * g, -x, x ** 2)."""

from ..framework.bridge import JsException, error, js
from ..framework.tensor import Tensor
from .gen_ops import OPS
from .variables import Variable


def _binary(name, swap=False):
    fn = OPS[name]
    js_fn = js.op(name)

    def method(self, other):
        # Hot path (x @ w1 + b1, lr * grads[0]): straight to the core; a Python number becomes a
        # float32 scalar in the JS API, which frees it. Anything else goes through fn's conversions.
        to = type(other)
        if to is Tensor:
            a, b = self._t, other._t
        elif (to is float or to is int) and self._t.dtype == "float32":
            a, b = self._t, float(other)
        else:
            return fn(other, self) if swap else fn(self, other)
        try:
            return Tensor(js_fn(b, a) if swap else js_fn(a, b))
        except JsException as e:
            raise error(e) from None

    return method


def _pow(self, exponent):
    if type(exponent) in (int, float) and exponent == 2:
        return OPS["square"](self)
    return OPS["pow"](self, exponent)


def _compare(name, swap=False):
    """== and != (TF2: elementwise), with None: False and True, as TF."""
    fn = _binary(name, swap)
    none = name == "not_equal"

    def method(self, other):
        if other is None:
            return none
        return fn(self, other)

    return method


_BINARY = {
    "add": ("__add__", "__radd__"),
    "subtract": ("__sub__", "__rsub__"),
    "multiply": ("__mul__", "__rmul__"),
    "divide": ("__truediv__", "__rtruediv__"),
    "floor_div": ("__floordiv__", "__rfloordiv__"),
    "floor_mod": ("__mod__", "__rmod__"),
    "matmul": ("__matmul__", "__rmatmul__"),
    "greater": ("__gt__", "__lt__"),
    "greater_equal": ("__ge__", "__le__"),
}
for _op, (_name, _swapped) in _BINARY.items():
    setattr(Tensor, _name, _binary(_op))
    setattr(Tensor, _swapped, _binary(_op, True))
Tensor.__eq__ = _compare("equal")
Tensor.__ne__ = _compare("not_equal")
Tensor.__neg__ = lambda self: OPS["negative"](self)
Tensor.__pos__ = lambda self: self
Tensor.__abs__ = lambda self: OPS["abs"](self)
Tensor.__pow__ = _pow
Tensor.__rpow__ = lambda self, base: OPS["pow"](base, self)


def _logical(name):
    """&, |, ^ on bool tensors (TF: logical_and, logical_or, logical_xor); TF's bitwise ops on
    integers are not in xtape, which says so."""

    def method(self, other):
        a = self
        b = (
            other
            if isinstance(other, Tensor)
            else OPS["cast"](Tensor(js.constant(other)), "bool")
            if isinstance(other, bool)
            else other
        )
        if not isinstance(b, Tensor) or a._t.dtype != "bool" or b._t.dtype != "bool":
            raise NotImplementedError(
                "xtape's &, | and ^ take bool tensors (TF's bitwise ops on integers are not provided)"
            )
        if name == "xor":
            return OPS["logical_and"](OPS["logical_or"](a, b), OPS["logical_not"](OPS["logical_and"](a, b)))
        return OPS["logical_" + name](a, b)

    return method


def _invert(self):
    if self._t.dtype != "bool":
        raise NotImplementedError("xtape's ~ takes bool tensors (TF's bitwise invert on integers is not provided)")
    return OPS["logical_not"](self)


for _name, _kind in (("and", "and"), ("or", "or"), ("xor", "xor")):
    setattr(Tensor, "__%s__" % _name, _logical(_kind))
    setattr(Tensor, "__r%s__" % _name, _logical(_kind))
Tensor.__invert__ = _invert

# A Variable takes part in operators as its current value (read on the tapes that watch it).
_UNARY = ["__neg__", "__pow__", "__rpow__", "__abs__", "__eq__", "__ne__"]
for _name in [n for pair in _BINARY.values() for n in pair] + _UNARY:
    setattr(Variable, _name, (lambda name: lambda self, *a: getattr(Tensor, name)(self.value(), *a))(_name))
del _op, _name, _swapped
