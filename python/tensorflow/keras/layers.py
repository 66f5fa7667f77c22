"""keras.layers: Layer (build on first call, add_weight, weights in creation order, training flag),
the symbolic keras.Input / KerasTensor that the functional API calls layers on, and the layers
Dense (relu on the fused relu_layer kernel), Conv2D, Conv1D, MaxPooling2D, BatchNormalization, Flatten, Reshape, Dropout, ReLU, LeakyReLU, Softmax,
Activation, Lambda, InputLayer. Every layer runs on the op table's ops, so gradients come from the
tape as for any TF2 program."""

import collections
import inspect
import math
import re
import sys

from ..framework.tensor import Tensor, convert_to_tensor
from ..framework.tensor_shape import TensorShape
from ..module.module import Module, name_scope
from ..ops import random_ops
from ..ops.gen_ops import OPS
from ..ops.variables import VARIABLE_TYPES, Variable
from ..util import nest
from . import activations, constraints, initializers, regularizers
from .serialization import Recorded

_UIDS = collections.defaultdict(int)


def unique_name(prefix):
    """Keras's auto names: dense, dense_1, dense_2, ... per prefix, in creation order."""
    n = _UIDS[prefix]
    _UIDS[prefix] += 1
    return prefix if n == 0 else "%s_%d" % (prefix, n)


