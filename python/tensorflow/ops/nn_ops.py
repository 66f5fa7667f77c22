"""TF's functions whose arguments the op table spells otherwise: tf.nn.conv2d and max_pool2d
(padding 'SAME'/'VALID', strides as 1, 2 or 4 ints, NHWC), tf.sort and tf.argsort (direction),
tf.where with one argument (the coordinates where the condition holds)."""

from ..framework.tensor import Tensor, convert_to_tensor
from .gen_ops import OPS, export


def _hw(name, v, what):
    """strides / ksize as [h, w] from an int or a list of 1, 2 or 4 ints (NHWC: [1, h, w, 1])."""
    v = [int(v)] if isinstance(v, int) else [int(x) for x in v]
    if len(v) == 1:
        return v * 2
    if len(v) == 2:
        return v
    if len(v) == 4 and v[0] == 1 and v[3] == 1:
        return v[1:3]
    raise ValueError("%s: %s must be an int or a list of 1, 2 or 4 ints (NHWC: [1, h, w, 1]), got %s" % (name, what, v))


def _same(name, padding):
    p = str(padding).upper()
    if p not in ("SAME", "VALID"):
        raise ValueError(
            "%s: padding must be 'SAME' or 'VALID' (explicit paddings are not in xtape), got %r" % (name, padding)
        )
    return p == "SAME"


def _nhwc(name, data_format, dilations=None):
    if data_format not in (None, "NHWC"):
        raise NotImplementedError("%s: xtape computes NHWC only (data_format=%r)" % (name, data_format))
    if dilations not in (None, 1, [1, 1], [1, 1, 1, 1], (1, 1), (1, 1, 1, 1)):
        raise NotImplementedError("%s: dilations are not in xtape" % name)


def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):  # noqa: A002
    """tf.nn.conv2d: input [N,H,W,C], filters [KH,KW,C,O]."""
    _nhwc("tf.nn.conv2d", data_format, dilations)
    return OPS["conv2d"](input, filters, _hw("tf.nn.conv2d", strides, "strides"), _same("tf.nn.conv2d", padding))


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    """tf.nn.max_pool2d (and tf.nn.max_pool for 4-D input)."""
    _nhwc("tf.nn.max_pool2d", data_format)
    return OPS["max_pool2d"](
        input, _hw("tf.nn.max_pool2d", ksize, "ksize"), _hw("tf.nn.max_pool2d", strides, "strides"),
        _same("tf.nn.max_pool2d", padding),
    )  # fmt: skip


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """tf.argsort: int32 indices; stable always (NaN last)."""
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError("tf.argsort: direction must be 'ASCENDING' or 'DESCENDING', got %r" % (direction,))
    return OPS["argsort"](values, int(axis), direction == "DESCENDING")


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """tf.sort: the values in order along axis (gathered by argsort, so with gradient)."""
    x = convert_to_tensor(values)
    rank = len(x.shape)
    axis = int(axis) % rank
    perm = [i for i in range(rank) if i != axis] + [axis]
    moved = OPS["transpose"](x, perm) if axis != rank - 1 else x
    order = argsort(moved, -1, direction)
    n = int(moved.shape[-1])
    rows = 1
    for d in moved.shape[:-1]:
        rows *= int(d)
    base = OPS["reshape"](OPS["range"](0, rows * n, n, "int32"), [rows, 1])
    flat = OPS["reshape"](OPS["reshape"](order, [rows, n]) + base, [-1])
    out = OPS["reshape"](OPS["gather"](OPS["reshape"](moved, [-1]), flat), list(moved.shape))
    if axis == rank - 1:
        return out
    back = [0] * rank
    for i, p in enumerate(perm):
        back[p] = i
    return OPS["transpose"](out, back)


def where(condition, x=None, y=None, name=None):
    """tf.where(c, x, y): elementwise choice; tf.where(c): the int64 coordinates [n, rank] of c's
    true entries, row-major."""
    if x is not None or y is not None:
        if x is None or y is None:
            raise ValueError("tf.where: x and y must both be given, or neither")
        return OPS["where"](condition, x, y)
    c = convert_to_tensor(condition)
    if c.dtype.name != "bool":
        c = OPS["not_equal"](c, OPS["zeros_like"](c))
    shape = [int(d) for d in c.shape]
    if not shape:
        raise ValueError("tf.where: the condition must have rank >= 1")
    total = 1
    for d in shape:
        total *= d
    flat = OPS["boolean_mask"](OPS["reshape"](OPS["range"](0, total, 1, "int64"), shape), c)
    coords, rest = [], flat
    for d in reversed(shape):
        coords.append(OPS["floor_mod"](rest, d))
        rest = OPS["floor_div"](rest, d)
    return OPS["stack"](list(reversed(coords)), 1)


export(
    {
        "tf.nn.conv2d": conv2d,
        "tf.nn.max_pool2d": max_pool2d,
        "tf.nn.max_pool": max_pool2d,
        "tf.argsort": argsort,
        "tf.sort": sort,
        "tf.where": where,
    }
)
__all__ = ["conv2d", "max_pool2d", "argsort", "sort", "where", "Tensor"]
