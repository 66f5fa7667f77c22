"""Keras layers beyond the core ones, on the op table's ops (so with gradients), by Keras 3's
definitions: Conv1D, MaxPooling1D, Conv2DTranspose, UpSampling2D, ZeroPadding2D, Embedding, Masking, the global and average poolings, the merging layers (Concatenate, Add,
Subtract, Multiply, Average, Maximum, Minimum and their functions), LayerNormalization and
Rescaling. tf.keras.layers holds them with the others."""

from ..ops import array_ops, composite_ops, nn_ops
from ..ops.gen_ops import OPS
from . import initializers
from .layers import Conv2D, Layer, MaxPooling2D, _out_len


def _one(v, what):
    v = v if isinstance(v, int) else tuple(v)
    if isinstance(v, tuple):
        if len(v) != 1:
            raise ValueError("The `%s` argument must be a tuple of 1 integer. Received: %s" % (what, v))
        v = v[0]
    return int(v)


class Conv1D(Conv2D):
    """keras.layers.Conv1D(filters, kernel_size, strides=1, padding='valid'|'same'|'causal'):
    sequences [batch, steps, channels] -> [batch, steps', filters] with a kernel [k, channels,
    filters], as Conv2D over a height-1 image ('causal' pads k - 1 zeros on the left)."""

    _rank, _layout = 3, "[batch, steps, channels]"

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1, groups=1,
                 **kwargs):  # fmt: skip
        causal = str(padding).lower() == "causal"
        if _one(dilation_rate, "dilation_rate") != 1:
            raise NotImplementedError("keras.layers.Conv1D: dilation_rate is not provided by xtape yet")
        Conv2D.__init__(self, filters, (1, _one(kernel_size, "kernel_size")), (1, _one(strides, "strides")),
                        "valid" if causal else padding, data_format, groups=groups, **kwargs)  # fmt: skip
        self.causal = causal

    def _kernel_shape(self, channels):
        return (self.kernel_size[1], channels, self.filters)

    def _convolve(self, inputs):
        x = inputs
        if self.causal:
            x = composite_ops.pad(x, [[0, 0], [self.kernel_size[1] - 1, 0], [0, 0]])
        x = OPS["expand_dims"](x, 1)
        y = OPS["conv2d"](x, OPS["expand_dims"](self.kernel, 0), list(self.strides), self.padding == "same")
        return OPS["squeeze"](y, [1])

    def compute_output_shape(self, input_shape):
        b, n, _ = input_shape
        k, s = self.kernel_size[1], self.strides[1]
        if self.causal:
            return (b, None if n is None else -(-n // s), self.filters)
        return (b, _out_len(n, k, s, self.padding), self.filters)


class MaxPooling1D(MaxPooling2D):
    """keras.layers.MaxPooling1D(pool_size=2, strides=None, padding='valid') on [batch, steps, c]."""

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, **kwargs):
        p = _one(pool_size, "pool_size")
        MaxPooling2D.__init__(self, (1, p), None if strides is None else (1, _one(strides, "strides")), padding,
                              data_format, **kwargs)  # fmt: skip

    def call(self, inputs):
        return OPS["squeeze"](MaxPooling2D.call(self, OPS["expand_dims"](inputs, 1)), [1])

    def compute_output_shape(self, input_shape):
        b, n, c = input_shape
        return (b, _out_len(n, self.pool_size[1], self.strides[1], self.padding), c)


class Conv2DTranspose(Conv2D):
    """keras.layers.Conv2DTranspose(filters, kernel_size, strides=(1, 1), padding='valid'): the
    transposed convolution (tf.nn.conv2d_transpose) with a kernel [kh, kw, filters, channels];
    outputs [batch, h * s (+ max(k - s, 0) for 'valid'), ..., filters], as Keras."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", output_padding=None, data_format=None,
                 dilation_rate=(1, 1), **kwargs):  # fmt: skip
        if output_padding is not None:
            raise NotImplementedError("keras.layers.Conv2DTranspose(output_padding=...) is not provided by xtape yet")
        Conv2D.__init__(self, filters, kernel_size, strides, padding, data_format, dilation_rate, **kwargs)

    def _kernel_shape(self, channels):
        return self.kernel_size + (self.filters, channels)

    def _convolve(self, inputs):
        return nn_ops.conv2d_transpose(inputs, self.kernel, None, list(self.strides), self.padding.upper())

    def compute_output_shape(self, input_shape):
        b, h, w, _ = input_shape
        (kh, kw), (sh, sw) = self.kernel_size, self.strides
        same = self.padding == "same"
        length = nn_ops.transposed_length
        return (b, None if h is None else length(h, kh, sh, same), None if w is None else length(w, kw, sw, same),
                self.filters)  # fmt: skip


class UpSampling2D(Layer):
    """keras.layers.UpSampling2D(size=(2, 2)): each row repeated size[0] times and each column
    size[1] times (interpolation='nearest')."""

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        Layer.__init__(self, **kwargs)
        if interpolation != "nearest" or data_format not in (None, "channels_last"):
            raise NotImplementedError("keras.layers.UpSampling2D: xtape has interpolation='nearest', channels_last")
        self.size = (int(size), int(size)) if isinstance(size, int) else tuple(int(v) for v in size)

    def call(self, inputs):
        return composite_ops.repeat(composite_ops.repeat(inputs, self.size[0], axis=1), self.size[1], axis=2)

    def compute_output_shape(self, input_shape):
        b, h, w, c = input_shape
        return (b, None if h is None else h * self.size[0], None if w is None else w * self.size[1], c)


class ZeroPadding2D(Layer):
    """keras.layers.ZeroPadding2D(padding=(1, 1)): zeros around the image: an int, (rows, cols) or
    ((top, bottom), (left, right))."""

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        Layer.__init__(self, **kwargs)
        if isinstance(padding, int):
            padding = ((padding, padding), (padding, padding))
        elif all(isinstance(p, int) for p in padding):
            padding = ((padding[0], padding[0]), (padding[1], padding[1]))
        self.padding = tuple(tuple(int(v) for v in p) for p in padding)

    def call(self, inputs):
        return composite_ops.pad(inputs, [[0, 0], list(self.padding[0]), list(self.padding[1]), [0, 0]])

    def compute_output_shape(self, input_shape):
        b, h, w, c = input_shape
        (t, bt), (lf, r) = self.padding
        return (b, None if h is None else h + t + bt, None if w is None else w + lf + r, c)


MaxPool1D = MaxPooling1D
Convolution2DTranspose = Conv2DTranspose
Convolution1D = Conv1D


class Embedding(Layer):
    """keras.layers.Embedding(input_dim, output_dim): integer ids [...] -> rows [..., output_dim]
    of a trainable table (uniform in [-0.05, 0.05] by default, as Keras)."""

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform", embeddings_regularizer=None,
                 embeddings_constraint=None, mask_zero=False, input_length=None, **kwargs):  # fmt: skip
        Layer.__init__(self, **kwargs)
        self.mask_zero = bool(mask_zero)
        self.input_dim, self.output_dim = int(input_dim), int(output_dim)
        self._init = initializers.get(embeddings_initializer)
        self._reg, self._con = embeddings_regularizer, embeddings_constraint

    def build(self, input_shape):
        self.embeddings = self.add_weight("embeddings", (self.input_dim, self.output_dim), initializer=self._init,
                                          regularizer=self._reg, constraint=self._con)  # fmt: skip
        self.built = True

    def call(self, inputs):  # the ids arrive as float32 (Layer casts inputs): exact below 2^24
        shape = list(inputs.shape)
        ids = OPS["cast"](OPS["reshape"](inputs, [-1]), "int32")
        rows = OPS["gather"](self.embeddings, ids)
        return OPS["reshape"](rows, shape + [self.output_dim])

    def compute_mask(self, inputs, mask=None):
        """mask_zero=True: id 0 is padding, the mask [...] is ids != 0 (what RNN layers skip)."""
        return OPS["not_equal"](inputs, 0.0) if self.mask_zero else None

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)


class Masking(Layer):
    """keras.layers.Masking(mask_value=0.0): time steps [batch, time, features] whose features all
    equal mask_value are masked (their output zeros, the mask False for the layers after)."""

    supports_masking = True

    def __init__(self, mask_value=0.0, **kwargs):
        Layer.__init__(self, **kwargs)
        self.mask_value = float(mask_value)

    def compute_mask(self, inputs, mask=None):
        return array_ops.reduce_any(OPS["not_equal"](inputs, self.mask_value), -1)

    def call(self, inputs):
        keep = array_ops.reduce_any(OPS["not_equal"](inputs, self.mask_value), -1, keepdims=True)
        return inputs * OPS["cast"](keep, inputs.dtype.name)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class _GlobalPooling(Layer):
    """Mean or max over the spatial axes of channels-last inputs."""

    _reduce, _spatial = "reduce_mean", 1

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        Layer.__init__(self, **kwargs)
        if data_format not in (None, "channels_last"):
            raise NotImplementedError("%s: xtape computes channels_last only" % type(self).__name__)
        self.keepdims = bool(keepdims)

    def call(self, inputs):
        axes = list(range(1, 1 + self._spatial))
        return OPS[self._reduce](inputs, axes, self.keepdims)

    def compute_output_shape(self, input_shape):
        if self.keepdims:
            return (input_shape[0],) + (1,) * self._spatial + (input_shape[-1],)
        return (input_shape[0], input_shape[-1])


class GlobalAveragePooling1D(_GlobalPooling):
    """keras.layers.GlobalAveragePooling1D: [batch, steps, features] -> [batch, features]."""


class GlobalAveragePooling2D(_GlobalPooling):
    """keras.layers.GlobalAveragePooling2D: [batch, h, w, c] -> [batch, c]."""

    _spatial = 2


class GlobalMaxPooling1D(_GlobalPooling):
    _reduce = "reduce_max"


class GlobalMaxPooling2D(_GlobalPooling):
    _reduce, _spatial = "reduce_max", 2


class AveragePooling2D(Layer):
    """keras.layers.AveragePooling2D(pool_size): the mean of each pool_size window, windows that
    tile the image (strides = pool_size, 'valid'); other strides or 'same' are not in xtape."""

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, **kwargs):
        Layer.__init__(self, **kwargs)
        self.pool = (pool_size, pool_size) if isinstance(pool_size, int) else tuple(int(p) for p in pool_size)
        st = self.pool if strides is None else (strides, strides) if isinstance(strides, int) else tuple(strides)
        if tuple(st) != self.pool or str(padding).lower() != "valid" or data_format not in (None, "channels_last"):
            raise NotImplementedError(
                "keras.layers.AveragePooling2D: xtape averages windows that tile the image (strides = pool_size, "
                "padding='valid', channels_last)"
            )

    def call(self, inputs):
        b, h, w, c = inputs.shape
        ph, pw = self.pool
        hh, ww = h // ph, w // pw
        x = OPS["strided_slice"](inputs, [0, 0, 0, 0], [b, hh * ph, ww * pw, c], [1, 1, 1, 1])
        return OPS["reduce_mean"](OPS["reshape"](x, [b, hh, ph, ww, pw, c]), [2, 4], False)

    def compute_output_shape(self, input_shape):
        b, h, w, c = input_shape
        return (b, None if h is None else h // self.pool[0], None if w is None else w // self.pool[1], c)


AvgPool2D = AveragePooling2D


class _Merge(Layer):
    """A layer of a list of inputs (the functional API: layers.Add()([a, b]))."""

    def __call__(self, inputs, *args, **kwargs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) < (1 if isinstance(self, Concatenate) else 2):
            raise ValueError("A merge layer should be called on a list of at least 2 inputs. Got: %r" % (inputs,))
        return Layer.__call__(self, list(inputs), *args, **kwargs)

    def _maybe_build(self, input_shape):
        self.built = True

    def compute_output_shape(self, input_shapes):
        return tuple(input_shapes[0])


def _elementwise(op):
    def call(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = OPS[op](out, x)
        return out

    return call


class Add(_Merge):
    call = _elementwise("add")


class Multiply(_Merge):
    call = _elementwise("multiply")


class Maximum(_Merge):
    call = _elementwise("maximum")


class Minimum(_Merge):
    call = _elementwise("minimum")


class Subtract(_Merge):
    def call(self, inputs):
        if len(inputs) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs")
        return inputs[0] - inputs[1]


class Average(_Merge):
    def call(self, inputs):
        return _elementwise("add")(self, inputs) * (1.0 / len(inputs))


class Concatenate(_Merge):
    """keras.layers.Concatenate(axis=-1)."""

    def __init__(self, axis=-1, **kwargs):
        _Merge.__init__(self, **kwargs)
        self.axis = int(axis)

    def call(self, inputs):
        return OPS["concat"](list(inputs), self.axis)

    def compute_output_shape(self, input_shapes):
        shapes = [list(s) for s in input_shapes]
        out = list(shapes[0])
        a = self.axis % len(out)
        out[a] = None if any(s[a] is None for s in shapes) else sum(s[a] for s in shapes)
        return tuple(out)


def _functional(cls):
    def fn(inputs, **kwargs):
        return cls(**kwargs)(inputs)

    fn.__name__ = cls.__name__.lower()
    fn.__doc__ = "keras.layers.%s(inputs): %s()(inputs)" % (fn.__name__, cls.__name__)
    return fn


add, multiply, maximum, minimum, subtract, average, concatenate = (
    _functional(c) for c in (Add, Multiply, Maximum, Minimum, Subtract, Average, Concatenate)
)


class LayerNormalization(Layer):
    """keras.layers.LayerNormalization(axis=-1, epsilon=1e-3): (x - mean) / sqrt(var + epsilon) over
    axis, per example, then * gamma + beta."""

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", **kwargs):  # fmt: skip
        Layer.__init__(self, **kwargs)
        self.axis = [axis] if isinstance(axis, int) else list(axis)
        self.epsilon, self.center, self.scale = float(epsilon), bool(center), bool(scale)
        self._inits = initializers.get(beta_initializer), initializers.get(gamma_initializer)

    def build(self, input_shape):
        rank = len(input_shape)
        self._axes = sorted(a % rank for a in self.axis)
        shape = tuple(input_shape[a] for a in self._axes)
        self.gamma = self.add_weight("gamma", shape, initializer=self._inits[1]) if self.scale else None
        self.beta = self.add_weight("beta", shape, initializer=self._inits[0]) if self.center else None
        self.built = True

    def call(self, inputs):
        mean = OPS["reduce_mean"](inputs, self._axes, True)
        var = OPS["reduce_mean"](OPS["square"](inputs - mean), self._axes, True)
        y = (inputs - mean) * OPS["reciprocal"](OPS["sqrt"](var + self.epsilon))
        rank = len(inputs.shape)
        view = [inputs.shape[a] if a in self._axes else 1 for a in range(rank)]
        if self.gamma is not None:
            y = y * OPS["reshape"](self.gamma, view)
        if self.beta is not None:
            y = y + OPS["reshape"](self.beta, view)
        return y


class Rescaling(Layer):
    """keras.layers.Rescaling(scale, offset=0.0): x * scale + offset."""

    def __init__(self, scale, offset=0.0, **kwargs):
        Layer.__init__(self, **kwargs)
        self.scale, self.offset = float(scale), float(offset)

    def call(self, inputs):
        y = inputs * self.scale
        return y + self.offset if self.offset else y


GlobalAvgPool1D, GlobalAvgPool2D, GlobalMaxPool1D, GlobalMaxPool2D = (
    GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D)  # fmt: skip
# the layers defined here (and their aliases) and the merging functions
__all__ = [n for n, v in list(globals().items()) if isinstance(v, type) and issubclass(v, Layer) and
           v.__module__ == __name__ and not n.startswith("_")]  # fmt: skip
__all__ += ["add", "multiply", "maximum", "minimum", "subtract", "average", "concatenate"]