def _snake(name):
    """Keras's to_snake_case: MaxPooling2D -> max_pooling2d, LeakyReLU -> leaky_re_lu."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", re.sub(r"\W+", "", name))
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def _shape_str(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


class KerasTensor:
    """A symbolic tensor of the functional API: its shape (None for the batch), dtype, and the
    layer call that makes it (layer, its input KerasTensors, and the call's other arguments)."""

    _made = 0

    def __init__(self, shape, dtype="float32", layer=None, inputs=(), args=(), kwargs=None, name=None, pick=None):
        self.shape = TensorShape(shape) if shape is not None else None
        self.dtype = dtype
        self._layer, self._inputs, self._args, self._kwargs = layer, tuple(inputs), args, kwargs or {}
        self._pick = pick  # output `pick` of a layer call with several outputs (its node: _inputs[0])
        self.name = name or unique_name("keras_tensor")
        KerasTensor._made += 1
        self._serial = KerasTensor._made  # creation order: after every tensor it is computed from

    @property
    def ndim(self):
        return len(self.shape)

    def __repr__(self):
        return "<KerasTensor shape=%s, dtype=%s, sparse=False, name=%s>" % (
            _shape_str(self.shape),
            self.dtype,
            self.name,
        )


class KerasVariable(Variable):
    """A layer's weight: a tf.Variable that Keras 3 names 'kernel' (its path: 'dense/kernel')."""

    __slots__ = ("path", "regularizer", "constraint")  # the penalty model.losses adds; the projection after updates

    @property
    def name(self):
        return self._name

    def __repr__(self):
        return "<KerasVariable shape=%s, dtype=%s, path=%s>" % (_shape_str(self.shape), self.dtype.name, self.path)


VARIABLE_TYPES.add(KerasVariable)


def _flat_kt(x):
    if isinstance(x, KerasTensor):
        return [x]
    if isinstance(x, (list, tuple)):
        return [k for v in x for k in _flat_kt(v)]
    if isinstance(x, dict):
        return [k for v in x.values() for k in _flat_kt(v)]
    return []


_TAKES = {}


def _takes(fn, name):
    """Whether fn accepts the keyword `name` (cached per function: every layer call asks)."""
    key = (getattr(fn, "__func__", fn), name)
    if key not in _TAKES:
        try:
            params = inspect.signature(fn).parameters
        except (TypeError, ValueError):
            _TAKES[key] = False
        else:
            _TAKES[key] = name in params or any(p.kind == p.VAR_KEYWORD for p in params.values())
    return _TAKES[key]


def _float_input(x, dtype):
    """Layer inputs as tensors of the layer's dtype (Keras casts its inputs so: uint8 images or
    float64 arrays enter a float32 model)."""
    if not isinstance(x, Tensor):
        x = convert_to_tensor(x)
    if dtype and x.dtype.name != dtype and x.dtype.name != "bool":
        x = OPS["cast"](x, dtype)
    return x


def _map(fn, x):
    if isinstance(x, (list, tuple)):
        return type(x)(_map(fn, v) for v in x)
    if isinstance(x, dict):
        return {k: _map(fn, v) for k, v in x.items()}
    return fn(x)


def _weight_options(reg_a, reg_b, con_a, con_b):
    """add_weight's regularizer and constraint keywords for a layer's two weights (kernel, bias)."""
    return ({"regularizer": reg_a, "constraint": con_a}, {"regularizer": reg_b, "constraint": con_b})


class Layer(Module, Recorded):
    """keras.layers.Layer: subclass it with build(input_shape) (add_weight there) and
    call(inputs[, training]); calling the layer builds it once from the first input's shape."""

    def __init__(
        self,
        trainable=True,
        name=None,
        dtype=None,
        input_shape=None,
        input_dim=None,
        batch_input_shape=None,
        activity_regularizer=None,
        **kwargs,
    ):
        kwargs.pop("autocast", None)
        kwargs.pop("dynamic", None)
        if kwargs:
            raise ValueError("Unrecognized keyword arguments passed to %s: %s" % (type(self).__name__, kwargs))
        Module.__init__(self, name or unique_name(_snake(type(self).__name__)))
        self._trainable = bool(trainable)
        self.built = False
        self._own_weights = []
        self._dtype = "float32" if dtype is None else getattr(dtype, "name", dtype)
        if batch_input_shape is not None:
            input_shape = tuple(batch_input_shape)[1:]
        if input_dim is not None:
            input_shape = (input_dim,)
        self._input_shape_arg = None if input_shape is None else tuple(input_shape)
        self._build_shape = None
        self._output_shape = None
        self._losses = []
        self.activity_regularizer = regularizers.get(activity_regularizer)

    # --- weights ------------------------------------------------------------------------------
    def add_weight(
        self,
        name=None,
        shape=None,
        dtype=None,
        initializer=None,
        regularizer=None,
        trainable=True,
        constraint=None,
        **kwargs,
    ):
        """A Variable of this layer (initializer by name or object; glorot_uniform by default for
        floats, as Keras; zeros for others)."""
        dtype = getattr(dtype, "name", dtype) or self._dtype
        init = initializers.get(initializer or ("glorot_uniform" if dtype.startswith("float") else "zeros"))
        shape = () if shape is None else tuple(int(d) for d in shape)
        value = init(shape, dtype)
        if not isinstance(value, Tensor):
            value = convert_to_tensor(value)
        if value.dtype.name != dtype:
            value = OPS["cast"](value, dtype)
        v = KerasVariable(value, trainable=bool(trainable) and self._trainable, name=name or "variable")
        v.path = self.name + "/" + v.name
        v.regularizer, v.constraint = regularizers.get(regularizer), constraints.get(constraint)
        self._own_weights.append(v)
        return v

    add_variable = add_weight  # Keras 2's name

    def _sublayers(self):
        """The layers held in attributes (and lists, tuples, dicts of them), in assignment order."""
        out, seen = [], {id(self)}
        stack = list(self.__dict__.values())
        while stack:
            v = stack.pop(0)
            if isinstance(v, Layer):
                if id(v) not in seen:
                    seen.add(id(v))
                    out.append(v)
            elif isinstance(v, (list, tuple)):
                stack[0:0] = list(v)
            elif isinstance(v, dict):
                stack[0:0] = list(v.values())
        return out

    @property
    def weights(self):
        out, seen = [], set()
        for w in self._own_weights + [w for layer in self._sublayers() for w in layer.weights]:
            if id(w) not in seen:
                seen.add(id(w))
                out.append(w)
        return out

    @property
    def trainable_weights(self):
        return [w for w in self.weights if w.trainable] if self._trainable else []

    @property
    def non_trainable_weights(self):
        return self.weights if not self._trainable else [w for w in self.weights if not w.trainable]

    variables = weights
    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        """Freezing a layer freezes its weights and its sublayers' (Keras)."""
        self._trainable = bool(value)
        for layer in self._sublayers():
            layer.trainable = value
        for w in self._own_weights:
            w.trainable = value

    @property
    def losses(self):
        """The losses of the last call (add_loss, activity regularizers) and the weight
        regularizers' penalties on the current weights, this layer's and its sublayers'."""
        own = [w.regularizer(w) for w in self._own_weights if getattr(w, "regularizer", None) is not None]
        return list(self._losses) + own + [x for layer in self._sublayers() for x in layer.losses]

    def add_loss(self, loss):
        self._losses.append(loss)

    def get_weights(self):
        return [w.numpy() for w in self.weights]

    def set_weights(self, weights):
        mine = self.weights
        if len(weights) != len(mine):
            raise ValueError(
                "You called `set_weights(weights)` on layer '%s' with a weight list of length %d, but the layer was "
                "expecting %d weights." % (self.name, len(weights), len(mine))
            )
        for v, w in zip(mine, weights, strict=True):
            v.assign(convert_to_tensor(w, v.dtype))

    def count_params(self):
        return sum(math.prod(w.shape) for w in self.weights)

    @property
    def dtype(self):
        return self._dtype

    # --- building and calling ------------------------------------------------------------------
    def build(self, input_shape):
        self.built = True

    def call(self, inputs, *args, **kwargs):
        return inputs

    supports_masking = False  # a layer that does passes its input's mask on to its output (Keras)

    def compute_mask(self, inputs, mask=None):
        """The output's mask: the input's for layers that support masking, None otherwise."""
        return mask if self.supports_masking else None

    def compute_output_shape(self, input_shape):
        """The output shape for an input shape (None: any batch): by a call on zeros, for layers
        that do not say (the built-in ones do, without running)."""
        shape = [1 if d is None else d for d in input_shape]
        out = self.call(OPS["zeros"](shape, self._dtype))
        return tuple([input_shape[0]] + list(out.shape[1:])) if input_shape else tuple(out.shape)

    def _maybe_build(self, shape):
        if not self.built:
            self._build_shape = TensorShape(shape)
            with name_scope(self.name):
                self.build(TensorShape(shape))
            self.built = True
            if "_deferred_restore" in self.__dict__:  # a checkpoint restored before the weights existed
                from ..training.checkpoint import restore_deferred

                restore_deferred(self)

    def __call__(self, inputs, *args, **kwargs):
        symbolic = _flat_kt(inputs)
        if symbolic:  # the functional API: record the call, compute the output's shape
            first = symbolic[0]
            self._maybe_build(first.shape)
            many = isinstance(inputs, (list, tuple)) and len(symbolic) > 1  # merge layers: every shape
            out_shape = self.compute_output_shape([tuple(k.shape) for k in symbolic] if many else tuple(first.shape))
            # KerasTensors among the other arguments (initial_state=[h, c]) are inputs of the call too
            extra = [k for k in _flat_kt([list(args), kwargs]) if all(k is not s for s in symbolic)]
            if isinstance(out_shape, list) and out_shape and isinstance(out_shape[0], (tuple, list)):
                self._output_shape = [tuple(o) for o in out_shape]  # several outputs: a node and its picks
                node = KerasTensor(None, self._dtype, self, symbolic + extra, args, kwargs)
                node._arity = len(symbolic)
                return [KerasTensor(o, self._dtype, None, (node,), pick=i) for i, o in enumerate(out_shape)]
            self._output_shape = tuple(out_shape)
            node = KerasTensor(out_shape, self._dtype, self, symbolic + extra, args, kwargs)
            node._arity = len(symbolic)
            return node
        source = inputs[0] if isinstance(inputs, (list, tuple)) and inputs else inputs
        mask = kwargs["mask"] if "mask" in kwargs else getattr(source, "_keras_mask", None)  # Keras's mask flow
        x = _map(lambda v: _float_input(v, self._dtype), inputs)
        first = x[0] if isinstance(x, (list, tuple)) else x
        self._maybe_build(tuple(first.shape))
        if "training" in kwargs and not _takes(self.call, "training"):
            kwargs.pop("training")
        if mask is not None and _takes(self.call, "mask"):
            kwargs["mask"] = mask
        else:
            kwargs.pop("mask", None)
        self._losses = []  # a call's losses replace the last call's (Keras)
        out = self.call(x, *args, **kwargs)
        out_mask = self.compute_mask(x, mask)
        if out_mask is not None and isinstance(out, Tensor):
            out._keras_mask = out_mask
        if self.activity_regularizer is not None:
            self._losses.extend(self.activity_regularizer(o) for o in nest.flatten(out) if isinstance(o, Tensor))
        if self._output_shape is None and isinstance(out, Tensor):
            self._output_shape = (None,) + tuple(out.shape[1:])
        return out

    @property
    def output_shape(self):
        if self._output_shape is None:
            raise AttributeError("The layer %s has never been called and thus has no defined output shape." % self.name)
        return self._output_shape

    def get_config(self):
        return {"name": self.name, "trainable": self.trainable, "dtype": self._dtype}

    @classmethod
    def from_config(cls, config):
        """The layer get_config describes (Keras: cls(**config))."""
        return cls(**config)

    def __repr__(self):
        return "<%s name=%s, built=%s>" % (type(self).__name__, self.name, self.built)


class InputLayer(Layer):
    """keras.layers.InputLayer(shape=...): the model's input (identity)."""

    def __init__(self, shape=None, batch_size=None, dtype=None, input_shape=None, name=None, **kwargs):
        shape = shape if shape is not None else input_shape
        Layer.__init__(self, name=name or unique_name("input_layer"), dtype=dtype, **kwargs)
        self._input_shape_arg = None if shape is None else tuple(shape)
        self._batch_size = batch_size
        self._output_shape = (batch_size,) + tuple(shape or ())
        self.built = True

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


def Input(shape=None, batch_size=None, dtype=None, name=None, **kwargs):  # noqa: N802  (keras.Input)
    """keras.Input(shape=(784,)): the symbolic input of a functional model (or of a Sequential)."""
    if shape is None:
        raise ValueError("A KerasTensor needs a shape: keras.Input(shape=(...))")
    layer = InputLayer(shape=tuple(shape), batch_size=batch_size, dtype=dtype, name=name)
    t = KerasTensor((batch_size,) + tuple(shape), layer.dtype, layer, (), name=layer.name)
    layer._input_tensor = t
    return t


class Dense(Layer):
    """keras.layers.Dense(units, activation=None, use_bias=True): y = activation(x @ kernel + bias)
    on the last axis; relu(x @ kernel + bias) on rank-2 inputs is the fused relu_layer kernel (one
    GEMM that adds the bias and applies ReLU as it stores; its gradient is ReluLayer's)."""

    supports_masking = True

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, **kwargs):  # fmt: skip
        Layer.__init__(self, **kwargs)
        if int(units) <= 0:
            raise ValueError(
                "Received an invalid value for `units`, expected a positive integer. Received: units=%s" % units
            )
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self._weight_options = _weight_options(kernel_regularizer, bias_regularizer, kernel_constraint, bias_constraint)
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

    def build(self, input_shape):
        if input_shape[-1] is None:
            raise ValueError("The last dimension of the inputs to a Dense layer should be defined. Found None.")
        k, b = self._weight_options
        self.kernel = self.add_weight(
            "kernel", (int(input_shape[-1]), self.units), initializer=self.kernel_initializer, **k
        )
        self.bias = (
            self.add_weight("bias", (self.units,), initializer=self.bias_initializer, **b) if self.use_bias else None
        )
        self.built = True

    def call(self, inputs):
        shape = list(inputs.shape)
        x = inputs if len(shape) == 2 else OPS["reshape"](inputs, [-1, shape[-1]])
        if self.activation is activations.relu and self.use_bias and x.dtype.name == "float32":
            y = OPS["relu_layer"](x, self.kernel, self.bias)
        else:
            y = OPS["matmul"](x, self.kernel)
            if self.use_bias:
                y = y + self.bias
            y = self.activation(y)
        return y if len(shape) == 2 else OPS["reshape"](y, shape[:-1] + [self.units])

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self):
        return {
            **Layer.get_config(self),
            "units": self.units,
            "activation": self.activation.__name__,
            "use_bias": self.use_bias,
        }


