"""keras.metrics: stateful metrics (update_state, result, reset_state) whose running totals are
kept in float64 on the Python side, so that a mean over an epoch of batches is exact to the
last digit shown. result() is a float32 scalar tensor, as in Keras."""

from ..framework.constant_op import constant
from ..framework.tensor import Tensor, convert_to_tensor
from ..ops.gen_ops import OPS
from . import losses as _losses


def _t(x):
    return x if isinstance(x, Tensor) else convert_to_tensor(x)


class Metric:
    """keras.metrics.Metric"""

    def __init__(self, name=None, dtype=None):
        self.name = name or type(self).__name__.lower()
        self.reset_state()

    def reset_state(self):
        self._total, self._count = 0.0, 0.0

    reset_states = reset_state  # Keras 2's name

    def update_state(self, *args, **kwargs):
        raise NotImplementedError

    def result(self):
        return constant(self._total / self._count if self._count else 0.0)

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def _add(self, values, sample_weight=None):
        """Adds per-example values (a tensor) to the mean, weighted."""
        values = _t(values)
        if values.dtype.name != "float32":
            values = OPS["cast"](values, "float32")
        if sample_weight is None:
            n = 1
            for d in values.shape:
                n *= d
            self._total += float(OPS["reduce_sum"](values))
            self._count += n
        else:
            w = OPS["cast"](_t(sample_weight), "float32")
            self._total += float(OPS["reduce_sum"](values * w))
            self._count += float(OPS["reduce_sum"](OPS["broadcast_to"](w, list(values.shape))))

    def get_config(self):
        return {"name": self.name}

    def __repr__(self):
        return "<%s name=%s>" % (type(self).__name__, self.name)


class Mean(Metric):
    """keras.metrics.Mean(): the (weighted) mean of every value given."""

    def update_state(self, values, sample_weight=None):
        self._add(values, sample_weight)


class Sum(Metric):
    def update_state(self, values, sample_weight=None):
        v = OPS["cast"](_t(values), "float32")
        self._total += float(OPS["reduce_sum"](v if sample_weight is None else v * _t(sample_weight)))
        self._count = 1.0


class MeanMetricWrapper(Mean):
    """The mean of fn(y_true, y_pred) over examples."""

    def __init__(self, fn, name=None, dtype=None, **fn_kwargs):
        self._fn, self._fn_kwargs = fn, fn_kwargs
        Mean.__init__(self, name or fn.__name__, dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        self._add(self._fn(y_true, y_pred, **self._fn_kwargs), sample_weight)


def accuracy(y_true, y_pred):
    y_true, y_pred = _t(y_true), _t(y_pred)
    if y_true.dtype != y_pred.dtype:
        y_pred = OPS["cast"](y_pred, y_true.dtype.name)
    return OPS["cast"](OPS["equal"](y_true, y_pred), "float32")


def sparse_categorical_accuracy(y_true, y_pred):
    y_true, y_pred = _t(y_true), _t(y_pred)
    if len(y_true.shape) == len(y_pred.shape):
        y_true = OPS["squeeze"](y_true, -1)
    pred = OPS["argmax"](y_pred, -1, "int32")
    return OPS["cast"](OPS["equal"](OPS["cast"](y_true, "int32"), pred), "float32")


def categorical_accuracy(y_true, y_pred):
    y_true, y_pred = _t(y_true), _t(y_pred)
    return OPS["cast"](OPS["equal"](OPS["argmax"](y_true, -1, "int32"), OPS["argmax"](y_pred, -1, "int32")), "float32")


def binary_accuracy(y_true, y_pred, threshold=0.5):
    y_true, y_pred = _t(y_true), _t(y_pred)
    pred = OPS["cast"](y_pred > threshold, "float32")
    return OPS["cast"](OPS["equal"](OPS["cast"](y_true, "float32"), pred), "float32")


class Accuracy(MeanMetricWrapper):
    def __init__(self, name="accuracy", dtype=None):
        MeanMetricWrapper.__init__(self, accuracy, name, dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        MeanMetricWrapper.__init__(self, sparse_categorical_accuracy, name, dtype)


class CategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, name="categorical_accuracy", dtype=None):
        MeanMetricWrapper.__init__(self, categorical_accuracy, name, dtype)


class BinaryAccuracy(MeanMetricWrapper):
    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        MeanMetricWrapper.__init__(self, binary_accuracy, name, dtype, threshold=threshold)


class MeanSquaredError(MeanMetricWrapper):
    def __init__(self, name="mean_squared_error", dtype=None):
        MeanMetricWrapper.__init__(self, _losses.mean_squared_error, name, dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    def __init__(self, name="mean_absolute_error", dtype=None):
        MeanMetricWrapper.__init__(self, _losses.mean_absolute_error, name, dtype)


class _Accuracy(MeanMetricWrapper):
    """compile(metrics=['accuracy']): Keras picks the accuracy by the loss, else by the shapes
    (binary for one output column, categorical when labels are one-hot, else sparse); the name
    stays 'accuracy'."""

    def __init__(self, loss=None, name="accuracy"):
        self._loss = loss
        MeanMetricWrapper.__init__(self, self._pick, name)

    def _pick(self, y_true, y_pred):
        y_true, y_pred = _t(y_true), _t(y_pred)
        loss = self._loss
        if isinstance(loss, _losses.SparseCategoricalCrossentropy):
            fn = sparse_categorical_accuracy
        elif isinstance(loss, _losses.CategoricalCrossentropy):
            fn = categorical_accuracy
        elif isinstance(loss, _losses.BinaryCrossentropy) or (y_pred.shape and y_pred.shape[-1] == 1):
            fn = binary_accuracy
        elif len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == y_pred.shape[-1] and y_pred.shape[-1] > 1:
            fn = categorical_accuracy
        else:
            fn = sparse_categorical_accuracy
        return fn(y_true, y_pred)


_BY_NAME = {
    "sparse_categorical_accuracy": SparseCategoricalAccuracy,
    "categorical_accuracy": CategoricalAccuracy,
    "binary_accuracy": BinaryAccuracy,
    "mse": MeanSquaredError,
    "mean_squared_error": MeanSquaredError,
    "mae": MeanAbsoluteError,
    "mean_absolute_error": MeanAbsoluteError,
}


def get(identifier, loss=None):
    """A Metric from a name ('accuracy', 'mae', ...), a Metric or a function (its mean)."""
    if isinstance(identifier, Metric):
        return identifier
    if identifier in ("accuracy", "acc"):
        return _Accuracy(loss, identifier)
    if isinstance(identifier, str):
        if identifier not in _BY_NAME:
            raise ValueError("Could not interpret metric identifier: %s" % identifier)
        metric = _BY_NAME[identifier]()
        metric.name = identifier
        return metric
    if callable(identifier):
        return MeanMetricWrapper(identifier, getattr(identifier, "__name__", "metric"))
    raise ValueError("Could not interpret metric identifier: %r" % (identifier,))
