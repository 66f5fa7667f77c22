"""Keras's small layers by Keras 3's definitions, on the op table's ops: activations (ELU, PReLU
with a trainable slope, ThresholdedReLU), reshaping (Permute, RepeatVector, Cropping1D/2D), noise
in training (GaussianNoise, GaussianDropout, SpatialDropout1D/2D), ActivityRegularization,
UnitNormalization, and the preprocessing layers that need no data files: Normalization (adapt
computes the mean and variance) and RandomFlip."""

from ..ops import composite_ops, random_ops
from ..ops.gen_ops import OPS
from . import initializers, regularizers
from .layers import Layer


class ELU(Layer):
    """x for x > 0, alpha (e^x - 1) otherwise."""

    supports_masking = True

    def __init__(self, alpha=1.0, **kwargs):
        Layer.__init__(self, **kwargs)
        self.alpha = float(alpha)

    def call(self, inputs):
        return OPS["where"](
            OPS["greater"](inputs, 0.0), inputs, self.alpha * (OPS["exp"](OPS["minimum"](inputs, 0.0)) - 1.0)
        )

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class PReLU(Layer):
    """max(x, 0) + alpha * min(x, 0) with a trainable alpha per feature (shared_axes share it)."""

    def __init__(self, alpha_initializer="zeros", alpha_regularizer=None, alpha_constraint=None, shared_axes=None,
                 **kwargs):  # fmt: skip
        Layer.__init__(self, **kwargs)
        self._init = initializers.get(alpha_initializer)
        self._reg, self._con = alpha_regularizer, alpha_constraint
        self.shared_axes = None if shared_axes is None else [int(a) for a in (
            [shared_axes] if isinstance(shared_axes, int) else shared_axes)]  # fmt: skip

    def build(self, input_shape):
        shape = list(input_shape[1:])
        for a in self.shared_axes or []:
            shape[a - 1] = 1
        self.alpha = self.add_weight("alpha", shape, initializer=self._init, regularizer=self._reg,
                                     constraint=self._con)  # fmt: skip
        self.built = True

    def call(self, inputs):
        return OPS["relu"](inputs) + self.alpha * OPS["minimum"](inputs, 0.0)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class ThresholdedReLU(Layer):
    """x where x > theta, 0 elsewhere."""

    def __init__(self, theta=1.0, **kwargs):
        Layer.__init__(self, **kwargs)
        self.theta = float(theta)

    def call(self, inputs):
        return inputs * OPS["cast"](OPS["greater"](inputs, self.theta), inputs.dtype.name)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class Permute(Layer):
    """keras.layers.Permute(dims): the non-batch axes reordered (dims count from 1)."""

    def __init__(self, dims, **kwargs):
        Layer.__init__(self, **kwargs)
        self.dims = tuple(int(d) for d in dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` "
                             "must be consecutive and start from 1. Received dims=%s" % (self.dims,))  # fmt: skip

    def call(self, inputs):
        return OPS["transpose"](inputs, [0] + list(self.dims))

    def compute_output_shape(self, input_shape):
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)


class RepeatVector(Layer):
    """[batch, features] -> [batch, n, features]."""

    def __init__(self, n, **kwargs):
        Layer.__init__(self, **kwargs)
        self.n = int(n)

    def call(self, inputs):
        return composite_ops.tile(OPS["expand_dims"](inputs, 1), [1, self.n, 1])

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])


def _pairs(v, k):
    if isinstance(v, int):
        return [(v, v)] * k
    v = list(v)
    if k == 1:
        return [tuple(v)] if len(v) == 2 and all(isinstance(x, int) for x in v) else [tuple(v[0])]
    return [(x, x) if isinstance(x, int) else tuple(x) for x in v]


class Cropping2D(Layer):
    """keras.layers.Cropping2D(cropping=((top, bottom), (left, right))) on [batch, h, w, c]."""

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        Layer.__init__(self, **kwargs)
        self.cropping = _pairs(cropping, 2)

    def call(self, inputs):
        b, h, w, c = inputs.shape
        (t, bt), (lf, r) = self.cropping
        return OPS["strided_slice"](inputs, [0, t, lf, 0], [b, h - bt, w - r, c], [1, 1, 1, 1])

    def compute_output_shape(self, input_shape):
        b, h, w, c = input_shape
        (t, bt), (lf, r) = self.cropping
        return (b, None if h is None else h - t - bt, None if w is None else w - lf - r, c)


class Cropping1D(Layer):
    """keras.layers.Cropping1D(cropping=(start, end)) on [batch, steps, features]."""

    def __init__(self, cropping=(1, 1), **kwargs):
        Layer.__init__(self, **kwargs)
        self.cropping = _pairs(cropping, 1)[0]

    def call(self, inputs):
        b, n, c = inputs.shape
        return OPS["strided_slice"](inputs, [0, self.cropping[0], 0], [b, n - self.cropping[1], c], [1, 1, 1])

    def compute_output_shape(self, input_shape):
        b, n, c = input_shape
        return (b, None if n is None else n - sum(self.cropping), c)


class GaussianNoise(Layer):
    """In training, x + N(0, stddev^2) noise; at inference x."""

    supports_masking = True

    def __init__(self, stddev, seed=None, **kwargs):
        Layer.__init__(self, **kwargs)
        self.stddev, self.seed = float(stddev), seed

    def call(self, inputs, training=False):
        if not training or self.stddev == 0:
            return inputs
        return inputs + random_ops.normal(list(inputs.shape), 0.0, self.stddev, seed=self.seed)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class GaussianDropout(Layer):
    """In training, x times N(1, rate / (1 - rate)) noise; at inference x."""

    supports_masking = True

    def __init__(self, rate, seed=None, **kwargs):
        Layer.__init__(self, **kwargs)
        self.rate, self.seed = float(rate), seed

    def call(self, inputs, training=False):
        if not training or not 0 < self.rate < 1:
            return inputs
        std = (self.rate / (1.0 - self.rate)) ** 0.5
        return inputs * random_ops.normal(list(inputs.shape), 1.0, std, seed=self.seed)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class _SpatialDropout(Layer):
    """Dropout of whole channels: one keep/drop per (example, channel), scaled by 1 / (1 - rate)."""

    _spatial = 1

    def __init__(self, rate, seed=None, **kwargs):
        Layer.__init__(self, **kwargs)
        self.rate, self.seed = float(rate), seed

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        shape = [inputs.shape[0]] + [1] * self._spatial + [inputs.shape[-1]]
        keep = OPS["cast"](random_ops.uniform(shape, seed=self.seed) >= self.rate, inputs.dtype.name)
        return inputs * keep * (1.0 / (1.0 - self.rate))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class SpatialDropout1D(_SpatialDropout):
    pass


class SpatialDropout2D(_SpatialDropout):
    _spatial = 2


class ActivityRegularization(Layer):
    """The identity, adding l1 * sum|x| + l2 * sum x^2 of its output to the losses."""

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        Layer.__init__(self, activity_regularizer=regularizers.L1L2(l1, l2), **kwargs)
        self.l1, self.l2 = float(l1), float(l2)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class UnitNormalization(Layer):
    """x / max(||x||, 1e-12) over axis (the last)."""

    def __init__(self, axis=-1, **kwargs):
        Layer.__init__(self, **kwargs)
        self.axis = axis

    def call(self, inputs):
        return composite_ops.l2_normalize(inputs, self.axis)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class Normalization(Layer):
    """keras.layers.Normalization(axis=-1, mean=None, variance=None): (x - mean) / max(sqrt(variance),
    1e-7) per feature of `axis` (Keras 3's epsilon); adapt(data) computes
    them from data (arrays or a tf.data.Dataset of batches); invert=True undoes it."""

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        Layer.__init__(self, **kwargs)
        self.axis = None if axis is None else ((axis,) if isinstance(axis, int) else tuple(axis))
        self.invert = bool(invert)
        self._given = (mean, variance)
        self.mean = self.variance = None
        if (mean is None) != (variance is None):
            raise ValueError("When setting values directly, both `mean` and `variance` must be set.")

    def _reduce_axes(self, rank):
        keep = {a % rank for a in self.axis} if self.axis is not None else set()
        return [a for a in range(rank) if a not in keep]

    def build(self, input_shape):
        rank = len(input_shape)
        shape = [1 if a in self._reduce_axes(rank) else int(input_shape[a]) for a in range(rank)]
        self._stat_shape = shape
        if self._given[0] is not None:
            self.mean = self.add_weight("mean", shape, initializer=initializers.Constant(0.0), trainable=False)
            self.variance = self.add_weight("variance", shape, initializer="ones", trainable=False)
            self.mean.assign(OPS["broadcast_to"](OPS["cast"](_tensor(self._given[0]), "float32"), shape))
            self.variance.assign(OPS["broadcast_to"](OPS["cast"](_tensor(self._given[1]), "float32"), shape))
        self.built = True

    def adapt(self, data, batch_size=None, steps=None):
        from ..data.dataset import Dataset

        if isinstance(data, Dataset):
            parts = [_tensor(b) for b in data]
            x = OPS["concat"]([OPS["cast"](p, "float32") for p in parts], 0)
        else:
            x = OPS["cast"](_tensor(data), "float32")
        if not self.built:
            self._maybe_build(tuple(x.shape))
        axes = self._reduce_axes(len(x.shape))
        mean = OPS["reduce_mean"](x, axes, True)
        variance = OPS["reduce_mean"](OPS["square"](x - mean), axes, True)
        if self.mean is None:
            self.mean = self.add_weight("mean", self._stat_shape, initializer="zeros", trainable=False)
            self.variance = self.add_weight("variance", self._stat_shape, initializer="ones", trainable=False)
        self.mean.assign(OPS["reshape"](mean, self._stat_shape))
        self.variance.assign(OPS["reshape"](variance, self._stat_shape))

    def call(self, inputs):
        if self.mean is None:
            raise ValueError("You must call `.adapt()` on the Normalization layer before using it.")
        std = OPS["maximum"](OPS["sqrt"](self.variance.value()), 1e-7)
        if self.invert:
            return inputs * std + self.mean
        return (inputs - self.mean) / std

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


def _tensor(x):
    from ..framework.tensor import Tensor, convert_to_tensor

    return x if isinstance(x, Tensor) else convert_to_tensor(x)


class RandomFlip(Layer):
    """keras.layers.RandomFlip('horizontal' | 'vertical' | 'horizontal_and_vertical'): in training,
    each image flipped with probability 1/2 per direction; at inference unchanged."""

    def __init__(self, mode="horizontal_and_vertical", seed=None, **kwargs):
        Layer.__init__(self, **kwargs)
        if mode not in ("horizontal", "vertical", "horizontal_and_vertical"):
            raise ValueError("RandomFlip layer %s received an unknown mode argument %s" % (kwargs.get("name"), mode))
        self.mode, self.seed = mode, seed

    def call(self, inputs, training=True):
        if not training:
            return inputs
        from ..ops import image_ops

        x = inputs
        if self.mode != "vertical":
            x = image_ops.random_flip_left_right(x, self.seed)
        if self.mode != "horizontal":
            x = image_ops.random_flip_up_down(x, self.seed)
        return x

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


__all__ = [n for n, v in list(globals().items()) if isinstance(v, type) and issubclass(v, Layer) and
           v.__module__ == __name__ and not n.startswith("_")]  # fmt: skip