class Flatten(Layer):
    """keras.layers.Flatten(): [batch, ...] -> [batch, product of the rest]."""

    def __init__(self, data_format=None, **kwargs):
        Layer.__init__(self, **kwargs)

    def call(self, inputs):
        shape = list(inputs.shape)
        return OPS["reshape"](inputs, [shape[0] if shape else 1, math.prod(shape[1:])])

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        return (input_shape[0], None if None in rest else math.prod(rest))


class Reshape(Layer):
    """keras.layers.Reshape(target_shape): each example reshaped (one dimension may be -1)."""

    def __init__(self, target_shape, **kwargs):
        Layer.__init__(self, **kwargs)
        self.target_shape = tuple(int(d) for d in target_shape)

    def call(self, inputs):
        return OPS["reshape"](inputs, [inputs.shape[0]] + list(self.target_shape))

    def compute_output_shape(self, input_shape):
        known = math.prod(d for d in self.target_shape if d != -1)
        rest = input_shape[1:]
        fill = None if None in rest else math.prod(rest) // max(1, known)
        return (input_shape[0],) + tuple(fill if d == -1 else d for d in self.target_shape)


class Dropout(Layer):
    """keras.layers.Dropout(rate, seed=None): in training, each value is kept with probability
    1 - rate and scaled by 1 / (1 - rate); at inference it passes unchanged."""

    supports_masking = True

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        Layer.__init__(self, **kwargs)
        if not 0 <= float(rate) <= 1:
            raise ValueError(
                "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=%s"
                % rate
            )
        if noise_shape is not None:
            raise NotImplementedError("keras.layers.Dropout(noise_shape=...) is not provided by xtape yet")
        self.rate, self.seed = float(rate), seed

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        if self.rate == 1:
            return OPS["zeros_like"](inputs)
        keep = OPS["cast"](random_ops.uniform(list(inputs.shape), seed=self.seed) >= self.rate, inputs.dtype)
        return inputs * keep * (1.0 / (1.0 - self.rate))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class ReLU(Layer):
    """keras.layers.ReLU(max_value=None, negative_slope=0.0): max(x, negative_slope * x), capped."""

    supports_masking = True

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        Layer.__init__(self, **kwargs)
        if threshold:
            raise NotImplementedError("keras.layers.ReLU(threshold=...) is not provided by xtape yet")
        self.max_value, self.negative_slope = max_value, float(negative_slope)

    def call(self, inputs):
        y = OPS["relu"](inputs) if not self.negative_slope else OPS["maximum"](inputs, inputs * self.negative_slope)
        return y if self.max_value is None else OPS["minimum"](y, float(self.max_value))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class LeakyReLU(ReLU):
    """keras.layers.LeakyReLU(negative_slope=0.3) (Keras 2's alpha=)."""

    def __init__(self, negative_slope=0.3, alpha=None, **kwargs):
        ReLU.__init__(self, negative_slope=negative_slope if alpha is None else alpha, **kwargs)


