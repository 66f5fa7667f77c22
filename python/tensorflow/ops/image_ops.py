"""tf.image functions made of the op table's ops (so with gradients where TF has them): resize
(bilinear, nearest, area-free: TF 2's half-pixel centers, antialias off) as two interpolation
matmuls, random flips, random_crop, central_crop, per_image_standardization, convert_image_dtype,
rgb_to_grayscale, adjust_brightness. Images are [h, w, c] or [batch, h, w, c]."""

import math

from ..framework.tensor import Tensor, convert_to_tensor
from .gen_ops import OPS, export


def _t(x):
    return x if isinstance(x, Tensor) else convert_to_tensor(x)


def _batched(image):
    """(image as [batch, h, w, c], whether it was one image)."""
    x = _t(image)
    if len(x.shape) == 3:
        return OPS["expand_dims"](x, 0), True
    if len(x.shape) != 4:
        raise ValueError("'images' must have either 3 or 4 dimensions, got shape %s" % (list(x.shape),))
    return x, False


def _weights(n_in, n_out, method):
    """The [n_out, n_in] interpolation matrix of TF 2's resize along one axis (half-pixel centers:
    source = (i + 0.5) * n_in / n_out - 0.5)."""
    scale = n_in / n_out
    rows = []
    for i in range(n_out):
        row = [0.0] * n_in
        if method == "nearest":  # TF: floor of the half-pixel source, no -0.5 shift
            row[min(n_in - 1, int(math.floor((i + 0.5) * scale)))] = 1.0
        else:
            src = max((i + 0.5) * scale - 0.5, 0.0)
            lo = min(int(math.floor(src)), n_in - 1)
            hi = min(lo + 1, n_in - 1)
            frac = src - lo
            row[lo] += 1.0 - frac
            row[hi] += frac
        rows.append(row)
    return rows


def resize(images, size, method="bilinear", preserve_aspect_ratio=False, antialias=False, name=None):
    """tf.image.resize(images, [h, w], method='bilinear' | 'nearest'): float32 out (as TF)."""
    method = getattr(method, "value", method)
    if method not in ("bilinear", "nearest"):
        raise NotImplementedError("tf.image.resize: xtape has method 'bilinear' and 'nearest', not %r" % (method,))
    if preserve_aspect_ratio or antialias:
        raise NotImplementedError("tf.image.resize: preserve_aspect_ratio and antialias are not in xtape")
    x, single = _batched(images)
    h, w = (int(v) for v in (size.numpy().tolist() if hasattr(size, "numpy") else size))
    if x.dtype.name != "float32" and method == "bilinear" or x.dtype.name not in ("float32", "float64"):
        x = OPS["cast"](x, "float32")
    dt = x.dtype.name
    n, ih, iw, c = (int(d) for d in x.shape)
    a_h = convert_to_tensor(_weights(ih, h, method), dt)  # [h, ih]
    a_w = convert_to_tensor(_weights(iw, w, method), dt)  # [w, iw]
    y = OPS["transpose"](x, [0, 3, 1, 2])  # [n, c, ih, iw]
    y = OPS["reshape"](y, [n * c * ih, iw])
    y = OPS["matmul"](y, a_w, False, True)  # [n c ih, w]
    y = OPS["reshape"](OPS["transpose"](OPS["reshape"](y, [n * c, ih, w]), [0, 2, 1]), [n * c * w, ih])
    y = OPS["matmul"](y, a_h, False, True)  # [n c w, h]
    y = OPS["transpose"](OPS["reshape"](y, [n, c, w, h]), [0, 3, 2, 1])  # [n, h, w, c]
    return OPS["squeeze"](y, [0]) if single else y


def random_flip_left_right(image, seed=None):
    """The image mirrored left-right with probability 1/2 (each image of a batch on its own)."""
    return _random_flip(image, -2, seed)


def random_flip_up_down(image, seed=None):
    return _random_flip(image, -3, seed)


def _random_flip(image, axis, seed):
    from . import composite_ops, random_ops

    x, single = _batched(image)
    flip = OPS["less"](random_ops.uniform([int(x.shape[0]), 1, 1, 1], seed=seed), 0.5)
    out = OPS["where"](OPS["broadcast_to"](flip, list(x.shape)), composite_ops.reverse(x, [axis]), x)
    return OPS["squeeze"](out, [0]) if single else out


