"""keras.metrics: stateful metrics (update_state, result, reset_state) whose state is float32
variables, as in Keras (total and count for the means), so that updating them inside a traced
train step is recorded and replayed with it. result() is a float32 scalar tensor."""

from ..framework.tensor import Tensor, convert_to_tensor
from ..ops.gen_ops import OPS
from ..ops.variables import Variable
from . import losses as _losses
from .serialization import Recorded


def _t(x):
    return x if isinstance(x, Tensor) else convert_to_tensor(x)


def _float32(x):
    x = _t(x)
    return x if x.dtype.name == "float32" else OPS["cast"](x, "float32")


class Metric(Recorded):
    """keras.metrics.Metric: subclasses make their state with add_variable (add_weight) and write
    update_state and result."""

    def __init__(self, name=None, dtype=None):
        self.name = name or type(self).__name__.lower()
        self._dtype = "float32" if dtype is None else getattr(dtype, "name", dtype)
        self._variables = []

    def add_variable(self, shape=(), initializer="zeros", dtype=None, aggregation="sum", name=None):
        """A non-trainable state variable, zeros (Keras: add_variable / add_weight)."""
        from . import initializers as _initializers

        init = _initializers.get(initializer)
        value = init(list(shape), dtype or self._dtype)
        v = Variable(value, trainable=False, name=name or "variable")
        self._variables.append(v)
        return v

    def add_weight(self, name=None, shape=(), initializer="zeros", dtype=None, aggregation="sum", **kwargs):
        return self.add_variable(shape, initializer, dtype, aggregation, name)

    @property
    def variables(self):
        return list(self._variables)

    def reset_state(self):
        for v in self._variables:
            v.assign(OPS["zeros_like"](v))

    reset_states = reset_state  # Keras 2's name

    def update_state(self, *args, **kwargs):
        raise NotImplementedError("%s must implement update_state" % type(self).__name__)

    def result(self):
        raise NotImplementedError("%s must implement result" % type(self).__name__)

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self):
        return {"name": self.name}

    def __repr__(self):
        return "<%s name=%s>" % (type(self).__name__, self.name)


class Mean(Metric):
    """keras.metrics.Mean(): the (weighted) mean of every value given: total / count."""

    def __init__(self, name="mean", dtype=None):
        Metric.__init__(self, name, dtype)
        self.total = self.add_variable(name="total")
        self.count = self.add_variable(name="count")

    def update_state(self, values, sample_weight=None):
        """total += sum(values * w), count += sum(w) (w broadcast to values; 1 when none)."""
        values = _float32(values)
        n = 1
        for d in values.shape:
            n *= d
        total = values if not values.shape else OPS["reduce_sum"](values)
        if sample_weight is None:
            self.total.assign_add(total)
            self.count.assign_add(float(n))
        elif isinstance(sample_weight, (int, float)):  # one weight for all (fit's loss: the batch size)
            self.total.assign_add(total * float(sample_weight))
            self.count.assign_add(float(sample_weight) * n)
        else:
            w = _float32(sample_weight)
            self.total.assign_add(OPS["reduce_sum"](values * w))
            self.count.assign_add(OPS["reduce_sum"](OPS["broadcast_to"](w, list(values.shape))))

    def result(self):
        """total / count, 0 while count is 0 (Keras's divide_no_nan)."""
        return OPS["where"](OPS["equal"](self.count, 0.0), 0.0, self.total / self.count)


class Sum(Metric):
    """keras.metrics.Sum(): the (weighted) sum of every value given."""

    def __init__(self, name="sum", dtype=None):
        Metric.__init__(self, name, dtype)
        self.total = self.add_variable(name="total")

    def update_state(self, values, sample_weight=None):
        v = _float32(values)
        self.total.assign_add(OPS["reduce_sum"](v if sample_weight is None else v * _float32(sample_weight)))

    def result(self):
        return self.total.value()


class MeanMetricWrapper(Mean):
    """The mean of fn(y_true, y_pred) over examples."""

    def __init__(self, fn, name=None, dtype=None, **fn_kwargs):
        self._fn, self._fn_kwargs = fn, fn_kwargs
        Mean.__init__(self, name or fn.__name__, dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        Mean.update_state(self, self._fn(y_true, y_pred, **self._fn_kwargs), sample_weight)


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


class _Confusion(Metric):
    """Precision and Recall: counts of true positives and of false positives or negatives, with
    predictions above `thresholds` (0.5) counted as positive; result tp / (tp + other)."""

    _other = None

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        Metric.__init__(self, name, dtype)
        if top_k is not None or class_id is not None or isinstance(thresholds, (list, tuple)):
            raise NotImplementedError(
                "%s: top_k, class_id and several thresholds are not provided by xtape" % type(self).__name__
            )
        self.thresholds = 0.5 if thresholds is None else float(thresholds)
        self.true_positives = self.add_variable(name="true_positives")
        self.other = self.add_variable(name=self._other)

    def update_state(self, y_true, y_pred, sample_weight=None):
        t = OPS["cast"](OPS["greater_equal"](_float32(y_true), 0.5), "float32")
        p = OPS["cast"](OPS["greater"](_float32(y_pred), self.thresholds), "float32")
        w = 1.0 if sample_weight is None else _float32(sample_weight)
        self.true_positives.assign_add(OPS["reduce_sum"](t * p * w))
        miss = (1.0 - t) * p if self._other == "false_positives" else t * (1.0 - p)
        self.other.assign_add(OPS["reduce_sum"](miss * w))

    def result(self):
        total = self.true_positives + self.other
        empty = OPS["equal"](total, 0.0)
        return OPS["where"](empty, OPS["zeros_like"](total), self.true_positives / OPS["where"](empty, 1.0, total))


class Precision(_Confusion):
    """keras.metrics.Precision(): tp / (tp + fp)."""

    _other = "false_positives"

    def __init__(self, thresholds=None, top_k=None, class_id=None, name="precision", dtype=None):
        _Confusion.__init__(self, thresholds, top_k, class_id, name, dtype)


class Recall(_Confusion):
    """keras.metrics.Recall(): tp / (tp + fn)."""

    _other = "false_negatives"

    def __init__(self, thresholds=None, top_k=None, class_id=None, name="recall", dtype=None):
        _Confusion.__init__(self, thresholds, top_k, class_id, name, dtype)


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    from ..ops.composite_ops import in_top_k

    return OPS["cast"](in_top_k(OPS["argmax"](_t(y_true), -1, "int32"), _t(y_pred), k), "float32")


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    from ..ops.composite_ops import in_top_k

    y_true = _t(y_true)
    if len(y_true.shape) == len(_t(y_pred).shape):
        y_true = OPS["squeeze"](y_true, -1)
    return OPS["cast"](in_top_k(y_true, _t(y_pred), k), "float32")


class TopKCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        MeanMetricWrapper.__init__(self, top_k_categorical_accuracy, name, dtype, k=k)


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None):
        MeanMetricWrapper.__init__(self, sparse_top_k_categorical_accuracy, name, dtype, k=k)


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
    "precision": Precision,
    "recall": Recall,
    "top_k_categorical_accuracy": TopKCategoricalAccuracy,
    "sparse_top_k_categorical_accuracy": SparseTopKCategoricalAccuracy,
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
