"""keras.losses: each loss is a per-example function (y_true, y_pred) -> [batch] and a class whose
call reduces it as Keras does by default ("sum_over_batch_size": the mean over the batch, sample
weights multiplying first). Probabilities are clipped to [1e-7, 1 - 1e-7] as Keras's epsilon."""

import re

from ..framework.tensor import Tensor, convert_to_tensor
from ..ops.gen_ops import OPS
from .serialization import Recorded

EPSILON = 1e-7


def _t(x, dtype=None):
    return x if isinstance(x, Tensor) else convert_to_tensor(x, dtype)


def _float(x, like):
    x = _t(x)
    return x if x.dtype == like.dtype else OPS["cast"](x, like.dtype.name)


def _clipped_log(p):
    return OPS["log"](OPS["minimum"](OPS["maximum"](p, EPSILON), 1.0 - EPSILON))


def mean_squared_error(y_true, y_pred):
    y_pred = _t(y_pred)
    return OPS["reduce_mean"](OPS["square"](_float(y_true, y_pred) - y_pred), -1)


def mean_absolute_error(y_true, y_pred):
    y_pred = _t(y_pred)
    return OPS["reduce_mean"](OPS["abs"](_float(y_true, y_pred) - y_pred), -1)


def categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1):
    y_pred = _t(y_pred)
    y_true = _float(y_true, y_pred)
    if from_logits:
        return OPS["softmax_cross_entropy_with_logits"](y_true, y_pred)
    p = y_pred / OPS["reduce_sum"](y_pred, -1, True)  # Keras normalizes the probabilities first
    return -OPS["reduce_sum"](y_true * _clipped_log(p), -1)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1):
    y_pred = _t(y_pred)
    labels = _t(y_true)
    if len(labels.shape) == len(y_pred.shape):  # labels [batch, 1], as Keras allows
        labels = OPS["squeeze"](labels, -1)
    labels = OPS["cast"](labels, "int32")
    if from_logits:
        return OPS["sparse_softmax_cross_entropy_with_logits"](labels, y_pred)
    hot = OPS["one_hot"](labels, int(y_pred.shape[-1]))
    return -OPS["reduce_sum"](OPS["cast"](hot, y_pred.dtype.name) * _clipped_log(y_pred), -1)


def binary_crossentropy(y_true, y_pred, from_logits=False):
    y_pred = _t(y_pred)
    z = _float(y_true, y_pred)
    if from_logits:  # max(x, 0) - x z + log(1 + e^-|x|), stable for large |x|
        x = y_pred
        per = OPS["relu"](x) - x * z + OPS["softplus"](-OPS["abs"](x))
    else:
        per = -(z * _clipped_log(y_pred) + (1.0 - z) * _clipped_log(1.0 - y_pred))
    return OPS["reduce_mean"](per, -1)


class Loss(Recorded):
    """keras.losses.Loss: loss(y_true, y_pred, sample_weight=None) -> a scalar (the batch mean)."""

    def __init__(self, reduction="sum_over_batch_size", name=None, **kwargs):
        if reduction not in ("sum_over_batch_size", "sum", "none", None, "auto"):
            raise ValueError("Invalid value for argument `reduction`: %r" % (reduction,))
        self.reduction = reduction or "none"
        self.name = name or re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", type(self).__name__).lower()

    def call(self, y_true, y_pred):
        raise NotImplementedError

    def __call__(self, y_true, y_pred, sample_weight=None):
        per = self.call(y_true, y_pred)
        if sample_weight is not None:
            w = _float(sample_weight, per)
            if len(w.shape) > len(per.shape):
                w = OPS["reshape"](w, list(per.shape))
            per = per * w
        if self.reduction == "none":
            return per
        total = OPS["reduce_sum"](per)
        if self.reduction == "sum":
            return total
        n = 1
        for d in per.shape:
            n *= d
        return total / float(max(n, 1))

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class LossFunctionWrapper(Loss):
    def __init__(self, fn, name=None, reduction="sum_over_batch_size", **fn_kwargs):
        Loss.__init__(self, reduction=reduction, name=name or fn.__name__)
        self.fn, self.fn_kwargs = fn, fn_kwargs

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred, **self.fn_kwargs)