class Softmax(Layer):
    """keras.layers.Softmax(axis=-1)"""

    supports_masking = True

    def __init__(self, axis=-1, **kwargs):
        Layer.__init__(self, **kwargs)
        self.axis = axis

    def call(self, inputs, mask=None):
        if mask is not None and len(mask.shape) == len(inputs.shape):  # masked entries: -1e9 (Keras)
            inputs = inputs + (1.0 - OPS["cast"](mask, inputs.dtype.name)) * -1e9
        return activations.softmax(inputs, self.axis)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class Activation(Layer):
    """keras.layers.Activation('relu' | 'softmax' | ... | a function)"""

    supports_masking = True

    def __init__(self, activation, **kwargs):
        Layer.__init__(self, **kwargs)
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


class Lambda(Layer):
    """keras.layers.Lambda(function, output_shape=None, arguments=None)"""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        Layer.__init__(self, **kwargs)
        self.function, self.arguments, self._given_shape = function, arguments or {}, output_shape

    def call(self, inputs, training=None):
        return self.function(inputs, **self.arguments)

    def compute_output_shape(self, input_shape):
        if self._given_shape is not None:
            given = self._given_shape(input_shape) if callable(self._given_shape) else self._given_shape
            return (input_shape[0],) + tuple(given)
        return Layer.compute_output_shape(self, input_shape)