def random_crop(value, size, seed=None, name=None):
    """A window of `size` at a uniformly random offset (TF's tf.image.random_crop)."""
    from . import random_ops

    x = _t(value)
    size = [int(v) for v in size]
    shape = [int(d) for d in x.shape]
    if len(size) != len(shape) or any(s > d for s, d in zip(size, shape, strict=True)):
        raise ValueError("random_crop: size %s does not fit in shape %s" % (size, shape))
    begin = []
    for s, d in zip(size, shape, strict=True):
        r = random_ops.uniform([], 0, d - s + 1, "int32", seed=seed) if d > s else None
        begin.append(0 if r is None else int(r.numpy()))
    return OPS["strided_slice"](x, begin, [b + s for b, s in zip(begin, size, strict=True)], [1] * len(shape))


def central_crop(image, central_fraction):
    x, single = _batched(image)
    n, h, w, c = (int(d) for d in x.shape)
    top, left = int((h - h * central_fraction) / 2), int((w - w * central_fraction) / 2)
    out = OPS["strided_slice"](x, [0, top, left, 0], [n, h - top, w - left, c], [1, 1, 1, 1])
    return OPS["squeeze"](out, [0]) if single else out


def per_image_standardization(image):
    """(x - mean) / max(stddev, 1 / sqrt(N)) per image (N: its number of values)."""
    x, single = _batched(image)
    x = x if x.dtype.name in ("float32", "float64") else OPS["cast"](x, "float32")
    n = math.prod(int(d) for d in x.shape[1:])
    mean = OPS["reduce_mean"](x, [1, 2, 3], True)
    std = OPS["sqrt"](OPS["reduce_mean"](OPS["square"](x - mean), [1, 2, 3], True))
    out = (x - mean) / OPS["maximum"](std, 1.0 / math.sqrt(n))
    return OPS["squeeze"](out, [0]) if single else out


def convert_image_dtype(image, dtype, saturate=False, name=None):
    """uint8 <-> float as TF: uint8 * (1 / 255) to floats, floor(floats * 255.5) to uint8; float <->
    float a cast."""
    from ..framework.dtypes import as_dtype

    x, want = _t(image), as_dtype(dtype).name
    have = x.dtype.name
    if have == want:
        return x
    if have == "uint8" and want.startswith("float"):
        return OPS["cast"](x, want) * (1.0 / 255.0)
    if have.startswith("float") and want == "uint8":
        # TF: x * (255 + 0.5), truncated (so 0.5 -> 127); clipped to [0, 255] first
        return OPS["cast"](OPS["floor"](OPS["minimum"](OPS["maximum"](x * 255.5, 0.0), 255.0)), "uint8")
    if have.startswith("float") and want.startswith("float"):
        return OPS["cast"](x, want)
    raise NotImplementedError("tf.image.convert_image_dtype: %s to %s is not in xtape" % (have, want))


def rgb_to_grayscale(images, name=None):
    """0.2989 R + 0.5870 G + 0.1140 B, keeping a channel axis of 1 (TF's weights)."""
    x = _t(images)
    w = convert_to_tensor([0.2989, 0.5870, 0.1140], x.dtype.name if x.dtype.name.startswith("float") else "float32")
    xf = x if x.dtype.name.startswith("float") else OPS["cast"](x, "float32")
    return OPS["reduce_sum"](xf * w, [-1], True)


def adjust_brightness(image, delta):
    return _t(image) + delta


export(
    {
        "tf.image.resize": resize, "tf.image.random_flip_left_right": random_flip_left_right,
        "tf.image.random_flip_up_down": random_flip_up_down, "tf.image.random_crop": random_crop,
        "tf.image.central_crop": central_crop, "tf.image.per_image_standardization": per_image_standardization,
        "tf.image.convert_image_dtype": convert_image_dtype, "tf.image.rgb_to_grayscale": rgb_to_grayscale,
        "tf.image.adjust_brightness": adjust_brightness,
    }
)  # fmt: skip
