"""TF's functions whose arguments the op table spells otherwise: tf.nn.conv2d, conv2d_transpose
(composed: dilation, padding and conv2d) and max_pool2d
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
    """tf.nn.conv2d: input [N,H,W,C], filters [KH,KW,C,O]; padding 'SAME', 'VALID' or explicit
    [[0, 0], [top, bottom], [left, right], [0, 0]] (zeros added, then 'VALID')."""
    _nhwc("tf.nn.conv2d", data_format, dilations)
    strides = _hw("tf.nn.conv2d", strides, "strides")
    if not isinstance(padding, str):
        pads = [[int(a), int(b)] for a, b in padding]
        if len(pads) != 4 or pads[0] != [0, 0] or pads[3] != [0, 0] or min(min(p) for p in pads) < 0:
            raise ValueError("tf.nn.conv2d: explicit padding must be [[0, 0], [top, bottom], [left, right], [0, 0]] "
                             "of non-negative ints, got %s" % (padding,))  # fmt: skip
        from .composite_ops import pad

        return OPS["conv2d"](pad(input, pads), filters, strides, False)
    return OPS["conv2d"](input, filters, strides, _same("tf.nn.conv2d", padding))


def _dilate(x, axis, s):
    """x with s - 1 zeros after each entry along axis (length n -> n * s)."""
    if s == 1:
        return x
    shape = list(x.shape)
    y = OPS["expand_dims"](x, axis + 1)
    pads = [[0, 0]] * (len(shape) + 1)
    pads[axis + 1] = [0, s - 1]
    from .composite_ops import pad

    return OPS["reshape"](pad(y, pads), shape[:axis] + [shape[axis] * s] + shape[axis + 1 :])


def transposed_length(n, k, s, same):
    """The output length of a transposed convolution (Keras's deconv_output_length)."""
    return n * s if same else n * s + max(k - s, 0)


def conv2d_transpose(input, filters, output_shape=None, strides=1, padding="SAME", data_format="NHWC",  # noqa: A002
                     dilations=None, name=None):  # fmt: skip
    """tf.nn.conv2d_transpose: input [N,H,W,C_in], filters [KH,KW,C_out,C_in] -> [N,H',W',C_out], the
    adjoint of tf.nn.conv2d with these strides and padding (its gradient with respect to its input):
    the input dilated by the strides, padded by k - 1 - (the forward pad before), correlated with
    the filters flipped and their channels swapped. output_shape: TF's [N,H',W',C_out]."""
    name_ = "tf.nn.conv2d_transpose"
    _nhwc(name_, data_format, dilations)
    x = input if isinstance(input, Tensor) else convert_to_tensor(input)
    f = filters if isinstance(filters, Tensor) else convert_to_tensor(filters, x.dtype)
    (sh, sw), same = _hw(name_, strides, "strides"), _same(name_, padding)
    n, h, w, _ = (int(d) for d in x.shape)
    kh, kw = int(f.shape[0]), int(f.shape[1])
    out = [transposed_length(h, kh, sh, same), transposed_length(w, kw, sw, same)]
    if output_shape is not None:  # any size the forward convolution maps back to the input's
        want = [int(d) for d in (output_shape.numpy().tolist() if hasattr(output_shape, "numpy") else output_shape)]

        def forward(o, k, s):
            return -(-o // s) if same else (o - k) // s + 1

        if (len(want) != 4 or want[0] != n or want[3] != int(f.shape[2]) or forward(want[1], kh, sh) != h
                or forward(want[2], kw, sw) != w):  # fmt: skip
            raise ValueError("%s: output_shape %s does not match the input %s, filters %s, strides and padding "
                             "(e.g. [%d, %d, %d, %d])" % (name_, want, list(x.shape), list(f.shape), n, out[0],
                                                           out[1], int(f.shape[2])))  # fmt: skip
        out = want[1:3]
    from .composite_ops import _slice, pad, reverse

    pads = [[0, 0]]
    for axis, (length, k, s, o) in enumerate(((h, kh, sh, out[0]), (w, kw, sw, out[1])), 1):
        before_fwd = max((length - 1) * s + k - o, 0) // 2 if same else 0
        before = k - 1 - before_fwd
        x = _dilate(x, axis, s)
        after = o + k - 1 - before - length * s
        if after < 0:  # a shorter output than the dilated input reaches: crop its end
            x = _slice(x, axis, 0, length * s + after)
            after = 0
        pads.append([before, after])
    pads.append([0, 0])

    kernel = reverse(OPS["transpose"](f, [0, 1, 3, 2]), [0, 1])
    return OPS["conv2d"](pad(x, pads), kernel, [1, 1], False)


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
        "tf.nn.conv2d_transpose": conv2d_transpose,
        "tf.nn.max_pool2d": max_pool2d,
        "tf.nn.max_pool": max_pool2d,
        "tf.argsort": argsort,
        "tf.sort": sort,
        "tf.where": where,
    }
)
__all__ = ["conv2d", "conv2d_transpose", "max_pool2d", "argsort", "sort", "where", "Tensor"]