def _pair(v, what):
    v = (int(v), int(v)) if isinstance(v, int) else tuple(int(x) for x in v)
    if len(v) != 2:
        raise ValueError("The `%s` argument must be a tuple of 2 integers. Received: %s" % (what, v))
    return v


def _out_len(n, k, s, padding):
    if n is None:
        return None
    return -(-n // s) if padding == "same" else (n - k) // s + 1


class Conv2D(Layer):
    """keras.layers.Conv2D(filters, kernel_size, strides=(1, 1), padding='valid', activation=None,
    use_bias=True): channels-last images [batch, h, w, c] -> [batch, h', w', filters], on the
    core's conv2d (im2col and one GEMM)."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None, dilation_rate=(1, 1),
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):  # fmt: skip
        Layer.__init__(self, **kwargs)
        if data_format not in (None, "channels_last"):
            raise NotImplementedError("keras.layers.Conv2D: xtape computes channels_last only")
        if _pair(dilation_rate, "dilation_rate") != (1, 1) or groups != 1:
            raise NotImplementedError("keras.layers.Conv2D: dilation_rate and groups are not provided by xtape yet")
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self._weight_options = _weight_options(kernel_regularizer, bias_regularizer, kernel_constraint, bias_constraint)
        if int(filters) <= 0:
            raise ValueError(
                "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=%s."
                % filters
            )
        self.filters = int(filters)
        self.kernel_size = _pair(kernel_size, "kernel_size")
        self.strides = _pair(strides, "strides")
        self.padding = str(padding).lower()
        if self.padding not in ("valid", "same"):
            raise ValueError(
                "The `padding` argument must be a string 'valid' or 'same'. Received: padding=%s" % padding
            )
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

    _rank, _layout = 4, "[batch, h, w, c]"  # the inputs (Conv1D and Conv2DTranspose say theirs)

    def _kernel_shape(self, channels):
        return self.kernel_size + (channels, self.filters)

    def _convolve(self, inputs):
        return OPS["conv2d"](inputs, self.kernel, list(self.strides), self.padding == "same")

    def build(self, input_shape):
        if len(input_shape) != self._rank or input_shape[-1] is None:
            raise ValueError(
                "Input 0 of layer %s is incompatible: expected ndim=%d %s, found shape=%s"
                % (type(self).__name__, self._rank, self._layout, tuple(input_shape))
            )
        k, b = self._weight_options
        self.kernel = self.add_weight("kernel", self._kernel_shape(int(input_shape[-1])),
                                      initializer=self.kernel_initializer, **k)  # fmt: skip
        self.bias = (
            self.add_weight("bias", (self.filters,), initializer=self.bias_initializer, **b) if self.use_bias else None
        )
        self.built = True

    def call(self, inputs):
        y = self._convolve(inputs)
        if self.use_bias:
            y = y + self.bias
        return self.activation(y)

    def compute_output_shape(self, input_shape):
        b, h, w, _ = input_shape
        (kh, kw), (sh, sw) = self.kernel_size, self.strides
        return (b, _out_len(h, kh, sh, self.padding), _out_len(w, kw, sw, self.padding), self.filters)

    def get_config(self):
        return {**Layer.get_config(self), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding, "activation": self.activation.__name__,
                "use_bias": self.use_bias}  # fmt: skip


class MaxPooling2D(Layer):
    """keras.layers.MaxPooling2D(pool_size=(2, 2), strides=None, padding='valid') (MaxPool2D)."""

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, **kwargs):
        Layer.__init__(self, **kwargs)
        if data_format not in (None, "channels_last"):
            raise NotImplementedError("keras.layers.MaxPooling2D: xtape computes channels_last only")
        self.pool_size = _pair(pool_size, "pool_size")
        self.strides = self.pool_size if strides is None else _pair(strides, "strides")
        self.padding = str(padding).lower()
        if self.padding not in ("valid", "same"):
            raise ValueError(
                "The `padding` argument must be a string 'valid' or 'same'. Received: padding=%s" % padding
            )

    def call(self, inputs):
        return OPS["max_pool2d"](inputs, list(self.pool_size), list(self.strides), self.padding == "same")

    def compute_output_shape(self, input_shape):
        b, h, w, c = input_shape
        (kh, kw), (sh, sw) = self.pool_size, self.strides
        return (b, _out_len(h, kh, sh, self.padding), _out_len(w, kw, sw, self.padding), c)

    def get_config(self):
        return {**Layer.get_config(self), "pool_size": self.pool_size, "strides": self.strides, "padding": self.padding}


class BatchNormalization(Layer):
    """keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center, scale): in
    training, normalizes by the batch's mean and variance over every axis but `axis` and moves
    moving_mean/moving_variance toward them (m = m * momentum + batch * (1 - momentum)); in
    inference, by the moving statistics. y = x * inv + (beta - mean * inv), inv = gamma / sqrt(var +
    epsilon), as Keras 3."""

    supports_masking = True

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 synchronized=False, **kwargs):  # fmt: skip
        Layer.__init__(self, **kwargs)
        self._weight_options = _weight_options(beta_regularizer, gamma_regularizer, beta_constraint, gamma_constraint)
        self.axis, self.momentum, self.epsilon = int(axis), float(momentum), float(epsilon)
        self.center, self.scale = bool(center), bool(scale)
        self._inits = [initializers.get(i) for i in (beta_initializer, gamma_initializer, moving_mean_initializer,
                                                     moving_variance_initializer)]  # fmt: skip

    def build(self, input_shape):
        rank = len(input_shape)
        self._axis = self.axis % rank
        dim = input_shape[self._axis]
        if dim is None:
            raise ValueError(
                "Axis %d of input tensor should have a defined dimension but the layer received an input with shape %s."
                % (self.axis, tuple(input_shape))
            )
        beta, gamma, mm, mv = self._inits
        b, g = self._weight_options  # (beta's, gamma's)
        self.gamma = self.add_weight("gamma", (dim,), initializer=gamma, **g) if self.scale else None
        self.beta = self.add_weight("beta", (dim,), initializer=beta, **b) if self.center else None
        self.moving_mean = self.add_weight("moving_mean", (dim,), initializer=mm, trainable=False)
        self.moving_variance = self.add_weight("moving_variance", (dim,), initializer=mv, trainable=False)
        self.built = True

    def call(self, inputs, training=None):
        rank = len(inputs.shape)
        axes = [i for i in range(rank) if i != self._axis]
        shape = [1] * rank
        shape[self._axis] = int(inputs.shape[self._axis])
        if training and self.trainable:
            mean = OPS["reduce_mean"](inputs, axes)
            variance = OPS["maximum"](OPS["reduce_mean"](OPS["square"](inputs), axes) - OPS["square"](mean), 0.0)
            keep = 1.0 - self.momentum
            self.moving_mean.assign(self.moving_mean * self.momentum + OPS["stop_gradient"](mean) * keep)
            self.moving_variance.assign(self.moving_variance * self.momentum + OPS["stop_gradient"](variance) * keep)
        else:
            mean, variance = self.moving_mean + 0.0, self.moving_variance + 0.0  # their values now
        inv = OPS["reciprocal"](OPS["sqrt"](variance + self.epsilon))
        if self.gamma is not None:
            inv = inv * self.gamma
        offset = (self.beta - mean * inv) if self.beta is not None else -(mean * inv)
        return inputs * OPS["reshape"](inv, shape) + OPS["reshape"](offset, shape)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**Layer.get_config(self), "axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon,
                "center": self.center, "scale": self.scale}  # fmt: skip


MaxPool2D = MaxPooling2D
Convolution2D = Conv2D

from .more_layers import *  # noqa: E402,F403  (Embedding, pooling, merging, normalization layers)
from .recurrent import *  # noqa: E402,F403  (SimpleRNN, LSTM, GRU, their cells, RNN, Bidirectional)
from .small_layers import *  # noqa: E402,F403  (ELU, PReLU, Permute, RepeatVector, noise, Normalization, ...)


def _experimental():
    """keras.layers.experimental.preprocessing (TF 2.3-2.5's home of the preprocessing layers)."""
    import types

    exp = types.ModuleType(__name__ + ".experimental", "keras.layers.experimental")
    pre = types.ModuleType(exp.__name__ + ".preprocessing", "keras.layers.experimental.preprocessing")
    for cls in (Rescaling, Normalization, RandomFlip):  # noqa: F405  (from the modules above)
        setattr(pre, cls.__name__, cls)
    exp.preprocessing = pre
    sys.modules[exp.__name__], sys.modules[pre.__name__] = exp, pre
    return exp


experimental = _experimental()

__all__ = [n for n, v in list(vars(sys.modules[__name__]).items()) if isinstance(v, type) and issubclass(v, Layer)] + [
    "Input",
    "KerasTensor",
]