class MeanSquaredError(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error"):
        LossFunctionWrapper.__init__(self, mean_squared_error, name, reduction)


class MeanAbsoluteError(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error"):
        LossFunctionWrapper.__init__(self, mean_absolute_error, name, reduction)


class CategoricalCrossentropy(LossFunctionWrapper):
    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction="sum_over_batch_size",
        name="categorical_crossentropy",
    ):
        if label_smoothing:
            raise NotImplementedError("CategoricalCrossentropy(label_smoothing=...) is not provided by xtape yet")
        LossFunctionWrapper.__init__(self, categorical_crossentropy, name, reduction, from_logits=from_logits)
        self.from_logits = from_logits


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    def __init__(
        self,
        from_logits=False,
        ignore_class=None,
        reduction="sum_over_batch_size",
        name="sparse_categorical_crossentropy",
    ):
        if ignore_class is not None:
            raise NotImplementedError("SparseCategoricalCrossentropy(ignore_class=...) is not provided by xtape yet")
        LossFunctionWrapper.__init__(self, sparse_categorical_crossentropy, name, reduction, from_logits=from_logits)
        self.from_logits = from_logits


class BinaryCrossentropy(LossFunctionWrapper):
    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction="sum_over_batch_size",
        name="binary_crossentropy",
    ):
        if label_smoothing:
            raise NotImplementedError("BinaryCrossentropy(label_smoothing=...) is not provided by xtape yet")
        LossFunctionWrapper.__init__(self, binary_crossentropy, name, reduction, from_logits=from_logits)
        self.from_logits = from_logits


def huber(y_true, y_pred, delta=1.0):
    """The mean over the last axis of 0.5 e^2 where |e| <= delta, delta (|e| - delta / 2) elsewhere."""
    y_pred = _t(y_pred)
    err = OPS["abs"](_float(y_true, y_pred) - y_pred)
    quad = OPS["minimum"](err, float(delta))
    return OPS["reduce_mean"](0.5 * quad * quad + float(delta) * (err - quad), -1)


def kl_divergence(y_true, y_pred):
    """sum over the last axis of y_true log(y_true / y_pred), both clipped to [eps, 1]."""
    y_pred = _t(y_pred)
    clip = lambda v: OPS["minimum"](OPS["maximum"](v, EPSILON), 1.0)  # noqa: E731
    t, p = clip(_float(y_true, y_pred)), clip(y_pred)
    return OPS["reduce_sum"](t * OPS["log"](t / p), -1)


class Huber(LossFunctionWrapper):
    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss"):
        LossFunctionWrapper.__init__(self, huber, name, reduction, delta=delta)


class KLDivergence(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence"):
        LossFunctionWrapper.__init__(self, kl_divergence, name, reduction)


mse = MSE = mean_squared_error
kld = KLD = kullback_leibler_divergence = kl_divergence
mae = MAE = mean_absolute_error
_BY_NAME = {
    "mse": MeanSquaredError,
    "mean_squared_error": MeanSquaredError,
    "mae": MeanAbsoluteError,
    "mean_absolute_error": MeanAbsoluteError,
    "categorical_crossentropy": CategoricalCrossentropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
    "binary_crossentropy": BinaryCrossentropy,
    "huber": Huber,
    "huber_loss": Huber,
    "kl_divergence": KLDivergence,
    "kld": KLDivergence,
}


def get(identifier):
    """A Loss from a name ('sparse_categorical_crossentropy', 'mse', ...), an instance or a
    function (y_true, y_pred) -> per-example losses."""
    if isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, str):
        if identifier not in _BY_NAME:
            raise ValueError("Could not interpret loss identifier: %s" % identifier)
        return _BY_NAME[identifier]()
    if callable(identifier):
        return LossFunctionWrapper(identifier, getattr(identifier, "__name__", "loss"))
    raise ValueError("Could not interpret loss identifier: %r" % (identifier,))
