"""tf.einsum on the op table (as TF's own special_math_ops.py writes it over other ops): each
operand's indices that no other operand and not the output name are summed away, two operands
are contracted with one matmul (a batch of them as a broadcast product and a sum), and the
result is transposed to the output's order. Gradients come from the ops it is made of.

An ellipsis (`...`) stands for the leading dimensions each operand has beyond its letters: they
line up from the right across operands (as NumPy's and TF's), come first in an implicit output
and an explicit output must name them (NumPy's error otherwise). Partial: no index repeated within one
operand (a trace or a diagonal), and no size-1 broadcasting inside the ellipsis; both raise a
ValueError saying so."""

import builtins

from ..framework.tensor import convert_to_tensor
from .gen_ops import OPS, module


def _expand_ellipsis(eq, ranks):
    """The equation with each '...' spelled as letters of its own: an operand of rank r with k
    letters gets the last r - k of the L fresh letters (L: the most any operand needs)."""
    lhs, arrow, out = eq.partition("->")
    ins = lhs.split(",")
    if len(ins) != len(ranks):
        return eq  # _parse says what is wrong
    need = [max(0, r - (len(s) - 3)) if "..." in s else 0 for s, r in zip(ins, ranks, strict=True)]
    used = set(eq)
    fresh = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" if c not in used][: max(need)]
    if len(fresh) < max(need):
        raise ValueError("einsum: too many dimensions under '...' in %r" % eq)
    spelled = [s.replace("...", "".join(fresh[len(fresh) - k :])) for s, k in zip(ins, need, strict=True)]
    if not arrow:  # implicit output: the ellipsis dimensions, then the letters named once, sorted
        counts = {}
        for c in "".join(s.replace("...", "") for s in ins):
            counts[c] = counts.get(c, 0) + 1
        out = "".join(fresh) + "".join(sorted(c for c, k in counts.items() if k == 1))
    elif "..." in out:
        out = out.replace("...", "".join(fresh))
    elif fresh:
        raise ValueError(
            "einsum: output has more dimensions than subscripts given in einstein sum, but no '...' "
            "ellipsis provided to broadcast the extra dimensions (%r)" % eq
        )
    return ",".join(spelled) + "->" + out


def _parse(equation, n):
    eq = equation.replace(" ", "")
    lhs, arrow, out = eq.partition("->")
    ins = lhs.split(",")
    if len(ins) != n:
        raise ValueError("einsum: the equation %r names %d operands, but %d were given" % (equation, len(ins), n))
    for s in ins + [out]:
        if not all(c.isascii() and c.isalpha() for c in s):
            raise ValueError("einsum: invalid subscripts %r in %r (letters a-z, A-Z)" % (s, equation))
    for s in ins:
        if len(set(s)) != len(s):
            raise ValueError(
                "einsum: xtape does not support an index repeated within one operand (a trace or "
                "diagonal) yet: %r in %r" % (s, equation)
            )
    if not arrow:  # implicit: the indices named once, alphabetically (NumPy's and TF's rule)
        counts = {}
        for c in "".join(ins):
            counts[c] = counts.get(c, 0) + 1
        out = "".join(sorted(c for c, k in counts.items() if k == 1))
    if len(set(out)) != len(out) or any(c not in lhs for c in out):
        raise ValueError("einsum: output subscripts %r of %r must be distinct and appear in an input" % (out, equation))
    return ins, out


def _sum_away(x, s, keep):
    """Sums x (subscripts s) over the indices not in keep; returns (tensor, subscripts)."""
    axes = [i for i, c in enumerate(s) if c not in keep]
    if not axes:
        return x, s
    return OPS["reduce_sum"](x, axes, False), "".join(c for c in s if c in keep)


def _order(x, s, want):
    """x with subscripts s transposed to the order `want` (the same letters)."""
    if s == want:
        return x
    return OPS["transpose"](x, [s.index(c) for c in want])


def _contract(a, sa, b, sb, keep):
    """a (sa) and b (sb) to one tensor over the letters of `keep` that they name, in the order
    batch, a's free, b's free; returns (tensor, subscripts)."""
    dims = {c: d for s, t in ((sa, a), (sb, b)) for c, d in zip(s, t.shape, strict=False)}
    batch = [c for c in sa if c in sb and c in keep]
    summed = [c for c in sa if c in sb and c not in keep]
    free_a = [c for c in sa if c not in sb]
    free_b = [c for c in sb if c not in sa]

    def size(cs):
        n = 1
        for c in cs:
            n *= dims[c]
        return n

    m, k, n = size(free_a), size(summed), size(free_b)
    a3 = OPS["reshape"](_order(a, sa, "".join(batch + free_a + summed)), [size(batch), m, k])
    b3 = OPS["reshape"](_order(b, sb, "".join(batch + summed + free_b)), [size(batch), k, n])
    if not batch:  # one matmul
        z = OPS["matmul"](OPS["reshape"](a3, [m, k]), OPS["reshape"](b3, [k, n]))
    else:  # [B, M, K, 1] * [B, 1, K, N] summed over K
        z = OPS["reduce_sum"](OPS["multiply"](OPS["expand_dims"](a3, 3), OPS["expand_dims"](b3, 1)), [2], False)
    letters = batch + free_a + free_b
    return OPS["reshape"](z, [dims[c] for c in letters]), "".join(letters)


def einsum(equation, *inputs, **kwargs):
    """tf.einsum(equation, *inputs): Einstein summation over one or more tensors of one dtype."""
    if not isinstance(equation, str):
        raise TypeError("einsum: the equation must be a str, got %s" % type(equation).__name__)
    if not inputs:
        raise ValueError("einsum: no operands given for %r" % equation)
    ts = [convert_to_tensor(t) for t in inputs]
    eq = equation.replace(" ", "")
    if "..." in eq:
        eq = _expand_ellipsis(eq, [len(t.shape) for t in ts])
    ins, out = _parse(eq, len(ts))
    dims = {}
    for s, t in zip(ins, ts, strict=False):
        if len(s) != len(t.shape):
            raise ValueError(
                "einsum: subscripts %r name %d dimensions, but the operand has shape %s" % (s, len(s), list(t.shape))
            )
        for c, d in zip(s, t.shape, strict=False):
            if dims.setdefault(c, d) != d:
                raise ValueError(
                    "einsum: index %r is %d in one operand and %d in another (xtape does not "
                    "broadcast size 1 dimensions, under '...' either)" % (c, dims[c], d)
                )
    # left to right: each step keeps the letters that the output or a later operand names
    x, sx = _sum_away(ts[0], ins[0], set(out).union(*ins[1:]))
    for i in builtins.range(1, len(ts)):
        later = set(out).union(*ins[i + 1 :])
        y, sy = _sum_away(ts[i], ins[i], later | set(sx))
        x, sx = _contract(x, sx, y, sy, later)
    x, sx = _sum_away(x, sx, set(out))
    return _order(x, sx, out)


module("tf.linalg").einsum = einsum  # tf.einsum: the package imports it
